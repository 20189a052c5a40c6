"""Patching by pattern: rebind every value whose key, path, value, type or owner matches.

Every function walks the tree below the root (the root itself is patched in
place, never replaced) and rebinds all matches in one atomic `rebind`.
"""
from __future__ import annotations

import re
from typing import Any, Callable

from pyglove.symbolic import Symbolic
from pyglove.utils import KeyPath

Condition = Callable[[KeyPath, Any, Any], bool]


def patch_on_key(src: Symbolic, regex: str, value: Any = None,
                 value_fn: Callable[[Any], Any] | None = None,
                 skip_notification: bool | None = None) -> Any:
  """Rebinds the values whose key (last path element) matches `regex` from its start.

  Args:
    src: the symbolic value to patch (in place).
    regex: a regular expression matched (`re.match`) against each key.
    value: the new value for every match.
    value_fn: computes the new value from the old one (instead of `value`).
    skip_notification: skip the change hooks (None: follow
      `pg.notify_on_change`).

  Returns:
    `src`, patched.

  Raises:
    ValueError: both `value` and `value_fn` are given.

  Example:
    >>> pg.patching.patch_on_key(pg.Dict(a=0, b=2), 'a', value=3)
    {a=3, b=2}
    >>> pg.patching.patch_on_key(pg.Dict(a=0, b=2), '.', value=3)
    {a=3, b=3}
  """
  pattern = re.compile(regex)
  return _conditional_patch(
      src, lambda k, v, p: pattern.match(str(k.key)) is not None,
      value, value_fn, skip_notification)


def patch_on_path(src: Symbolic, regex: str, value: Any = None,
                  value_fn: Callable[[Any], Any] | None = None,
                  skip_notification: bool | None = None) -> Any:
  """Rebinds the values whose key path (e.g. ``'a.b[0]'``) matches `regex` from its start.

  Args and returns as `patch_on_key`.

  Example:
    >>> pg.patching.patch_on_path(pg.Dict(a={'x': 1}, b=2), '.*x', value=3)
    {a={x=3}, b=2}
  """
  pattern = re.compile(regex)
  return _conditional_patch(
      src, lambda k, v, p: pattern.match(str(k)) is not None,
      value, value_fn, skip_notification)


def patch_on_value(src: Symbolic, old_value: Any, value: Any = None,
                   value_fn: Callable[[Any], Any] | None = None,
                   skip_notification: bool | None = None) -> Any:
  """Rebinds the values equal to `old_value`.

  Args and returns as `patch_on_key`, with `old_value` the value to match.

  Example:
    >>> pg.patching.patch_on_value(pg.Dict(a={'x': 1}, b=1), 1, value=3)
    {a={x=3}, b=3}
  """
  return _conditional_patch(src, lambda k, v, p: v == old_value,
                            value, value_fn, skip_notification)


def patch_on_type(src: Symbolic, value_type: type | tuple[type, ...],
                  value: Any = None,
                  value_fn: Callable[[Any], Any] | None = None,
                  skip_notification: bool | None = None) -> Any:
  """Rebinds the values that are instances of `value_type`.

  Args and returns as `patch_on_key`, with `value_type` a type or a tuple
  of types.

  Example:
    >>> pg.patching.patch_on_type(pg.Dict(a={'x': 1}, b=2), int, value_fn=lambda x: x * 2)
    {a={x=2}, b=4}
  """
  return _conditional_patch(src, lambda k, v, p: isinstance(v, value_type),
                            value, value_fn, skip_notification)


def patch_on_member(src: Symbolic, cls: type | tuple[type, ...], name: str,
                    value: Any = None,
                    value_fn: Callable[[Any], Any] | None = None,
                    skip_notification: bool | None = None) -> Any:
  """Rebinds the field `name` of every object that is an instance of `cls`.

  Args and returns as `patch_on_key`, with `cls` the owner type(s) and
  `name` the field.

  Example:
    >>> class Layer(pg.Object):
    ...   units: int = 1
    >>> pg.patching.patch_on_member(pg.Dict(a=Layer(), b=1), Layer, 'units', 8)
    {a=Layer(units=8), b=1}
  """
  return _conditional_patch(
      src, lambda k, v, p: isinstance(p, cls) and k.key == name,
      value, value_fn, skip_notification)


def _conditional_patch(src: Symbolic, condition: Condition, value: Any,
                       value_fn: Callable[[Any], Any] | None,
                       skip_notification: bool | None) -> Any:
  if value is not None and value_fn is not None:
    raise ValueError(
        f'Give either `value` or `value_fn`, not both; got value={value!r} '
        f'and value_fn={value_fn!r}.')
  if not isinstance(src, Symbolic):
    raise TypeError(
        f'Only symbolic values (pg.Object, pg.Dict, pg.List) can be patched; '
        f'got {src!r} of type {type(src).__name__}.')

  def rebind_fn(k, v, p):
    # The root is never replaced: it is the object being patched in place.
    if not k.is_root and condition(k, v, p):
      return value_fn(v) if value_fn is not None else value
    return v

  return src.rebind(rebind_fn, raise_on_no_change=False,
                    skip_notification=skip_notification)
