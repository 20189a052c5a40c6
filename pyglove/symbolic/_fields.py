"""Declaring the fields of symbolic classes: annotations and `@pg.members` into a Schema.

`pg.Object` calls these once per class, when the class is created or
decorated; nothing here runs per instance.
"""
from __future__ import annotations

import collections.abc
import copy
import os
import sys
import typing
from typing import Any, Iterator

from pyglove import typing as pg_typing
from pyglove.symbolic import _convert
from pyglove.utils import Formattable
from pyglove.utils import MISSING_VALUE
from pyglove.utils import message_on_path


def is_class_accessor(cls: type, name: str) -> bool:
  """Whether `name` is a method or descriptor of `cls` (not a field default)."""
  for klass in cls.__mro__:
    if name in klass.__dict__:
      if name in klass.__dict__.get('__annotations__', {}):
        return False  # The default value of an annotated field.
      return hasattr(klass.__dict__[name], '__get__')
  return False


def annotated_fields(cls: type) -> list[Any]:
  """The fields a class declares by annotations in its own body."""
  annotations = cls.__dict__.get('__annotations__', {})
  fields = []
  for name, annotation in annotations.items():
    if name.startswith('_') or (name.upper() == name and name.lower() != name):
      continue
    if isinstance(annotation, str):
      annotation = evaluate(annotation, cls)
    if annotation is typing.ClassVar or typing.get_origin(
        annotation) is typing.ClassVar:
      continue
    annotation, description, metadata = annotation_parts(annotation)
    fields.append(make_field(name, annotation, description, metadata,
                              cls.__dict__.get(name, MISSING_VALUE), cls))
  return fields


def evaluate(annotation: str, cls: type) -> Any:
  module = sys.modules.get(cls.__module__)
  namespace = dict(vars(module)) if module is not None else {}
  localns = {**defining_scope(), **vars(cls)}
  try:
    return eval(annotation, namespace, localns)  # pylint: disable=eval-used
  except Exception:  # pylint: disable=broad-except
    # A forward reference (e.g. to the class being defined): the typing
    # layer turns the names it cannot resolve yet into lazy references.
    return pg_typing.from_annotation(annotation, parent_module=cls.__module__,
                                     localns=localns)


def defining_scope() -> dict[str, Any]:
  """The local names where the class statement runs (a class made in a function)."""
  frame = sys._getframe(1)  # pylint: disable=protected-access
  package_dir = os.path.dirname(os.path.dirname(__file__))
  while frame is not None and frame.f_code.co_filename.startswith(package_dir):
    frame = frame.f_back
  if frame is None:
    return {}
  return dict(frame.f_locals)


def annotation_parts(annotation: Any) -> tuple[Any, Any, Any]:
  """Splits ``Annotated[t, doc]`` (ours or typing's) into (t, doc, metadata)."""
  if isinstance(annotation, pg_typing.Annotated):
    return annotation.annotation, annotation.description, annotation.metadata
  if typing.get_origin(annotation) is typing.Annotated:
    extra = annotation.__metadata__
    doc = next((x for x in extra if isinstance(x, str)), None)
    meta = next((x for x in extra if isinstance(x, dict)), None)
    return annotation.__origin__, doc, meta
  return annotation, None, None


def make_field(key: Any, spec_or_annotation: Any, description: Any,
                metadata: Any, default: Any, cls: type) -> Any:
  """A Field from an annotation or value spec, with an optional default."""
  if isinstance(spec_or_annotation, pg_typing.ValueSpec):
    # Copied: setting the default must not change a spec shared elsewhere.
    spec = copy.copy(spec_or_annotation)
  else:
    spec = pg_typing.from_annotation(spec_or_annotation,
                                     parent_module=cls.__module__)
  if default is not MISSING_VALUE:
    try:
      spec.set_default(default)
    except (TypeError, ValueError) as e:
      raise type(e)(
          f'The default of field {key!r} of {cls.__name__} is invalid: '
          f'{e}') from None
  return pg_typing.Field(key, spec, description, metadata)


def positional_names(init_arg_list: tuple[str, ...], metadata: dict[str, Any]
                     ) -> tuple[tuple[str, ...], str | None]:
  """The fields bound positionally, and the ``*args`` field if any.

  Example:
    >>> positional_names(('x', 'y', '*rest'), {})
    (('x', 'y'), 'rest')
  """
  positional = []
  for name in init_arg_list:
    if name.startswith('*'):
      return tuple(positional), metadata.get('varargs_name') or name[1:]
    positional.append(name)
  return tuple(positional), None


def inherit_schema(cls: type, own_fields: list[Any],
                    init_arg_list: list[str] | None,
                    metadata: dict[str, Any] | None) -> Any:
  """The schema of `cls`: its own fields extending those of its symbolic bases."""
  bases = [b.__schema__ for b in cls.__bases__
           if isinstance(b, type) and hasattr(b, '_sym_init_arg_list')]
  base_arg_list: list[str] = []
  for b in cls.__bases__:
    if isinstance(b, type) and hasattr(b, '_sym_init_arg_list'):
      base_arg_list.extend(a for a in b._sym_init_arg_list  # pylint: disable=protected-access
                           if a not in base_arg_list)
  schema = pg_typing.Schema(own_fields, base_schema_list=bases,
                            allow_nonconst_keys=True, for_cls=cls,
                            metadata=dict(metadata or {}))
  if init_arg_list is None:
    init_arg_list = base_arg_list + [
        f.key for f in own_fields
        if isinstance(f.key, str) and f.key not in base_arg_list]
  else:
    unknown = [a for a in init_arg_list
               if not a.startswith('*') and a not in schema.fields]
    if unknown:
      raise ValueError(
          f'init_arg_list of {cls.__name__} names unknown field(s): '
          f'{", ".join(unknown)}; valid fields: '
          f'{", ".join(str(k) for k in schema.keys())}.')
  schema.metadata['init_arg_list'] = list(init_arg_list)
  return schema


def tuple_field(item: Any, cls: type) -> Any:
  if not isinstance(item, tuple) or not 2 <= len(item) <= 4:
    raise TypeError(
        f'A field of @pg.members must be a Field or a (key, spec[, doc[, '
        f'metadata]]) tuple; got {item!r} for {cls.__name__}.')
  key, spec, description, metadata = (tuple(item) + (None, None))[:4]
  if not isinstance(spec, pg_typing.ValueSpec):
    # As in `pg.typing.create_schema`: an annotation, or a plain value that
    # is the default of the spec of its type (``('x', 1)``: Int(default=1)).
    spec = pg_typing.from_annotation(spec, accept_value_as_annotation=True,
                                     parent_module=cls.__module__)
  return make_field(key, spec, description, metadata, MISSING_VALUE, cls)


def bind_positional(cls: type, args: tuple[Any, ...],
                    kwargs: dict[str, Any]) -> dict[str, Any]:
  """Maps the positional arguments of a construction of `cls` to field names.

  Raises:
    TypeError: too many positional arguments, or one also given by name.
  """
  names = cls._sym_positional_names
  if len(args) > len(names):
    if cls._sym_varargs_name is None:
      plural = '' if len(names) == 1 else 's'
      raise TypeError(
          f'{cls.__name__}.__init__() takes {len(names)} positional '
          f'argument{plural} but {len(args)} were given (positional: '
          f'{", ".join(names) or "none"}).')
    bound = dict(zip(names, args))
    bound[cls._sym_varargs_name] = list(args[len(names):])
  else:
    bound = dict(zip(names, args))
  if kwargs:
    duplicates = bound.keys() & kwargs.keys()
    if duplicates:
      raise TypeError(
          f'{cls.__name__}.__init__() got multiple values for argument(s): '
          f'{", ".join(sorted(duplicates))}.')
    bound.update(kwargs)
  return bound


def bind_extra_keywords(obj: Any, kwargs: dict[str, Any],
                        values: dict[str, Any], allow_partial: bool) -> None:
  """Binds the keywords of a construction beyond the fixed fields, or rejects them.

  Keywords go to a ``**kwargs`` field of the class (validated, into
  `values`).

  Raises:
    TypeError: a keyword names no field, listing the valid ones.
  """
  cls = type(obj)
  schema = cls.__schema__
  unknown = []
  for key, value in kwargs.items():
    if key in cls._sym_keys:
      continue
    field = schema.get_field(key) if cls._sym_has_varkw else None
    if field is None:
      unknown.append(key)
      continue
    path = obj._sym_field_path(key)
    values[key] = obj._sym_adopt(
        _convert.validate_child(field.value, value, allow_partial, path), key)
  if unknown:
    raise TypeError(message_on_path(
        f'{cls.__name__}.__init__() got unexpected keyword argument(s): '
        f'{", ".join(unknown)}; valid fields: '
        f'{", ".join(cls._sym_keys_in_order()) or "(none)"}.',
        obj._sym_key))


class FieldValues(collections.abc.Mapping, Formattable):
  """A read-only view of an object's field values (`Object.sym_init_args`).

  It prints like a `pg.Dict` of the values: ``{x=1, y=[0: 2]}``.

  Example:
    >>> class A(pg.Object):
    ...   x: int = 1
    >>> args = A().sym_init_args
    >>> args['x'], args.x, dict(args)
    (1, 1, {'x': 1})
  """

  __slots__ = ('_values',)

  def __init__(self, values: dict[str, Any]):
    self._values = values

  def __getitem__(self, key: str) -> Any:
    return self._values[key]

  def __getattr__(self, name: str) -> Any:
    try:
      return self._values[name]
    except KeyError:
      raise AttributeError(
          f'No field named {name!r}; fields: '
          f'{", ".join(self._values) or "(none)"}.') from None

  def __iter__(self) -> Iterator[str]:
    return iter(self._values)

  def __len__(self) -> int:
    return len(self._values)

  def sym_items(self) -> Iterator[tuple[str, Any]]:
    """(field name, value) pairs, in field order."""
    return iter(self._values.items())

  def _sym_child_field_or_none(self, key: str) -> None:
    del key  # Printed like a plain pg.Dict: no field descriptions.

  def format(self, compact: bool = False, verbose: bool = True,
             root_indent: int = 0, **kwargs: Any) -> str:
    """``{x=1, y=[0: 2]}``, or one ``name = value`` a line."""
    from pyglove.symbolic import _format  # pylint: disable=g-import-not-at-top
    return _format.format_node(self, compact, verbose, root_indent, **kwargs)
