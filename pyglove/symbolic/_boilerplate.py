"""`pg.boilerplate_class`: a subclass whose field defaults are taken from an existing object."""
from __future__ import annotations

import copy
import sys

from pyglove import typing as pg_typing
from pyglove.symbolic._base import Symbolic
from pyglove.symbolic._object import Object


def boilerplate_class(cls_name: str, value: Object,
                      init_arg_list: list[str] | None = None,
                      module: str | None = None) -> type:
  """Creates a subclass of `type(value)` whose defaults are `value`'s field values.

  Instances of the new class built without arguments have `value`'s field
  values, and any field can still be overridden. The class is registered for JSON under
  ``module.cls_name`` (the caller's module by default).

  Args:
    cls_name: the name of the new class.
    value: a `pg.Object` providing the defaults (it is not modified).
    init_arg_list: the positional fields of the new class (default: the
      base class's).
    module: the module name the class is attributed to.

  Returns:
    The new class.

  Raises:
    TypeError: `value` is not a `pg.Object`, or `cls_name` not a str.
    ValueError: `value` has missing values.

  Example:
    >>> class Net(pg.Object):
    ...   layers: int
    ...   units: int = 8
    >>> Small = pg.boilerplate_class('Small', Net(layers=2, units=16))
    >>> Small(), Small(units=8).units, isinstance(Small(), Net)
    (Small(layers=2, units=16), 8, True)
  """
  if not isinstance(cls_name, str):
    raise TypeError(f'cls_name must be a str; got {cls_name!r}.')
  if not isinstance(value, Object):
    raise TypeError(
        f'boilerplate_class needs a pg.Object value; got {value!r} of type '
        f'{type(value).__name__}.')
  missing = value.missing_values()
  if missing:
    raise ValueError(
        f'boilerplate_class needs a complete value; {type(value).__name__} '
        f'has missing values at: {", ".join(missing)}.')
  base = type(value)
  fields = []
  for key, field in base.__schema__.fields.items():
    if not isinstance(key, str):
      fields.append(field)
      continue
    spec = copy.copy(field.value)
    default = value.sym_getattr(key)
    if isinstance(default, Symbolic):
      # The default lives outside any tree; instances get their own copies.
      default = default.clone(deep=True)
    spec.set_default(default)
    fields.append(pg_typing.Field(key, spec, field.description, field.metadata))
  if module is None:
    module = sys._getframe(1).f_globals.get('__name__', base.__module__)  # pylint: disable=protected-access
  cls = type(cls_name, (base,), {'__module__': module,
                                 '__qualname__': cls_name,
                                 '__doc__': base.__doc__})
  metadata = dict(base.__schema__.metadata)
  if init_arg_list is not None:
    metadata['init_arg_list'] = list(init_arg_list)
  schema = pg_typing.Schema(fields, metadata=metadata,
                            allow_nonconst_keys=True, for_cls=cls)
  unknown = [a for a in metadata.get('init_arg_list', [])
             if not a.startswith('*') and a not in schema.fields]
  if unknown:
    raise ValueError(
        f'init_arg_list names unknown field(s): {", ".join(unknown)}.')
  cls._sym_set_schema(schema)  # pylint: disable=protected-access
  return cls


