"""Value specs by subscription, as the reference allows: ``Int[0, 10]``, ``List[int]``.

Each spec class's ``__class_getitem__`` calls one of these with the class
and the subscript; annotations in it become specs (``List[int]`` is
``List(Int())``).
"""
from __future__ import annotations

from typing import Any

from pyglove.typing._base import ValueSpec
from pyglove.typing._base import as_spec
from pyglove.utils import MISSING_VALUE


def _args(params: Any) -> tuple[Any, ...]:
  return params if isinstance(params, tuple) else (params,)


def _require(cls: type, args: tuple[Any, ...], count: int, what: str) -> None:
  if len(args) != count:
    plural = 's' if count > 1 else ''
    raise TypeError(
        f'`pg.typing.{cls.__name__}` requires {count} {what}{plural}; got '
        f'{len(args)}: {args!r}.')


def _spec(cls: type, value: Any) -> ValueSpec:
  if isinstance(value, ValueSpec):
    return value
  try:
    return as_spec(value, f'pg.typing.{cls.__name__}[...]', 'the argument')
  except TypeError:
    raise TypeError(
        f'Cannot convert {value!r} to `pg.typing.ValueSpec` in '
        f'`pg.typing.{cls.__name__}[...]`.') from None


def number_range(cls: type, params: Any) -> ValueSpec:
  """``Int[min, max]``, ``Float[min, max]`` (None: unbounded)."""
  args = _args(params)
  _require(cls, args, 2, 'argument')
  return cls(min_value=args[0], max_value=args[1])


def regex(cls: type, params: Any) -> ValueSpec:
  """``Str[regex]``."""
  args = _args(params)
  _require(cls, args, 1, 'argument')
  return cls(regex=args[0])


def enum(cls: type, params: Any) -> ValueSpec:
  """``Enum[a, b, ...]``: the candidates, without default."""
  args = _args(params)
  if len(args) < 2:
    raise TypeError(
        f'`pg.typing.{cls.__name__}` requires at least 2 arguments; got '
        f'{args!r}.')
  return cls(MISSING_VALUE, list(args))


def element(cls: type, params: Any) -> ValueSpec:
  """``List[int]``: the spec of the elements."""
  args = _args(params)
  _require(cls, args, 1, 'type argument')
  return cls(_spec(cls, args[0]))


def tuple_elements(cls: type, params: Any) -> ValueSpec:
  """``Tuple[int, str]`` (fixed length) or ``Tuple[int, ...]`` (any length)."""
  args = _args(params)
  if len(args) == 2 and args[1] is Ellipsis:
    return cls(_spec(cls, args[0]))
  return cls([_spec(cls, a) for a in args])


def dict_fields(cls: type, params: Any) -> ValueSpec:
  """``Dict[str, int]`` (every value), ``Dict[{'x': int, ...}]`` (fields)."""
  args = _args(params)
  if len(args) == 1 and isinstance(args[0], dict):
    return cls(args[0])
  _require(cls, args, 2, 'type argument')
  if args[0] is not str:
    return cls()  # As the reference: keys that are not str are not checked.
  return cls(_spec(cls, args[1]))


def class_argument(cls: type, params: Any) -> ValueSpec:
  """``Object[A]``, ``Type[A]``."""
  args = _args(params)
  _require(cls, args, 1, 'type argument')
  return cls(args[0])
