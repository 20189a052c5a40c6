"""`Tuple`: a tuple of fixed length with a spec per position, or of any length."""
from __future__ import annotations

import typing
from typing import Any, Callable

from pyglove.typing import _subscript
from pyglove.typing._base import VALIDATION_ERRORS
from pyglove.typing._base import ChildTransform
from pyglove.typing._base import ValueSpec
from pyglove.typing._base import as_spec
from pyglove.typing._base import nested_annotation
from pyglove.typing._base import child_path
from pyglove.typing._field import Field
from pyglove.typing._key_specs import TupleKey
from pyglove.typing._list import check_sizes
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import message_on_path


class Tuple(ValueSpec):
  """Accepts tuples: fixed-length with one spec per position, or of one spec.

  Args:
    element_values: a list of specs (one per position: the length is fixed),
      or a single spec shared by all elements of a tuple of any length.
    default: the default tuple.
    min_size: the smallest length (single-spec form only).
    max_size: the largest length (single-spec form only).
    size: the exact length (single-spec form only).
    transform: a function applied to a given value before it is checked.
    is_noneable: whether None is accepted.
    frozen: fix the value to the default.

  Raises:
    TypeError: an element spec is not a ValueSpec.
    ValueError: sizes given with a list of specs, or bad sizes.

  Example:
    >>> from pyglove.typing import Int, Str
    >>> Tuple([Int(), Str()]).apply((1, 'a'))
    (1, 'a')
    >>> Tuple(Int(), max_size=2).apply((1, 2, 3))
    Traceback (most recent call last):
      ...
    ValueError: Length of the tuple 3 is out of range (min_size=0, max_size=2).
  """

  def __class_getitem__(cls, params: Any) -> Any:
    """``Tuple[int, str]``: a spec by subscription, as in the reference."""
    return _subscript.tuple_elements(cls, params)

  value_type = tuple

  def __init__(self, element_values: ValueSpec | list[ValueSpec] | tuple[ValueSpec, ...],
               default: Any = MISSING_VALUE, min_size: int | None = None,
               max_size: int | None = None, size: int | None = None,
               transform: Callable[[Any], Any] | None = None,
               is_noneable: bool = False, frozen: bool = False):
    if not isinstance(element_values, (list, tuple, ValueSpec)):
      element_values = as_spec(element_values, 'Tuple', 'element_values')
    if isinstance(element_values, ValueSpec):
      self._fixed = False
      self._min_size, self._max_size = check_sizes('Tuple', min_size,
                                                   max_size, size)
      self._elements = [Field(TupleKey(), element_values)]
    else:
      element_values = [as_spec(s, 'Tuple', 'element_values')
                        for s in element_values]
      if (min_size, max_size, size) != (None, None, None):
        raise ValueError(
            f'Tuple: sizes apply only to a tuple of one element spec; got '
            f'(min_size={min_size!r}, max_size={max_size!r}, size={size!r}) '
            f'with {len(element_values)} element specs.')
      self._fixed = True
      self._min_size = self._max_size = len(element_values)
      self._elements = [Field(TupleKey(i), s)
                        for i, s in enumerate(element_values)]
    super().__init__(default, is_noneable, frozen, transform)

  @property
  def fixed_length(self) -> bool:
    """Whether each position has its own spec."""
    return self._fixed

  @property
  def elements(self) -> list[Field]:
    """The element fields (one per position, or one for all)."""
    return self._elements

  @property
  def min_size(self) -> int:
    """The smallest accepted length."""
    return self._min_size

  @property
  def max_size(self) -> int | None:
    """The largest accepted length, or None."""
    return self._max_size

  def _on_change(self) -> None:
    self._fast_type = tuple if self._fast_path_enabled() else ()
    self._hi = float('inf') if self._max_size is None else self._max_size

  def apply(self, value: Any, allow_partial: bool = False,
            child_transform: ChildTransform | None = None,
            root_path: KeyPath | None = None) -> Any:
    """See `ValueSpec.apply`; returns a tuple (a new one if an element changed)."""
    if (not isinstance(value, self._fast_type) or child_transform is not None
        or not self._min_size <= len(value) <= self._hi):
      return self._apply_slow(value, allow_partial, child_transform, root_path)
    items = None
    for i, item in enumerate(value):
      apply = self._field(i).value.apply
      try:
        new_item = apply(item, allow_partial, None, None)
      except VALIDATION_ERRORS:
        apply(item, allow_partial, None, child_path(root_path, i))
        raise
      if new_item is not item:
        if items is None:
          items = list(value)
        items[i] = new_item
    return value if items is None else tuple(items)

  def _field(self, index: int) -> Field:
    return self._elements[index] if self._fixed else self._elements[0]

  def _validate(self, value: Any, allow_partial: bool,
                child_transform: ChildTransform | None,
                root_path: KeyPath | None) -> Any:
    if not isinstance(value, tuple):
      raise self._type_error(value, root_path)
    if not self._min_size <= len(value) <= self._hi:
      raise ValueError(message_on_path(
          f'Length of the tuple {len(value)} is out of range '
          f'(min_size={self._min_size}, max_size={self._max_size}).',
          root_path))
    items = []
    for i, item in enumerate(value):
      field = self._field(i)
      path = child_path(root_path, i)
      new_item = field.value.apply(item, allow_partial, child_transform, path)
      if child_transform is not None:
        new_item = child_transform(path, field, new_item)
      items.append(new_item)
    return tuple(items)

  def _args(self) -> dict[str, Any]:
    if self._fixed:
      return {'element_values': [f.value for f in self._elements]}
    return {'element_values': self._elements[0].value,
            'min_size': self._min_size or None, 'max_size': self._max_size}

  def _format_items(self) -> list[tuple[str, Any, Any]]:
    if self._fixed:
      value = [f.value for f in self._elements]
      default_min, default_max = self._min_size, self._max_size
    else:
      value = self._elements[0].value
      default_min, default_max = 0, None
    return [('', value, None),
            ('default', self._default, MISSING_VALUE),
            ('min_size', self._min_size, default_min),
            ('max_size', self._max_size, default_max),
            ('noneable', self._is_noneable, False),
            ('frozen', self._frozen, False)]

  def _annotation(self) -> Any:
    if self._fixed:
      return typing.Tuple[tuple(nested_annotation(f.value)
                                for f in self._elements)]
    return typing.Tuple[nested_annotation(self._elements[0].value), ...]

  def _is_compatible(self, other: ValueSpec) -> bool:
    if not isinstance(other, Tuple):
      return False
    if self._fixed:
      return other.fixed_length and len(other.elements) == len(
          self._elements) and all(
              a.value.is_compatible(b.value)
              for a, b in zip(self._elements, other.elements))
    return (other.min_size >= self._min_size
            and (self._max_size is None or (
                other.max_size is not None and other.max_size <= self._max_size))
            and all(self._elements[0].value.is_compatible(f.value)
                    for f in other.elements))

  def extend(self, base: ValueSpec) -> 'Tuple':
    """Narrows a base Tuple position by position."""
    if isinstance(base, Tuple) and not base.frozen:
      if self._fixed and base.fixed_length and len(base.elements) == len(
          self._elements):
        for own, theirs in zip(self._elements, base.elements):
          own.value.extend(theirs.value)
      elif not base.fixed_length:
        for own in self._elements:
          own.value.extend(base.elements[0].value)
    return super().extend(base)
