"""`Any`: accepts every value."""
from __future__ import annotations

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

  Example:
    >>> Any().apply([1, 'a'])
    [1, 'a']
    >>> Any(default=1).apply(MISSING_VALUE)
    1
  """

  value_type = object
  _none_by_nature = True

  def __init__(self, default: AnyType = MISSING_VALUE,
               annotation: AnyType = None):
    self._annotation = annotation
    super().__init__(default, is_noneable=True)

  @property
  def annotation(self) -> AnyType:
    """The annotation this spec stands for, if any."""
    return self._annotation

  def apply(self, value: AnyType, allow_partial: bool = False,
            child_transform: ChildTransform | None = None,
            root_path: KeyPath | None = None) -> AnyType:
    """See `ValueSpec.apply`; every given value passes unchanged."""
    if value is not MISSING_VALUE and not self._frozen:
      return value
    return self._apply_slow(value, allow_partial, child_transform, root_path)

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
