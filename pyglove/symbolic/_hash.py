"""`pg.hash`: a hash consistent with symbolic equality (`pg.eq`)."""
from __future__ import annotations

import builtins
from typing import Any

from pyglove.symbolic._base import Symbolic
from pyglove.symbolic._dispatch import NOT_DISPATCHED
from pyglove.symbolic._dispatch import dispatch_custom
from pyglove.symbolic._dispatch import has_custom
from pyglove.symbolic._eq import items_of
from pyglove.symbolic._eq import values_of
from pyglove.symbolic._fastpath import ATOMIC_TYPES


def hash(x: Any) -> int:  # pylint: disable=redefined-builtin
  """A hash consistent with `eq`: equal values hash equal.

  Symbolic objects hash their type and field values (a class that overrides
  `sym_hash` decides for itself); dicts and lists hash their items, so a
  `pg.Dict` hashes like the equal dict. Unhashable plain values (e.g. sets)
  hash their contents, or their type when they have no other form.

  Example:
    >>> hash({'a': [1, 2]}) == hash({'a': [1, 2]})
    True
  """
  value = x
  value_type = type(value)
  if value_type in ATOMIC_TYPES:
    return builtins.hash(value)
  if isinstance(value, dict):
    return builtins.hash(
        (dict, frozenset((k, hash(v)) for k, v in items_of(value))))
  if isinstance(value, list):
    return builtins.hash((list, tuple([hash(v) for v in values_of(value)])))
  if isinstance(value, tuple):
    return builtins.hash(tuple([hash(v) for v in value]))
  if isinstance(value, Symbolic):
    if has_custom(value_type, 'sym_hash'):
      result = dispatch_custom(value, 'sym_hash')
      if result is not NOT_DISPATCHED:
        return result
    return builtins.hash(
        (value_type, frozenset((k, hash(v)) for k, v in value.sym_items())))
  try:
    return builtins.hash(value)
  except TypeError:
    pass
  if isinstance(value, (set, frozenset)):
    return builtins.hash(frozenset(value))
  return builtins.hash(value_type)
