"""Queries over a tree: `query`, `contains`, `is_deterministic`, `is_abstract`.

Each is a thin visitor over the one walk of `_traverse`.
"""
from __future__ import annotations

import re
from typing import Any, Callable

from pyglove.symbolic._traverse import TraverseAction
from pyglove.symbolic._traverse import path_str
from pyglove.symbolic._traverse import positional_arity
from pyglove.symbolic._traverse import walk
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE

_ENTER = TraverseAction.ENTER
_STOP = TraverseAction.STOP


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

  walk(x, visit)
  return results


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
  if regex is None and _arity(where) == 1:
    # The common case, kept to one extra call per node.
    return lambda keys, value, parent: where(value)
  accept = _with_parent(where, 'where', 1)
  if regex is None:
    return lambda keys, value, parent: accept(value, parent)
  return lambda keys, value, parent: (
      regex.match(path_str(keys)) is not None and accept(value, parent))


def _arity(fn: Callable[..., Any], default: int = 1) -> int | None:
  """`positional_arity`, with `default` for a builtin that has no signature (`bool`)."""
  arity = positional_arity(fn)
  if arity is None:
    import inspect  # pylint: disable=g-import-not-at-top
    try:
      inspect.signature(fn)
    except (TypeError, ValueError):
      return default
  return arity


def _with_parent(fn: Callable[..., Any], name: str,
                 base_arity: int) -> Callable[..., Any]:
  """Adapts `fn` taking `base_arity` args, or one more (the parent), to the latter."""
  arity = _arity(fn, base_arity)
  if arity is None or arity == base_arity + 1:
    return fn
  if arity == base_arity:
    if base_arity == 1:
      return lambda value, parent: fn(value)
    return lambda path, value, parent: fn(path, value)
  raise TypeError(
      f'`{name}` must take {base_arity} or {base_arity + 1} positional '
      f'arguments; got {fn!r} taking {arity}.')


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
  return not walk(x, visit)


def _is_hyper(value: Any) -> bool:
  """A hyper value, or any `pg.symbolic.NonDeterministic` value (decided later)."""
  cls = value.__class__
  return (getattr(cls, 'is_hyper_value', False) is True
          or getattr(cls, 'sym_nondeterministic', False) is True)


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
  return walk(x, _stop_at_hyper)


def is_abstract(x: Any) -> bool:
  """Whether `x` holds a hyper value or a missing (unspecified) value.

  Example:
    >>> from pyglove.utils import MISSING_VALUE
    >>> is_abstract({'a': MISSING_VALUE})
    True
  """
  return not walk(x, _stop_at_abstract)
