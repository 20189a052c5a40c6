"""`Field`: a key, the spec of its value, and documentation."""
from __future__ import annotations

from typing import Any

from pyglove.typing._base import ChildTransform
from pyglove.typing._base import ValueSpec
from pyglove.typing._base import as_spec
from pyglove.typing._base import describe
from pyglove.typing._json_key import TypingJSONConvertible
from pyglove.typing._json_key import json_key
from pyglove.typing._key_specs import ConstStrKey
from pyglove.typing._key_specs import KeySpec
from pyglove.utils import Formattable
from pyglove.utils import KeyPath
from pyglove.utils import RawText
from pyglove.utils import kvlist_str
from pyglove.utils import from_json as _utils_from_json
from pyglove.utils import to_json as _utils_to_json


class Field(TypingJSONConvertible, Formattable):
  """One entry of a schema: `key`, the spec of its `value`, a description.

  Args:
    key_spec: a `str` (or `ConstStrKey`) for a fixed key, or a `KeySpec`
      (e.g. `StrKey`) for keys matched by a rule.
    value_spec: the spec of the value (or an annotation such as ``int``).
    description: documentation of the field.
    metadata: free-form data kept with the field.
    origin: the class that declared the field, if any.

  Raises:
    TypeError: `key_spec` is neither a str nor a KeySpec, or `value_spec` is
      neither a ValueSpec nor an annotation.

  Example:
    >>> from pyglove.typing import Int
    >>> f = Field('x', Int(default=1), 'The x.')
    >>> f.key, f.default_value, f.apply(2)
    ('x', 1, 2)
  """

  @classmethod
  def from_annotation(cls, key: str | KeySpec, annotation: Any,
                      description: str | None = None,
                      metadata: dict[str, Any] | None = None,
                      auto_typing: bool = True,
                      parent_module: Any = None) -> 'Field':
    """A field whose spec comes from an annotation (``Annotated`` gives the doc)."""
    from pyglove.typing import _annotation_api  # pylint: disable=g-import-not-at-top
    return _annotation_api.field_from_annotation(
        key, annotation, description, metadata, auto_typing, parent_module)

  def __init__(self, key_spec: str | KeySpec, value_spec: ValueSpec,
               description: str | None = None,
               metadata: dict[str, Any] | None = None,
               origin: type | None = None):
    key = key_spec.text if isinstance(key_spec, ConstStrKey) else key_spec
    if not isinstance(key, (str, KeySpec)):
      raise TypeError(
          f'A field key must be a str or a KeySpec; got {describe(key)}.')
    if not isinstance(value_spec, ValueSpec):
      value_spec = as_spec(value_spec, f'Field {key!r}', 'value_spec')
    if metadata is not None and not isinstance(metadata, dict):
      raise TypeError(
          f'The metadata of field {key!r} must be a dict; got '
          f'{describe(metadata)}.')
    self._key = key
    self._value = value_spec
    self._description = description
    self._metadata = metadata if metadata is not None else {}
    self._origin = origin

  @property
  def key(self) -> str | KeySpec:
    """The key: a str, or a KeySpec matching several keys."""
    return self._key

  @property
  def value(self) -> ValueSpec:
    """The value spec."""
    return self._value

  @property
  def description(self) -> str | None:
    """The documentation of the field, or None."""
    return self._description

  @property
  def metadata(self) -> dict[str, Any]:
    """Free-form data kept with the field."""
    return self._metadata

  @property
  def origin(self) -> type | None:
    """The class that declared the field, or None."""
    return self._origin

  def set_origin(self, origin: type | None) -> 'Field':
    """Sets the declaring class; returns the field."""
    self._origin = origin
    return self

  def set_description(self, description: str | None) -> 'Field':
    """Sets the documentation; returns the field."""
    self._description = description
    return self

  @property
  def frozen(self) -> bool:
    """Whether the value is fixed to its default."""
    return self._value.frozen

  @property
  def annotation(self) -> Any:
    """The Python annotation of the value (see `ValueSpec.annotation`)."""
    return self._value.annotation

  @property
  def default_value(self) -> Any:
    """The default of the value spec (MISSING_VALUE when there is none)."""
    return self._value.default

  @property
  def is_const_key(self) -> bool:
    """Whether the key is a plain string (as opposed to a matching rule)."""
    return isinstance(self._key, str)

  def apply(self, value: Any, allow_partial: bool = False,
            transform_fn: ChildTransform | None = None,
            root_path: KeyPath | None = None) -> Any:
    """Validates `value` with the value spec (see `ValueSpec.apply`).

    `transform_fn` is called on the children of a container value, as
    `child_transform` of `ValueSpec.apply`.
    """
    return self._value.apply(value, allow_partial, transform_fn, root_path)

  def extend(self, base_field: 'Field') -> 'Field':
    """Narrows the field `base_field` of a base schema; keeps its doc if none here.

    Raises:
      KeyError: the two fields have different keys.
      TypeError/ValueError: see `ValueSpec.extend`.
    """
    if self._key != base_field.key:
      raise KeyError(
          f'{self!r} cannot extend {base_field!r} for keys are different.')
    self._value.extend(base_field.value)
    if self._description is None:
      self._description = base_field.description
    self._metadata = {**base_field.metadata, **self._metadata}
    return self

  def __eq__(self, other: Any) -> bool:
    if self is other:
      return True
    return (isinstance(other, Field) and self._key == other._key
            and self._value == other._value
            and self._description == other._description
            and self._metadata == other._metadata)

  def __ne__(self, other: Any) -> bool:
    return not self.__eq__(other)

  def __hash__(self) -> int:
    return hash((self._key, self._value))

  def format(self, compact: bool = False, verbose: bool = True,
             root_indent: int = 0, **kwargs: Any) -> str:
    """``Field(key=x, value=Int(), description='...')``, on one line or indented."""
    key = RawText(self._key) if isinstance(self._key, str) else self._key
    return kvlist_str(
        [('key', key, None), ('value', self._value, None),
         ('description', self._description, None),
         ('metadata', self._metadata, {}), ('origin', self._origin, None)],
        compact=compact, verbose=verbose, root_indent=root_indent,
        label='Field', **kwargs)

  def to_json(self, **kwargs: Any) -> dict[str, Any]:
    """The JSON form of the field."""
    result = {
        '_type': json_key(Field),
        'key': _utils_to_json(self._key, **kwargs),
        'value': self._value.to_json(**kwargs),
    }
    if self._description is not None:
      result['description'] = self._description
    if self._metadata:
      result['metadata'] = _utils_to_json(self._metadata, **kwargs)
    return result

  @classmethod
  def from_json(cls, json_value: dict[str, Any], **kwargs: Any) -> 'Field':
    """Rebuilds a field from `to_json` output."""
    return cls(_utils_from_json(json_value['key'], **kwargs),
               _utils_from_json(json_value['value'], **kwargs),
               json_value.get('description'),
               _utils_from_json(json_value.get('metadata'), **kwargs))
