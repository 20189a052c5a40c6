"""`Any`: accepts every value."""
from __future__ import annotations

import typing
from typing import Any as AnyType

from pyglove.typing._base import ChildTransform
from pyglove.typing._base import ValueSpec
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE


class Any(ValueSpec):
  """Accepts every value, None included.

  Args:
    default: the default value.
    annotation: the annotation this spec stands for, kept for documentation
      (e.g. a type that has no spec of its own).
    transform: a function applied to a given value before it is accepted.
    frozen: fix the value to the default.

  Example:
    >>> Any().apply([1, 'a'])
    [1, 'a']
    >>> Any(default=1).apply(MISSING_VALUE)
    1
  """

  value_type = object
  _none_by_nature = True

  def __init__(self, default: AnyType = MISSING_VALUE,
               annotation: AnyType = MISSING_VALUE,
               transform: typing.Callable[[AnyType], AnyType] | None = None,
               frozen: bool = False):
    self._annotation_value = annotation
    super().__init__(default, True, frozen, transform)

  @property
  def annotation(self) -> AnyType:
    """The annotation this spec stands for, or MISSING_VALUE."""
    return self._annotation_value

  def annotate(self, annotation: AnyType) -> 'Any':
    """Records the annotation this spec stands for; returns the spec."""
    self._annotation_value = annotation
    return self

  def _format_items(self) -> list[tuple[str, AnyType, AnyType]]:
    return [('default', self._default, MISSING_VALUE),
            ('frozen', self._frozen, False),
            ('annotation', self._annotation_value, MISSING_VALUE)]

  def apply(self, value: AnyType, allow_partial: bool = False,
            child_transform: ChildTransform | None = None,
            root_path: KeyPath | None = None) -> AnyType:
    """See `ValueSpec.apply`; every given value passes unchanged."""
    if value is not MISSING_VALUE and self._fast:
      return value
    return self._apply_slow(value, allow_partial, child_transform, root_path)

  def _on_change(self) -> None:
    self._fast = self._fast_path_enabled()

  def _validate(self, value: AnyType, allow_partial: bool,
                child_transform: ChildTransform | None,
                root_path: KeyPath | None) -> AnyType:
    return value

  def _is_compatible(self, other: ValueSpec) -> bool:
    return True

  def _args(self) -> dict[str, AnyType]:
    return {}

  def _accepts_kind_of(self, other: ValueSpec) -> bool:
    return True
