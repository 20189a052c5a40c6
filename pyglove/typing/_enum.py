"""`Enum`: one of a fixed list of values."""
from __future__ import annotations

from typing import Any

from pyglove.typing import _subscript
from pyglove.typing._base import ChildTransform
from pyglove.typing._base import ValueSpec
from pyglove.typing._base import describe
from pyglove.typing._scalars import PrimitiveType
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import from_json as _utils_from_json
from pyglove.utils import message_on_path


class Enum(PrimitiveType):
  """Accepts exactly the given values (compared by type and equality).

  Args:
    default: the default; it must be one of `values` (or MISSING_VALUE).
    values: the accepted values; None among them makes the spec noneable.
    frozen: fix the value to the default.

  Raises:
    ValueError: `values` is empty or `default` is not one of them.

  Example:
    >>> Enum('a', ['a', 'b']).apply('b')
    'b'
    >>> Enum('a', ['a', 'b']).apply('c')
    Traceback (most recent call last):
      ...
    ValueError: Value 'c' is not one of the candidates ['a', 'b'].
  """

  def __class_getitem__(cls, params: Any) -> Any:
    """``Enum[a, b, ...]``: a spec by subscription, as in the reference."""
    return _subscript.enum(cls, params)

  def __init__(self, default: Any, values: list[Any], frozen: bool = False):
    values = list(values) if isinstance(values, (list, tuple)) else values
    if not isinstance(values, list) or not values:
      raise ValueError(
          f'Enum values must be a non-empty list; got {describe(values)}.')
    self._values = values
    # (type, value) pairs, so that 1, 1.0 and True stay distinct values.
    self._hashed: set[tuple[type, Any]] = set()
    self._unhashable: list[Any] = []
    for v in values:
      try:
        self._hashed.add((type(v), v))
      except TypeError:
        self._unhashable.append(v)
    types = []
    for v in values:
      if v is not None and type(v) not in types:
        types.append(type(v))
    if default is not MISSING_VALUE and not self._contains(default):
      raise ValueError(
          f'Enum default {default!r} is not one of the values {values!r}.')
    super().__init__(types[0] if len(types) == 1 else tuple(types or [object]),
                     default, None in values, frozen)

  @property
  def values(self) -> list[Any]:
    """The accepted values."""
    return self._values

  def _contains(self, value: Any) -> bool:
    try:
      if (value.__class__, value) in self._hashed:
        return True
    except TypeError:
      pass
    return any(type(v) is type(value) and v == value for v in self._unhashable)

  def apply(self, value: Any, allow_partial: bool = False,
            child_transform: ChildTransform | None = None,
            root_path: KeyPath | None = None) -> Any:
    """See `ValueSpec.apply`; fast path: one set lookup."""
    if self._fast and value is not None and self._contains(value):
      return value
    return self._apply_slow(value, allow_partial, child_transform, root_path)

  def _on_change(self) -> None:
    self._fast = self._fast_path_enabled()

  def noneable(self, is_noneable: bool = True,
               use_none_as_default: bool = True) -> 'Enum':
    """Adds None to the values (or removes it); None does not become the default."""
    del use_none_as_default  # None is one of the values, not a default.
    if is_noneable and None not in self._values:
      self._values = self._values + [None]
      self._hashed.add((type(None), None))
    elif not is_noneable and None in self._values:
      self._values = [v for v in self._values if v is not None]
      self._hashed.discard((type(None), None))
      if self._default is None:
        self._default = MISSING_VALUE
    self._is_noneable = is_noneable
    self._on_change()
    return self

  def _validate(self, value: Any, allow_partial: bool,
                child_transform: ChildTransform | None,
                root_path: KeyPath | None) -> Any:
    if not self._contains(value):
      raise ValueError(message_on_path(
          f'Value {value!r} is not one of the candidates {self._values!r}.',
          root_path))
    return value

  def _finite_values(self) -> list[Any]:
    return self._values

  def _is_compatible(self, other: ValueSpec) -> bool:
    # An Enum `other` was handled through `_finite_values` already.
    return False

  def _args(self) -> dict[str, Any]:
    return {'values': self._values}

  def _format_items(self) -> list[tuple[str, Any, Any]]:
    return [('default', self._default, MISSING_VALUE),
            ('values', self._values, None),
            ('frozen', self._frozen, False)]

  @classmethod
  def from_json(cls, json_value: dict[str, Any], **kwargs: Any) -> 'Enum':
    """Rebuilds an Enum from `to_json` output."""
    default = json_value.get('default', MISSING_VALUE)
    if default is not MISSING_VALUE:
      default = _utils_from_json(default, **kwargs)
    spec = cls(default, _utils_from_json(json_value['values'], **kwargs))
    if json_value.get('frozen'):
      spec.freeze()
    return spec
