"""Type converters: how a value of one type becomes a value of another.

When a spec receives a value that is not of its type, it looks for a
converter registered from the value's type (or a base class of it) to the
spec's type, and validates the converted value instead. A few converters are
built in: int to float, str to `KeyPath` and back, int timestamps to
datetime and back.
"""
from __future__ import annotations

import datetime
from typing import Any, Callable

from pyglove.utils import KeyPath

# (source type, destination type) -> converter, in registration order.
_CONVERTERS: dict[tuple[type, Any], Callable[[Any], Any]] = {}
# Destination types that converters to JSON values produce.
_JSON_VALUE_TYPES = (int, float, bool, str, list, dict, type(None))


def register_converter(src_type: type | tuple[type, ...], dest_type: Any,
                       convert_fn: Callable[[Any], Any]) -> None:
  """Registers `convert_fn` to turn `src_type` values into `dest_type` ones.

  Args:
    src_type: a class (or a tuple of classes) whose instances, and those of
      its subclasses, are converted.
    dest_type: the class (or tuple of classes) a spec expects.
    convert_fn: a function of one argument returning the converted value.

  Raises:
    TypeError: a type is not a class, or `convert_fn` is not callable.

  Example:
    >>> import fractions
    >>> from pyglove import typing as pg_typing
    >>> register_converter(fractions.Fraction, float, float)
    >>> pg_typing.Float().apply(fractions.Fraction(1, 2))
    0.5
  """
  sources = src_type if isinstance(src_type, tuple) else (src_type,)
  if not sources or not all(isinstance(t, type) for t in sources):
    raise TypeError(
        f'register_converter: src_type must be a class or a tuple of classes; '
        f'got {src_type!r}.')
  dests = dest_type if isinstance(dest_type, tuple) else (dest_type,)
  if not dests or not all(isinstance(t, type) for t in dests):
    raise TypeError(
        f'register_converter: dest_type must be a class or a tuple of '
        f'classes; got {dest_type!r}.')
  if not callable(convert_fn):
    raise TypeError(
        f'register_converter: convert_fn must be callable; got '
        f'{convert_fn!r}.')
  for src in sources:
    _CONVERTERS[(src, dest_type)] = convert_fn


def get_converter(src: type, dest: Any) -> Callable[[Any], Any] | None:
  """The converter from `src` (or its nearest base class) to `dest`, or None.

  `dest` may be a tuple of classes: a converter to any of them (or to a
  subclass of one of them) fits.

  Example:
    >>> get_converter(int, float)(1)
    1.0
    >>> get_converter(str, int) is None
    True
  """
  dests = dest if isinstance(dest, tuple) else (dest,)
  for base in getattr(src, '__mro__', (src,)):
    for (from_type, to_type), fn in _CONVERTERS.items():
      if from_type is not base:
        continue
      produced = to_type if isinstance(to_type, tuple) else (to_type,)
      if any(_is_subclass(p, d) for p in produced for d in dests):
        return fn
  return None


def get_json_value_converter(src: type) -> Callable[[Any], Any] | None:
  """A converter from `src` to a JSON value (number, str, list, dict...), or None.

  Example:
    >>> get_json_value_converter(KeyPath)(KeyPath.parse('a.b'))
    'a.b'
  """
  return get_converter(src, _JSON_VALUE_TYPES)


def has_converters() -> bool:
  """Whether any converter is registered (specs skip the lookup otherwise)."""
  return bool(_CONVERTERS)


def _is_subclass(a: Any, b: Any) -> bool:
  try:
    return issubclass(a, b)
  except TypeError:
    return False


register_converter(int, float, float)
register_converter(str, KeyPath, KeyPath.parse)
register_converter(KeyPath, str, str)
register_converter(int, datetime.datetime,
                   lambda x: datetime.datetime.fromtimestamp(
                       x, datetime.timezone.utc).replace(tzinfo=None))
register_converter(datetime.datetime, int,
                   lambda x: int(x.replace(tzinfo=datetime.timezone.utc).timestamp()))
