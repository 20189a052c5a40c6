"""Calling user code the way operations are called: inputs, then optional state.

An operation passes every callable it holds (an operation, a lambda, a
functor, a method) the inputs positionally and `global_state` and `step` by
keyword, but only those keywords the callable declares (or all of them, when
it takes ``**kwargs``). What a callable declares is read from its signature
once per function, never per call.
"""
from __future__ import annotations

import inspect
import types
import weakref
from typing import Any, Callable

from pyglove import geno
from pyglove import typing as pg_typing

_OPTIONAL_KEYWORDS = ('global_state', 'step')

# function (or a callable class's __call__) -> {number of positional
# arguments passed: the optional keywords it takes}.
_ACCEPTED: weakref.WeakKeyDictionary[Any, dict[int, tuple[str, ...]]] = (
    weakref.WeakKeyDictionary())
_ACCEPTED_BY_METHOD: dict[Any, dict[int, tuple[str, ...]]] = {}


def operation_spec(input_element_spec: pg_typing.ValueSpec | None = None,
                   output_element_spec: pg_typing.ValueSpec | None = None
                   ) -> pg_typing.ValueSpec:
  """The value spec of a field holding an operation: a callable from list to list.

  A plain callable is accepted as well as an `Operation`, so lambdas plug in
  anywhere an operation goes.

  Example:
    >>> operation_spec().apply(lambda xs: xs[:1]) is not None
    True

  Args:
    input_element_spec: the spec of the input elements (default: DNA).
    output_element_spec: the spec of the output elements (default: DNA).

  Returns:
    A `pg.typing.Callable` spec taking a list and returning a list.
  """
  if input_element_spec is None:
    input_element_spec = pg_typing.Object(geno.DNA)
  if output_element_spec is None:
    output_element_spec = pg_typing.Object(geno.DNA)
  return pg_typing.Callable([pg_typing.List(input_element_spec)],
                            returns=pg_typing.List(output_element_spec))


def list_callable_spec() -> pg_typing.ValueSpec:
  """A new spec for a field holding an operation or any callable taking a list.

  Unlike `operation_spec` it checks neither the signature (a functor may
  require `global_state`, which is passed by keyword) nor the return
  annotation: `accepted_keywords` checks a callable's signature on its first
  call, and an operation's items are checked when it runs (`DNAOperation`).
  """
  return pg_typing.Callable()


def accepted_keywords(fn: Callable[..., Any], num_positional: int = 1) -> tuple[str, ...]:
  """The optional keywords (`global_state`, `step`) that `fn` takes by name.

  `fn` is called with `num_positional` positional arguments (an operation:
  the inputs) and the optional keywords it names.

  Example:
    >>> accepted_keywords(lambda xs, step: xs)
    ('step',)
    >>> accepted_keywords(lambda xs, **kwargs: xs)
    ('global_state', 'step')

  Raises:
    TypeError: `fn` cannot be called with `num_positional` positional
      arguments plus those keywords.
  """
  if type(fn) is types.MethodType:
    # Methods are defined by classes, which live long: a plain dict is faster.
    by_count = _ACCEPTED_BY_METHOD.get(fn.__func__)
    if by_count is not None:
      accepted = by_count.get(num_positional)
      if accepted is not None:
        return accepted
  key = _cache_key(fn)
  if key is not None:
    accepted = _ACCEPTED.get(key, {}).get(num_positional)
    if accepted is not None:
      return accepted
  try:
    parameters = list(inspect.signature(fn).parameters.values())
  except (TypeError, ValueError):
    # Builtins without a signature get the inputs only.
    accepted = ()
  else:
    accepted = _check_parameters(fn, parameters, num_positional)
  if type(fn) is types.MethodType:
    _ACCEPTED_BY_METHOD.setdefault(fn.__func__, {})[num_positional] = accepted
  elif key is not None:
    _ACCEPTED.setdefault(key, {})[num_positional] = accepted
  return accepted


def _check_parameters(fn: Any, parameters: list[inspect.Parameter],
                      num_positional: int) -> tuple[str, ...]:
  positional = [p for p in parameters
                if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
  if any(p.kind is p.VAR_KEYWORD for p in parameters):
    accepted = _OPTIONAL_KEYWORDS
  else:
    names = {p.name for p in parameters
             if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}
    accepted = tuple(k for k in _OPTIONAL_KEYWORDS if k in names)
  has_varargs = any(p.kind is p.VAR_POSITIONAL for p in parameters)
  problem = None
  if len(positional) < num_positional and not has_varargs:
    problem = f'it takes {len(positional)} positional arguments, not {num_positional}'
  else:
    passed = {p.name for p in positional[:num_positional]}
    for p in parameters:
      if (p.default is p.empty and p.name not in passed and p.name not in accepted
          and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)):
        problem = f'it requires argument {p.name!r}'
        break
  if problem is not None:
    raise TypeError(
        f'{fn!r} cannot be called with {num_positional} positional argument(s) '
        f'and, by keyword, only those of `global_state` and `step` its '
        f'signature names: {problem}.')
  return accepted


def _cache_key(fn: Any) -> Any:
  """What `fn`'s signature depends on, or None when it is per instance (a functor)."""
  if isinstance(fn, types.MethodType):
    return fn.__func__
  if isinstance(fn, types.FunctionType):
    return fn
  if hasattr(type(fn), '__signature__'):
    return None
  call = getattr(type(fn), '__call__', None)
  return call if isinstance(call, types.FunctionType) else None


def make_operation_compatible(callable_object: Any) -> Callable[..., Any] | None:
  """Returns `callable_object` as a callable taking `(inputs, global_state=..., step=...)`.

  An `Operation` already has that signature and is returned as is; any other
  callable is wrapped to receive only the keywords it declares. None stays
  None (an absent optional operation).

  Example:
    >>> first = make_operation_compatible(lambda xs: xs[:1])
    >>> first([1, 2], global_state=None, step=3)
    [1]

  Raises:
    TypeError: `callable_object` is neither None nor callable.
  """
  fn = callable_object
  if fn is None or getattr(fn, 'takes_evolution_state', False):
    return fn
  if not callable(fn):
    raise TypeError(
        f'An operation or a callable is expected, but got {fn!r} of type '
        f'{type(fn).__name__}.')
  accepted = accepted_keywords(fn)
  if accepted == _OPTIONAL_KEYWORDS:
    return fn
  if accepted == ('global_state',):
    return lambda inputs, global_state=None, step=0: fn(inputs, global_state=global_state)
  if accepted == ('step',):
    return lambda inputs, global_state=None, step=0: fn(inputs, step=step)
  return lambda inputs, global_state=None, step=0: fn(inputs)

