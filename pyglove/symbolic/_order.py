"""`pg.lt` / `pg.gt`: a total order over any values, for sorting mixed values.

  MISSING_VALUE < None < numbers (bool, int, float) < str < lists and tuples
  < sets < dicts < symbolic objects < other values (as the reference).

Within a rank: numbers by value, strings lexicographically, sequences element
by element (then by length, then lists before tuples), dicts by their items
sorted by key, sets by their sorted elements, symbolic objects by ``module.QualName`` and then by field
values in field order, other values by type name and then by their own ``<``
when they have one.
"""
from __future__ import annotations

import functools
import numbers
from typing import Any

from pyglove.symbolic._base import Symbolic
from pyglove.symbolic._eq import items_of
from pyglove.symbolic._eq import values_of
from pyglove.utils import MISSING_VALUE

# Rank of each kind of value in the total order.
_RANK_MISSING = 0
_RANK_NONE = 1
_RANK_NUMBER = 2
_RANK_STR = 3
_RANK_SEQUENCE = 4
_RANK_SET = 5
_RANK_DICT = 6
_RANK_SYMBOLIC = 7
_RANK_OTHER = 8


def _rank(value: Any) -> int:
  value_type = type(value)
  if value_type is int or value_type is float or value_type is bool:
    return _RANK_NUMBER
  if value_type is str:
    return _RANK_STR
  if value is None:
    return _RANK_NONE
  if value is MISSING_VALUE:
    return _RANK_MISSING
  if isinstance(value, (list, tuple)):
    return _RANK_SEQUENCE
  if isinstance(value, dict):
    return _RANK_DICT
  if isinstance(value, (set, frozenset)):
    return _RANK_SET
  if isinstance(value, Symbolic):
    return _RANK_SYMBOLIC
  if isinstance(value, numbers.Real):
    return _RANK_NUMBER
  if isinstance(value, str):
    return _RANK_STR
  return _RANK_OTHER


def lt(left: Any, right: Any) -> bool:
  """Whether `left` sorts before `right` in the total order of this module.

  The order (see the module docstring) ranks kinds of values first, so
  mixed values sort without raising: ``None < 1 < 'a' < [0] < {} < A()``.

  Example:
    >>> lt(None, 0), lt(3.5, 'x'), lt('x', [2]), lt([2], {'a': 1})
    (True, True, True, True)
    >>> lt([1, 2], [1, 3])
    True
  """
  return compare(left, right) < 0


def gt(left: Any, right: Any) -> bool:
  """Whether `left` sorts after `right`: ``lt(right, left)``.

  Example:
    >>> gt('a', 1)
    True
  """
  return compare(left, right) > 0


def compare(left: Any, right: Any) -> int:
  """-1, 0 or 1 as `left` sorts before, with or after `right`."""
  if left is right:
    return 0
  left_rank, right_rank = _rank(left), _rank(right)
  if left_rank != right_rank:
    return -1 if left_rank < right_rank else 1
  if left_rank == _RANK_NUMBER or left_rank == _RANK_STR:
    return -1 if left < right else (1 if right < left else 0)
  if left_rank == _RANK_SEQUENCE:
    return _compare_sequences(left, right)
  if left_rank == _RANK_DICT:
    return _compare_sequences(_sorted_items(left), _sorted_items(right))
  if left_rank == _RANK_SET:
    return _compare_sequences(sorted(left, key=_BY_VALUE),
                              sorted(right, key=_BY_VALUE))
  if left_rank == _RANK_SYMBOLIC:
    return _compare_symbolic(left, right)
  if left_rank == _RANK_OTHER:
    return _compare_others(left, right)
  return 0


def _compare_sequences(left: Any, right: Any) -> int:
  for x, y in zip(values_of(left), values_of(right)):
    result = compare(x, y)
    if result:
      return result
  if len(left) != len(right):
    return -1 if len(left) < len(right) else 1
  left_is_tuple, right_is_tuple = isinstance(left, tuple), isinstance(right, tuple)
  if left_is_tuple != right_is_tuple:
    return 1 if left_is_tuple else -1
  return 0


_BY_KEY = functools.cmp_to_key(lambda x, y: compare(x[0], y[0]))
_BY_VALUE = functools.cmp_to_key(compare)


def _sorted_items(value: dict[Any, Any]) -> list[tuple[Any, Any]]:
  return sorted(items_of(value), key=_BY_KEY)


def _compare_symbolic(left: Any, right: Any) -> int:
  if type(left) is not type(right):
    left_name, right_name = _type_name(type(left)), _type_name(type(right))
    if left_name != right_name:
      return -1 if left_name < right_name else 1
    return compare(id(type(left)), id(type(right)))
  return _compare_sequences(
      [v for _, v in left.sym_items()], [v for _, v in right.sym_items()])


def _compare_others(left: Any, right: Any) -> int:
  left_name, right_name = _type_name(type(left)), _type_name(type(right))
  if left_name != right_name:
    return -1 if left_name < right_name else 1
  try:
    if left < right:
      return -1
    if right < left:
      return 1
  except TypeError:
    pass
  return 0


def _type_name(cls: type) -> str:
  return f'{cls.__module__}.{cls.__qualname__}'
