"""The one walk over a tree of symbolic values (and plain dicts and lists in it).

Every tree walk of the library goes through `walk`: query and its
predicates, rebind with a function, sealing, templates (finding, decoding and
encoding decision points), derived values and `pg.evolve`. It visits values
in preorder and/or postorder, lets a visitor prune a subtree or stop the
walk, and keeps the key path as one shared stack of keys, turned into a
`KeyPath` (or its string) only when a visitor asks for it. `fold` builds a
result bottom-up on the same walk.

Example:
  >>> seen = []
  >>> walk({'a': [1, 2]}, lambda keys, v, p: seen.append(list(keys)))
  True
  >>> seen
  [[], ['a'], ['a', 0], ['a', 1]]
"""
from __future__ import annotations

import enum
from typing import Any, Callable, Iterable

from pyglove.symbolic._base import Symbolic
from pyglove.symbolic._fastpath import ATOMIC_TYPES
from pyglove.utils import KeyPath


class TraverseAction(enum.Enum):
  """What a `traverse` visitor asks the walk to do next.

  ENTER visits the children of the current value (returned by a preorder
  visitor); CONTINUE skips them and goes on with the next sibling; STOP ends
  the whole walk.
  """
  ENTER = 0
  CONTINUE = 1
  STOP = 2


_ENTER = TraverseAction.ENTER
_STOP = TraverseAction.STOP
_CONTINUE = TraverseAction.CONTINUE

Visitor = Callable[[KeyPath, Any, Any], 'TraverseAction | None']


def child_items(value: Any) -> Iterable[tuple[Any, Any]] | None:
  """Returns the (key, child) pairs of `value`, or None for a leaf.

  Symbolic values (including `pg.Dict` and `pg.List`) list their symbolic
  children through `sym_items`; plain dicts and lists their items. Tuples and
  other objects are leaves.
  """
  if isinstance(value, Symbolic):
    return value.sym_items()
  if isinstance(value, dict):
    return value.items()
  if isinstance(value, list):
    return enumerate(value)
  return None


# The walk hands visitors a shared stack of keys (`keys`), so that no path
# object is built for a node unless a visitor asks for one. A visitor that
# keeps `keys` must copy it.
KeysVisitor = Callable[[list, Any, Any], 'TraverseAction | None']


def walk(value: Any, pre: KeysVisitor | None = None,
         post: KeysVisitor | None = None, keys: list[Any] | None = None,
         parent: Any = None) -> bool:
  """Walks `value` and its descendants, calling ``pre``/``post(keys, value, parent)``.

  A `pre` visitor returning CONTINUE prunes the value's children (`post` is
  still called on the value); STOP from either visitor ends the walk. None
  counts as ENTER.

  Args:
    value: the root of the walk.
    pre: called on a value before its children.
    post: called on a value after its children.
    keys: the keys of `value`'s path (the stack the walk extends).
    parent: the parent given to the visitors for `value`.

  Returns:
    False if a visitor stopped the walk, True if it went to the end.
  """
  return _walk(value, [] if keys is None else keys, parent, pre, post)


def _walk(value: Any, keys: list[Any], parent: Any,
          pre: KeysVisitor | None, post: KeysVisitor | None) -> bool:
  if pre is not None:
    action = pre(keys, value, parent)
    if action is _STOP:
      return False
    enter = action is None or action is _ENTER
  else:
    enter = True
  if enter and type(value) not in ATOMIC_TYPES:
    children = child_items(value)
    if children is not None:
      for key, child in children:
        keys.append(key)
        completed = _walk(child, keys, value, pre, post)
        keys.pop()
        if not completed:
          return False
  if post is not None and post(keys, value, parent) is _STOP:
    return False
  return True


def traverse(x: Any,
             preorder_visitor_fn: Visitor | None = None,
             postorder_visitor_fn: Visitor | None = None,
             root_path: KeyPath | str | None = None,
             parent: Any = None) -> bool:
  """Walks `x` and its descendants, calling visitors before and after children.

  Each visitor is called as ``fn(key_path, value, parent)`` (the root's parent
  is None) and returns a `TraverseAction`; None counts as ENTER. A preorder
  CONTINUE skips the value's children; STOP from either visitor ends the walk.

  Args:
    x: a symbolic value, or a plain dict/list (possibly nesting symbolic ones).
    preorder_visitor_fn: called on a value before its children.
    postorder_visitor_fn: called on a value after its children.
    root_path: the key path given to `x` (default: the empty path).
    parent: the parent given to the visitors for `x` (default: None).

  Returns:
    False if a visitor stopped the walk, True if it went to the end.

  Example:
    >>> seen = []
    >>> traverse({'a': [1, 2]}, lambda k, v, p: seen.append(str(k)))
    True
    >>> seen
    ['', 'a', 'a[0]', 'a[1]']
  """
  keys = KeyPath.from_value(root_path).keys
  return _walk(x, keys, parent, _with_key_path(preorder_visitor_fn),
               _with_key_path(postorder_visitor_fn))


def _with_key_path(fn: Visitor | None) -> KeysVisitor | None:
  if fn is None:
    return None
  return lambda keys, value, parent: fn(KeyPath(keys), value, parent)


# ---- Bottom-up results on the same walk ---------------------------------------

FoldFn = Callable[[list, Any, 'list[tuple[Any, Any]] | None'], Any]


def fold(value: Any, combine: FoldFn,
         enter: Callable[[list, Any], bool] | None = None) -> Any:
  """Computes a result for `value` from the results of its children (postorder).

  Args:
    value: the root of the walk.
    combine: ``combine(keys, value, children)`` returns the result of a
      value, where `children` is the list of ``(key, child result)`` of the
      value's children, or None when the value was not entered.
    enter: ``enter(keys, value)`` says whether to visit a value's children
      (default: always).

  Returns:
    The result of `value`.

  Example:
    >>> fold({'a': [1, 2]}, lambda keys, v, children: (
    ...     v if not children else sum(r for _, r in children)))
    3
  """
  frames: list[list[tuple[Any, Any]] | None] = []
  results: list[list[tuple[Any, Any]]] = [[]]

  def pre(keys: list[Any], v: Any, parent: Any) -> TraverseAction:
    if enter is None or enter(keys, v):
      frames.append(results[-1])
      results.append([])
      return _ENTER
    frames.append(None)
    return _CONTINUE

  def post(keys: list[Any], v: Any, parent: Any) -> None:
    siblings = frames.pop()
    if siblings is None:
      children = None
      siblings = results[-1]
    else:
      children = results.pop()
    siblings.append((keys[-1] if keys else None, combine(keys, v, children)))

  _walk(value, [], None, pre, post)
  return results[0][0][1]


def nodes(value: Any) -> list[tuple[KeyPath, Any, Any]]:
  """Every value of the tree in preorder, as (key path, value, parent).

  Example:
    >>> [str(k) for k, _, _ in nodes({'a': {'x': 1}, 'b': 2})]
    ['', 'a', 'a.x', 'b']
  """
  found: list[tuple[KeyPath, Any, Any]] = []
  _walk(value, [], None,
        lambda keys, v, parent: found.append((KeyPath(keys), v, parent)), None)
  return found


# Formatted forms of string keys (first in a path, later in a path), since the
# same field names recur across nodes and queries; cleared when it grows large.
_SEGMENTS: dict[str, tuple[str, str]] = {}
_MAX_SEGMENTS = 4096


def path_str(keys: list[Any]) -> str:
  """``str(KeyPath(keys))``, memoizing how each string key is written."""
  parts = []
  for i, key in enumerate(keys):
    key_type = type(key)
    if key_type is int:
      parts.append(f'[{key}]')
    elif key_type is str:
      segments = _SEGMENTS.get(key)
      if segments is None:
        if len(_SEGMENTS) >= _MAX_SEGMENTS:
          _SEGMENTS.clear()
        segments = _SEGMENTS[key] = (str(KeyPath([key])),
                                     str(KeyPath(['_', key]))[1:])
      parts.append(segments[1] if i else segments[0])
    else:
      return str(KeyPath(keys))
  return ''.join(parts)


# ---- Visitors given by users take the arguments they declare ------------------

def positional_arity(fn: Callable[..., Any]) -> int | None:
  """Number of positional parameters `fn` takes; None if it takes ``*args``.

  Reads the code object directly (cheap) and falls back to
  `inspect.signature` for other callables.
  """
  code = getattr(fn, '__code__', None)
  if code is not None:
    if code.co_flags & 0x04:  # CO_VARARGS
      return None
    arity = code.co_argcount
    if getattr(fn, '__self__', None) is not None:
      arity -= 1
    return arity
  import inspect  # pylint: disable=g-import-not-at-top
  try:
    params = inspect.signature(fn).parameters.values()
  except (TypeError, ValueError):
    return None
  count = 0
  for p in params:
    if p.kind is p.VAR_POSITIONAL:
      return None
    if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
      count += 1
  return count
