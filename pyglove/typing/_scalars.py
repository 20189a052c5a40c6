"""Specs of scalar values: `Bool`, `Int`, `Float` and `Str`, on `PrimitiveType`.

The fast path of `apply` is one class test (and a range or regex test); the
class to test against is None on a frozen spec, which sends every value to the
slow path where the frozen check lives.
"""
from __future__ import annotations

import math
import re
from typing import Any

from pyglove.typing import _subscript
from pyglove.typing._base import ChildTransform
from pyglove.typing._base import ValueSpec
from pyglove.typing._base import describe
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import message_on_path


class PrimitiveType(ValueSpec):
  """Accepts instances of one class (or a tuple of classes), with no other constraint.

  The base of `Bool`, `Str`, `Int`, `Float` and `Enum`; usable on its own for
  any class whose values need only a type check.

  Args:
    value_type: the accepted class, or a tuple of classes.
    default: the default value.
    is_noneable: whether None is accepted.
    frozen: fix the value to the default.

  Raises:
    TypeError: `value_type` is not a class or a tuple of classes.

  Example:
    >>> import fractions
    >>> PrimitiveType(fractions.Fraction).apply(fractions.Fraction(1, 2))
    Fraction(1, 2)
  """

  def __init__(self, value_type: Any, default: Any = MISSING_VALUE,
               is_noneable: bool = False, frozen: bool = False):
    types = value_type if isinstance(value_type, tuple) else (value_type,)
    if not types or not all(isinstance(t, type) for t in types):
      raise TypeError(
          f'{type(self).__name__}: value_type must be a class or a tuple of '
          f'classes; got {describe(value_type)}.')
    self.value_type = value_type
    super().__init__(default, is_noneable, frozen)

  def _on_change(self) -> None:
    fast = self.value_type if isinstance(self.value_type, type) else None
    self._fast_type = fast if self._fast_path_enabled() else None

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
    if isinstance(value, self.value_type):
      return value
    raise self._type_error(value, root_path)

  def _args(self) -> dict[str, Any]:
    return {'value_type': self.value_type}

  def _format_items(self) -> list[tuple[str, Any, Any]]:
    return [('value_type', self.value_type, None)] + super()._format_items()


class Bool(PrimitiveType):
  """Accepts `True` and `False`.

  Example:
    >>> Bool(default=True).apply(MISSING_VALUE)
    True
  """

  def __init__(self, default: Any = MISSING_VALUE, is_noneable: bool = False,
               frozen: bool = False):
    super().__init__(bool, default, is_noneable, frozen)

  def _args(self) -> dict[str, Any]:
    return {}

  def _format_items(self) -> list[tuple[str, Any, Any]]:
    return ValueSpec._format_items(self)


class Number(PrimitiveType):
  """Numbers of one type in an optional closed range (the base of `Int` and `Float`).

  Args:
    value_type: the accepted number class.
    default: the default value.
    min_value: the smallest accepted value, if any.
    max_value: the largest accepted value, if any.
    is_noneable: whether None is accepted.
    frozen: fix the value to the default.

  Raises:
    TypeError: a bound is not a number.
    ValueError: `min_value > max_value`.
  """

  def __init__(self, value_type: Any, default: Any = MISSING_VALUE,
               min_value: Any = None, max_value: Any = None,
               is_noneable: bool = False, frozen: bool = False):
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
    super().__init__(value_type, default, is_noneable, frozen)

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
    super()._on_change()

  def apply(self, value: Any, allow_partial: bool = False,
            child_transform: ChildTransform | None = None,
            root_path: KeyPath | None = None) -> Any:
    """See `ValueSpec.apply`; fast path: a class test (and a range or regex test)."""
    if value.__class__ is self._fast_type and self._lo <= value <= self._hi:
      return value
    return self._apply_slow(value, allow_partial, child_transform, root_path)

  def _validate(self, value: Any, allow_partial: bool,
                child_transform: ChildTransform | None,
                root_path: KeyPath | None) -> Any:
    if not isinstance(value, self.value_type) or isinstance(value, bool):
      raise self._type_error(value, root_path)
    return self._check_range(value, root_path)

  def _check_range(self, value: Any, root_path: KeyPath | None) -> Any:
    if ((self._min_value is not None or self._max_value is not None)
        and not self._lo <= value <= self._hi):
      raise ValueError(message_on_path(
          f'Value {value!r} is out of range (min={self._min_value!r}, '
          f'max={self._max_value!r}).', root_path))
    return value

  def _args(self) -> dict[str, Any]:
    return {'min_value': self._min_value, 'max_value': self._max_value}

  def _format_items(self) -> list[tuple[str, Any, Any]]:
    return [('default', self._default, MISSING_VALUE),
            ('min', self._min_value, None),
            ('max', self._max_value, None),
            ('noneable', self._is_noneable, False),
            ('frozen', self._frozen, False)]

  def _is_compatible(self, other: ValueSpec) -> bool:
    if not isinstance(other, Number) or not self._accepts_number_type(other):
      return super()._is_compatible(other)
    return ((self._min_value is None
             or (other.min_value is not None
                 and other.min_value >= self._min_value))
            and (self._max_value is None
                 or (other.max_value is not None
                     and other.max_value <= self._max_value)))

  def _accepts_number_type(self, other: 'Number') -> bool:
    return type(other) is type(self)

  def _merge_constraints(self, base: ValueSpec) -> None:
    if self._min_value is None:
      self._min_value = base.min_value
    if self._max_value is None:
      self._max_value = base.max_value
    if (self._min_value is not None and self._max_value is not None
        and self._min_value > self._max_value):
      raise ValueError(
          f'{self!r} cannot extend {base!r}: the merged range is empty '
          f'(min_value={self._min_value!r}, max_value={self._max_value!r}).')
    self._on_change()


class Int(Number):
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

  def __class_getitem__(cls, params: Any) -> Any:
    """``Int[min, max]``: a spec by subscription, as in the reference."""
    return _subscript.number_range(cls, params)

  def __init__(self, default: Any = MISSING_VALUE, min_value: int | None = None,
               max_value: int | None = None, is_noneable: bool = False,
               frozen: bool = False):
    super().__init__(int, default, min_value, max_value, is_noneable, frozen)

  def _validate(self, value: Any, allow_partial: bool,
                child_transform: ChildTransform | None,
                root_path: KeyPath | None) -> Any:
    if not isinstance(value, int) or isinstance(value, bool):
      raise self._type_error(value, root_path)
    return self._check_range(value, root_path)


class Float(Number):
  """Accepts floats, and ints converted to float (not bools), in a range.

  Example:
    >>> Float(min_value=0.0).apply(1)
    1.0
  """

  def __class_getitem__(cls, params: Any) -> Any:
    """``Float[min, max]``: a spec by subscription, as in the reference."""
    return _subscript.number_range(cls, params)

  def __init__(self, default: Any = MISSING_VALUE,
               min_value: float | None = None, max_value: float | None = None,
               is_noneable: bool = False, frozen: bool = False):
    super().__init__(float, default, min_value, max_value, is_noneable, frozen)

  def _validate(self, value: Any, allow_partial: bool,
                child_transform: ChildTransform | None,
                root_path: KeyPath | None) -> Any:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
      raise self._type_error(value, root_path)
    return self._check_range(float(value), root_path)

  def _expected(self) -> str:
    return 'float (or int)'

  def _accepts_number_type(self, other: Number) -> bool:
    return isinstance(other, (Int, Float))


class Str(PrimitiveType):
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

  def __class_getitem__(cls, params: Any) -> Any:
    """``Str[regex]``: a spec by subscription, as in the reference."""
    return _subscript.regex(cls, params)

  def __init__(self, default: Any = MISSING_VALUE, regex: str | None = None,
               is_noneable: bool = False, frozen: bool = False):
    self._regex = None if regex is None else re.compile(regex)
    super().__init__(str, default, is_noneable, frozen)

  @property
  def regex(self) -> re.Pattern[str] | None:
    """The compiled regex, or None."""
    return self._regex

  def _on_change(self) -> None:
    super()._on_change()
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

  def _format_items(self) -> list[tuple[str, Any, Any]]:
    return [('default', self._default, MISSING_VALUE),
            ('regex', self._args()['regex'], None),
            ('noneable', self._is_noneable, False),
            ('frozen', self._frozen, False)]

  def _merge_constraints(self, base: ValueSpec) -> None:
    if self._regex is None and base.regex is not None:
      self._regex = base.regex
      self._on_change()

  def _is_compatible(self, other: ValueSpec) -> bool:
    if isinstance(other, Str):
      # As the reference: two regexes cannot be compared in general, and a
      # false negative would reject valid code (a false positive only
      # defers the check to the values).
      return True
    return super()._is_compatible(other)
