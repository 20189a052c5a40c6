"""`Dict`: a dict checked by a schema, or any dict with string keys."""
from __future__ import annotations

import typing
from typing import Any, Callable, Iterable

from pyglove.typing import _subscript
from pyglove.typing._any import Any as AnySpec
from pyglove.typing._base import ChildTransform
from pyglove.typing._base import ValueSpec
from pyglove.typing._base import describe
from pyglove.typing._base import safe_eq
from pyglove.typing._key_specs import StrKey
from pyglove.typing._schema import Schema
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE


class Dict(ValueSpec):
  """Accepts dicts that satisfy a schema; with no schema, any str-keyed dict.

  The default is the dict of the fields' defaults (a fresh one each time);
  fields without a default must then be given unless `allow_partial`.
  `apply` validates the dict in place and returns the same dict object.

  Args:
    schema: a `Schema`, or its fields as a list of ``(key, spec[, doc])``
      tuples (keys are str or `StrKey`); None accepts any str-keyed dict.
    default: an explicit default dict (otherwise the fields' defaults).
    transform: a function applied to a given value before it is checked.
    is_noneable: whether None is accepted.
    frozen: fix the value to the default.

  Raises:
    TypeError: `schema` is neither a Schema, a list of fields nor None.

  Example:
    >>> from pyglove.typing import Int, Str, StrKey
    >>> spec = Dict([('a', Int(default=1)), (StrKey('x.*'), Str())])
    >>> spec.apply({'xy': 'z'})
    {'xy': 'z', 'a': 1}
    >>> spec.apply({'b': 1})
    Traceback (most recent call last):
      ...
    KeyError: "Key 'b' is not allowed: no field covers it; valid keys: a, StrKey(regex='x.*')."
  """

  def __class_getitem__(cls, params: Any) -> Any:
    """``Dict[str, int]``: a spec by subscription, as in the reference."""
    return _subscript.dict_fields(cls, params)

  value_type = dict

  def __init__(self, schema: Schema | Iterable[Any] | None = None,
               default: Any = MISSING_VALUE,
               transform: Callable[[Any], Any] | None = None,
               is_noneable: bool = False, frozen: bool = False):
    self._open = schema is None
    if schema is None:
      schema = Schema([(StrKey(), AnySpec())], allow_nonconst_keys=True)
    elif not isinstance(schema, Schema):
      schema = Schema(_field_list(schema), allow_nonconst_keys=True)
    self._schema = schema
    super().__init__(MISSING_VALUE, is_noneable, False, transform)
    # The default is built from the fields: required ones stay missing here
    # and are reported when the default is used without `allow_partial`.
    self._default = None if is_noneable else schema.apply({}, True)
    self._auto_default = True
    if default is not MISSING_VALUE:
      self.set_default(default)
    if frozen:
      self.freeze()

  @property
  def schema(self) -> Schema:
    """The schema of the accepted dicts."""
    return self._schema

  def _on_change(self) -> None:
    self._fast_type = dict if self._fast_path_enabled() else ()

  def noneable(self, is_noneable: bool = True,
               use_none_as_default: bool = True) -> 'Dict':
    """Accepts None (or not); None replaces the default built from the fields."""
    if is_noneable and use_none_as_default and self._auto_default:
      self._default = MISSING_VALUE
    super().noneable(is_noneable, use_none_as_default)
    if not is_noneable and self._auto_default and self._default is MISSING_VALUE:
      self._default = self._schema.apply({}, True)
    return self

  def set_default(self, default: Any, use_default_apply: bool = True,
                  root_path: KeyPath | None = None) -> 'Dict':
    """Sets an explicit default dict; MISSING_VALUE restores the fields' defaults."""
    if default is MISSING_VALUE:
      self._auto_default = True
      self._default = self._schema.apply({}, True)
      self._copy_default = None
      self._on_change()
      return self
    self._auto_default = False
    return super().set_default(default, use_default_apply, root_path)

  def _missing(self, allow_partial: bool, root_path: KeyPath | None) -> Any:
    if self._auto_default and self._default is not None:
      # A fresh dict each time, completed from the fields' own defaults.
      return self._schema.apply({}, allow_partial, None, root_path)
    return super()._missing(allow_partial, root_path)

  def apply(self, value: Any, allow_partial: bool = False,
            child_transform: ChildTransform | None = None,
            root_path: KeyPath | None = None) -> Any:
    """See `ValueSpec.apply`; a dict is validated in place by the schema."""
    if isinstance(value, self._fast_type):
      if self._open and child_transform is None:
        for key in value:
          if key.__class__ is not str:
            return self._schema.apply(value, allow_partial, None, root_path)
        return value
      return self._schema.apply(value, allow_partial, child_transform,
                                root_path)
    return self._apply_slow(value, allow_partial, child_transform, root_path)

  def _validate(self, value: Any, allow_partial: bool,
                child_transform: ChildTransform | None,
                root_path: KeyPath | None) -> Any:
    if not isinstance(value, dict):
      raise self._type_error(value, root_path)
    return self._schema.apply(value, allow_partial, child_transform, root_path)

  def _args(self) -> dict[str, Any]:
    return {'schema': None if self._open else self._schema}

  def __eq__(self, other: Any) -> bool:
    if not isinstance(other, Dict):
      return False
    same_default = self._auto_default and other._auto_default or (
        not self._auto_default and not other._auto_default
        and safe_eq(self._default, other.default))
    return (self._schema == other.schema and same_default
            and self._is_noneable == other.is_noneable
            and self._frozen == other.frozen)

  def __hash__(self) -> int:
    return hash((Dict, self._schema))

  def _format_items(self) -> list[tuple[str, Any, Any]]:
    return [('fields', None if self._open else list(self._schema.values()),
             None),
            ('noneable', self._is_noneable, False),
            ('frozen', self._frozen, False)]

  def _annotation(self) -> Any:
    return typing.Dict[str, typing.Any]

  def to_json(self, **kwargs: Any) -> dict[str, Any]:
    """The JSON form; a default built from the fields is not stored."""
    result = super().to_json(**kwargs)
    if self._auto_default:
      result.pop('default', None)
    return result

  def _is_compatible(self, other: ValueSpec) -> bool:
    if not isinstance(other, Dict):
      return False
    if self._open:
      return True
    if set(self._schema.keys()) != set(other.schema.keys()):
      return False
    return all(f.value.is_compatible(other.schema[k].value)
               for k, f in self._schema.items())

  def extend(self, base: ValueSpec) -> 'Dict':
    """Narrows a base Dict: the schema extends the base's schema.

    Raises:
      TypeError: `base` is not a Dict.
      ValueError: `base` is frozen, or a field cannot narrow the base's.
    """
    if not isinstance(base, Dict):
      raise TypeError(f'{self!r} cannot extend {base!r}: they accept '
                      f'different types.')
    if base.frozen:
      raise TypeError(f'{self!r} cannot extend a frozen value spec: {base!r} '
                      '(the base is frozen).')
    if self._is_noneable and not base.is_noneable:
      raise ValueError(
          f'{self!r} cannot extend {base!r}: it accepts None, the base does '
          f'not.')
    if not base._open:
      if self._open:
        self._schema = Schema(list(base.schema.values()),
                              allow_nonconst_keys=True)
        self._open = False
      else:
        self._schema.extend(base.schema)
      if self._auto_default:
        self._default = None if self._is_noneable else self._schema.apply(
            {}, True)
    return self


def _field_list(schema: Any) -> list[Any]:
  """The fields of a `Dict` spec given as a list, a {key: annotation} dict, or the spec of every value.

  Raises:
    TypeError: `schema` is none of these.
  """
  if isinstance(schema, (list, tuple)):
    return list(schema)
  if isinstance(schema, dict):
    return [(k, *(v if isinstance(v, tuple) else (v,)))
            for k, v in schema.items()]
  from pyglove.typing._annotation import from_annotation  # pylint: disable=g-import-not-at-top
  try:
    return [(StrKey(), from_annotation(schema))]
  except TypeError:
    raise TypeError(
        f'Dict: schema must be a Schema, a list of fields, a dict of '
        f'annotations, a value spec (of every value) or None; got '
        f'{describe(schema)}.') from None
