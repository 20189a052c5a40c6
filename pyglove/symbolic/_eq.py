"""Symbolic equality (`pg.eq`, `pg.ne`).

Symbolic objects are equal when they have the same type and equal field
values; `eq` recurses into dicts, lists and tuples, so that a symbolic value
nested in a plain container still compares symbolically. A class that
overrides `sym_eq` decides for itself (see `_dispatch`). Objects of one type
that keep the default comparison are compared through their field dicts by
`_fastpath.eq_field_values`, the fast twin of the generic `(key, value)` loop
here.
"""
from __future__ import annotations

import itertools
from typing import Any

from pyglove.symbolic import _fastpath
from pyglove.symbolic._base import Symbolic
from pyglove.symbolic._dispatch import NOT_DISPATCHED
from pyglove.symbolic._dispatch import dispatch_custom
from pyglove.symbolic._dispatch import has_custom

_ABSENT = _fastpath.ABSENT
_ABSENT_PAIR = (_ABSENT, _ABSENT)
_ATOMIC_TYPES = _fastpath.ATOMIC_TYPES


def eq(left: Any, right: Any) -> bool:
  """Symbolic equality of any two values.

  Symbolic objects are equal when they have the same type and equal field
  values (a class that overrides `sym_eq` decides for itself); a `pg.Dict`
  equals a dict and a `pg.List` a list with equal items. Other values use
  ``==``.

  Example:
    >>> eq({'a': [1, 2]}, {'a': [1, 2.0]})
    True
    >>> eq([1], (1,))
    False
  """
  if left is right:
    return True
  left_type = type(left)
  if left_type in _ATOMIC_TYPES and type(right) in _ATOMIC_TYPES:
    return left == right
  if isinstance(left, Symbolic):
    if left_type is type(right) and _fastpath.is_default_compared(left_type):
      return _eq_objects(left, right)
    if isinstance(left, (dict, list)):
      return _eq_containers(left, right)
    if has_custom(left_type, 'sym_eq'):
      result = dispatch_custom(left, 'sym_eq', right)
      if result is not NOT_DISPATCHED:
        return bool(result)
    if left_type is type(right):
      return eq_fields(left, right)
    return _eq_custom_right(left, right)
  if isinstance(left, (dict, list, tuple)):
    return _eq_containers(left, right)
  if isinstance(right, Symbolic):
    return _eq_custom_right(left, right)
  return _plain_eq(left, right)


def ne(left: Any, right: Any) -> bool:
  """Symbolic inequality: ``not eq(left, right)``.

  Example:
    >>> ne([1], [2])
    True
  """
  return not eq(left, right)


def _eq_containers(left: Any, right: Any) -> bool:
  if isinstance(left, dict):
    return isinstance(right, dict) and _eq_dicts(left, right)
  if isinstance(left, list):
    return isinstance(right, list) and _eq_sequences(left, right)
  return isinstance(right, tuple) and _eq_sequences(left, right)


def _eq_custom_right(left: Any, right: Any) -> bool:
  """Values that are not two symbolic objects of one type.

  Only an override of `sym_eq` on `right` may find them equal.
  """
  if isinstance(right, Symbolic) and has_custom(type(right), 'sym_eq'):
    result = dispatch_custom(right, 'sym_eq', left)
    if result is not NOT_DISPATCHED:
      return bool(result)
  return False


def _plain_eq(left: Any, right: Any) -> bool:
  result = left == right
  if result is True or result is False:
    return result
  # Array-like values return element-wise results.
  all_fn = getattr(result, 'all', None)
  if all_fn is not None:
    return bool(all_fn())
  return bool(result)


def items_of(value: dict[Any, Any]) -> Any:
  """The (key, value) pairs of a dict, symbolic or not."""
  return value.sym_items() if isinstance(value, Symbolic) else value.items()


def values_of(value: Any) -> Any:
  """The values of a sequence (or of a symbolic node's children)."""
  return value.sym_values() if isinstance(value, Symbolic) else value


def _eq_dicts(left: dict[Any, Any], right: dict[Any, Any]) -> bool:
  if len(left) != len(right):
    return False
  get = right.sym_getattr if isinstance(right, Symbolic) else right.get
  for key, x in items_of(left):
    y = get(key, _ABSENT)
    if x is y:
      continue
    if y is _ABSENT or not eq_child(x, y):
      return False
  return True


def _eq_sequences(left: Any, right: Any) -> bool:
  if len(left) != len(right):
    return False
  for x, y in zip(values_of(left), values_of(right)):
    if x is not y and not eq_child(x, y):
      return False
  return True


def eq_child(x: Any, y: Any) -> bool:
  """`eq` of two children that are not the same object, minus its dispatch."""
  x_type = type(x)
  if x_type in _ATOMIC_TYPES and type(y) in _ATOMIC_TYPES:
    return x == y
  if x_type is type(y) and _fastpath.is_default_compared(x_type):
    return _eq_objects(x, y)
  return eq(x, y)


def _eq_objects(left: Any, right: Any) -> bool:
  """Two default-compared objects of one type, through the fast paths."""
  if type(left)._sym_atomic_fields:  # pylint: disable=protected-access
    return left._sym_values == right._sym_values  # pylint: disable=protected-access
  return _fastpath.eq_field_values(left._sym_values, right._sym_values,  # pylint: disable=protected-access
                                   eq_child)


def eq_fields(left: Any, right: Any) -> bool:
  """Compares two symbolic objects of one type by their (key, value) items.

  This is the generic comparison; `_fastpath.eq_field_values` is its fast
  twin for objects that keep the default `sym_eq` and `sym_items`.
  """
  if _fastpath.is_default_compared(type(left)):
    return _eq_objects(left, right)
  return eq_items(left, right)


def eq_items(left: Any, right: Any) -> bool:
  """The generic comparison of two nodes through `sym_items` (in any key order)."""
  for (lk, x), (rk, y) in itertools.zip_longest(
      left.sym_items(), right.sym_items(), fillvalue=_ABSENT_PAIR):
    if lk != rk:
      # Keys in another order (or a different number of them).
      return _eq_dicts(dict(left.sym_items()), dict(right.sym_items()))
    if x is not y and not eq(x, y):
      return False
  return True
