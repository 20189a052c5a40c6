"""`@pg.members` and `@pg.use_init_args`: declaring a symbolic class's fields by decorator."""
from __future__ import annotations

from typing import Any

from pyglove import typing as pg_typing
from pyglove.symbolic import _fields
from pyglove.symbolic._object import Object
from pyglove.utils import register_json_type
from pyglove.utils import type_key
from pyglove.utils._json import unregister as unregister_json_type


def members(fields: list[Any] | dict[Any, Any],
            metadata: dict[str, Any] | None = None,
            init_arg_list: list[str] | None = None,
            serialization_key: str | None = None,
            additional_keys: list[str] | None = None,
            add_to_registry: bool = True) -> Any:
  """Class decorator declaring the fields of a `pg.Object` subclass.

  Args:
    fields: ``(key, spec_or_annotation[, doc[, metadata]])`` tuples or Fields,
      or a dict from key to spec.
    metadata: metadata of the class schema.
    init_arg_list: the fields accepted positionally, in order (default: all
      fields, inherited ones first).
    serialization_key: an extra JSON ``_type`` key for the class.
    additional_keys: more extra JSON keys.
    add_to_registry: keep the class registered for JSON loading under its
      ``module.QualName`` (and register the extra keys); False removes it.

  Returns:
    A decorator that sets the schema of the class and returns it.

  Raises:
    TypeError: the decorated class is not a `pg.Object` subclass.
    ValueError: `init_arg_list` names an unknown field.

  Example:
    >>> @pg.members([('x', pg.typing.Int(min_value=0), 'The x.')])
    ... class A(pg.Object):
    ...   pass
    >>> A(1).x
    1
  """
  def decorator(cls: type) -> type:
    if not (isinstance(cls, type) and issubclass(cls, Object)):
      raise TypeError(
          f'@pg.members decorates pg.Object subclasses; got {cls!r}.')
    items = list(fields.items()) if isinstance(fields, dict) else fields
    own = [f if isinstance(f, pg_typing.Field) else _fields.tuple_field(f, cls)
           for f in items]
    own = _fields.annotated_fields(cls) + own
    cls._sym_set_schema(_fields.inherit_schema(cls, own, init_arg_list, metadata))  # pylint: disable=protected-access
    if not add_to_registry:
      unregister_json_type(type_key(cls), cls)
      return cls
    for key in [serialization_key, *(additional_keys or [])]:
      if key:
        register_json_type(key, cls)
    return cls
  return decorator


def use_init_args(init_arg_list: list[str]) -> Any:
  """Class decorator setting which fields a `pg.Object` subclass takes positionally.

  ``'*name'`` as the last entry collects the remaining positional arguments
  into the list field `name`.

  Example:
    >>> @pg.use_init_args(['y', 'x'])
    ... class P(pg.Object):
    ...   x: int
    ...   y: int
    >>> P(1, 2).x
    2

  Raises:
    ValueError: an entry names no field.
  """
  return members([], init_arg_list=init_arg_list)


