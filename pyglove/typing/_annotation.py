"""From Python annotations to value specs: `from_annotation` and `Annotated`.

String annotations (forward references, or every annotation under
``from __future__ import annotations``) are evaluated in the namespace of the
module that wrote them. A name that is not bound yet (the class being
defined) evaluates to a placeholder that becomes a lazily resolved
`ForwardRef`, so ``list['Node']`` inside ``class Node`` works.
"""
from __future__ import annotations

import collections.abc
import inspect
import sys
import types
import typing
from typing import Any as AnyType

from pyglove.typing._any import Any
from pyglove.typing._base import ValueSpec
from pyglove.typing._callable import Callable
from pyglove.typing._dict import Dict
from pyglove.typing._enum import Enum
from pyglove.typing._forward_ref import ForwardRef
from pyglove.typing._key_specs import StrKey
from pyglove.typing._list import List
from pyglove.typing._object import Object
from pyglove.typing._object import Type
from pyglove.typing._scalars import Bool
from pyglove.typing._scalars import Float
from pyglove.typing._scalars import Int
from pyglove.typing._scalars import Str
from pyglove.typing._tuple import Tuple
from pyglove.typing._union import Union
from pyglove.utils import MISSING_VALUE

_SCALARS = {bool: Bool, int: Int, float: Float, str: Str}
_LIST_ORIGINS = (list, collections.abc.Sequence, collections.abc.MutableSequence)
_DICT_ORIGINS = (dict, collections.abc.Mapping, collections.abc.MutableMapping)
_CALLABLE_ORIGINS = (collections.abc.Callable,)
_ANY_ANNOTATIONS = (typing.Any, object, inspect.Parameter.empty)


class Annotated:
  """A spec or annotation with a field description: ``Annotated[t, 'doc']``.

  Usable in class annotations and signatures; a third item may give field
  metadata: ``Annotated[Int(min_value=0), 'Units.', {'unit': 'px'}]``.

  Example:
    >>> a = Annotated[int, 'The count.']
    >>> from_annotation(a), a.description
    (Int(), 'The count.')
  """

  def __init__(self, annotation: AnyType, description: str | None = None,
               metadata: dict[str, AnyType] | None = None):
    self.annotation = annotation
    self.description = description
    self.metadata = metadata or {}

  def __class_getitem__(cls, params: AnyType) -> 'Annotated':
    if not isinstance(params, tuple) or not 2 <= len(params) <= 3:
      raise TypeError(
          f'Annotated takes [annotation, description] or [annotation, '
          f'description, metadata]; got {params!r}.')
    return cls(*params)

  def __repr__(self) -> str:
    return f'Annotated[{self.annotation!r}, {self.description!r}]'


class _Unbound:
  """Stands for a name not bound when a string annotation is evaluated."""

  def __init__(self, name: str):
    self.name = name

  def __getattr__(self, attr: str) -> '_Unbound':
    if attr.startswith('__'):
      raise AttributeError(attr)
    return _Unbound(f'{self.name}.{attr}')

  def __call__(self, *args: AnyType, **kwargs: AnyType) -> AnyType:
    # typing's argument checks want callables; nothing calls it otherwise.
    raise TypeError(f'{self.name!r} is not defined yet and cannot be called.')

  def __or__(self, other: AnyType) -> AnyType:
    return typing.Union[self, other]

  def __ror__(self, other: AnyType) -> AnyType:
    return typing.Union[other, self]

  def __repr__(self) -> str:
    return self.name


class _Namespace(dict):
  """Local names for `eval`: given locals, module globals, builtins, then placeholders."""

  def __init__(self, localns: dict[str, AnyType], globalns: dict[str, AnyType]):
    super().__init__(localns)
    self._globalns = globalns

  def __missing__(self, name: str) -> AnyType:
    if name in self._globalns:
      return self._globalns[name]
    builtins = sys.modules['builtins'].__dict__
    if name in builtins:
      return builtins[name]
    return _Unbound(name)


def _module_name(parent_module: types.ModuleType | str | None) -> str:
  if parent_module is None:
    return 'builtins'
  if isinstance(parent_module, str):
    return parent_module
  return parent_module.__name__


def annotation_parts(annotation: AnyType,
                     parent_module: types.ModuleType | str | None = None,
                     localns: dict[str, AnyType] | None = None
                     ) -> tuple[AnyType, str | None, dict[str, AnyType]]:
  """Splits ``Annotated[t, doc, meta]`` (ours or typing's) into (t, doc, meta).

  A string annotation is evaluated first (see `from_annotation` for
  `parent_module` and `localns`); other annotations give ``(annotation, None,
  {})``.

  Raises:
    TypeError: a string annotation cannot be evaluated.

  Example:
    >>> annotation_parts(Annotated[int, 'doc'])
    (<class 'int'>, 'doc', {})
  """
  if isinstance(annotation, str):
    annotation = _Converter(_module_name(parent_module), localns or {},
                            False).evaluate(annotation)
  if isinstance(annotation, Annotated):
    return annotation.annotation, annotation.description, annotation.metadata
  if typing.get_origin(annotation) is typing.Annotated:
    extra = annotation.__metadata__
    doc = next((x for x in extra if isinstance(x, str)), None)
    meta = next((x for x in extra if isinstance(x, dict)), {})
    return annotation.__origin__, doc, meta
  return annotation, None, {}


def from_annotation(annotation: AnyType,
                    accept_value_as_annotation: bool = False,
                    parent_module: types.ModuleType | str | None = None,
                    localns: dict[str, AnyType] | None = None) -> ValueSpec:
  """Converts a Python annotation to a value spec.

  Args:
    annotation: a type (``int``, ``list[str]``, ``Optional[X]``,
      ``Literal['a', 'b']``, ``Callable[[int], str]``, a class, ...), a string
      to evaluate, an `Annotated`, or a ValueSpec (returned as is).
    accept_value_as_annotation: treat anything else as a default value and
      infer the spec from its type (``1`` gives ``Int(default=1)``); strings
      are then values too (``'a'`` gives ``Str(default='a')``).
    parent_module: the module (or its name) string annotations are evaluated
      in; names not yet defined there become forward references.
    localns: extra names for string annotations (e.g. a class namespace).

  Returns:
    The value spec (a new one, except when `annotation` is a ValueSpec).

  Raises:
    TypeError: the annotation has no spec (e.g. ``dict[int, str]``: dict keys
      must be strings) or cannot be evaluated.

  Example:
    >>> import typing
    >>> from_annotation(typing.Optional[list[int]])
    List(default=None, element_spec=Int(), noneable=True)
    >>> from_annotation("Literal['a', 'b']", parent_module='typing')
    Enum(default=MISSING_VALUE, values=['a', 'b'])
  """
  return _Converter(_module_name(parent_module), localns or {},
                    accept_value_as_annotation).convert(annotation)


class _Converter:
  """Converts one annotation, remembering where strings are evaluated."""

  def __init__(self, module: str, localns: dict[str, AnyType],
               accept_values: bool):
    self._module = module
    self._localns = localns
    self._accept_values = accept_values

  def convert(self, annotation: AnyType) -> ValueSpec:
    """The spec of `annotation`."""
    if isinstance(annotation, ValueSpec):
      return annotation
    if isinstance(annotation, str):
      if self._accept_values:
        return Str(default=annotation)
      return self.convert(self.evaluate(annotation))
    if isinstance(annotation, typing.ForwardRef):
      return self.convert(self.evaluate(annotation.__forward_arg__))
    if isinstance(annotation, _Unbound):
      return Object(ForwardRef(self._module, annotation.name))
    inner, doc, _ = annotation_parts(annotation)
    if doc is not None or inner is not annotation:
      return self.convert(inner)
    if annotation is None or annotation is type(None):
      return Any(default=None)
    if any(annotation is a for a in _ANY_ANNOTATIONS) or isinstance(
        annotation, typing.TypeVar):
      return Any()
    if isinstance(annotation, type) and annotation in _SCALARS:
      return _SCALARS[annotation]()
    if annotation is typing.Tuple:
      return Tuple(Any())
    origin = typing.get_origin(annotation)
    if origin is not None:
      return self._generic(annotation, origin, typing.get_args(annotation))
    if isinstance(annotation, type):
      return self._class(annotation)
    if self._accept_values:
      return _spec_of_value(annotation)
    raise TypeError(
        f'Cannot convert annotation {annotation!r} of type '
        f'{type(annotation).__name__} to a value spec.')

  def evaluate(self, text: str) -> AnyType:
    """Evaluates a string annotation; unbound names become placeholders."""
    module = sys.modules.get(self._module)
    globalns = dict(vars(module)) if module is not None else {}
    try:
      return eval(text, globalns, _Namespace(self._localns, globalns))  # pylint: disable=eval-used
    except Exception as e:  # A malformed string raises anything.
      raise TypeError(
          f'Cannot evaluate the annotation {text!r} in module '
          f'{self._module!r}: {type(e).__name__}: {e}') from None

  def _class(self, cls: type) -> ValueSpec:
    if issubclass(cls, list):
      return List(Any())
    if issubclass(cls, tuple):
      return Tuple(Any())
    if issubclass(cls, dict):
      return Dict()
    if cls is type:
      return Type(object)
    if cls in _CALLABLE_ORIGINS:
      return Callable()
    return Object(cls)

  def _generic(self, annotation: AnyType, origin: AnyType,
               args: tuple[AnyType, ...]) -> ValueSpec:
    if origin is typing.Union or origin is types.UnionType:
      return self._union(args)
    if origin is typing.Literal:
      return Enum(MISSING_VALUE, list(args))
    if origin is typing.ClassVar or origin is typing.Final:
      return self.convert(args[0]) if args else Any()
    if origin in _LIST_ORIGINS:
      return List(self.convert(args[0]) if args else Any())
    if origin is tuple:
      return self._tuple(args)
    if origin in _DICT_ORIGINS:
      return self._dict(annotation, args)
    if origin in _CALLABLE_ORIGINS:
      return self._callable(args)
    if origin is type:
      return Type(self._type_arg(args[0])) if args else Type(object)
    if isinstance(origin, type):
      return Object(origin)
    raise TypeError(f'Cannot convert annotation {annotation!r} to a value spec.')

  def _union(self, args: tuple[AnyType, ...]) -> ValueSpec:
    noneable = any(a is None or a is type(None) for a in args)
    specs = [self.convert(a) for a in args if a is not None and a is not type(None)]
    spec = specs[0] if len(specs) == 1 else Union(specs)
    # As the reference: ``Optional[int]`` accepts None but does not default
    # to it (a field so annotated is required unless it has a default).
    return spec.noneable(use_none_as_default=False) if noneable else spec

  def _tuple(self, args: tuple[AnyType, ...]) -> ValueSpec:
    # The empty tuple type: `tuple[()]` (`((),)` on Python 3.10).
    if not args or args == ((),):
      return Tuple([])
    if len(args) == 2 and args[1] is Ellipsis:
      return Tuple(self.convert(args[0]))
    return Tuple([self.convert(a) for a in args])

  def _dict(self, annotation: AnyType, args: tuple[AnyType, ...]) -> ValueSpec:
    if not args:
      return Dict()
    key = args[0]
    if isinstance(key, (str, typing.ForwardRef)):
      key = self.evaluate(key if isinstance(key, str) else key.__forward_arg__)
    if key is not str:
      raise TypeError(
          f'Cannot convert annotation {annotation!r}: dict keys must be str, '
          f'got {key!r}.')
    value = self.convert(args[1])
    if isinstance(value, Any) and not value.has_default:
      return Dict()
    return Dict([(StrKey(), value)])

  def _callable(self, args: tuple[AnyType, ...]) -> ValueSpec:
    if not args:
      return Callable()
    params, returns = args[0], args[-1]
    returns_spec = self.convert(returns)
    if isinstance(returns_spec, Any):
      returns_spec = None
    if params is Ellipsis:
      return Callable(returns=returns_spec)
    return Callable([self.convert(p) for p in params], returns=returns_spec)

  def _type_arg(self, arg: AnyType) -> type | ForwardRef:
    if isinstance(arg, (str, typing.ForwardRef)):
      arg = self.evaluate(arg if isinstance(arg, str) else arg.__forward_arg__)
    if isinstance(arg, _Unbound):
      return ForwardRef(self._module, arg.name)
    if arg is typing.Any:
      return object
    if not isinstance(arg, type):
      raise TypeError(f'Cannot convert type[{arg!r}]: {arg!r} is not a class.')
    return arg


def _spec_of_value(value: AnyType) -> ValueSpec:
  """A spec accepting values of the type of `value`, with `value` as default."""
  if isinstance(value, bool):
    return Bool(default=value)
  for cls in (int, float, str):
    if isinstance(value, cls):
      return _SCALARS[cls](default=value)
  if isinstance(value, list):
    return List(Any(), default=value)
  if isinstance(value, tuple):
    return Tuple(Any(), default=value)
  if isinstance(value, dict):
    return Dict().set_default(value)
  if callable(value):
    return Callable(default=value)
  return Object(type(value), default=value)

