"""Functors: symbolic objects made from functions, whose fields are the function's arguments.

A functor binds arguments in steps: some at construction (partial binding),
more by assignment (``f.a = 1``) or rebind, and the rest when it is called.
Calling it with an argument that is already bound is an error unless
``override_args=True``.
"""
from __future__ import annotations

import inspect
from typing import Any, Callable

from pyglove import typing as pg_typing
from pyglove.symbolic._class_signature import SchemaSignature
from pyglove.symbolic._object import Object
from pyglove.utils import MISSING_VALUE
from pyglove.utils import message_on_path
from pyglove.utils import register_json_type


class _Signature:
  """``__signature__`` of functors: the function's on the class, what is left to bind on an instance.

  On an instance, bound arguments become keyword-only parameters defaulting
  to their bound values, so a signature check (e.g. `pg.typing.Callable`)
  sees that ``random_augment(magnitude=8)`` is called with just an image.
  """

  def __get__(self, instance: Any, owner: type) -> Any:
    if instance is None:
      return owner._sym_signature  # pylint: disable=protected-access
    return instance._sym_call_signature()  # pylint: disable=protected-access


class Functor(Object):
  """Base of functor classes: a `pg.Object` that calls a function with its fields.

  Construction always allows missing arguments; the ones given explicitly
  (at construction, by assignment or rebind) are "bound" and cannot be
  passed again at call time unless ``override_args=True``.

  Example:
    >>> @pg.functor
    ... def add(a, b=1):
    ...   return a + b
    >>> f = add(a=2)
    >>> f(), f(b=3), f(a=5, override_args=True)
    (3, 5, 6)
  """

  allow_symbolic_assignment = True
  __signature__ = _Signature()
  _sym_signature: inspect.Signature | None = None

  def __init__(self, *args: Any, allow_partial: bool = True,
               sealed: bool | None = None, root_path: Any = None,
               override_args: bool = False, ignore_extra_args: bool = False,
               **kwargs: Any):
    del allow_partial  # A functor is always partially bindable.
    if args:
      kwargs = type(self)._sym_bind_positional(args, kwargs)
    d = self.__dict__
    d['_sym_specified'] = {k for k, v in kwargs.items()
                           if v is not MISSING_VALUE}
    d['_sym_override_args'] = override_args
    d['_sym_ignore_extra_args'] = ignore_extra_args
    super().__init__(allow_partial=True, sealed=sealed, root_path=root_path,
                     **kwargs)

  @property
  def specified_args(self) -> set[str]:
    """The names of the arguments given explicitly (at construction, by assignment or rebind)."""
    return set(self._sym_specified)

  @property
  def bound_args(self) -> set[str]:
    """The names of the arguments that have a value (given or default).

    Example:
      >>> @pg.functor
      ... def f(a, b=1, c=2):
      ...   return a + b + c
      >>> sorted(f(b=3).bound_args), sorted(f(b=3).unbound_args)
      (['b', 'c'], ['a'])
    """
    return {k for k, v in self._sym_values.items() if v is not MISSING_VALUE}

  @property
  def unbound_args(self) -> set[str]:
    """The names of the arguments still missing."""
    return {k for k, v in self._sym_values.items() if v is MISSING_VALUE}

  @property
  def is_fully_bound(self) -> bool:
    """Whether every named argument has a value (it can be called without arguments).

    Keys of ``**kwargs`` set to MISSING_VALUE are not arguments to bind.
    """
    keys = type(self)._sym_keys
    return all(v is not MISSING_VALUE for k, v in self._sym_values.items()
               if k in keys)

  @property
  def default_args(self) -> set[str]:
    """The names of the bound arguments whose values are their defaults."""
    result = set()
    for key, spec in type(self)._sym_specs:
      value = self._sym_values.get(key, MISSING_VALUE)
      if spec.has_default and value is not MISSING_VALUE and (
          value is spec.default or _equal(value, spec.default)):
        result.add(key)
    return result

  @property
  def non_default_args(self) -> set[str]:
    """The names of the bound arguments whose values differ from their defaults."""
    return self.bound_args - self.default_args

  def _sym_call_signature(self) -> inspect.Signature | None:
    signature = type(self)._sym_signature
    if signature is None:
      return None
    values = self._sym_values
    specified = self._sym_specified
    positional, keyword_only = [], []
    for p in signature.parameters.values():
      value = values.get(p.name, MISSING_VALUE)
      if (p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
          or p.name not in specified):
        (keyword_only if p.kind in (p.KEYWORD_ONLY, p.VAR_KEYWORD)
         else positional).append(p)
      else:
        keyword_only.append(p.replace(kind=p.KEYWORD_ONLY, default=value))
    keyword_only.sort(key=lambda p: p.kind == p.VAR_KEYWORD)
    return signature.replace(parameters=positional + keyword_only)

  def _sym_assign(self, key: Any, value: Any) -> tuple[Any, Any]:
    result = super()._sym_assign(key, value)
    if value is MISSING_VALUE:
      self._sym_specified.discard(key)
    else:
      self._sym_specified.add(key)
    return result

  def _sym_undo_record(self, key: Any, value: Any) -> Any:
    return super()._sym_undo_record(key, value), key in self._sym_specified

  def _sym_undo(self, record: Any) -> None:
    record, was_specified = record
    super()._sym_undo(record)
    if was_specified:
      self._sym_specified.add(record[0])
    else:
      self._sym_specified.discard(record[0])

  def _sym_snapshot(self) -> Any:
    return super()._sym_snapshot(), set(self._sym_specified)

  def _sym_restore(self, snapshot: Any) -> None:
    state, specified = snapshot
    super()._sym_restore(state)
    self.__dict__['_sym_specified'] = specified

  def _sym_clone(self, deep: bool, memo: dict[int, Any]) -> 'Functor':
    new = super()._sym_clone(deep, memo)
    new.__dict__['_sym_specified'] = set(self._sym_specified)
    return new

  def __call__(self, *args: Any, override_args: bool | None = None,
               ignore_extra_args: bool | None = None, **kwargs: Any) -> Any:
    """Calls the function with the bound arguments plus these ones.

    Args:
      *args: positional arguments, in the function's parameter order.
      override_args: let these arguments replace bound ones (None: as set
        at construction).
      ignore_extra_args: drop arguments the function does not take (None:
        as set at construction).
      **kwargs: keyword arguments.

    Returns:
      What the function returns.

    Raises:
      TypeError: an argument is already bound (without `override_args`),
        unknown (without `ignore_extra_args`), or still missing; a value has
        the wrong type; or the return value does not fit `returns`.
      ValueError: a value breaks its argument's constraints.
    """
    cls = type(self)
    name = cls.__name__
    if override_args is None:
      override_args = self.__dict__.get('_sym_override_args', False)
    if ignore_extra_args is None:
      ignore_extra_args = self.__dict__.get('_sym_ignore_extra_args', False)
    if args:
      kwargs = cls._sym_bind_positional(args, kwargs)
    values = dict(self._sym_values)
    schema = cls.__schema__
    for key, value in kwargs.items():
      field = schema.get_field(key)
      if field is None:
        if ignore_extra_args:
          continue
        raise TypeError(message_on_path(
            f'{name}() got an unexpected keyword argument {key!r}; valid '
            f'arguments: {", ".join(cls._sym_keys_in_order())}.',
            self.sym_path))
      if key in self._sym_specified and not override_args:
        raise TypeError(message_on_path(
            f'{name}() got a new value for argument {key!r}, which is '
            f'already bound to {values[key]!r}; pass override_args=True to '
            f'replace it.', self.sym_path))
      # Call-time arguments are checked, not made symbolic: the function
      # gets the very objects passed (it may mutate a dict or list given).
      values[key] = field.value.apply(
          value, False, None, self._sym_child_path(key))
    missing = [k for k, v in values.items() if v is MISSING_VALUE]
    if missing:
      raise TypeError(message_on_path(
          f'{name}() missing {len(missing)} required argument(s): '
          f'{", ".join(missing)}.', self.sym_path))
    result = self._call_with(values)
    returns = cls._sym_returns
    if returns is not None:
      result = returns.apply(result, root_path=self._sym_child_path('returns'))
    return result

  def _call_with(self, values: dict[str, Any]) -> Any:
    cls = type(self)
    args = []
    kwargs = {}
    for key, kind in cls._sym_call_plan:
      if kind == 'positional':
        args.append(values[key])
      elif kind == 'varargs':
        args.extend(values[key])
      else:
        kwargs[key] = values[key]
    for key, value in values.items():
      if key not in cls._sym_keys:
        kwargs[key] = value
    return cls._sym_fn(*args, **kwargs)


Functor._sym_call_plan = ()  # pylint: disable=protected-access
Functor._sym_returns = None  # pylint: disable=protected-access


def _equal(a: Any, b: Any) -> bool:
  try:
    return bool(a == b)
  except Exception:  # pylint: disable=broad-except
    return False  # e.g. numpy arrays, whose == is not a truth value.


def call_plan(fn: Callable[..., Any],
              skip_first: bool = False) -> tuple[tuple[str, str], ...]:
  """How to pass field values to `fn`: (name, 'positional'|'varargs'|'keyword').

  Args:
    fn: the function.
    skip_first: skip the first parameter (``self`` of an ``__init__``).
  """
  try:
    params = list(inspect.signature(fn).parameters.values())
  except (TypeError, ValueError):
    return ()
  if skip_first:
    params = params[1:]
  plan = []
  seen_varargs = False
  for p in params:
    if p.kind == p.VAR_POSITIONAL:
      plan.append((p.name, 'varargs'))
      seen_varargs = True
    elif p.kind == p.POSITIONAL_ONLY or (
        p.kind == p.POSITIONAL_OR_KEYWORD and seen_varargs is False
        and _has_varargs(params)):
      plan.append((p.name, 'positional'))
    elif p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY):
      plan.append((p.name, 'keyword'))
  return tuple(plan)


def _has_varargs(params: list[inspect.Parameter]) -> bool:
  return any(p.kind == p.VAR_POSITIONAL for p in params)


def functor_class(func: Callable[..., Any], args: Any = None,
                  returns: Any = None, base_class: type | None = None, *,
                  auto_doc: bool = False, auto_typing: bool = False,
                  serialization_key: str | None = None,
                  additional_keys: list[str] | None = None,
                  add_to_registry: bool = True) -> type:
  """Creates the functor class of `func` (see `pg.symbolize` and `pg.functor`).

  Args:
    func: the function.
    args: ``(arg_name, spec[, doc[, metadata]])`` constraints of arguments.
    returns: the spec the return value must satisfy (checked on each call).
    base_class: a `pg.Functor` subclass to derive from.
    auto_doc: argument descriptions from the docstring.
    auto_typing: check arguments (and the return value) against their
      annotations; otherwise annotations are documentation.
    serialization_key: an extra JSON ``_type`` key for the class.
    additional_keys: more extra JSON keys.
    add_to_registry: register the class for JSON under its name.

  Returns:
    The functor class.

  Raises:
    TypeError: `func` is not a function, or `base_class` not a Functor
      subclass.

  Example:
    >>> def scale(x, factor=2):
    ...   return x * factor
    >>> Scale = pg.symbolic.functor_class(scale, [('x', pg.typing.Int())])
    >>> Scale(factor=3)(2)
    6
  """
  if not callable(func) or isinstance(func, type):
    raise TypeError(f'functor expects a function; got {func!r}.')
  if base_class is None:
    base_class = Functor
  elif not (isinstance(base_class, type) and issubclass(base_class, Functor)):
    raise TypeError(
        f'base_class of a functor must be a pg.Functor subclass; got '
        f'{base_class!r}.')
  schema = pg_typing.schema(func, args=args, returns=returns,
                            auto_typing=auto_typing, auto_doc=auto_doc)
  namespace = {
      '__module__': func.__module__,
      '__qualname__': func.__qualname__,
      '__doc__': func.__doc__,
      '_sym_signature': _signature(func),
      '_sym_fn': staticmethod(func),
      'auto_register': add_to_registry,
  }
  cls = type(func.__name__, (base_class,), namespace)
  schema.set_name(f'{func.__module__}.{func.__qualname__}')
  cls._sym_set_schema(schema)  # pylint: disable=protected-access
  # As the reference's: `cls.__signature__.args`, `.return_value`...
  cls._sym_signature = SchemaSignature.of(cls, cls._sym_signature)  # pylint: disable=protected-access
  cls._sym_call_plan = call_plan(func)  # pylint: disable=protected-access
  cls._sym_returns = schema.metadata.get('returns')  # pylint: disable=protected-access
  for key in [serialization_key, *(additional_keys or [])]:
    if key:
      register_json_type(key, cls)
  return cls



def _signature(func: Callable[..., Any]) -> inspect.Signature:
  """The function's signature, string annotations evaluated when they can be."""
  try:
    return inspect.signature(func, eval_str=True)
  except Exception:  # pylint: disable=broad-except
    return inspect.signature(func)  # An annotation naming what is not defined.


def as_functor(func: Callable[..., Any],
               ignore_extra_args: bool = False) -> Functor:
  """A functor object (nothing bound) calling `func`, e.g. to make a lambda symbolic.

  Args:
    func: the function.
    ignore_extra_args: drop call arguments `func` does not take.

  Example:
    >>> f = pg.symbolic.as_functor(lambda x, y=1: x + y)
    >>> f(1), f(1, y=2)
    (2, 3)
  """
  return functor_class(func, add_to_registry=False)(
      ignore_extra_args=ignore_extra_args)
