"""`Signature`: a callable's arguments as value specs (`pg.typing.get_signature`).

Where `schema` turns a signature into the fields of a symbolic class, a
`Signature` keeps the callable's shape: positional and keyword-only
arguments, ``*args``, ``**kwargs`` and the return value, each with a spec.
"""
from __future__ import annotations

import dataclasses
import enum
import inspect
import types
from typing import Any as AnyType, Callable as CallableType

from pyglove.typing._base import ValueSpec
from pyglove.typing._base import describe
from pyglove.typing._field import Field
from pyglove.typing._schema import Schema
from pyglove.typing._signature import schema as schema_of
from pyglove.utils import Formattable
from pyglove.utils import MISSING_VALUE
from pyglove.utils import RawText
from pyglove.utils import kvlist_str

_P = inspect.Parameter


class CallableType(enum.Enum):
  """Whether a callable is a plain function or bound to an object (a method)."""
  FUNCTION = 1
  METHOD = 2


@dataclasses.dataclass
class Argument:
  """One argument of a signature: its name, kind, spec and description.

  Example:
    >>> from pyglove.typing import Int
    >>> Argument('x', Argument.Kind.POSITIONAL_OR_KEYWORD, Int()).value_spec
    Int()
  """

  class Kind(enum.Enum):
    """How the argument is passed."""
    POSITIONAL_OR_KEYWORD = 1
    VAR_POSITIONAL = 2
    KEYWORD_ONLY = 3
    VAR_KEYWORD = 4

    @classmethod
    def from_parameter(cls, parameter: inspect.Parameter) -> 'Argument.Kind':
      """The kind of an `inspect.Parameter` (positional-only counts as positional)."""
      return _KINDS[parameter.kind]

  name: str
  kind: 'Argument.Kind'
  value_spec: ValueSpec
  description: str | None = None

  @classmethod
  def from_parameter(cls, parameter: inspect.Parameter,
                     description: str | None = None,
                     auto_typing: bool = False,
                     parent_module: AnyType = None) -> 'Argument':
    """The argument of an `inspect.Parameter`.

    Its spec comes from the annotation with `auto_typing` (else `Any`
    keeping the annotation) and the parameter's default; ``*args`` gives a
    List of it (default ``[]``), ``**kwargs`` a Dict of it.

    Example:
      >>> import inspect
      >>> p = inspect.signature(lambda x=1: x).parameters['x']
      >>> Argument.from_parameter(p).value_spec
      Any(default=1)
    """
    from pyglove.typing import _annotation_api  # pylint: disable=g-import-not-at-top
    from pyglove.typing._dict import Dict  # pylint: disable=g-import-not-at-top
    from pyglove.typing._key_specs import StrKey  # pylint: disable=g-import-not-at-top
    from pyglove.typing._list import List  # pylint: disable=g-import-not-at-top
    kind = cls.Kind.from_parameter(parameter)
    spec = _annotation_api.value_spec_from_annotation(
        parameter.annotation, auto_typing, parent_module=parent_module)
    if kind is cls.Kind.VAR_POSITIONAL:
      spec = List(spec, default=[])
    elif kind is cls.Kind.VAR_KEYWORD:
      spec = Dict([(StrKey(), spec)])
    elif parameter.default is not _P.empty:
      spec = spec.set_default(parameter.default)
    return cls(parameter.name, kind, spec, description)

  def to_field(self) -> Field:
    """The field of a symbolic class holding this argument."""
    if self.kind is Argument.Kind.VAR_KEYWORD:
      from pyglove.typing._key_specs import StrKey  # pylint: disable=g-import-not-at-top
      return Field(StrKey(), _varkw_value_spec(self.value_spec),
                   self.description)
    return Field(self.name, self.value_spec, self.description)


_KINDS = {
    _P.POSITIONAL_ONLY: Argument.Kind.POSITIONAL_OR_KEYWORD,
    _P.POSITIONAL_OR_KEYWORD: Argument.Kind.POSITIONAL_OR_KEYWORD,
    _P.VAR_POSITIONAL: Argument.Kind.VAR_POSITIONAL,
    _P.KEYWORD_ONLY: Argument.Kind.KEYWORD_ONLY,
    _P.VAR_KEYWORD: Argument.Kind.VAR_KEYWORD,
}


def _varkw_value_spec(spec: ValueSpec) -> ValueSpec:
  """The spec of each ``**kwargs`` value (the argument's spec is a Dict of them)."""
  fields = getattr(spec, 'schema', None)
  if fields is not None:
    for key, field in fields.items():
      if not isinstance(key, str):
        return field.value
  return spec


class Signature(Formattable):
  """The arguments and return value of a callable, as value specs.

  Args:
    callable_type: a plain function or a method.
    name: the callable's name.
    module_name: the module defining it.
    args: the positional arguments.
    kwonlyargs: the keyword-only arguments.
    varargs: the ``*args`` argument, if any.
    varkw: the ``**kwargs`` argument, if any.
    return_value: the spec of the return value, if known.
    qualname: the qualified name (default: `name`).
    description: documentation of the callable.

  Example:
    >>> def f(a, b: int = 1, *args, c='x', **kwargs):
    ...   pass
    >>> sig = Signature.from_callable(f)
    >>> sig.arg_names, sig.has_varargs, sig.has_varkw
    (['a', 'b', 'c'], True, True)
  """

  def __init__(self, callable_type: CallableType, name: str,
               module_name: str, args: list[Argument] | None = None,
               kwonlyargs: list[Argument] | None = None,
               varargs: Argument | None = None,
               varkw: Argument | None = None,
               return_value: ValueSpec | None = None,
               qualname: str | None = None, description: str | None = None):
    self.callable_type = callable_type
    self.name = name
    self.module_name = module_name
    self.args = list(args or [])
    self.kwonlyargs = list(kwonlyargs or [])
    self.varargs = varargs
    self.varkw = varkw
    self.return_value = return_value
    self.qualname = qualname or name
    self.description = description

  @property
  def named_args(self) -> list[Argument]:
    """The positional and keyword-only arguments, in declaration order."""
    return self.args + self.kwonlyargs

  @property
  def arg_names(self) -> list[str]:
    """The names of `named_args`."""
    return [a.name for a in self.named_args]

  @property
  def id(self) -> str:
    """``module.QualName`` of the callable."""
    return f'{self.module_name}.{self.qualname}'

  @property
  def has_varargs(self) -> bool:
    """Whether there is a ``*args``."""
    return self.varargs is not None

  @property
  def has_varkw(self) -> bool:
    """Whether there is a ``**kwargs``."""
    return self.varkw is not None

  @property
  def has_wildcard_args(self) -> bool:
    """Whether there is a ``*args`` or a ``**kwargs``."""
    return self.has_varargs or self.has_varkw

  def get_value_spec(self, name: str) -> ValueSpec | None:
    """The spec of argument `name` (that of ``**kwargs`` values if unnamed), or None."""
    for arg in self.named_args:
      if arg.name == name:
        return arg.value_spec
    if self.varkw is not None:
      return _varkw_value_spec(self.varkw.value_spec)
    return None

  @property
  def fields(self) -> list[Field]:
    """The arguments as schema fields (``*args`` a List, ``**kwargs`` a StrKey field)."""
    arguments = list(self.args)
    if self.varargs is not None:
      arguments.append(self.varargs)
    arguments.extend(self.kwonlyargs)
    if self.varkw is not None:
      arguments.append(self.varkw)
    return [a.to_field() for a in arguments]

  def make_function(self, body: list[str],
                    exec_globals: dict[str, AnyType] | None = None,
                    exec_locals: dict[str, AnyType] | None = None
                    ) -> CallableType[..., AnyType]:
    """A new function with this signature whose body is the given lines of code.

    Only `body` (code the caller writes) runs as code: defaults and
    annotations are bound to the function as values, not printed as text.

    Args:
      body: the lines of the function body (indented by one level here).
      exec_globals: the globals of the function.
      exec_locals: extra names visible when defining it.

    Example:
      >>> def f(x, y: int = 1) -> int:
      ...   pass
      >>> g = get_signature(f).make_function(['return x + y'])
      >>> g(1), str(inspect.signature(g))
      (2, '(x, y: int = 1) -> int')
    """
    namespace = dict(exec_locals or {})
    params = []

    def add(arg: Argument, spec: ValueSpec, prefix: str = '') -> None:
      text = prefix + arg.name
      annotation = spec.annotation
      if annotation is not MISSING_VALUE:
        namespace[f'_annotation_{arg.name}'] = annotation
        text += f': _annotation_{arg.name}'
      if not prefix and spec.has_default:
        namespace[f'_default_{arg.name}'] = spec.default
        text += f'=_default_{arg.name}'
      params.append(text)

    for arg in self.args:
      add(arg, arg.value_spec)
    if self.varargs is not None:
      element = getattr(self.varargs.value_spec, 'element', None)
      add(self.varargs, element.value if element is not None
          else self.varargs.value_spec, '*')
    elif self.kwonlyargs:
      params.append('*')
    for arg in self.kwonlyargs:
      add(arg, arg.value_spec)
    if self.varkw is not None:
      add(self.varkw, _varkw_value_spec(self.varkw.value_spec), '**')
    returns = ''
    if (self.return_value is not None
        and self.return_value.annotation is not MISSING_VALUE):
      namespace['_annotation_return'] = self.return_value.annotation
      returns = ' -> _annotation_return'
    name = self.name if self.name.isidentifier() else 'function'
    lines = [f'def {name}({", ".join(params)}){returns}:']
    lines.extend('  ' + line for line in (body or ['pass']))
    # Not inheriting this module's `from __future__ import annotations`: the
    # annotations are the objects, not their names.
    code = compile('\n'.join(lines), f'<make_function {name}>', 'exec',
                   dont_inherit=True)
    exec(code, dict(exec_globals or {}), namespace)  # pylint: disable=exec-used
    return namespace[name]

  def to_schema(self) -> Schema:
    """The schema of a symbolic class whose fields are these arguments."""
    init_arg_list = [a.name for a in self.args]
    if self.varargs is not None:
      init_arg_list.append(f'*{self.varargs.name}')
    return Schema(
        self.fields, name=self.id, description=self.description,
        allow_nonconst_keys=True,
        metadata={'init_arg_list': init_arg_list,
                  'varargs_name': self.varargs.name if self.varargs else None,
                  'varkw_name': self.varkw.name if self.varkw else None,
                  'returns': self.return_value})

  def __eq__(self, other: AnyType) -> bool:
    if self is other:
      return True
    return isinstance(other, Signature) and all(
        getattr(self, k) == getattr(other, k)
        for k in ('callable_type', 'name', 'qualname', 'module_name', 'args',
                  'kwonlyargs', 'varargs', 'varkw', 'return_value'))

  def __ne__(self, other: AnyType) -> bool:
    return not self.__eq__(other)

  __hash__ = None  # type: ignore[assignment]  # Mutable.

  def format(self, compact: bool = False, verbose: bool = True,
             root_indent: int = 0, **kwargs: AnyType) -> str:
    """``Signature('module.f', args=[...], ...)``."""
    return kvlist_str(
        [('', RawText(repr(self.id)), None), ('args', self.args, []),
         ('kwonlyargs', self.kwonlyargs, []),
         ('returns', self.return_value, None),
         ('varargs', self.varargs, None), ('varkw', self.varkw, None),
         ('description', self.description, None)],
        compact=compact, verbose=verbose, root_indent=root_indent,
        label='Signature', **kwargs)

  @classmethod
  def from_callable(cls, callable_object: CallableType[..., AnyType],
                    auto_typing: bool = False,
                    auto_doc: bool = False) -> 'Signature':
    """The signature of a function, method, class (its ``__init__``) or callable object.

    Args:
      callable_object: the callable.
      auto_typing: specs from the annotations (otherwise `Any` specs that
        keep the annotation).
      auto_doc: descriptions from the docstring.

    Raises:
      TypeError: `callable_object` is not callable or has no signature.
    """
    if not callable(callable_object):
      raise TypeError(
          f'get_signature expects a callable; got {describe(callable_object)}.')
    target = callable_object
    if not isinstance(target, (type, types.FunctionType, types.MethodType,
                               types.BuiltinFunctionType)):
      target = type(target).__call__  # A callable object: its __call__.
    is_method = isinstance(callable_object, types.MethodType) or (
        target is not callable_object)
    schema = schema_of(target, auto_typing=auto_typing, auto_doc=auto_doc,
                       remove_self=target is not callable_object)
    name = getattr(callable_object, '__name__', type(callable_object).__name__)
    qualname = getattr(callable_object, '__qualname__', name)
    module = getattr(callable_object, '__module__', None) or (
        type(callable_object).__module__)
    return cls.from_schema(
        schema, module, name, qualname=qualname,
        callable_type=CallableType.METHOD if is_method
        else CallableType.FUNCTION)

  @classmethod
  def from_schema(cls, schema: Schema, module_name: str, name: str,
                  qualname: str | None = None, is_method: bool = False,
                  callable_type: CallableType | None = None) -> 'Signature':
    """The signature whose arguments are the fields of `schema` (see `to_schema`)."""
    metadata = schema.metadata
    init_arg_list = metadata.get('init_arg_list') or []
    varargs_name = metadata.get('varargs_name')
    varkw_name = metadata.get('varkw_name')
    positional = set(a for a in init_arg_list if not a.startswith('*'))
    args, kwonlyargs, varargs, varkw = [], [], None, None
    kind = Argument.Kind
    for key, field in schema.items():
      if not isinstance(key, str):
        varkw = Argument(varkw_name or 'kwargs', kind.VAR_KEYWORD,
                         _dict_of(field.value), field.description)
      elif key == varargs_name or f'*{key}' in init_arg_list:
        varargs = Argument(key, kind.VAR_POSITIONAL, field.value,
                           field.description)
      elif key in positional:
        args.append(Argument(key, kind.POSITIONAL_OR_KEYWORD, field.value,
                             field.description))
      else:
        kwonlyargs.append(Argument(key, kind.KEYWORD_ONLY, field.value,
                                   field.description))
    if callable_type is None:
      callable_type = (CallableType.METHOD if is_method
                       else CallableType.FUNCTION)
    return cls(callable_type, name, module_name, args, kwonlyargs, varargs,
               varkw, metadata.get('returns'), qualname,
               schema.description)


def _dict_of(value_spec: ValueSpec) -> ValueSpec:
  from pyglove.typing._dict import Dict  # pylint: disable=g-import-not-at-top
  from pyglove.typing._key_specs import StrKey  # pylint: disable=g-import-not-at-top
  return Dict([(StrKey(), value_spec)])


def get_signature(func: CallableType[..., AnyType], auto_typing: bool = True,
                  auto_doc: bool = True) -> Signature:
  """The `Signature` of a callable (see `Signature.from_callable`).

  Example:
    >>> def f(x: int, y=1):
    ...   pass
    >>> get_signature(f).get_value_spec('x')
    Int()
  """
  return Signature.from_callable(func, auto_typing=auto_typing,
                                 auto_doc=auto_doc)


class CallableWithOptionalKeywordArgs:
  """Calls a function, dropping the optional keywords it does not accept.

  Lets a library pass extra context (``step=``, ``rng=``) to user callbacks
  that may or may not declare it.

  Args:
    func: the callable.
    optional_keywords: keywords dropped at call time unless `func` takes them
      (by name or through ``**kwargs``).

  Example:
    >>> f = CallableWithOptionalKeywordArgs(lambda x: x ** 2, ['y'])
    >>> f(2, y=3)
    4
  """

  def __init__(self, func: CallableType[..., AnyType],
               optional_keywords: list[str]):
    if not callable(func):
      raise TypeError(
          f'CallableWithOptionalKeywordArgs expects a callable; got '
          f'{describe(func)}.')
    try:
      params = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
      params = None
    if params is None or any(p.kind == _P.VAR_KEYWORD for p in params):
      absent = []
    else:
      names = {p.name for p in params
               if p.kind in (_P.POSITIONAL_OR_KEYWORD, _P.KEYWORD_ONLY)}
      absent = [k for k in optional_keywords if k not in names]
    self._absent_keywords = absent
    self._func = func

  def __call__(self, *args: AnyType, **kwargs: AnyType) -> AnyType:
    for k in self._absent_keywords:
      kwargs.pop(k, None)
    return self._func(*args, **kwargs)

