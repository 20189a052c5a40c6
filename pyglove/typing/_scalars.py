"""Specs of scalar values: `Bool`, `Int`, `Float` and `Str`.

The fast path of `apply` is one class test (and a range or regex test); the
class to test against is None on a frozen spec, which sends every value to the
slow path where the frozen check lives.
"""
from __future__ import annotations

import math
import re
from typing import Any

from pyglove.typing._base import ChildTransform
from pyglove.typing._base import ValueSpec
from pyglove.typing._base import describe
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import message_on_path


class Bool(ValueSpec):
  """Accepts `True` and `False`.

  Example:
    >>> Bool(default=True).apply(MISSING_VALUE)
    True
  """

  value_type = bool

  def _on_change(self) -> None:
    self._fast_type = None if self._frozen else bool

  def apply(self, value: Any, allow_partial: bool = False,
            child_transform: ChildTransform | None = None,
            root_path: KeyPath | None = None) -> Any:
    """See `ValueSpec.apply`; fast path: a class test (and a range or regex test)."""
    if value.__class__ is self._fast_type:
      return value
    return self._apply_slow(value, allow_partial, child_transform, root_path)

  def _validate(self, value: Any, allow_partial: bool,
                child_transform: ChildTransform | None,
                root_path: KeyPath | None) -> Any:
    if isinstance(value, bool):
      return value
    raise self._type_error(value, root_path)


class _Number(ValueSpec):
  """Shared by `Int` and `Float`: an optional closed range."""

  _exact_type: type = object

  def __init__(self, default: Any = MISSING_VALUE,
               min_value: Any = None, max_value: Any = None,
               is_noneable: bool = False):
    for name, bound in (('min_value', min_value), ('max_value', max_value)):
      if bound is not None and (isinstance(bound, bool)
                                or not isinstance(bound, (int, float))):
        raise TypeError(
            f'{type(self).__name__}: {name} must be a number or None; got '
            f'{describe(bound)}.')
    if min_value is not None and max_value is not None and min_value > max_value:
      raise ValueError(
          f'{type(self).__name__}: `min_value <= max_value` must hold, but got '
          f'(min_value={min_value!r}, max_value={max_value!r}).')
    self._min_value = min_value
    self._max_value = max_value
    super().__init__(default, is_noneable)

  @property
  def min_value(self) -> Any:
    """The smallest accepted value, or None."""
    return self._min_value

  @property
  def max_value(self) -> Any:
    """The largest accepted value, or None."""
    return self._max_value

  def _on_change(self) -> None:
    self._lo = -math.inf if self._min_value is None else self._min_value
    self._hi = math.inf if self._max_value is None else self._max_value
    self._fast_type = None if self._frozen else self._exact_type

  def apply(self, value: Any, allow_partial: bool = False,
            child_transform: ChildTransform | None = None,
            root_path: KeyPath | None = None) -> Any:
    """See `ValueSpec.apply`; fast path: a class test (and a range or regex test)."""
    if value.__class__ is self._fast_type and self._lo <= value <= self._hi:
      return value
    return self._apply_slow(value, allow_partial, child_transform, root_path)

  def _check_range(self, value: Any, root_path: KeyPath | None) -> Any:
    if ((self._min_value is not None or self._max_value is not None)
        and not self._lo <= value <= self._hi):
      raise ValueError(message_on_path(
          f'Value {value!r} is out of range (min={self._min_value!r}, '
          f'max={self._max_value!r}).', root_path))
    return value

  def _args(self) -> dict[str, Any]:
    return {'min_value': self._min_value, 'max_value': self._max_value}

  def _is_compatible(self, other: ValueSpec) -> bool:
    if not isinstance(other, _Number) or not self._accepts_number_type(other):
      return super()._is_compatible(other)
    return ((self._min_value is None
             or (other.min_value is not None
                 and other.min_value >= self._min_value))
            and (self._max_value is None
                 or (other.max_value is not None
                     and other.max_value <= self._max_value)))

  def _accepts_number_type(self, other: '_Number') -> bool:
    return type(other) is type(self)


class Int(_Number):
  """Accepts integers (not bools, not floats) in an optional range.

  Args:
    default: the default value.
    min_value: the smallest accepted value, if any.
    max_value: the largest accepted value, if any.
    is_noneable: whether None is accepted.

  Raises:
    TypeError: a bound is not a number.
    ValueError: `min_value > max_value`.

  Example:
    >>> Int(min_value=0).apply(3)
    3
    >>> Int(min_value=0).apply(-1, root_path=KeyPath.parse('model.units'))
    Traceback (most recent call last):
      ...
    ValueError: Value -1 is out of range (min=0, max=None). (path=model.units)
  """

  value_type = int
  _exact_type = int

  def _validate(self, value: Any, allow_partial: bool,
                child_transform: ChildTransform | None,
                root_path: KeyPath | None) -> Any:
    if not isinstance(value, int) or isinstance(value, bool):
      raise self._type_error(value, root_path)
    return self._check_range(value, root_path)


class Float(_Number):
  """Accepts floats, and ints converted to float (not bools), in a range.

  Example:
    >>> Float(min_value=0.0).apply(1)
    1.0
  """

  value_type = float
  _exact_type = float

  def _validate(self, value: Any, allow_partial: bool,
                child_transform: ChildTransform | None,
                root_path: KeyPath | None) -> Any:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
      raise self._type_error(value, root_path)
    return self._check_range(float(value), root_path)

  def _expected(self) -> str:
    return 'float (or int)'

  def _accepts_number_type(self, other: _Number) -> bool:
    return isinstance(other, (Int, Float))


class Str(ValueSpec):
  """Accepts strings, optionally only those matching `regex` (`re.match`).

  Args:
    default: the default value.
    regex: a pattern the start of the string must match.
    is_noneable: whether None is accepted.

  Example:
    >>> Str(regex='a.*').apply('abc')
    'abc'
    >>> Str(regex='a.*').apply('b')
    Traceback (most recent call last):
      ...
    ValueError: String 'b' does not match the regular expression 'a.*'.
  """

  value_type = str

  def __init__(self, default: Any = MISSING_VALUE, regex: str | None = None,
               is_noneable: bool = False):
    self._regex = None if regex is None else re.compile(regex)
    super().__init__(default, is_noneable)

  @property
  def regex(self) -> re.Pattern[str] | None:
    """The compiled regex, or None."""
    return self._regex

  def _on_change(self) -> None:
    self._fast_type = None if self._frozen else str
    self._match = None if self._regex is None else self._regex.match

  def apply(self, value: Any, allow_partial: bool = False,
            child_transform: ChildTransform | None = None,
            root_path: KeyPath | None = None) -> Any:
    """See `ValueSpec.apply`; fast path: a class test (and a range or regex test)."""
    if value.__class__ is self._fast_type and (
        self._match is None or self._match(value) is not None):
      return value
    return self._apply_slow(value, allow_partial, child_transform, root_path)

  def _validate(self, value: Any, allow_partial: bool,
                child_transform: ChildTransform | None,
                root_path: KeyPath | None) -> Any:
    if not isinstance(value, str):
      raise self._type_error(value, root_path)
    if self._regex is not None and self._regex.match(value) is None:
      raise ValueError(message_on_path(
          f'String {value!r} does not match the regular expression '
          f'{self._regex.pattern!r}.', root_path))
    return value

  def _args(self) -> dict[str, Any]:
    return {'regex': None if self._regex is None else self._regex.pattern}

  def _is_compatible(self, other: ValueSpec) -> bool:
    if isinstance(other, Str):
      return self._regex is None or (
          other.regex is not None and other.regex.pattern == self._regex.pattern)
    return super()._is_compatible(other)
