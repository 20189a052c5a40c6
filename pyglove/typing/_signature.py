"""`schema(cls_or_fn)`: the schema of a function's or a class's arguments."""
from __future__ import annotations

import copy
import inspect
from typing import Any as AnyType

from pyglove.typing._annotation import annotation_parts
from pyglove.typing._annotation import from_annotation
from pyglove.typing._any import Any
from pyglove.typing._base import ValueSpec
from pyglove.typing._base import describe
from pyglove.typing._docstring import parse_docstring
from pyglove.typing._field import Field
from pyglove.typing._key_specs import StrKey
from pyglove.typing._list import List
from pyglove.typing._schema import Schema
from pyglove.utils import MISSING_VALUE

_P = inspect.Parameter


def schema(cls_or_fn: AnyType,
           args: list[tuple[AnyType, ...]] | None = None,
           returns: AnyType = None, *,
           auto_typing: bool = True,
           auto_doc: bool = False,
           remove_self: bool = True,
           include_return: bool = False) -> Schema:
  """Derives a schema from the signature of a function or a class's ``__init__``.

  Each parameter becomes a field, in order, with its default. Annotations
  give the specs (see `from_annotation`); ``*args`` becomes a List field and
  ``**kwargs`` a `StrKey` field. The schema's metadata holds
  ``init_arg_list`` (positional names, ``'*args'`` for the var-positional
  one), ``varargs_name``, ``varkw_name`` and ``returns`` (the spec of the
  return value, or None).

  Args:
    cls_or_fn: a function, method or class.
    args: ``(name, spec_or_annotation[, description[, metadata]])`` tuples
      overriding the specs of the named parameters.
    returns: the spec (or annotation) of the return value.
    auto_typing: specs from the annotations; otherwise every field is an
      `Any` that records its annotation.
    auto_doc: take the descriptions from the Google-style docstring.
    remove_self: leave out a first parameter named ``self`` or ``cls`` (of
      a function defined as a method).
    include_return: also add a ``return_value`` field holding the return
      spec.

  Returns:
    The schema.

  Raises:
    TypeError: `fn_or_cls` has no signature, or an annotation or a default
      does not fit.
    ValueError: a default breaks a constraint of its spec.
    KeyError: `args` names a parameter the signature does not have.

  Example:
    >>> def f(x: int, *items: str, y: float = 1.0, **kw):
    ...   pass
    >>> s = schema(f)
    >>> [(str(k), v.value) for k, v in s.fields.items()]
    [('x', Int()), ('items', List(Str(), default=[])), ('y', Float(default=1.0)), ('StrKey()', Any())]
    >>> s.metadata['init_arg_list']
    ['x', '*items']
  """
  try:
    sig = inspect.signature(cls_or_fn)
  except (TypeError, ValueError) as e:
    raise TypeError(
        f'Cannot derive a schema from {describe(cls_or_fn)}: it has no '
        f'signature ({e}).') from None
  params = list(sig.parameters.values())
  if (remove_self and params and params[0].name in ('self', 'cls')
      and not isinstance(cls_or_fn, type)
      and params[0].kind == _P.POSITIONAL_OR_KEYWORD):
    params = params[1:]
  module = getattr(cls_or_fn, '__module__', None)
  docs = _docs(cls_or_fn) if auto_doc else None
  overrides = _overrides(args, sig, module)
  fields = []
  init_arg_list: list[str] = []
  metadata: dict[str, AnyType] = {'init_arg_list': init_arg_list,
                                  'varargs_name': None, 'varkw_name': None,
                                  'returns': None}
  for param in params:
    override = overrides.get(param.name)
    spec, description, field_meta = _spec_and_doc(
        param, param.annotation, override, module, auto_typing)
    if description is None and docs is not None:
      description = docs.args.get(param.name)
    key: AnyType = param.name
    if param.kind == _P.VAR_POSITIONAL:
      init_arg_list.append(f'*{param.name}')
      metadata['varargs_name'] = param.name
    elif param.kind == _P.VAR_KEYWORD:
      key = StrKey()
      metadata['varkw_name'] = param.name
    elif param.kind != _P.KEYWORD_ONLY:
      init_arg_list.append(param.name)
    fields.append(Field(key, spec, description, field_meta))
  returns_spec = _returns_spec(returns, sig, auto_typing, module)
  metadata['returns'] = returns_spec
  if include_return and returns_spec is not None:
    fields.append(Field('return_value', returns_spec))
  qualname = getattr(cls_or_fn, '__qualname__', None)
  return Schema(fields, description=docs.summary if docs else None,
                allow_nonconst_keys=True, metadata=metadata,
                name=f'{module}.{qualname}' if module and qualname else None)


def _docs(fn_or_cls: AnyType) -> AnyType:
  docs = parse_docstring(inspect.getdoc(fn_or_cls))
  if isinstance(fn_or_cls, type):
    init_docs = parse_docstring(inspect.getdoc(fn_or_cls.__init__))
    docs.args = {**init_docs.args, **docs.args}
  return docs


def _overrides(args: list[tuple[AnyType, ...]] | None, sig: inspect.Signature,
               module: str | None) -> dict[str, tuple[ValueSpec, AnyType, AnyType]]:
  """The explicit (spec, description, metadata) of parameters, by name."""
  result = {}
  for item in args or []:
    if not isinstance(item, tuple) or not 2 <= len(item) <= 4:
      raise TypeError(
          f'Each explicit argument must be a (name, spec[, description'
          f'[, metadata]]) tuple; got {describe(item)}.')
    name, spec, description, metadata = (tuple(item) + (None, None))[:4]
    if name not in sig.parameters:
      raise KeyError(
          f'Argument {name!r} is not in the signature; valid names: '
          f'{", ".join(sig.parameters) or "(none)"}.')
    spec = copy.copy(from_annotation(spec, parent_module=module))
    result[name] = (spec, description, metadata)
  return result


def _spec_and_doc(param: inspect.Parameter, annotation: AnyType,
                  override: tuple[ValueSpec, AnyType, AnyType] | None,
                  module: str | None,
                  auto_typing: bool) -> tuple[ValueSpec, AnyType, dict[str, AnyType]]:
  """The spec of one parameter (default applied), its description and metadata."""
  if override is not None:
    spec, description, metadata = override
  else:
    inner, description, metadata = annotation_parts(annotation, module)
    if auto_typing or isinstance(inner, ValueSpec):
      spec = copy.copy(from_annotation(inner, parent_module=module))
    else:
      # Untyped: accept anything, keep the annotation for documentation.
      spec = Any(annotation=MISSING_VALUE if inner is _P.empty else inner)
  if param.kind == _P.VAR_POSITIONAL:
    if not isinstance(spec, List):
      spec = List(spec)
    return spec.set_default([]), description, dict(metadata or {})
  if param.default is not _P.empty:
    if param.default is None and not spec.is_noneable:
      spec.noneable()
    try:
      spec.set_default(param.default)
    except (TypeError, ValueError) as e:
      raise type(e)(
          f'The default of argument {param.name!r} does not fit its spec '
          f'{spec!r}: {e}') from None
  return spec, description, dict(metadata or {})


def _returns_spec(returns: AnyType, sig: inspect.Signature, auto_typing: bool,
                  module: str | None) -> ValueSpec | None:
  if returns is not None:
    return from_annotation(returns, parent_module=module)
  if sig.return_annotation is _P.empty:
    return None
  if not auto_typing:
    return Any(annotation=annotation_parts(sig.return_annotation, module)[0])
  spec = from_annotation(sig.return_annotation, parent_module=module)
  # `-> None` and unannotated-like returns say nothing worth checking.
  return None if isinstance(spec, Any) else spec
