"""`Schema`: an ordered, inheritable collection of fields that validates dicts."""
from __future__ import annotations

from typing import Any, Iterable, Iterator

from pyglove.typing._base import ChildTransform
from pyglove.typing._base import VALIDATION_ERRORS
from pyglove.typing._base import ValueSpec
from pyglove.typing._base import child_path
from pyglove.typing._base import describe
from pyglove.typing._field import Field
from pyglove.typing._json_key import TypingJSONConvertible
from pyglove.typing._json_key import json_key
from pyglove.typing._key_specs import KeySpec
from pyglove.utils import Formattable
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import kvlist_str
from pyglove.utils import from_json as _utils_from_json
from pyglove.utils import message_on_path
from pyglove.utils import to_json as _utils_to_json

# Metadata keys the library writes for its own use (signature details); they
# are printed only when set to something (see `Schema.format`).
_INTERNAL_METADATA = frozenset(['varargs_name', 'varkw_name', 'returns'])


def to_field(item: Any) -> Field:
  """Turns a Field or a ``(key, spec[, description[, metadata]])`` tuple into a Field.

  The spec of a tuple may also be an annotation (``int``, ``list[str]``) or a
  plain value (its default), converted by `from_annotation`.
  """
  if isinstance(item, Field):
    return item
  if isinstance(item, tuple) and 2 <= len(item) <= 4:
    key, spec, *rest = item
    if not isinstance(spec, ValueSpec):
      # Imported here: the annotation module builds on this one.
      from pyglove.typing._annotation import from_annotation
      spec = from_annotation(spec, accept_value_as_annotation=True)
    return Field(key, spec, *rest)
  raise TypeError(
      f'A schema field must be a Field or a (key, value_spec[, description'
      f'[, metadata]]) tuple; got {describe(item)}.')


class Schema(TypingJSONConvertible, Formattable):
  """An ordered collection of fields; validates and completes dicts.

  Args:
    fields: Fields, or ``(key, value_spec[, description[, metadata]])``
      tuples, in order.
    name: the name of the schema (a symbolic class's is its
      ``module.QualName``).
    base_schema_list: schemas this one extends (see `extend`), in order.
    description: documentation of the schema.
    allow_nonconst_keys: whether fields keyed by a `KeySpec` (e.g. `StrKey`)
      are allowed.
    metadata: free-form data (symbolic classes keep ``init_arg_list`` here).
    for_cls: the class the schema belongs to: it names the schema and is the
      origin of the fields that have none.

  Raises:
    KeyError: two fields have the same key.
    ValueError: a field has a non-constant key and `allow_nonconst_keys` is
      False.

  Example:
    >>> from pyglove.typing import Int, Str
    >>> s = Schema([('x', Int(min_value=0)), ('y', Str(default='a'), 'Doc.')])
    >>> s.apply({'x': 1})
    {'x': 1, 'y': 'a'}
    >>> list(s.keys())
    ['x', 'y']
  """

  def __init__(self, fields: Iterable[Any], name: str | None = None,
               base_schema_list: Iterable['Schema'] | None = None,
               description: str | None = None, *,
               allow_nonconst_keys: bool = False,
               metadata: dict[str, Any] | None = None,
               for_cls: type | None = None):
    if name is not None and not isinstance(name, str):
      raise TypeError(f'Schema name must be a str or None; got {name!r}.')
    self._fields: dict[Any, Field] = {}
    self._name = name
    self._description = description
    self._metadata = dict(metadata) if metadata else {}
    self._allow_nonconst_keys = allow_nonconst_keys
    for item in fields:
      field = to_field(item)
      if field.key in self._fields:
        raise KeyError(f'Field {field.key!r} is defined twice in the schema.')
      self._fields[field.key] = field
    self._check_nonconst_keys()
    self._on_change()
    for base in base_schema_list or ():
      self.extend(base)
    if for_cls is not None:
      self.set_for_cls(for_cls)

  def set_for_cls(self, cls: type) -> 'Schema':
    """Names the schema after `cls` and makes it the origin of fields that have none."""
    self._name = f'{cls.__module__}.{cls.__qualname__}'
    for field in self._fields.values():
      if field.origin is None:
        field.set_origin(cls)
    return self

  def _check_nonconst_keys(self) -> None:
    if self._allow_nonconst_keys:
      return
    for key in self._fields:
      if isinstance(key, KeySpec):
        raise ValueError(
            f'Key {key!r} is not a constant key; a schema takes such keys only '
            f'when created with allow_nonconst_keys=True.')

  def _on_change(self) -> None:
    """Precomputes what `apply` walks over."""
    self._const = [(k, f.value.apply) for k, f in self._fields.items()
                   if isinstance(k, str)]
    self._nonconst = [(k, f) for k, f in self._fields.items()
                      if isinstance(k, KeySpec)]

  # Read access.

  @property
  def fields(self) -> dict[Any, Field]:
    """Fields by key, in order (do not mutate)."""
    return self._fields

  @property
  def name(self) -> str | None:
    """The name of the schema, or None."""
    return self._name

  def set_name(self, name: str | None) -> 'Schema':
    """Sets the name; returns the schema."""
    self._name = name
    return self

  @property
  def description(self) -> str | None:
    """The documentation of the schema, or None."""
    return self._description

  def set_description(self, description: str | None) -> 'Schema':
    """Sets the documentation; returns the schema."""
    self._description = description
    return self

  @property
  def metadata(self) -> dict[str, Any]:
    """Free-form data (symbolic classes keep init_arg_list here)."""
    return self._metadata

  @property
  def allow_nonconst_keys(self) -> bool:
    """Whether fields keyed by a KeySpec are allowed."""
    return self._allow_nonconst_keys

  def keys(self) -> Iterable[Any]:
    """The field keys, in order."""
    return self._fields.keys()

  def values(self) -> Iterable[Field]:
    """The fields, in order."""
    return self._fields.values()

  def items(self) -> Iterable[tuple[Any, Field]]:
    """(key, field) pairs, in order."""
    return self._fields.items()

  def __iter__(self) -> Iterator[Any]:
    return iter(self._fields)

  def __len__(self) -> int:
    return len(self._fields)

  def __contains__(self, key: Any) -> bool:
    return key in self._fields

  def __getitem__(self, key: Any) -> Field:
    try:
      return self._fields[key]
    except KeyError:
      raise KeyError(
          f'No field with key {key!r}; valid keys: {self._valid_keys()}.'
      ) from None

  def get(self, key: Any, default: Any = None) -> Any:
    """The field with exactly `key`, or `default`."""
    return self._fields.get(key, default)

  def get_field(self, key: Any) -> Field | None:
    """The field covering `key`: its own field, or one whose KeySpec matches.

    Example:
      >>> from pyglove.typing import Int, StrKey
      >>> Schema([(StrKey('x.*'), Int())]).get_field('xy').value
      Int()
    """
    field = self._fields.get(key) if isinstance(key, (str, KeySpec)) else None
    if field is not None:
      return field
    for key_spec, field in self._nonconst:
      if key_spec.match(key):
        return field
    return None

  def resolve(self, keys: Iterable[Any]) -> tuple[dict[Any, list[Any]], list[Any]]:
    """Groups `keys` by the field key covering them.

    Returns:
      ``(by_field_key, unresolved)``: a dict from each field key to the given
      keys it covers, and the keys no field covers.
    """
    by_field: dict[Any, list[Any]] = {}
    unresolved = []
    for key in keys:
      field = self.get_field(key)
      if field is None:
        unresolved.append(key)
      else:
        by_field.setdefault(field.key, []).append(key)
    return by_field, unresolved

  def _valid_keys(self) -> str:
    return ', '.join(str(k) for k in self._fields) or '(none)'

  # Composition.

  def extend(self, base: 'Schema') -> 'Schema':
    """Inherits the fields of `base`: its fields come first, in its order.

    A field present in both narrows the base's (see `Field.extend`).
    Metadata of `base` is kept where this schema has none. Returns self.

    Example:
      >>> from pyglove.typing import Int
      >>> s = Schema([('y', Int())]).extend(Schema([('x', Int())]))
      >>> list(s.keys())
      ['x', 'y']

    Raises:
      TypeError/ValueError: a field cannot narrow the base's field.
    """
    if not isinstance(base, Schema):
      raise TypeError(f'Schema.extend expects a Schema; got {describe(base)}.')
    fields: dict[Any, Field] = {}
    for key, base_field in base.fields.items():
      own = self._fields.get(key)
      if own is None:
        fields[key] = base_field
      else:
        try:
          fields[key] = own.extend(base_field)
        except (TypeError, ValueError) as e:
          raise type(e)(f'Field {key!r}: {e}') from None
    for key, field in self._fields.items():
      fields.setdefault(key, field)
    self._fields = fields
    self._metadata = {**base.metadata, **self._metadata}
    if self._description is None:
      self._description = base.description
    self._check_nonconst_keys()
    self._on_change()
    return self

  def is_compatible(self, other: 'Schema') -> bool:
    """Whether every dict `other` accepts is accepted here: same keys, compatible specs.

    Raises:
      TypeError: `other` is not a Schema.

    Example:
      >>> from pyglove.typing import Int
      >>> Schema([('x', Int())]).is_compatible(Schema([('x', Int(min_value=0))]))
      True
    """
    if not isinstance(other, Schema):
      raise TypeError(
          f'Schema.is_compatible expects a Schema; got {describe(other)}.')
    if set(self._fields) != set(other.fields):
      return False
    return all(f.value.is_compatible(other.fields[k].value)
               for k, f in self._fields.items())

  @classmethod
  def merge(cls, schema_list: Iterable['Schema'],
            description: str | None = None,
            metadata: dict[str, Any] | None = None) -> 'Schema':
    """A new schema with the fields of every schema; the first of a key wins.

    Example:
      >>> from pyglove.typing import Int, Str
      >>> s = Schema.merge([Schema([('x', Int())]), Schema([('x', Str()), ('y', Str())])])
      >>> s['x'].value, list(s.keys())
      (Int(), ['x', 'y'])
    """
    fields: dict[Any, Field] = {}
    for schema in schema_list:
      for key, field in schema.fields.items():
        fields.setdefault(key, field)
    return cls(list(fields.values()), description=description,
               metadata=metadata, allow_nonconst_keys=True)

  # Validation.

  def apply(self, dict_obj: dict[Any, Any], allow_partial: bool = False,
            child_transform: ChildTransform | None = None,
            root_path: KeyPath | None = None) -> dict[Any, Any]:
    """Validates `dict_obj` in place: fills defaults and checks every field.

    Every field key ends up in `dict_obj` (MISSING_VALUE for a missing value
    when `allow_partial`). Values converted by their spec replace the old
    ones; the same dict object is returned.

    Raises:
      KeyError: `dict_obj` has a key no field covers (the valid keys are
        listed).
      TypeError/ValueError: a value is rejected by its field (see
        `ValueSpec.apply`); the message names the value's key path.

    Example:
      >>> from pyglove.typing import Float
      >>> Schema([('x', Float())]).apply({'x': 1})
      {'x': 1.0}
    """
    if child_transform is not None:
      return self._apply_with_paths(dict_obj, allow_partial, child_transform,
                                    root_path)
    get = dict_obj.get
    for key, apply in self._const:
      value = get(key, MISSING_VALUE)
      try:
        new_value = apply(value, allow_partial, None, None)
      except VALIDATION_ERRORS:
        # Validate again, now with the child's path, for the message.
        apply(value, allow_partial, None, child_path(root_path, key))
        raise
      if new_value is not value or value is MISSING_VALUE:
        dict_obj[key] = new_value
    if len(dict_obj) > len(self._const):
      self._apply_other_keys(dict_obj, allow_partial, None, root_path)
    return dict_obj

  def _apply_with_paths(self, dict_obj: dict[Any, Any], allow_partial: bool,
                        child_transform: ChildTransform,
                        root_path: KeyPath | None) -> dict[Any, Any]:
    for key, field in self._fields.items():
      if not isinstance(key, str):
        continue
      path = child_path(root_path, key)
      value = dict_obj.get(key, MISSING_VALUE)
      new_value = child_transform(
          path, field, field.value.apply(value, allow_partial, child_transform,
                                         path))
      if new_value is not value or value is MISSING_VALUE:
        dict_obj[key] = new_value
    if len(dict_obj) > len(self._const):
      self._apply_other_keys(dict_obj, allow_partial, child_transform,
                             root_path)
    return dict_obj

  def _apply_other_keys(self, dict_obj: dict[Any, Any], allow_partial: bool,
                        child_transform: ChildTransform | None,
                        root_path: KeyPath | None) -> None:
    """Validates the keys that are not constant field keys."""
    const_fields = self._fields
    for key, value in list(dict_obj.items()):
      if isinstance(key, str) and key in const_fields:
        continue
      field = None
      for key_spec, candidate in self._nonconst:
        if key_spec.match(key):
          field = candidate
          break
      if field is None:
        raise KeyError(message_on_path(
            f'Key {key!r} is not allowed: no field covers it; valid keys: '
            f'{self._valid_keys()}.', root_path))
      path = child_path(root_path, key)
      new_value = field.value.apply(value, allow_partial, child_transform, path)
      if child_transform is not None:
        new_value = child_transform(path, field, new_value)
      if new_value is not value:
        dict_obj[key] = new_value

  def validate(self, dict_obj: dict[Any, Any], allow_partial: bool = False,
               root_path: KeyPath | None = None) -> None:
    """Checks `dict_obj` like `apply` but leaves it unchanged.

    Raises:
      KeyError/TypeError/ValueError: as `apply`.
    """
    self.apply(dict(dict_obj), allow_partial=allow_partial,
               root_path=root_path)

  # Equality, text and JSON.

  def __eq__(self, other: Any) -> bool:
    if self is other:
      return True
    return (isinstance(other, Schema)
            and list(self._fields.items()) == list(other._fields.items())
            and self._description == other._description
            and self._allow_nonconst_keys == other._allow_nonconst_keys)

  def __ne__(self, other: Any) -> bool:
    return not self.__eq__(other)

  def __hash__(self) -> int:
    return hash(tuple(self._fields))

  def format(self, compact: bool = False, verbose: bool = True,
             root_indent: int = 0, *, cls_name: str | None = None,
             bracket_type: Any = 'round', fields_only: bool = False,
             **kwargs: Any) -> str:
    """``Schema(name=..., fields=[...], metadata={...})``, on one line or indented.

    Args:
      compact: one line.
      verbose: passed on to the fields.
      root_indent: the indentation level of the first line.
      cls_name: the label instead of ``Schema``.
      bracket_type: the brackets ('round', 'square', 'curly').
      fields_only: print only the fields.
      **kwargs: passed on to `pg.format`.

    Example:
      >>> from pyglove.typing import Int
      >>> print(Schema([('x', Int(), 'The x.')], description='A point.').format(compact=True))
      Schema(description='A point.', fields=[Field(key=x, value=Int(), description='The x.')], allow_nonconst_keys=False)
    """
    items = [('fields', list(self._fields.values()), [])]
    if not fields_only:
      items = [('name', self._name, None),
               ('description', self._description, None),
               *items,
               ('allow_nonconst_keys', self._allow_nonconst_keys, True),
               ('metadata', self._printed_metadata(), {})]
    return kvlist_str(items, compact=compact, verbose=verbose,
                      root_indent=root_indent,
                      label=cls_name or type(self).__name__,
                      bracket_type=bracket_type, **kwargs)

  def _printed_metadata(self) -> dict[str, Any]:
    """The metadata without the bookkeeping keys our signatures add."""
    return {k: v for k, v in self._metadata.items()
            if k not in _INTERNAL_METADATA or (
                k != 'returns' and v is not None)}

  def to_json(self, **kwargs: Any) -> dict[str, Any]:
    """The JSON form of the schema."""
    result: dict[str, Any] = {
        '_type': json_key(Schema),
        'fields': [f.to_json(**kwargs) for f in self._fields.values()],
    }
    if self._description is not None:
      result['description'] = self._description
    if self._metadata:
      result['metadata'] = _utils_to_json(self._metadata, **kwargs)
    if self._allow_nonconst_keys:
      result['allow_nonconst_keys'] = True
    if self._name is not None:
      result['name'] = self._name
    return result

  @classmethod
  def from_json(cls, json_value: dict[str, Any], **kwargs: Any) -> 'Schema':
    """Rebuilds a schema from `to_json` output."""
    fields = [_utils_from_json(f, **kwargs) for f in json_value['fields']]
    # Older JSON left the flag out when it was set.
    nonconst = json_value.get('allow_nonconst_keys', any(
        isinstance(f.key, KeySpec) for f in fields))
    return cls(fields, name=json_value.get('name'),
               description=json_value.get('description'),
               metadata=_utils_from_json(json_value.get('metadata'), **kwargs),
               allow_nonconst_keys=nonconst)
