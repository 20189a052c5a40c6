"""Schema and spec helpers of the reference API: `create_schema`, `ensure_value_spec`."""
from __future__ import annotations

from typing import Any, Iterable

from pyglove.typing._any import Any as AnySpec
from pyglove.typing._base import ValueSpec
from pyglove.typing._base import describe
from pyglove.typing._schema import Schema
from pyglove.typing._schema import to_field
from pyglove.typing._union import Union
from pyglove.utils import KeyPath
from pyglove.utils import message_on_path


def create_schema(fields: Iterable[Any] | dict[Any, Any],
                  name: str | None = None,
                  base_schema_list: list[Schema] | None = None,
                  allow_nonconst_keys: bool = False,
                  metadata: dict[str, Any] | None = None,
                  description: str | None = None,
                  for_cls: type | None = None,
                  parent_module: Any = None) -> Schema:
  """A `Schema` from field definitions: Fields, tuples, or a dict of key to spec.

  A definition's spec may be a ValueSpec, an annotation (``int``) or a plain
  value, which becomes the default of the spec of its type (``1`` gives
  ``Int(default=1)``).

  Args:
    fields: Fields, ``(key, spec[, description[, metadata]])`` tuples, or a
      dict from key to spec or to ``(spec, description[, metadata])``.
    name: the schema's name.
    base_schema_list: schemas this one extends.
    allow_nonconst_keys: allow `StrKey`-like keys.
    metadata: free-form data kept with the schema.
    description: documentation of the schema.
    for_cls: the class the schema belongs to.
    parent_module: the module string annotations are evaluated in.

  Raises:
    TypeError: a definition or `metadata` is malformed.

  Example:
    >>> s = create_schema([('a', 1), ('b', str, 'The b.')])
    >>> s['a'].value, s['b'].value, s['b'].description
    (Int(default=1), Str(), 'The b.')
  """
  if metadata is not None and not isinstance(metadata, dict):
    raise TypeError(
        f'create_schema: metadata must be a dict; got {describe(metadata)}.')
  if isinstance(fields, dict):
    # As the reference: a tuple value is (spec, description[, metadata]).
    fields = [(k, *(v if isinstance(v, tuple) else (v,)))
              for k, v in fields.items()]
  del parent_module  # Annotations resolve in their own modules here.
  return Schema([to_field(f) for f in fields], name=name,
                base_schema_list=base_schema_list, description=description,
                allow_nonconst_keys=allow_nonconst_keys, metadata=metadata,
                for_cls=for_cls)


def ensure_value_spec(value_spec: ValueSpec, src_spec: ValueSpec,
                      root_path: KeyPath | None = None) -> ValueSpec | None:
  """The part of `value_spec` whose values `src_spec` accepts (None for `Any`).

  A Union gives its first candidate `src_spec` accepts.

  Raises:
    TypeError: `src_spec` accepts no value of `value_spec`.

  Example:
    >>> from pyglove.typing import Int, Str, Union
    >>> ensure_value_spec(Union([Int(), Str()]), Str())
    Str()
  """
  if isinstance(value_spec, Union):
    value_spec = value_spec.get_candidate(src_spec)
  if isinstance(value_spec, AnySpec):
    return None
  if value_spec is None or not src_spec.is_compatible(value_spec):
    raise TypeError(message_on_path(
        f'Source spec {src_spec!r} is not compatible with destination spec '
        f'{value_spec!r}.', root_path))
  return value_spec
