"""Times `apply` of three value specs beside equivalent hand-written checks.

Run: ``python benchmarks/typing_bench.py``. Prints microseconds per call for
an ``Int(min_value=0)``, a ``List(Int())`` of 100 items and a ``Dict`` of 6
fields, each next to a function of plain ``isinstance`` checks doing the same
validation, measured in the same run; the target is a ratio within 3x,
which ``--check`` asserts (with the margin of `_check`).

Run: python benchmarks/typing_bench.py [--check]
"""
from __future__ import annotations

import time
import timeit
from typing import Any, Callable

from pyglove import typing as pg_typing

from _check import check
from _check import check_requested

ROUNDS = 5


def check_int(value: Any) -> Any:
  if not isinstance(value, int) or isinstance(value, bool):
    raise TypeError(f'Expected int, got {value!r}.')
  if value < 0:
    raise ValueError(f'Value {value!r} is out of range (min=0).')
  return value


def check_int_list(value: Any) -> Any:
  if not isinstance(value, list):
    raise TypeError(f'Expected list, got {value!r}.')
  for i, item in enumerate(value):
    if not isinstance(item, int) or isinstance(item, bool):
      raise TypeError(f'Expected int at [{i}], got {item!r}.')
  return value


def check_dict(value: Any) -> Any:
  """The hand-written equivalent of the 6-field Dict spec below."""
  if not isinstance(value, dict):
    raise TypeError(f'Expected dict, got {value!r}.')
  for key in value:
    if key not in _DICT_KEYS:
      raise KeyError(f'Unknown key {key!r}.')
  a = value.get('a', 1)
  if not isinstance(a, int) or isinstance(a, bool) or a < 0:
    raise ValueError(f'Bad a: {a!r}.')
  value['a'] = a
  b = value.get('b', 0.5)
  if isinstance(b, int) and not isinstance(b, bool):
    b = float(b)
  if not isinstance(b, float) or not 0.0 <= b <= 1.0:
    raise ValueError(f'Bad b: {b!r}.')
  value['b'] = b
  c = value.get('c', 'x')
  if not isinstance(c, str):
    raise TypeError(f'Bad c: {c!r}.')
  value['c'] = c
  d = value.get('d', True)
  if not isinstance(d, bool):
    raise TypeError(f'Bad d: {d!r}.')
  value['d'] = d
  e = value.get('e', None)
  if e is not None and not isinstance(e, str):
    raise TypeError(f'Bad e: {e!r}.')
  value['e'] = e
  f = value.get('f', 'relu')
  if f not in ('relu', 'tanh'):
    raise ValueError(f'Bad f: {f!r}.')
  value['f'] = f
  return value


_DICT_KEYS = frozenset('abcdef')

INT_SPEC = pg_typing.Int(min_value=0)
LIST_SPEC = pg_typing.List(pg_typing.Int())
DICT_SPEC = pg_typing.Dict([
    ('a', pg_typing.Int(default=1, min_value=0)),
    ('b', pg_typing.Float(default=0.5, min_value=0.0, max_value=1.0)),
    ('c', pg_typing.Str(default='x')),
    ('d', pg_typing.Bool(default=True)),
    ('e', pg_typing.Str().noneable()),
    ('f', pg_typing.Enum('relu', ['relu', 'tanh'])),
])


def per_call_us(fn: Callable[[], Any], number: int) -> float:
  """The best of ROUNDS timings, in microseconds per call."""
  return min(timeit.repeat(fn, number=number, repeat=ROUNDS,
                           timer=time.process_time)) / number * 1e6


def main() -> None:
  items = list(range(100))
  record = {'a': 3, 'b': 0.25, 'c': 'y', 'd': False, 'e': None, 'f': 'tanh'}
  cases = [
      ('Int(min_value=0)', lambda: INT_SPEC.apply(5), lambda: check_int(5),
       200_000),
      ('List(Int()) x100', lambda: LIST_SPEC.apply(items),
       lambda: check_int_list(items), 5_000),
      ('Dict of 6 fields', lambda: DICT_SPEC.apply(record),
       lambda: check_dict(record), 50_000),
  ]
  print(f'{"case":<20}{"spec.apply (us)":>16}{"hand-written (us)":>19}'
        f'{"ratio":>8}')
  ratios = {}
  for name, spec_fn, hand_fn, number in cases:
    spec_us = per_call_us(spec_fn, number)
    hand_us = per_call_us(hand_fn, number)
    ratios[name] = (spec_us / hand_us, 3)
    print(f'{name:<20}{spec_us:>16.3f}{hand_us:>19.3f}'
          f'{spec_us / hand_us:>7.2f}x')
  if check_requested():
    check(ratios)


if __name__ == '__main__':
  main()
