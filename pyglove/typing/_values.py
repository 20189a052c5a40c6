"""Helpers on plain values shared by the specs: descriptions, defaults, equality, paths."""
from __future__ import annotations

import copy
import types
from typing import Any, Callable

from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE

# Defaults of these types are shared between instances without copying.
_IMMUTABLE_TYPES = (type(None), bool, int, float, complex, str, bytes, type,
                    frozenset)

# Errors a child's validation may raise. Containers validate children without
# building key paths and catch these only to validate the failing child again
# with its path, so that the message names where it failed.
VALIDATION_ERRORS = (TypeError, ValueError, KeyError)

_ROOT = KeyPath()


def child_path(root_path: KeyPath | str | None, key: Any) -> KeyPath:
  """The path of child `key` under `root_path` (the root when None).

  Example:
    >>> str(child_path('a.b', 0)), str(child_path(None, 'x'))
    ('a.b[0]', 'x')
  """
  if root_path is None:
    return _ROOT.child(key)
  return KeyPath.from_value(root_path).child(key)


def describe(value: Any) -> str:
  """`value` with its type, for error messages: ``-1 (int)``."""
  return f'{value!r} ({type(value).__name__})'


def is_immutable(value: Any) -> bool:
  """Whether `value` can be shared as a default without being copied."""
  if isinstance(value, _IMMUTABLE_TYPES) or value is MISSING_VALUE:
    return True
  if type(value) is tuple:
    return all(is_immutable(v) for v in value)
  # Functions are shared, not copied; a callable object with state is not.
  return isinstance(value, (types.FunctionType, types.BuiltinFunctionType))


def default_copier(value: Any) -> Callable[[Any], Any] | None:
  """How to copy a default so that no two values share it (None: no copy)."""
  if is_immutable(value):
    return None
  if type(value) is list and all(is_immutable(v) for v in value):
    return list.copy
  if type(value) is dict and all(is_immutable(v) for v in value.values()):
    return dict.copy
  return copy.deepcopy


def safe_eq(a: Any, b: Any) -> bool:
  """`a == b` as a bool; identity when `==` does not give one (numpy arrays)."""
  try:
    return bool(a == b)
  except Exception:  # An odd __eq__ (numpy arrays) does not make specs differ.
    return a is b
