"""`inspect.signature` of symbolic classes: their fields as real parameters.

Symbolic classes construct through a generic (or generated) ``__init__``,
whose own signature says nothing useful. `help()`, IDE tooltips and
`inspect.signature` read ``__signature__`` instead, which this module builds
from the schema once per class: ``(filters: int, kernel_size: int = 3)``.
"""
from __future__ import annotations

import inspect
from typing import Any

from pyglove.utils import MISSING_VALUE

_P = inspect.Parameter


class ClassSignature:
  """``__signature__`` of a symbolic class, built on first use and kept on the class.

  On an instance the attribute is absent (AttributeError), so the signature of
  a callable instance stays that of its ``__call__``. A library base class
  that sets ``_sym_signature_from_init = True`` in its body (`pg.Object`
  itself) shows its constructor's keywords instead of its (empty) fields.
  """

  def __get__(self, instance: Any, owner: type) -> inspect.Signature:
    if instance is not None:
      raise AttributeError('__signature__')
    cached = owner.__dict__.get('_sym_class_signature')
    if cached is None:
      if owner.__dict__.get('_sym_signature_from_init'):
        init = inspect.signature(owner.__init__)
        cached = init.replace(parameters=list(init.parameters.values())[1:])
      else:
        cached = SchemaSignature.of(owner, schema_signature(owner.__schema__))
      owner._sym_class_signature = cached  # pylint: disable=protected-access
    return cached


class SchemaSignature(inspect.Signature):
  """The `inspect.Signature` of a symbolic class, which also answers as a `pg.typing.Signature`.

  The reference sets a functor class's ``__signature__`` to its
  `pg.typing.Signature` (``f.__signature__.args``, ``.return_value``...);
  this one keeps `inspect.signature` and `help()` working and reads the
  other attributes from that signature, built on first use.
  """

  __slots__ = ('_owner', '_typing_signature')

  @classmethod
  def of(cls, owner: type, signature: inspect.Signature) -> 'SchemaSignature':
    """`signature` (of the symbolic class `owner`) as a SchemaSignature."""
    result = cls(list(signature.parameters.values()),
                 return_annotation=signature.return_annotation,
                 __validate_parameters__=False)
    result._owner = owner  # pylint: disable=protected-access
    return result

  def __getattr__(self, name: str) -> Any:
    if name.startswith('_'):
      raise AttributeError(name)
    try:
      typed = object.__getattribute__(self, '_typing_signature')
    except AttributeError:
      from pyglove import typing as pg_typing  # pylint: disable=g-import-not-at-top
      owner = self._owner
      typed = pg_typing.Signature.from_schema(
          owner.__schema__, owner.__module__, '__call__',
          qualname=owner.__qualname__, is_method=False)
      object.__setattr__(self, '_typing_signature', typed)
    return getattr(typed, name)


def schema_signature(schema: Any, with_self: bool = False) -> inspect.Signature:
  """The constructor signature of a class with `schema` (positional fields first).

  Args:
    schema: a `pg.typing.Schema` whose metadata may hold ``init_arg_list``.
    with_self: start with a ``self`` parameter (the signature of ``__init__``).

  Example:
    >>> class A(pg.Object):
    ...   x: int
    ...   y: str = 'a'
    >>> print(schema_signature(A.__schema__))
    (x: int, y: str = 'a')
  """
  fields = schema.fields
  init_arg_list = schema.metadata.get('init_arg_list') or []
  params = [_P('self', _P.POSITIONAL_OR_KEYWORD)] if with_self else []
  named = set()
  for name in init_arg_list:
    if name.startswith('*'):
      field = fields.get(name[1:])
      if field is not None:
        params.append(_P(name[1:], _P.VAR_POSITIONAL,
                         annotation=_element_annotation(field.value)))
        named.add(name[1:])
      continue
    field = fields.get(name)
    if field is not None:
      params.append(_parameter(name, _P.POSITIONAL_OR_KEYWORD, field.value))
      named.add(name)
  varkw = None
  for key, field in fields.items():
    if not isinstance(key, str):
      varkw = varkw or _P(schema.metadata.get('varkw_name') or 'kwargs',
                          _P.VAR_KEYWORD,
                          annotation=_annotation(field.value))
    elif key not in named:
      params.append(_parameter(key, _P.KEYWORD_ONLY, field.value))
  if varkw is not None:
    params.append(varkw)
  return inspect.Signature(_valid_order(params))


def _parameter(name: str, kind: Any, spec: Any) -> inspect.Parameter:
  default = spec.default if spec.has_default else _P.empty
  if default is MISSING_VALUE:
    default = _P.empty
  return _P(name, kind, default=default, annotation=_annotation(spec))


def _annotation(spec: Any) -> Any:
  annotation = spec.annotation
  return _P.empty if annotation is MISSING_VALUE else annotation


def _element_annotation(spec: Any) -> Any:
  element = getattr(spec, 'element', None)
  return _P.empty if element is None else _annotation(element.value)


def _valid_order(params: list[inspect.Parameter]) -> list[inspect.Parameter]:
  """Shows a required positional parameter that follows one with a default as ``= MISSING_VALUE``.

  (``inspect.Signature`` rejects a parameter without default there; the
  field stays positional, and required, as in the reference.)
  """
  result = []
  seen_default = False
  for p in params:
    if p.kind == _P.POSITIONAL_OR_KEYWORD:
      if p.default is not _P.empty:
        seen_default = True
      elif seen_default:
        p = p.replace(default=MISSING_VALUE)
    result.append(p)
  positional = [p for p in result if p.kind in (_P.POSITIONAL_OR_KEYWORD,
                                                _P.VAR_POSITIONAL)]
  keyword = [p for p in result if p.kind == _P.KEYWORD_ONLY]
  varkw = [p for p in result if p.kind == _P.VAR_KEYWORD]
  return positional + keyword + varkw
