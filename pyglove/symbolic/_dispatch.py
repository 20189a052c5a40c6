"""Calling a user's override of a library method (`sym_eq`, `sym_hash`, `to_json`, ...).

Comparison and serialization walk trees with their own fast code, and call a
node's method only when the user overrode it. The library marks its own
implementations with `@library_default`, so an override is exactly a method
that is not marked: no guess from module names, and a subclass of a library
class that overrides the method is detected like any other.
"""
from __future__ import annotations

import threading
from typing import Any, Callable, TypeVar

_Fn = TypeVar('_Fn', bound=Callable[..., Any])

# The library's own implementations of the dispatchable methods.
_LIBRARY_DEFAULTS: set[Any] = set()


def library_default(fn: _Fn) -> _Fn:
  """Marks `fn` as the library's implementation of a dispatchable method.

  Apply it under ``@classmethod``/``@staticmethod`` (to the plain function).
  """
  _LIBRARY_DEFAULTS.add(fn)
  return fn


def has_custom(cls: type, name: str) -> bool:
  """Whether `cls.<name>` is a user override rather than a library default.

  Example:
    >>> class A(pg.Object):
    ...   def sym_hash(self):
    ...     return 1
    >>> has_custom(A, 'sym_hash'), has_custom(A, 'sym_eq')
    (True, False)
  """
  method = getattr(cls, name, None)
  if method is None:
    return False
  return getattr(method, '__func__', method) not in _LIBRARY_DEFAULTS


_state = threading.local()
# Returned by `dispatch_custom` when the override is already running for the
# same value: an override that calls the library's method (through `super()`)
# lands back in the caller, which must then do the built-in work.
NOT_DISPATCHED = object()


def dispatch_custom(value: Any, name: str, *args: Any, **kwargs: Any) -> Any:
  """Calls the override `value.<name>(...)` unless it is already running for `value`.

  Returns:
    The override's result, or `NOT_DISPATCHED` when re-entered for the same
    value (the caller then does the built-in work).
  """
  active = getattr(_state, 'active', None)
  if active is None:
    active = _state.active = set()
  key = (id(value), name)
  if key in active:
    return NOT_DISPATCHED
  active.add(key)
  try:
    return getattr(value, name)(*args, **kwargs)
  finally:
    active.discard(key)
