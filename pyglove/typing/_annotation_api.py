"""The reference's entry points from annotations: `ValueSpec.from_annotation`,
`Field.from_annotation` and `annotation_from_str`.

They wrap `from_annotation` (which always converts) with the reference's
switches: without ``auto_typing`` an annotation is kept as documentation
(``Any(annotation=int)``); with ``accept_value_as_annotation`` a plain value
gives a spec of its type with it as default. `annotation_from_str` parses an
annotation string into a Python annotation without running code.
"""
from __future__ import annotations

import ast
import inspect
import sys
import types
import typing
from typing import Any as AnyType

from pyglove.typing import _annotation
from pyglove.typing._any import Any
from pyglove.typing._base import ValueSpec
from pyglove.typing._field import Field
from pyglove.typing._forward_ref import ForwardRef
from pyglove.typing._key_specs import KeySpec
from pyglove.typing._object import Object

# The syntax an annotation string may use: names, attributes, subscripts,
# literals, ``|`` and f-strings (in ``Literal``); no calls, lambdas or
# comprehensions, so parsing one runs no code of the string.
_ALLOWED_NODES = (ast.Expression, ast.Name, ast.Attribute, ast.Subscript,
                  ast.Tuple, ast.List, ast.Constant, ast.Load, ast.BinOp,
                  ast.BitOr, ast.UnaryOp, ast.USub, ast.JoinedStr,
                  ast.FormattedValue, ast.Slice)


def value_spec_from_annotation(
    annotation: AnyType, auto_typing: bool = False,
    accept_value_as_annotation: bool = False,
    parent_module: types.ModuleType | str | None = None) -> ValueSpec:
  """A value spec from an annotation, as the reference's `ValueSpec.from_annotation`.

  Args:
    annotation: a Python annotation, an annotation string, a value spec
      (returned as is), or (with `accept_value_as_annotation`) a value.
    auto_typing: convert the annotation into checks (``int`` -> ``Int()``);
      otherwise it is kept as documentation (``Any(annotation=int)``).
    accept_value_as_annotation: a value that is no annotation gives a spec
      of its type with the value as default (``1`` -> ``Int(default=1)``).
    parent_module: the module string annotations are evaluated in.

  Raises:
    TypeError: the annotation has no spec (with `auto_typing`).

  Example:
    >>> ValueSpec.from_annotation(int), ValueSpec.from_annotation(int, True)
    (Any(annotation=<class 'int'>), Int())
  """
  if isinstance(annotation, ValueSpec):
    return annotation
  if annotation is inspect.Parameter.empty:
    return Any()
  if annotation is None:
    return Any(default=None) if accept_value_as_annotation else Object(
        type(None))
  if accept_value_as_annotation and not _is_annotation(annotation):
    return _annotation.from_annotation(annotation, True)
  if not auto_typing:
    return Any(annotation=annotation)
  if annotation == 'None':
    return Object(type(None))
  if annotation is typing.Any:
    return Any(annotation=typing.Any)
  return _annotation.from_annotation(annotation, parent_module=parent_module)


def field_from_annotation(
    key: str | KeySpec, annotation: AnyType, description: str | None = None,
    metadata: dict[str, AnyType] | None = None, auto_typing: bool = True,
    parent_module: types.ModuleType | str | None = None) -> Field:
  """A field from an annotation, as the reference's `Field.from_annotation`.

  An ``Annotated[t, 'doc', {meta}]`` annotation (typing's or ours) gives the
  description and metadata unless they are passed.

  Example:
    >>> Field.from_annotation('x', int, 'An int.')
    Field(key=x, value=Int(), description='An int.')
  """
  inner, doc, meta = _annotation.annotation_parts(annotation, parent_module)
  spec = value_spec_from_annotation(inner, auto_typing,
                                    parent_module=parent_module)
  return Field(key, spec, description if description is not None else doc,
               metadata if metadata is not None else (meta or None))


def annotation_from_str(annotation_str: str,
                        parent_module: types.ModuleType | None = None
                        ) -> AnyType:
  """Parses an annotation string into a Python annotation (running no code).

  Names are looked up in `parent_module` (then builtins); a name not defined
  there becomes a ``typing.ForwardRef``.

  Raises:
    SyntaxError: the string is not an annotation (or uses calls, lambdas or
      other code).
    TypeError: a subscript is not valid for its type.

  Example:
    >>> annotation_from_str('list[int]')
    list[int]
  """
  try:
    tree = ast.parse(annotation_str.strip(), mode='eval')
  except SyntaxError as e:
    raise SyntaxError(
        f'Invalid annotation {annotation_str!r}: {e.msg}.') from None
  for node in ast.walk(tree):
    if not isinstance(node, _ALLOWED_NODES) or (
        isinstance(node, ast.BinOp) and not isinstance(node.op, ast.BitOr)):
      raise SyntaxError(
          f'Invalid annotation {annotation_str!r}: '
          f'{type(node).__name__} is not allowed in an annotation.')
  module_name = (parent_module.__name__ if isinstance(
      parent_module, types.ModuleType) else parent_module) or 'builtins'
  converter = _annotation._Converter(  # pylint: disable=protected-access
      module_name, {}, False)
  value = converter.evaluate(annotation_str)
  return _forward_refs(value, parent_module)


def _is_annotation(value: AnyType) -> bool:
  """Whether `value` is a type annotation rather than a plain value."""
  return (isinstance(value, (type, typing.ForwardRef, typing.TypeVar,
                             ForwardRef, types.GenericAlias))
          or typing.get_origin(value) is not None
          or type(value).__module__ in ('typing', 'typing_extensions'))


def _forward_refs(value: AnyType, module: AnyType) -> AnyType:
  """Replaces the placeholders of unbound names by ``typing.ForwardRef``s."""
  if isinstance(value, _annotation._Unbound):  # pylint: disable=protected-access
    return typing.ForwardRef(value.name, False, module)
  args = getattr(value, '__args__', None)
  if not args or not isinstance(args, tuple):
    return value
  new_args = tuple(_forward_refs(a, module) for a in args)
  if all(a is b for a, b in zip(args, new_args)):
    return value
  if isinstance(value, types.GenericAlias):
    return types.GenericAlias(value.__origin__, new_args)
  if typing.get_origin(value) is typing.Union or (
      sys.version_info >= (3, 10) and isinstance(value, types.UnionType)):
    return typing.Union[new_args]
  return value.copy_with(new_args)
