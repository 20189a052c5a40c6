"""`pg.symbolize`: symbolic subclasses of existing classes, and functors from functions.

Symbolizing never touches the user's class: it creates a subclass of both
`ClassWrapper` (a `pg.Object`) and the class, whose fields come from the
class's ``__init__`` signature (optionally constrained). After validation,
the original ``__init__`` runs with the bound arguments, and runs again after
every rebind so that the object's internal state follows its fields.
"""
from __future__ import annotations

import inspect
from typing import Any, Callable

from pyglove import typing as pg_typing
from pyglove.symbolic import _functor
from pyglove.symbolic._object import Object
from pyglove.utils import MISSING_VALUE
from pyglove.utils import register_json_type


class ClassWrapper(Object):
  """Base of classes made by `pg.symbolize(cls)`: re-runs the wrapped ``__init__`` on binding."""

  # The class a wrapper was made from (None on ClassWrapper itself).
  sym_wrapped_cls: type | None = None

  @property
  def sym_wrapped(self) -> Any:
    """The wrapped object: the wrapper instance itself, an instance of `sym_wrapped_cls`."""
    return self

  def _on_bound(self) -> None:
    super()._on_bound()
    cls = type(self)
    wrapped_init = cls._sym_wrapped_init
    values = self._sym_values
    d = self.__dict__
    d['_sym_user_init_done'] = wrapped_init is None
    if wrapped_init is None or any(_is_abstract_arg(v) for v in values.values()):
      # A partial object, or a search space (hyper values inside its
      # arguments), has no concrete arguments to run the user's code on.
      return
    args = []
    kwargs = {}
    for name, kind in cls._sym_call_plan:
      if kind == 'positional':
        args.append(values[name])
      elif kind == 'varargs':
        args.extend(values[name])
      elif kind == 'keyword':
        kwargs[name] = values[name]
    for key, value in values.items():
      if key not in cls._sym_keys:
        kwargs[key] = value
    d['_sym_in_user_init'] = True
    try:
      wrapped_init(self, *args, **kwargs)
    finally:
      d['_sym_in_user_init'] = False
    d['_sym_user_init_done'] = True


def _is_abstract_arg(value: Any) -> bool:
  """Whether an argument is missing or holds a hyper value (not a concrete value).

  A symbolized child that skipped its own ``__init__`` for that reason counts
  as abstract without being walked again.
  """
  if value is MISSING_VALUE or getattr(type(value), 'is_hyper_value', False):
    return True
  if isinstance(value, ClassWrapper):
    return not value.__dict__.get('_sym_user_init_done', False)
  if isinstance(value, dict):
    return any(_is_abstract_arg(v) for v in value.values())
  if isinstance(value, (list, tuple)):
    return any(_is_abstract_arg(v) for v in value)
  if isinstance(value, Object):
    return any(_is_abstract_arg(v) for v in value._sym_values.values())
  return False


def symbolize(*args: Any, **kwargs: Any) -> Any:
  """Makes a class or a function symbolic.

  Forms: ``symbolize(cls_or_fn)``, ``symbolize(cls_or_fn, constraints)``,
  ``@symbolize`` and ``@symbolize(constraints)``, where `constraints` is a
  list of ``(arg_name, value_spec[, doc])``. A class gives a symbolic
  subclass (the class itself is unchanged and instances pass
  ``isinstance(x, cls)``); a function gives a functor class.

  Args:
    *args: the class or function and/or the constraints.
    **kwargs: `returns` (the return spec of a function), `serialization_key`
      and `additional_keys` (extra JSON keys).

  Returns:
    The symbolic class, or a decorator that returns it.

  Raises:
    TypeError: the target is neither a class nor a function, or the
      arguments are malformed.

  Example:
    >>> class Dense:
    ...   def __init__(self, units, activation=None):
    ...     self.units = units
    >>> SymDense = pg.symbolize(Dense)
    >>> d = SymDense(16)
    >>> d, isinstance(d, Dense), d.units
    (Dense(units=16, activation=None), True, 16)
    >>> @pg.symbolize([('lr', pg.typing.Float(min_value=0.0))])
    ... class Schedule:
    ...   def __init__(self, lr):
    ...     self.lr = lr
    >>> Schedule(0.1).rebind(lr=0.5).lr
    0.5
  """
  if args and (inspect.isclass(args[0]) or inspect.isroutine(args[0])):
    if len(args) > 2:
      raise TypeError(
          f'symbolize() takes a class or function and optional constraints; '
          f'got {len(args)} positional arguments.')
    return _symbolize(args[0], args[1] if len(args) == 2 else None, **kwargs)
  if len(args) > 1 or (args and not isinstance(args[0], (list, tuple))):
    raise TypeError(
        f'symbolize() expects a class, a function or a list of (name, spec) '
        f'constraints; got {args!r}.')
  constraints = args[0] if args else None
  return lambda target: _symbolize(target, constraints, **kwargs)


def _symbolize(target: Any, constraints: Any, **kwargs: Any) -> Any:
  if inspect.isclass(target):
    if kwargs.pop('returns', None) is not None:
      raise TypeError('symbolize(): `returns` applies to functions only.')
    return symbolize_class(target, constraints, **kwargs)
  if inspect.isroutine(target):
    return _functor.functor_class(target, constraints, **kwargs)
  raise TypeError(
      f'symbolize() expects a class or a function; got {target!r} of type '
      f'{type(target).__name__}.')


def symbolize_class(cls: type, constraints: list[Any] | None = None,
                    serialization_key: str | None = None,
                    additional_keys: list[str] | None = None, *,
                    auto_typing: bool = True, auto_doc: bool = False,
                    class_name: str | None = None,
                    attributes: dict[str, Any] | None = None) -> type:
  """Creates the symbolic subclass of `cls` (see `symbolize` and `pg.wrap`).

  `auto_typing` and `auto_doc` are passed to `pg.typing.schema`;
  `class_name` renames the subclass; `attributes` are extra class
  attributes (they win over the defaults chosen here).
  """
  if issubclass(cls, Object):
    raise TypeError(
        f'{cls.__name__} is already symbolic (a pg.Object subclass); declare '
        f'its fields with annotations or @pg.members instead.')
  schema = pg_typing.schema(cls, args=constraints, auto_typing=auto_typing,
                            auto_doc=auto_doc)
  namespace: dict[str, Any] = {
      '__module__': cls.__module__,
      '__qualname__': class_name or cls.__qualname__,
      '__doc__': cls.__doc__,
      'sym_wrapped_cls': cls,
  }
  if cls.__eq__ is not object.__eq__:
    # The class compares its own way: keep it (and its hash).
    namespace['use_symbolic_comparison'] = False
    namespace['__eq__'] = cls.__eq__
    namespace['__ne__'] = cls.__ne__
    namespace['__hash__'] = cls.__hash__
  namespace.update(attributes or {})
  new_cls = type(class_name or cls.__name__, (ClassWrapper, cls), namespace)
  new_cls._sym_set_schema(schema)  # pylint: disable=protected-access
  new_cls._sym_wrapped_init = (None if cls.__init__ is object.__init__
                               else cls.__init__)
  new_cls._sym_call_plan = _functor.call_plan(cls.__init__, skip_first=True)
  for key in [serialization_key, *(additional_keys or [])]:
    if key:
      register_json_type(key, new_cls)
  return new_cls


ClassWrapper._sym_wrapped_init = None  # pylint: disable=protected-access
ClassWrapper._sym_call_plan = ()  # pylint: disable=protected-access


def functor(args: Any = None, returns: Any = None, **kwargs: Any) -> Callable[..., Any]:
  """Decorator turning a function into a functor class (also usable bare).

  Args:
    args: constraints ``[(arg_name, value_spec[, doc])]``, or the function
      when used as ``@pg.functor``.
    returns: the value spec of the return value.
    **kwargs: `serialization_key`, `additional_keys`.

  Returns:
    The functor class, or a decorator that returns it.

  Example:
    >>> @pg.functor([('a', pg.typing.Int())])
    ... def f(a, b=1):
    ...   return a + b
    >>> f.partial(a=1)(b=2)
    3
  """
  if inspect.isroutine(args):
    return _functor.functor_class(args, None, returns=returns, **kwargs)
  return lambda fn: _functor.functor_class(fn, args, returns=returns, **kwargs)
