"""One preorder walk over a symbolic tree, and the queries built on it.

The walk visits symbolic values through `sym_items()` and plain dicts and
lists through their items, so it works on any mix of them. `traverse` exposes
the walk with visitors; `query`, `contains`, `is_deterministic` and
`is_abstract` are thin visitors over it.
"""
from __future__ import annotations

import enum
import re
from typing import Any, Callable, Iterable

from pyglove.symbolic._base import Symbolic
from pyglove.symbolic._fastpath import ATOMIC_TYPES
from pyglove.utils import MISSING_VALUE
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
# object is built for a node unless a visitor asks for one.
KeysVisitor = Callable[[list, Any, Any], 'TraverseAction | None']


def _walk(value: Any, keys: list[Any], parent: Any,
          pre: KeysVisitor | None, post: KeysVisitor | None) -> bool:
  """The one preorder walk; returns False when a visitor stops it."""
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
             root_path: KeyPath | str | None = None) -> bool:
  """Walks `x` and its descendants, calling visitors before and after children.

  Each visitor is called as ``fn(key_path, value, parent)`` (the root's parent
  is None) and returns a `TraverseAction`; None counts as ENTER. A preorder
  CONTINUE skips the value's children; STOP from either visitor ends the walk.

  Args:
    x: a symbolic value, or a plain dict/list (possibly nesting symbolic ones).
    preorder_visitor_fn: called on a value before its children.
    postorder_visitor_fn: called on a value after its children.
    root_path: the key path given to `x` (default: the empty path).

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
  return _walk(x, keys, None, _with_key_path(preorder_visitor_fn),
               _with_key_path(postorder_visitor_fn))


def _with_key_path(fn: Visitor | None) -> KeysVisitor | None:
  if fn is None:
    return None
  return lambda keys, value, parent: fn(KeyPath(keys), value, parent)


def query(x: Any,
          path_regex: str | re.Pattern[str] | Callable[..., bool] | None = None,
          where: Callable[..., bool] | None = None,
          enter_selected: bool = False,
          custom_selector: Callable[..., bool] | None = None) -> dict[str, Any]:
  """Selects values in `x` by key path and/or by a predicate.

  A value is selected when `path_regex` matches (``re.match``) the string
  form of its key path and `where` accepts it. Selected values are not
  searched further unless `enter_selected` is True. `path_regex` may also be
  the predicate itself, so that ``x.query(lambda v: ...)`` reads naturally.

  Args:
    x: the tree to search; paths are relative to it (its own path is '').
    path_regex: a regular expression on key paths, or a predicate.
    where: ``where(value)`` or ``where(value, parent)`` returning a bool.
    enter_selected: also search inside selected values.
    custom_selector: ``fn(key_path, value)`` or ``fn(key_path, value,
      parent)``, used instead of `path_regex` and `where`.

  Returns:
    ``{key_path_str: value}`` in preorder.

  Raises:
    ValueError: `custom_selector` is given with `path_regex` or `where`, or
      `path_regex` is not a valid regular expression.
    TypeError: `path_regex` is neither a str nor a predicate, or a predicate
      takes an unsupported number of arguments.

  Example:
    >>> query({'a': 1, 'b': {'c': 2}}, where=lambda v: isinstance(v, int))
    {'a': 1, 'b.c': 2}
    >>> query({'a': 1, 'b': {'c': 2}}, r'.*c')
    {'b.c': 2}
  """
  if callable(path_regex) and not isinstance(path_regex, re.Pattern):
    if where is not None:
      raise ValueError(
          'query() got a predicate as its first argument and also `where`; '
          'pass one predicate only.')
    path_regex, where = None, path_regex
  if custom_selector is not None:
    if path_regex is not None or where is not None:
      raise ValueError(
          '`path_regex` and `where` must be None when `custom_selector` is '
          f'given; got path_regex={path_regex!r}, where={where!r}.')
    selector = _with_parent(custom_selector, 'custom_selector', 2)
    select = lambda keys, value, parent: selector(KeyPath(keys), value, parent)
  else:
    select = _path_and_value_selector(_compile(path_regex), where)

  results: dict[str, Any] = {}
  next_action = _ENTER if enter_selected else TraverseAction.CONTINUE

  def visit(keys: list[Any], value: Any, parent: Any) -> TraverseAction:
    if select(keys, value, parent):
      results[path_str(keys)] = value
      return next_action
    return _ENTER

  _walk(x, [], None, visit, None)
  return results


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


def _compile(path_regex: Any) -> re.Pattern[str] | None:
  if path_regex is None or isinstance(path_regex, re.Pattern):
    return path_regex
  if not isinstance(path_regex, str):
    raise TypeError(
        '`path_regex` must be a str, a compiled pattern or a predicate; got '
        f'{path_regex!r} of type {type(path_regex).__name__}.')
  try:
    return re.compile(path_regex)
  except re.error as e:
    raise ValueError(
        f'`path_regex` {path_regex!r} is not a valid regular expression: '
        f'{e}.') from None


def _path_and_value_selector(
    regex: re.Pattern[str] | None,
    where: Callable[..., bool] | None) -> Callable[[list, Any, Any], bool]:
  """A selector of (keys, value, parent) from a regex and a predicate."""
  if where is None:
    if regex is None:
      return lambda keys, value, parent: True
    return lambda keys, value, parent: (
        regex.match(path_str(keys)) is not None)
  if regex is None and positional_arity(where) == 1:
    # The common case, kept to one extra call per node.
    return lambda keys, value, parent: where(value)
  accept = _with_parent(where, 'where', 1)
  if regex is None:
    return lambda keys, value, parent: accept(value, parent)
  return lambda keys, value, parent: (
      regex.match(path_str(keys)) is not None and accept(value, parent))


def _with_parent(fn: Callable[..., Any], name: str,
                 base_arity: int) -> Callable[..., Any]:
  """Adapts `fn` taking `base_arity` args, or one more (the parent), to the latter."""
  arity = positional_arity(fn)
  if arity is None or arity == base_arity + 1:
    return fn
  if arity == base_arity:
    if base_arity == 1:
      return lambda value, parent: fn(value)
    return lambda path, value, parent: fn(path, value)
  raise TypeError(
      f'`{name}` must take {base_arity} or {base_arity + 1} positional '
      f'arguments; got {fn!r} taking {arity}.')


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


def contains(x: Any, value: Any = None, type: Any = None) -> bool:  # pylint: disable=redefined-builtin
  """Whether `x` or any value inside it equals `value` or is of `type`.

  Args:
    x: the tree to search (the root itself counts).
    value: the value to look for (compared with `pg.eq`); used when `type`
      is None.
    type: a class or tuple of classes to look for instead.

  Example:
    >>> contains({'a': [1, 2]}, 2)
    True
    >>> contains({'a': [1, 2]}, type=str)
    False
  """
  if type is not None:
    def visit(keys: list[Any], v: Any, parent: Any) -> TraverseAction:
      return _STOP if isinstance(v, type) else _ENTER
  else:
    from pyglove.symbolic._eq import eq  # pylint: disable=g-import-not-at-top

    def visit(keys: list[Any], v: Any, parent: Any) -> TraverseAction:
      return _STOP if eq(v, value) else _ENTER
  return not _walk(x, [], None, visit, None)


def _is_hyper(value: Any) -> bool:
  return getattr(value.__class__, 'is_hyper_value', False) is True


def _stop_at_hyper(keys: list[Any], value: Any, parent: Any) -> TraverseAction:
  return _STOP if _is_hyper(value) else _ENTER


def _stop_at_abstract(keys: list[Any], value: Any, parent: Any) -> TraverseAction:
  return _STOP if value is MISSING_VALUE or _is_hyper(value) else _ENTER


def is_deterministic(x: Any) -> bool:
  """Whether `x` holds no hyper value (it is a concrete program, not a space).

  Example:
    >>> is_deterministic({'a': [1, 2]})
    True
  """
  return _walk(x, [], None, _stop_at_hyper, None)


def is_abstract(x: Any) -> bool:
  """Whether `x` holds a hyper value or a missing (unspecified) value.

  Example:
    >>> from pyglove.utils import MISSING_VALUE
    >>> is_abstract({'a': MISSING_VALUE})
    True
  """
  return not _walk(x, [], None, _stop_at_abstract, None)
