"""The symbolic fast paths, in one place, with the invariants they rely on.

Each fast path here does what a generic twin elsewhere does, for the common
case only, and is pinned to it by a hypothesis property in
`tests/symbolic/test_fastpath.py`. They rely on these invariants:

1. Atomic values (`ATOMIC_TYPES`: exact types, not subclasses) are immutable
   and have no children: they are never copied, never adopted, and two of
   them are equal exactly when ``==`` says so.
2. A `pg.Object`'s field values live in ``obj._sym_values`` (field name to
   value, in field order) and, for every field not named like a class
   accessor (``cls._sym_unmirrored``), also in ``obj.__dict__`` under the
   same name, as the same object. Only `Object._sym_assign` and the
   construction and clone paths write either, and they write both.
3. `object_sym_items` is the default `sym_items` of `pg.Object`: a class that
   keeps it (and keeps the library's `sym_eq`) is "default-compared", and
   two such objects of one type are equal iff their `_sym_values` are
   (`eq_field_values`, the twin of `_eq.eq_items`).
4. The generated ``__init__`` of a class (`_codegen.make_init`) binds,
   validates, converts and adopts exactly like the generic loop of
   `Object.__init__`, and raises the same errors.
5. `validate_scalar` equals ``spec.apply(value, allow_partial)``; it only
   spends the key path on the failure, by validating once more with it.
"""
from __future__ import annotations

import copy
from typing import Any, Callable

from pyglove.symbolic._base import Symbolic

# Exact types of immutable values without children (invariant 1).
ATOMIC_TYPES = frozenset([int, float, str, bool, type(None), complex, bytes])

# What a spec raises when it rejects a value.
VALIDATION_ERRORS = (TypeError, ValueError, KeyError)

# Stands for an absent key in comparisons (never a user value).
ABSENT = object()


def validate_scalar(spec: Any, value: Any, allow_partial: bool,
                    path: Callable[[], Any]) -> Any:
  """``spec.apply(value, allow_partial)``, whose error names the key path.

  Args:
    spec: the value spec of the slot.
    value: the value to check.
    allow_partial: accept missing values.
    path: a zero-argument function returning the key path of the slot,
      called only when the value is rejected.
  """
  try:
    return spec.apply(value, allow_partial)
  except VALIDATION_ERRORS:
    # Validate again with the path: building it is only worth it on failure.
    spec.apply(value, allow_partial, None, path())
    raise


def object_sym_items(self: Any) -> Any:
  """The default `pg.Object.sym_items`: its fields, in order (invariant 3)."""
  return iter(self._sym_values.items())  # pylint: disable=protected-access


_BASE_SYM_EQ = Symbolic.sym_eq


def is_default_compared(cls: type) -> bool:
  """Whether instances of `cls` compare by their `_sym_values` (invariant 3)."""
  return (getattr(cls, 'sym_items', None) is object_sym_items
          and cls.sym_eq is _BASE_SYM_EQ)


def eq_field_values(left: dict[str, Any], right: dict[str, Any],
                    eq_child: Callable[[Any, Any], bool]) -> bool:
  """Compares the field dicts of two default-compared objects of one type.

  Scalars and nested default-compared objects are compared inline (they are
  most fields, and a call each would dominate); other children go to
  `eq_child`.
  """
  if len(left) != len(right):
    return False
  get = right.get
  for key, x in left.items():
    y = get(key, ABSENT)
    if x is y:
      continue
    x_type = type(x)
    if x_type in ATOMIC_TYPES and type(y) in ATOMIC_TYPES:
      if x != y:
        return False
    elif x_type is type(y) and is_default_compared(x_type):
      if not eq_field_values(x._sym_values, y._sym_values, eq_child):  # pylint: disable=protected-access
        return False
    elif y is ABSENT or not eq_child(x, y):
      return False
  return True


def is_unchanged(old: Any, new: Any) -> bool:
  """Whether storing `new` over `old` changes nothing (same object or equal atom)."""
  if old is new:
    return True
  return type(old) is type(new) and type(old) in ATOMIC_TYPES and old == new


def clone_value(value: Any, deep: bool, memo: dict[int, Any]) -> Any:
  """Copies a child for a clone: symbolic nodes always, plain values if `deep`."""
  if type(value) in ATOMIC_TYPES:
    return value
  if isinstance(value, Symbolic):
    return value._sym_clone(deep, memo)  # pylint: disable=protected-access
  if deep:
    return copy.deepcopy(value, memo)
  return value
