"""What a signature check needs to know about a callable, computed once."""
from __future__ import annotations

import dataclasses
import inspect
import types
import weakref
from typing import Any

from pyglove.typing._base import ValueSpec

_P = inspect.Parameter
_POSITIONAL = (_P.POSITIONAL_ONLY, _P.POSITIONAL_OR_KEYWORD)
_KEYWORD = (_P.POSITIONAL_OR_KEYWORD, _P.KEYWORD_ONLY)

_CACHE: weakref.WeakKeyDictionary[Any, 'SignatureInfo | None'] = (
    weakref.WeakKeyDictionary())


@dataclasses.dataclass(frozen=True)
class SignatureInfo:
  """The parameters of a callable, as the Callable spec checks them.

  Attributes:
    positional: names of the parameters that can be passed by position.
    keywords: names of the parameters that can be passed by keyword.
    required: names of the parameters without a default.
    has_varargs: whether there is a ``*args``.
    has_varkw: whether there is a ``**kwargs``.
    annotations: specs of the annotated parameters (non-trivial ones only).
    returns: the spec of the return annotation, or None.
  """
  positional: list[str]
  keywords: frozenset[str]
  required: list[str]
  has_varargs: bool
  has_varkw: bool
  annotations: dict[str, ValueSpec]
  returns: ValueSpec | None


def signature_info(value: Any, cache_key: Any = None) -> SignatureInfo | None:
  """The SignatureInfo of callable `value`; None when it has no signature.

  Args:
    value: a callable.
    cache_key: the weak-referenceable object the signature depends on (the
      function, or the class of a callable object); None disables caching.

  Example:
    >>> signature_info(lambda x, *a, y=1: x).positional
    ['x']
  """
  if cache_key is not None:
    info = _CACHE.get(cache_key, _CACHE)
    if info is not _CACHE:
      return info
  try:
    sig = inspect.signature(value)
  except (TypeError, ValueError):
    info = None
  else:
    module = _defining_module(value)
    info = _from_signature(sig, module if isinstance(module, str) else None)
  if cache_key is not None:
    _CACHE[cache_key] = info
  return info


def _defining_module(value: Any) -> Any:
  """The module whose names the callable's string annotations refer to.

  That of the function itself; for a callable object, that of the class
  defining its ``__call__`` (which may be a base class in another module).
  """
  if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, type)):
    return getattr(value, '__module__', None)
  if isinstance(value, types.MethodType):
    return getattr(value.__func__, '__module__', None)
  call = getattr(type(value), '__call__', None)
  return getattr(call, '__module__', None) or getattr(value, '__module__', None)


def _from_signature(sig: inspect.Signature, module: str | None) -> SignatureInfo:
  params = list(sig.parameters.values())
  annotations = {}
  for p in params:
    spec = _spec_of(p.annotation, module)
    if spec is not None:
      annotations[p.name] = spec
  return SignatureInfo(
      positional=[p.name for p in params if p.kind in _POSITIONAL],
      keywords=frozenset(p.name for p in params if p.kind in _KEYWORD),
      required=[p.name for p in params
                if p.kind not in (_P.VAR_POSITIONAL, _P.VAR_KEYWORD)
                and p.default is _P.empty],
      has_varargs=any(p.kind == _P.VAR_POSITIONAL for p in params),
      has_varkw=any(p.kind == _P.VAR_KEYWORD for p in params),
      annotations=annotations,
      returns=_spec_of(sig.return_annotation, module))


def _spec_of(annotation: Any, module: str | None) -> ValueSpec | None:
  """The spec of an annotation (strings evaluated in `module`).

  None when there is no annotation, when it cannot be understood (the check
  is skipped rather than failing a valid callable) or when it is `Any`.
  """
  if annotation is _P.empty:
    return None
  # Imported here: the annotation module builds on the Callable spec.
  from pyglove.typing._annotation import from_annotation
  from pyglove.typing._any import Any as AnySpec
  try:
    spec = from_annotation(annotation, parent_module=module)
  except (TypeError, ValueError):
    return None
  return None if isinstance(spec, AnySpec) else spec
