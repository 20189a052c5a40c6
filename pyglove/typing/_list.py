"""`List`: a list whose elements share one spec, with optional size bounds."""
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
from pyglove.typing._key_specs import ListKey
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import message_on_path


def check_sizes(owner: str, min_size: int | None, max_size: int | None,
                size: int | None) -> tuple[int, int | None]:
  """Resolves `size` into (min_size, max_size) and checks them.

  Raises:
    ValueError: a size is negative, or `min_size > max_size`.
  """
  if size is not None:
    if min_size is not None or max_size is not None:
      raise ValueError(
          f'{owner}: give either `size` or `min_size`/`max_size`, not both; got '
          f'(size={size!r}, min_size={min_size!r}, max_size={max_size!r}).')
    min_size = max_size = size
  min_size = 0 if min_size is None else min_size
  if min_size < 0 or (max_size is not None and max_size < min_size):
    raise ValueError(
        f'{owner}: `0 <= min_size <= max_size` must hold, but got '
        f'(min_size={min_size!r}, max_size={max_size!r}).')
  return min_size, max_size


class List(ValueSpec):
  """Accepts lists whose elements all satisfy `element_value`.

  `apply` validates the list in place (converted elements replace the old
  ones) and returns the same list object.

  Args:
    element_value: the spec of every element (or an annotation such as
      ``int``).
    default: the default list (copied for each use).
    min_size: the smallest accepted length.
    max_size: the largest accepted length.
    size: the exact length (instead of `min_size`/`max_size`).
    transform: a function applied to a given value before it is checked.
    is_noneable: whether None is accepted.
    frozen: fix the value to the default.

  Raises:
    TypeError: `element_value` is neither a ValueSpec nor an annotation.
    ValueError: bad sizes.

  Example:
    >>> from pyglove.typing import Int
    >>> List(Int(min_value=0), max_size=3).apply([1, 2])
    [1, 2]
    >>> List(Int()).apply([1, 'a'])
    Traceback (most recent call last):
      ...
    TypeError: Expected int but got 'a' (str). (path=[1])
  """

  def __class_getitem__(cls, params: Any) -> Any:
    """``List[int]``: a spec by subscription, as in the reference."""
    return _subscript.element(cls, params)

  value_type = list

  def __init__(self, element_value: Any, default: Any = MISSING_VALUE,
               min_size: int | None = None, max_size: int | None = None,
               size: int | None = None,
               transform: Callable[[Any], Any] | None = None,
               is_noneable: bool = False, frozen: bool = False):
    element_value = as_spec(element_value, 'List', 'element_value')
    self._min_size, self._max_size = check_sizes('List', min_size, max_size,
                                                 size)
    self._element = Field(ListKey(0, self._max_size), element_value)
    super().__init__(default, is_noneable, frozen, transform)

  @property
  def element(self) -> Field:
    """The field of the elements (key: a ListKey)."""
    return self._element

  @property
  def min_size(self) -> int:
    """The smallest accepted length."""
    return self._min_size

  @property
  def max_size(self) -> int | None:
    """The largest accepted length, or None."""
    return self._max_size

  def _on_change(self) -> None:
    self._fast_type = list if self._fast_path_enabled() else ()
    self._hi = float('inf') if self._max_size is None else self._max_size

  def apply(self, value: Any, allow_partial: bool = False,
            child_transform: ChildTransform | None = None,
            root_path: KeyPath | None = None) -> Any:
    """See `ValueSpec.apply`; a list is validated in place."""
    if (not isinstance(value, self._fast_type) or child_transform is not None
        or not self._min_size <= len(value) <= self._hi):
      return self._apply_slow(value, allow_partial, child_transform, root_path)
    apply = self._element.value.apply
    for i, item in enumerate(value):
      try:
        new_item = apply(item, allow_partial, None, None)
      except VALIDATION_ERRORS:
        apply(item, allow_partial, None, child_path(root_path, i))
        raise
      if new_item is not item:
        value[i] = new_item
    return value

  def _validate(self, value: Any, allow_partial: bool,
                child_transform: ChildTransform | None,
                root_path: KeyPath | None) -> Any:
    if not isinstance(value, list):
      raise self._type_error(value, root_path)
    if not self._min_size <= len(value) <= self._hi:
      raise ValueError(message_on_path(
          f'Length of the list {len(value)} is out of range '
          f'(min_size={self._min_size}, max_size={self._max_size}).',
          root_path))
    field = self._element
    apply = field.value.apply
    for i, item in enumerate(value):
      path = child_path(root_path, i)
      new_item = apply(item, allow_partial, child_transform, path)
      if child_transform is not None:
        new_item = child_transform(path, field, new_item)
      if new_item is not item:
        value[i] = new_item
    return value

  def _args(self) -> dict[str, Any]:
    return {'element_value': self._element.value,
            'min_size': self._min_size or None, 'max_size': self._max_size}

  def _format_items(self) -> list[tuple[str, Any, Any]]:
    return [('', self._element.value, None),
            ('min_size', self._min_size, 0),
            ('max_size', self._max_size, None),
            *super()._format_items()]

  def _annotation(self) -> Any:
    return typing.List[nested_annotation(self._element.value)]

  @classmethod
  def from_json(cls, json_value: dict[str, Any], **kwargs: Any) -> 'List':
    """Rebuilds a spec from `to_json` output (older ``element_spec`` keys too)."""
    if 'element_spec' in json_value:
      json_value = dict(json_value)
      json_value['element_value'] = json_value.pop('element_spec')
    return super().from_json(json_value, **kwargs)

  def _is_compatible(self, other: ValueSpec) -> bool:
    if not isinstance(other, List):
      return False
    # As the reference: only a bounded maximum size constrains the other.
    return (self._element.value.is_compatible(other.element.value)
            and (self._max_size is None or (
                other.max_size is not None and other.max_size <= self._max_size)))

  def extend(self, base: ValueSpec) -> 'List':
    """Narrows a base List: the element spec extends the base's element spec."""
    if isinstance(base, List) and not base.frozen:
      self._element.value.extend(base.element.value)
    return super().extend(base)
