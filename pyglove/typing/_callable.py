"""`Callable`: callables, with an optional signature check; `Functor`."""
from __future__ import annotations

import collections.abc
import functools
import types
import typing
import weakref
from typing import Any, Callable as CallableType

from pyglove.typing._base import ChildTransform
from pyglove.typing._base import ValueSpec
from pyglove.typing._base import as_spec
from pyglove.typing._base import nested_annotation
from pyglove.typing._base import describe
from pyglove.typing._signature_info import SignatureInfo
from pyglove.typing._signature_info import signature_info
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import message_on_path


def _cache_key(value: Any) -> Any:
  """What a callable's signature depends on (None: do not cache).

  A function or class is its own key; a callable object is keyed by its
  class's ``__call__`` function, which differs from the key of the class
  itself (whose signature is its constructor's). An object whose class
  declares ``__signature__`` (a functor: what is left to bind differs per
  instance) is never cached.
  """
  if isinstance(value, types.MethodType):
    return value.__func__
  if isinstance(value, (types.FunctionType, type)):
    return value
  if hasattr(type(value), '__signature__'):
    return None
  call = getattr(type(value), '__call__', None)
  return call if isinstance(call, types.FunctionType) else None


class Callable(ValueSpec):
  """Accepts callables; checks their signature against `args`/`kw`/`returns`.

  The signature check runs once per function (or per class of callable
  objects) and is cached; callables without an inspectable signature are
  accepted on trust.

  Args:
    args: specs of the positional arguments the callable must accept.
    kw: ``(name, spec)`` pairs of keyword arguments it must accept.
    returns: the spec its return annotation (if any) must fit.
    default: the default value.
    transform: a function applied to a given value before it is checked.
    callable_type: a class the callable must be an instance of (e.g.
      ``types.FunctionType``).
    is_noneable: whether None is accepted.
    frozen: fix the value to the default.

  Raises:
    TypeError: an argument spec is not a ValueSpec.

  Example:
    >>> from pyglove.typing import Int
    >>> spec = Callable([Int()])
    >>> spec.apply(abs) is abs
    True
    >>> spec.apply(lambda: 1)
    Traceback (most recent call last):
      ...
    TypeError: The callable takes at most 0 positional arguments; the spec passes 1.
  """

  value_type = collections.abc.Callable
  _weak_caches = ('_checked',)

  def __init__(self, args: list[ValueSpec] | None = None,
               kw: list[tuple[str, ValueSpec]] | None = None,
               returns: ValueSpec | None = None,
               default: Any = MISSING_VALUE,
               transform: CallableType[[Any], Any] | None = None,
               callable_type: type | None = None,
               is_noneable: bool = False, frozen: bool = False):
    name = type(self).__name__
    args = [as_spec(a, name, 'args') for a in (args or [])]
    kw = [(k, as_spec(s, name, 'kw')) for k, s in (kw or [])]
    if returns is not None:
      returns = as_spec(returns, name, 'returns')
    if callable_type is not None:
      if not isinstance(callable_type, type):
        raise TypeError(
            f'{name}: callable_type must be a class; got '
            f'{describe(callable_type)}.')
      self.value_type = callable_type
    # Without `args` and `kw` the arguments are not checked at all.
    self._check_args = bool(args or kw)
    self._args_specs = args
    self._kw = kw
    self._returns = returns
    # Per spec: the functions/classes whose signature already passed.
    self._checked: weakref.WeakKeyDictionary[Any, bool] = (
        weakref.WeakKeyDictionary())
    super().__init__(default, is_noneable, frozen, transform)

  @property
  def args(self) -> list[ValueSpec]:
    """Specs of the positional arguments passed to the callable."""
    return self._args_specs

  @property
  def kw(self) -> list[tuple[str, ValueSpec]]:
    """(name, spec) pairs of the keyword arguments passed to the callable."""
    return self._kw

  @property
  def returns(self) -> ValueSpec | None:
    """The spec the return annotation must fit, or None."""
    return self._returns

  @property
  def return_value(self) -> ValueSpec | None:
    """The spec the return annotation must fit (same as `returns`)."""
    return self._returns

  def _on_change(self) -> None:
    self._fast = self._fast_path_enabled() and not (
        self._check_args or self._returns
        or self.value_type is not Callable.value_type)

  def apply(self, value: Any, allow_partial: bool = False,
            child_transform: ChildTransform | None = None,
            root_path: KeyPath | None = None) -> Any:
    """See `ValueSpec.apply`; fast path: any callable when no signature is required."""
    if self._fast and callable(value) and getattr(
        value.__class__, '__custom_apply__', None) is None:
      return value
    return self._apply_slow(value, allow_partial, child_transform, root_path)

  def _validate(self, value: Any, allow_partial: bool,
                child_transform: ChildTransform | None,
                root_path: KeyPath | None) -> Any:
    if not callable(value) or not isinstance(value, self.value_type):
      raise self._type_error(value, root_path)
    if self._check_args or self._returns:
      self._check_signature(value, root_path)
    return value

  def _expected(self) -> str:
    if self.value_type is not Callable.value_type:
      return f'a callable {self.value_type.__name__}'
    return 'a callable'

  def _format_items(self) -> list[tuple[str, Any, Any]]:
    return [('args', self._args_specs, []), ('kw', self._kw, []),
            ('returns', self._returns, None), *super()._format_items()]

  def _annotation(self) -> Any:
    returns = None if self._returns is None else nested_annotation(
        self._returns)
    return typing.Callable[[nested_annotation(a) for a in self._args_specs],
                           returns]

  def _check_signature(self, value: Any, root_path: KeyPath | None) -> None:
    key = _cache_key(value)
    if key is not None and key in self._checked:
      return
    info = signature_info(value, key)
    if info is not None:
      problem = self._problem(info)
      if problem is not None:
        raise TypeError(message_on_path(problem, root_path))
    if key is not None:
      self._checked[key] = True

  def _problem(self, info: SignatureInfo) -> str | None:
    """Why a callable with signature `info` does not fit, or None."""
    if self._check_args:
      problem = self._arguments_problem(info)
      if problem is not None:
        return problem
    for i, spec in enumerate(self._args_specs[:len(info.positional)]):
      accepted = info.annotations.get(info.positional[i])
      if accepted is not None and not accepted.is_compatible(spec):
        return (f'Argument {info.positional[i]!r} of the callable accepts '
                f'{accepted!r}, which does not cover the spec\'s {spec!r}.')
    for name, spec in self._kw:
      accepted = info.annotations.get(name)
      if accepted is not None and not accepted.is_compatible(spec):
        return (f'Argument {name!r} of the callable accepts {accepted!r}, '
                f'which does not cover the spec\'s {spec!r}.')
    if (self._returns is not None and info.returns is not None
        and not self._returns.is_compatible(info.returns)):
      return (f'The callable returns {info.returns!r}, which does not fit '
              f'the spec\'s {self._returns!r}.')
    return None

  def _arguments_problem(self, info: SignatureInfo) -> str | None:
    """Why the callable cannot take the spec's arguments, or None."""
    n_args = len(self._args_specs)
    if not info.has_varargs and n_args > len(info.positional):
      return (f'The callable takes at most {len(info.positional)} positional '
              f'arguments; the spec passes {n_args}.')
    kw_names = {name for name, _ in self._kw}
    for name in kw_names:
      if name not in info.keywords and not info.has_varkw:
        return (f'The callable has no keyword argument {name!r}; the spec '
                f'passes it.')
    for name in info.required:
      index = info.positional.index(name) if name in info.positional else -1
      if (index < 0 or index >= n_args) and name not in kw_names:
        return (f'The callable requires argument {name!r}, which the spec '
                f'does not pass.')
    return None

  def _args(self) -> dict[str, Any]:
    args = {'args': self._args_specs or None, 'kw': self._kw or None,
            'returns': self._returns}
    if self.value_type is not Callable.value_type:
      args['callable_type'] = self.value_type
    return args

  def _is_compatible(self, other: ValueSpec) -> bool:
    if not isinstance(other, Callable):
      return self._accepts_instances_of(other)
    if len(other.args) < len(self._args_specs):
      return False
    # Arguments go in: the other's callables must accept what ours pass.
    if not all(theirs.is_compatible(mine)
               for mine, theirs in zip(self._args_specs, other.args)):
      return False
    their_kw = dict(other.kw)
    for name, mine in self._kw:
      if name not in their_kw or not their_kw[name].is_compatible(mine):
        return False
    if self._returns is not None:
      return (other.returns is not None
              and self._returns.is_compatible(other.returns))
    return True


  def _accepts_instances_of(self, other: ValueSpec) -> bool:
    """Whether the instances of an `Object` spec's class are callables this spec accepts.

    Their ``__call__`` must take our positional arguments and keywords (the
    value specs of its parameters are not compared); an unresolved class
    is compatible, as in the reference.
    """
    from pyglove.typing._object import Object  # pylint: disable=g-import-not-at-top
    if not isinstance(other, Object):
      return False
    cls = other._resolved()  # pylint: disable=protected-access
    if cls is None:
      return True
    if not any('__call__' in k.__dict__ for k in cls.__mro__[:-1]):
      return False
    info = signature_info(functools.partial(cls.__call__, None))
    if info is None:
      return True
    if len(self._args_specs) > len(info.positional) and not info.has_varargs:
      return False
    return all(name in info.keywords or info.has_varkw for name, _ in self._kw)


class Functor(Callable):
  """Accepts functor objects: callables carrying a signature of their own.

  Functors are defined by the symbolic layer; they are recognised here by a
  ``__signature__`` or ``signature`` attribute on a callable that is not a
  class. Arguments are those of `Callable` (without `callable_type`).

  Example:
    >>> class F:
    ...   signature = None
    ...   def __call__(self):
    ...     return 1
    >>> isinstance(Functor().apply(F()), F)
    True
    >>> Functor().apply(len)
    Traceback (most recent call last):
      ...
    TypeError: Expected a functor but got <built-in function len> (builtin_function_or_method).
  """

  def __init__(self, args: list[ValueSpec] | None = None,
               kw: list[tuple[str, ValueSpec]] | None = None,
               returns: ValueSpec | None = None,
               default: Any = MISSING_VALUE,
               transform: CallableType[[Any], Any] | None = None,
               is_noneable: bool = False, frozen: bool = False):
    super().__init__(args, kw, returns, default, transform, None,
                     is_noneable, frozen)

  def _annotation(self) -> Any:
    return typing.Callable[..., typing.Any]

  def apply(self, value: Any, allow_partial: bool = False,
            child_transform: ChildTransform | None = None,
            root_path: KeyPath | None = None) -> Any:
    """See `ValueSpec.apply`; functors always take the full check."""
    return self._apply_slow(value, allow_partial, child_transform, root_path)

  def _validate(self, value: Any, allow_partial: bool,
                child_transform: ChildTransform | None,
                root_path: KeyPath | None) -> Any:
    if (isinstance(value, type) or not callable(value)
        or not (hasattr(value, '__signature__') or hasattr(value, 'signature'))):
      raise self._type_error(value, root_path)
    return super()._validate(value, allow_partial, child_transform, root_path)

  def _expected(self) -> str:
    return 'a functor'
