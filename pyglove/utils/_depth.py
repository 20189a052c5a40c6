"""How deeply nested a document the loaders accept, and the guard they load under.

Loaders (`pg.from_json`, `pg.from_json_str`, DNA literals, study columns) are
recursive: every nesting level of the data costs a few interpreter frames.
Data nested deeper than `max_depth()` levels is refused with a `ValueError`
before it can exhaust the stack, and anything shallower loads: `max_depth()`
is one less than the interpreter's recursion limit (so what `json.loads`
parses, we load), capped so that the C stack of a thread cannot overflow.
While a loader runs, `DeepRecursion` lends the interpreter the frames that
depth needs, and turns a `RecursionError` into a `ValueError` should one
still happen.
"""
from __future__ import annotations

import sys
import threading
from typing import Any

# Beyond this many levels a load could overflow a thread's C stack, whatever
# the recursion limit (measured: ~30,000 nested objects crash an 8 MiB stack).
_HARD_CAP = 5000
# Interpreter frames one nesting level may take while loading (a container
# or an object built through its constructor, its validation and hooks).
_FRAMES_PER_LEVEL = 16


def max_depth() -> int:
  """The deepest nesting (containers within containers) a loader accepts.

  Example:
    >>> import sys
    >>> max_depth() == min(sys.getrecursionlimit(), 5000) - 1
    True
  """
  if DeepRecursion._active:  # pylint: disable=protected-access
    # The limit in force before the guard raised it.
    return DeepRecursion._depth_limit  # pylint: disable=protected-access
  return min(sys.getrecursionlimit(), _HARD_CAP) - 1


def too_deep(what: str, limit: int | None = None) -> ValueError:
  """The error for data nested beyond `limit` (default `max_depth()`) levels."""
  if limit is None:
    limit = max_depth()
  return ValueError(
      f'{what} is nested more than {limit} levels deep, which is deeper than '
      f'this process loads (the limit follows sys.getrecursionlimit(), up to '
      f'{_HARD_CAP - 1} levels).')


def check_depth(value: Any, what: str, limit: int | None = None) -> None:
  """Raises `ValueError` if lists, tuples and dicts in `value` nest deeper than `limit`.

  Iterative, so it is safe on data of any depth.

  Example:
    >>> check_depth([[1]], 'x')
    >>> check_depth([[[1]]], 'x', limit=2)
    Traceback (most recent call last):
      ...
    ValueError: x is nested more than 2 levels deep, ...
  """
  if limit is None:
    limit = max_depth()
  stack = [(value, 1)]
  while stack:
    node, depth = stack.pop()
    if isinstance(node, dict):
      children = node.values()
    elif isinstance(node, (list, tuple)):
      children = node
    else:
      continue
    if depth > limit:
      raise too_deep(what, limit)
    stack.extend((c, depth + 1) for c in children
                 if isinstance(c, (list, tuple, dict)))


class DeepRecursion:
  """A context in which a loader may recurse `max_depth()` levels deep.

  It raises the recursion limit by the frames `max_depth()` levels take (the
  limit is shared by all threads: it is restored when the last guard in any
  thread exits), and turns a `RecursionError` raised inside into a
  `ValueError` naming `what`.

  Example:
    >>> with DeepRecursion('the document'):
    ...   pass
  """

  __slots__ = ('_what',)

  _lock = threading.Lock()
  _active = 0
  _saved_limit = 0
  _depth_limit = 0

  def __init__(self, what: str) -> None:
    self._what = what

  def __enter__(self) -> DeepRecursion:
    cls = DeepRecursion
    with cls._lock:
      if cls._active == 0:
        cls._saved_limit = sys.getrecursionlimit()
        cls._depth_limit = min(cls._saved_limit, _HARD_CAP) - 1
      cls._active += 1
      needed = cls._saved_limit + cls._depth_limit * _FRAMES_PER_LEVEL
      if sys.getrecursionlimit() < needed:
        sys.setrecursionlimit(needed)
    return self

  def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> bool:
    cls = DeepRecursion
    with cls._lock:
      cls._active -= 1
      if cls._active == 0:
        sys.setrecursionlimit(cls._saved_limit)
    if exc_type is not None and issubclass(exc_type, RecursionError):
      raise too_deep(self._what) from None
    return False
