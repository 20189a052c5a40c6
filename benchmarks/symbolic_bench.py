"""Times the hot paths of pg.symbolic beside their plain-Python limits.

Two workloads: a 6-field object, and a MobileNetV2-shaped tree (17 blocks of
3 conv layers, ~200 nodes). Each operation is timed next to the closest thing
plain Python can do (a `__slots__` class with isinstance checks, or the same
tree as dicts and lists with `copy.deepcopy` and `json`), measured in the
same run. Prints a table of µs per call and the ratio; with ``--check``,
asserts the goals below (with the margin of `_check`). The reference
column of the README is measured by `reference_bench.py` on these trees.

The README's reference column runs this file with the interpreter where
the reference PyGlove 0.4.5 is installed, on the same trees and baselines
(``--rounds-divisor 50``: it is two orders of magnitude slower); the
project never depends on it.

Run: python benchmarks/symbolic_bench.py [--check] [--profile]
     [--rounds-divisor N]
"""
from __future__ import annotations

import copy
import cProfile
import json
import pstats
import sys
from typing import Any, Callable

import pyglove as pg

from _check import check
from _check import check_requested
from _check import paired_best_us

NUM_BLOCKS = 17
REPEATS = 7

# Same-run ratios to the plain-Python baseline that must hold.
GOALS = {
    'construct 6-field object': 4,
    'construct 17x3 tree': 6,  # A regression guard (the goal is the 6-field object's).
    'clone(deep=True)': 1,
    'rebind 10 paths': 10,
    'to_json + from_json': 4,
    '== (equal trees)': 8,
}


class Conv(pg.Object):
  filters: int
  kernel: int = 3
  strides: int = 1
  activation: str = 'relu'
  use_bias: bool = False
  name: str = ''


class Block(pg.Object):
  expand: Conv
  depthwise: Conv
  project: Conv
  residual: bool = True


class Net(pg.Object):
  stem: Conv
  blocks: list
  head: Conv


class PlainConv:
  """The limit for constructing a checked 6-field object."""

  __slots__ = ('filters', 'kernel', 'strides', 'activation', 'use_bias', 'name')

  def __init__(self, filters, kernel=3, strides=1, activation='relu',
               use_bias=False, name=''):
    if not isinstance(filters, int):
      raise TypeError(filters)
    if not isinstance(kernel, int):
      raise TypeError(kernel)
    if not isinstance(strides, int):
      raise TypeError(strides)
    if not isinstance(activation, str):
      raise TypeError(activation)
    if not isinstance(use_bias, bool):
      raise TypeError(use_bias)
    if not isinstance(name, str):
      raise TypeError(name)
    self.filters = filters
    self.kernel = kernel
    self.strides = strides
    self.activation = activation
    self.use_bias = use_bias
    self.name = name


class PlainBlock:
  __slots__ = ('expand', 'depthwise', 'project', 'residual')

  def __init__(self, expand, depthwise, project, residual=True):
    for v in (expand, depthwise, project):
      if not isinstance(v, PlainConv):
        raise TypeError(v)
    self.expand, self.depthwise, self.project = expand, depthwise, project
    self.residual = residual


def make_net() -> Net:
  blocks = [
      Block(Conv(16 * (i + 1), 1, name=f'e{i}'),
            Conv(16 * (i + 1), 3, strides=2 if i % 4 == 0 else 1,
                 name=f'd{i}'),
            Conv(8 * (i + 1), 1, activation='linear', name=f'p{i}'))
      for i in range(NUM_BLOCKS)]
  return Net(Conv(32, 3, 2, name='stem'), blocks, Conv(1280, 1, name='head'))


def make_plain_net() -> list[PlainBlock]:
  return [
      PlainBlock(PlainConv(16 * (i + 1), 1, name=f'e{i}'),
                 PlainConv(16 * (i + 1), 3, strides=2 if i % 4 == 0 else 1,
                           name=f'd{i}'),
                 PlainConv(8 * (i + 1), 1, activation='linear', name=f'p{i}'))
      for i in range(NUM_BLOCKS)]


def _conv_dict(c: Conv) -> dict[str, Any]:
  return dict(filters=c.filters, kernel=c.kernel, strides=c.strides,
              activation=c.activation, use_bias=c.use_bias, name=c.name)


def make_dict_net() -> dict[str, Any]:
  net = make_net()
  return {
      'stem': _conv_dict(net.stem),
      'blocks': [{'expand': _conv_dict(b.expand),
                  'depthwise': _conv_dict(b.depthwise),
                  'project': _conv_dict(b.project),
                  'residual': b.residual} for b in net.blocks],
      'head': _conv_dict(net.head),
  }


REBIND_PATHS = [f'blocks[{i}].depthwise.filters' for i in range(0, 17, 2)] + [
    'head.filters']


def dict_set_path(tree: Any, keys: list[Any], value: Any) -> None:
  for k in keys[:-1]:
    tree = tree[k]
  if not isinstance(value, int):
    raise TypeError(value)
  tree[keys[-1]] = value


DICT_REBIND_KEYS = [pg.KeyPath.parse(p).keys for p in REBIND_PATHS]


def dict_walk(value: Any, fn: Callable[[Any], Any]) -> None:
  fn(value)
  if isinstance(value, dict):
    for v in value.values():
      dict_walk(v, fn)
  elif isinstance(value, list):
    for v in value:
      dict_walk(v, fn)


def dict_query(value: Any, where: Callable[[Any], bool]) -> list[Any]:
  found = []
  dict_walk(value, lambda v: found.append(v) if where(v) else None)
  return found


def dict_hash(value: Any) -> int:
  if isinstance(value, dict):
    return hash(frozenset((k, dict_hash(v)) for k, v in value.items()))
  if isinstance(value, list):
    return hash(tuple([dict_hash(v) for v in value]))
  return hash(value)


def cases() -> list[tuple[str, Callable[[], Any], Callable[[], Any], int]]:
  # The rebind cases mutate `net`/`dict_net`; the read-only cases get their
  # own untouched copies, so that e.g. `==` really compares equal trees.
  net = make_net()
  dict_net = make_dict_net()
  fixed = make_net()
  other = make_net()
  dict_fixed = make_dict_net()
  dict_other = make_dict_net()
  net_json = fixed.to_json()
  dict_text = json.dumps(dict_fixed)
  is_conv = lambda v: isinstance(v, Conv)
  is_conv_dict = lambda v: isinstance(v, dict) and 'filters' in v

  def rebind_paths():
    net.rebind({p: 64 for p in REBIND_PATHS}, raise_on_no_change=False)

  def dict_rebind_paths():
    for keys in DICT_REBIND_KEYS:
      dict_set_path(dict_net, keys, 64)

  def double_filters(k, v, p):
    return v * 2 if isinstance(p, Conv) and k.key == 'filters' else v

  def rebind_fn():
    net.rebind(double_filters, raise_on_no_change=False)

  def dict_rebind_fn():
    def visit(v):
      if isinstance(v, dict) and 'filters' in v:
        v['filters'] = v['filters'] * 2
    dict_walk(dict_net, visit)

  return [
      ('construct 6-field object', lambda: Conv(16, 3, 1, 'relu', False, 'c'),
       lambda: PlainConv(16, 3, 1, 'relu', False, 'c'), 20000),
      ('construct 17x3 tree', make_net, make_plain_net, 200),
      ('clone(deep=True)', lambda: fixed.clone(deep=True),
       lambda: copy.deepcopy(dict_fixed), 200),
      ('rebind 10 paths', rebind_paths, dict_rebind_paths, 1000),
      ('rebind(fn) whole tree', rebind_fn, dict_rebind_fn, 200),
      ('query(where=...)', lambda: pg.query(fixed, where=is_conv),
       lambda: dict_query(dict_fixed, is_conv_dict), 500),
      ('to_json + from_json', lambda: pg.from_json(fixed.to_json()),
       lambda: json.loads(json.dumps(dict_fixed)), 200),
      ('to_json only', fixed.to_json, lambda: json.dumps(dict_fixed), 500),
      ('from_json only', lambda: pg.from_json(net_json),
       lambda: json.loads(dict_text), 200),
      ('JSON text round trip',
       lambda: pg.from_json_str(fixed.to_json_str()),
       lambda: json.loads(json.dumps(dict_fixed)), 200),
      ('== (equal trees)', lambda: fixed == other,
       lambda: dict_fixed == dict_other, 500),
      ('pg.hash', lambda: pg.hash(fixed), lambda: dict_hash(dict_fixed), 500),
  ]


def main() -> None:
  print(f'{"operation":28s} {"ours µs":>10s} {"baseline µs":>12s} {"ratio":>8s}')
  ratios = {}
  divisor = _rounds_divisor()
  for name, ours, baseline, rounds in cases():
    ours_us, base_us = paired_best_us(ours, baseline,
                                      max(1, rounds // divisor), REPEATS)
    ratios[name] = ours_us / base_us
    print(f'{name:28s} {ours_us:10.2f} {base_us:12.2f} '
          f'{ours_us / base_us:7.1f}x', flush=True)
  if '--profile' in sys.argv:
    profile()
  if check_requested():
    check({name: (ratios[name], goal) for name, goal in GOALS.items()})


def _rounds_divisor() -> int:
  if '--rounds-divisor' in sys.argv:
    return int(sys.argv[sys.argv.index('--rounds-divisor') + 1])
  return 1


def profile() -> None:
  """Prints the top functions by own time over all our operations."""
  ours = [(name, fn, rounds) for name, fn, _, rounds in cases()]
  profiler = cProfile.Profile()
  profiler.enable()
  for _, fn, rounds in ours:
    for _ in range(max(1, rounds // 10)):
      fn()
  profiler.disable()
  pstats.Stats(profiler).sort_stats('tottime').print_stats(25)


if __name__ == '__main__':
  main()
