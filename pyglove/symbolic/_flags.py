"""Thread-local switches that change how symbolic values behave inside a `with` block."""
from __future__ import annotations

import contextlib
import threading
from typing import Iterator

_state = threading.local()

# How many `as_sealed` blocks are open in any thread: when none is, object
# construction skips the thread-local lookup of `sealed_override`.
sealed_scopes = 0
_sealed_scopes_lock = threading.Lock()


def _get(name: str) -> bool | None:
  return getattr(_state, name, None)


@contextlib.contextmanager
def _scoped(name: str, value: bool | None) -> Iterator[None]:
  previous = _get(name)
  setattr(_state, name, value)
  try:
    yield
  finally:
    setattr(_state, name, previous)


def allow_writable_accessors(writable: bool | None = True):
  """Context manager: lets (or forbids) `obj.x = v` and `d[k] = v` on symbolic values.

  Inside ``with pg.allow_writable_accessors(True)``, assigning a field of a
  `pg.Object` rebinds it even when its class sets
  ``allow_symbolic_assignment = False``; with ``False``, item and attribute
  assignment on `pg.Dict`/`pg.List`/functors raises `pg.WritePermissionError`.

  Example:
    >>> class A(pg.Object):
    ...   x: int = 0
    >>> a = A()
    >>> with pg.allow_writable_accessors():
    ...   a.x = 2
    >>> a.x
    2
  """
  return _scoped('writable_accessors', writable)


def is_accessor_writable(default: bool) -> bool:
  """The effective writability: the innermost flag, else `default`."""
  value = _get('writable_accessors')
  return default if value is None else value


def notify_on_change(enabled: bool = True):
  """Context manager: turns `_on_change`/`_on_bound` notification on or off.

  Example:
    >>> class A(pg.Object):
    ...   x: int = 0
    ...   def _on_bound(self):
    ...     self.twice = 2 * self.x
    >>> a = A()
    >>> with pg.notify_on_change(False):
    ...   _ = a.rebind(x=2)
    >>> a.x, a.twice  # `_on_bound` did not run again.
    (2, 0)
  """
  return _scoped('notify_on_change', enabled)


def is_change_notification_enabled() -> bool:
  value = _get('notify_on_change')
  return True if value is None else value


def as_sealed(sealed: bool | None = True):
  """Context manager: treats every symbolic value as sealed (or unsealed).

  Objects built inside the block are sealed (when `sealed` is True) and
  `is_sealed` reports `sealed` for every value, so ``with pg.as_sealed(False)``
  allows writing an object that was sealed.

  Example:
    >>> d = pg.Dict(x=0, sealed=True)
    >>> with pg.as_sealed(False):
    ...   d.x = 1
    >>> d.x, d.is_sealed
    (1, True)
  """
  return _counted_sealed_scope(sealed)


@contextlib.contextmanager
def _counted_sealed_scope(sealed: bool | None) -> Iterator[None]:
  global sealed_scopes
  with _sealed_scopes_lock:
    sealed_scopes += 1
  try:
    with _scoped('sealed', sealed):
      yield
  finally:
    with _sealed_scopes_lock:
      sealed_scopes -= 1


def sealed_override() -> bool | None:
  """The sealing forced by the innermost `as_sealed`, or None."""
  return _get('sealed')


def allow_partial(allow: bool | None = True):
  """Context manager: objects built inside may leave required values missing.

  ``with pg.allow_partial():`` has the effect of passing
  ``allow_partial=True`` to every symbolic value built in the block (as
  `Cls.partial` does); None restores the per-object setting.

  Example:
    >>> class A(pg.Object):
    ...   x: int
    ...   y: int = 1
    >>> with pg.allow_partial():
    ...   a = A(y=2)
    >>> a.is_partial, a.missing_values()
    (True, {'x': MISSING_VALUE})
  """
  return _scoped('allow_partial', allow)


def partial_override() -> bool | None:
  """The partial-value permission set by the innermost `allow_partial`, or None."""
  return _get('allow_partial')
