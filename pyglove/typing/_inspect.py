"""Type inspection helpers of the reference (`pg.typing.is_subclass`, ...).

They extend `issubclass`/`isinstance` to generic aliases (``A[str, int]``),
`typing.Any` and protocols, find the type arguments a class binds for a
generic base, the class a nested class is defined in, and compare callables
by their code.
"""
from __future__ import annotations

import inspect
import sys
import types
import typing
from typing import Any


def is_instance(value: Any, target: Any) -> bool:
  """`isinstance` that understands `typing.Any`, generic aliases and tuples.

  Example:
    >>> is_instance('abc', typing.Any), is_instance(1, (str, int))
    (True, True)
  """
  if target is typing.Any:
    return True
  return is_subclass(type(value), target)


def is_subclass(src: Any, target: Any) -> bool:
  """`issubclass` that understands `typing.Any`, generic aliases, protocols and tuples.

  ``C`` is a subclass of ``A[str, int]`` when it derives from ``A`` binding
  those type arguments (each checked by `is_subclass`, `Any` matching any).
  A protocol class is matched by every user class (not checked at run time
  for speed); builtin classes never match.

  Example:
    >>> class A(typing.Generic[typing.TypeVar('T')]): pass
    >>> class B(A[int]): pass
    >>> is_subclass(B, A[int]), is_subclass(B, A[str]), is_subclass(B, typing.Any)
    (True, False, True)
  """
  if isinstance(target, tuple):
    return any(is_subclass(src, t) for t in target)
  if target is typing.Any:
    return True
  src_type = _origin_type(src)
  if src_type is None:
    return False
  if target is typing.Protocol:
    return is_protocol(src_type)
  if is_protocol(target):
    return src_type is target or src_type.__module__ != 'builtins'
  target_type = _origin_type(target)
  if target_type is None or not issubclass(src_type, target_type):
    return False
  target_args = typing.get_args(target)
  if not target_args:
    return True
  if src_type is target_type:
    src_args = typing.get_args(src)
  else:
    src_args = get_type_args(src_type, target_type)
  if len(src_args) != len(target_args):
    return False
  return all(t is typing.Any or (isinstance(s, type) or is_generic(s))
             and is_subclass(s, t) for s, t in zip(src_args, target_args))


def is_protocol(maybe_protocol: Any) -> bool:
  """Whether a class is a protocol (derives from `typing.Protocol` directly)."""
  return (isinstance(maybe_protocol, type)
          and maybe_protocol is not typing.Protocol
          and bool(getattr(maybe_protocol, '_is_protocol', False)))


def is_generic(maybe_generic: Any) -> bool:
  """Whether a value is a generic alias with type arguments (``A[str, int]``)."""
  return (isinstance(typing.get_origin(maybe_generic), type)
          and bool(typing.get_args(maybe_generic)))


def has_generic_bases(maybe_generic: Any) -> bool:
  """Whether a class derives from generic classes (``class C(A[int])``, ``Generic[T]``)."""
  return isinstance(maybe_generic, type) and bool(
      getattr(maybe_generic, '__orig_bases__', None))


def get_type(maybe_type: Any) -> type:
  """The class of a class or generic alias (``A[str]`` -> ``A``).

  Raises:
    TypeError: `maybe_type` is neither.
  """
  result = _origin_type(maybe_type)
  if result is None:
    raise TypeError(f'{maybe_type!r} is not a type.')
  return result


def get_type_args(maybe_generic: Any, base: type | None = None
                  ) -> tuple[Any, ...]:
  """The type arguments of a generic alias, or those a class binds for its generic `base`.

  Example:
    >>> class A(typing.Generic[typing.TypeVar('T')]): pass
    >>> class B(A[int]): pass
    >>> get_type_args(A[str]), get_type_args(B, A)
    ((<class 'str'>,), (<class 'int'>,))
  """
  if base is None:
    return typing.get_args(maybe_generic)
  cls = _origin_type(maybe_generic)
  if cls is None:
    return ()
  stack = [cls]
  seen = set()
  while stack:
    klass = stack.pop(0)
    if klass in seen:
      continue
    seen.add(klass)
    for orig_base in klass.__dict__.get('__orig_bases__', klass.__bases__):
      if typing.get_origin(orig_base) is base:
        return typing.get_args(orig_base)
      base_type = _origin_type(orig_base)
      if base_type is not None and base_type is not object:
        stack.append(base_type)
  return ()


def get_outer_class(cls: type, base_cls: type | None = None,
                    immediate: bool = False) -> type | None:
  """The class `cls` is nested in (the nearest one deriving from `base_cls`).

  Args:
    cls: a class.
    base_cls: only an outer class deriving from it counts.
    immediate: consider the directly enclosing class only.

  Returns:
    The outer class, or None (a top-level class, no match, or a qualified
    name that cannot be looked up).

  Raises:
    ValueError: `cls` is defined inside a function.
  """
  qualname = cls.__qualname__
  if '<locals>' in qualname:
    raise ValueError(
        f'Cannot find the outer class of a locally defined class {cls!r}.')
  names = qualname.split('.')[:-1]
  module = sys.modules.get(cls.__module__)
  chain = []
  value: Any = module
  for name in names:
    value = getattr(value, name, None)
    if not isinstance(value, type):
      return None
    chain.append(value)
  for outer in reversed(chain):
    if base_cls is None or issubclass(outer, base_cls):
      return outer
    if immediate:
      return None
  return None


def callable_eq(x: Any, y: Any) -> bool:
  """Whether two callables do the same: the same function, or functions with equal code.

  Bound methods must also be bound to the same object (or class). Values
  that are not callable compare with ``==``.

  Example:
    >>> callable_eq(lambda x: x + 1, lambda y: y + 1)
    True
  """
  if x is y:
    return True
  if x is None or y is None:
    return False
  if not callable(x) or not callable(y):
    return x == y
  if inspect.ismethod(x) or inspect.ismethod(y):
    return (inspect.ismethod(x) and inspect.ismethod(y)
            and x.__self__ is y.__self__
            and callable_eq(x.__func__, y.__func__))
  code_x = getattr(x, '__code__', None)
  code_y = getattr(y, '__code__', None)
  if code_x is None or code_y is None:
    return x == y
  return _code_eq(code_x, code_y)


def _code_eq(x: types.CodeType, y: types.CodeType) -> bool:
  """Same instructions, constants and names (argument names may differ)."""
  if x.co_code != y.co_code or x.co_names != y.co_names:
    return False
  if len(x.co_consts) != len(y.co_consts):
    return False
  for a, b in zip(x.co_consts, y.co_consts):
    if isinstance(a, types.CodeType) and isinstance(b, types.CodeType):
      if not _code_eq(a, b):
        return False
    elif type(a) is not type(b) or a != b:
      return False
  return True


def _origin_type(value: Any) -> type | None:
  """The class of a class or a generic alias, else None."""
  if isinstance(value, type) and not isinstance(value, types.GenericAlias):
    return value
  origin = typing.get_origin(value)
  return origin if isinstance(origin, type) else None
