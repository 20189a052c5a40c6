"""`pg.boilerplate_class`: a subclass whose fields set in an existing object are fixed to its values."""
from __future__ import annotations

import copy
import sys
from typing import Any

from pyglove import typing as pg_typing
from pyglove.symbolic._base import Symbolic
from pyglove.symbolic._object import Object
from pyglove.utils import MISSING_VALUE
from pyglove.utils import register_json_type


def boilerplate_class(cls_name: str, value: Object,
                      init_arg_list: list[str] | None = None,
                      module: str | None = None, **kwargs: Any) -> type:
  """Creates a subclass of `type(value)` whose fields set in `value` are fixed.

  As in the reference, each field `value` holds becomes frozen to that value
  (it cannot be passed or rebound, though values inside it can be rebound on
  an instance; it is left out of printed and JSON forms); fields missing in
  a partial `value` stay arguments of the new class. The class is
  registered for JSON under ``module.cls_name`` (the caller's module by
  default).

  Args:
    cls_name: the name of the new class.
    value: a `pg.Object`, possibly partial (it is not modified).
    init_arg_list: the positional fields of the new class (default: the
      base class's, without the frozen ones).
    module: the module name the class is attributed to.
    **kwargs: ``serialization_key`` and ``additional_keys``: more JSON
      ``_type`` names for the class.

  Returns:
    The new class.

  Raises:
    ValueError: `value` is not a `pg.Object`.
    TypeError: `cls_name` is not a str, an unsupported keyword, or
      `init_arg_list` names a field that is not an argument.

  Example:
    >>> class Net(pg.Object):
    ...   layers: int
    ...   units: int = 8
    >>> Wide = pg.boilerplate_class('Wide', Net.partial(units=64))
    >>> Wide(2), Wide(2).units, isinstance(Wide(2), Net)
    (Wide(layers=2), 64, True)
  """
  if not isinstance(cls_name, str):
    raise TypeError(f'cls_name must be a str; got {cls_name!r}.')
  if not isinstance(value, Object):
    raise ValueError(
        f'Argument \'value\' must be an instance of a pg.Object subclass; '
        f'got {value!r} of type {type(value).__name__}.')
  serialization_keys = [kwargs.pop('serialization_key', None),
                        *(kwargs.pop('additional_keys', None) or [])]
  if kwargs:
    raise TypeError(f'Unsupported keyword arguments: {sorted(kwargs)!r}.')
  base = type(value)
  fields = []
  frozen = set()
  for key, field in base.__schema__.fields.items():
    default = value.sym_getattr(key) if isinstance(key, str) else (
        MISSING_VALUE)
    if default is MISSING_VALUE:
      fields.append(field)
      continue
    if isinstance(default, Symbolic):
      # The default lives outside any tree; instances get their own copies.
      default = default.clone(deep=True)
    spec = copy.copy(field.value).set_default(default).freeze()
    fields.append(pg_typing.Field(key, spec, field.description, field.metadata))
    frozen.add(key)
  if module is None:
    module = sys._getframe(1).f_globals.get('__name__', base.__module__)  # pylint: disable=protected-access
  cls = type(cls_name, (base,), {'__module__': module,
                                 '__qualname__': cls_name,
                                 '__doc__': base.__doc__})
  metadata = dict(base.__schema__.metadata)
  if init_arg_list is None:
    init_arg_list = [a for a in metadata.get('init_arg_list', [])
                     if a.lstrip('*') not in frozen]
  unknown = [a for a in init_arg_list
             if a.lstrip('*') not in base.__schema__.fields or a in frozen]
  if unknown:
    raise TypeError(
        f'Argument(s) {", ".join(map(repr, unknown))} from `init_arg_list` '
        f'is not defined as a field (or is fixed by the value) of '
        f'{base.__name__}.')
  metadata['init_arg_list'] = list(init_arg_list)
  schema = pg_typing.Schema(fields, metadata=metadata,
                            allow_nonconst_keys=True, for_cls=cls)
  cls._sym_set_schema(schema)  # pylint: disable=protected-access
  for key in serialization_keys:
    if key:
      register_json_type(key, cls)
  return cls
