"""`pg.symbolize`: symbolic subclasses of existing classes, and functors from functions.

Symbolizing never touches the user's class: it creates a subclass of both
`ClassWrapper` (a `pg.Object`) and the class, whose fields come from the
class's ``__init__`` signature (optionally constrained). After validation,
the original ``__init__`` runs with the bound arguments, and runs again after
every rebind so that the object's internal state follows its fields.
"""
from __future__ import annotations

import inspect
import itertools
from typing import Any, Callable, ClassVar

from pyglove import typing as pg_typing
from pyglove.symbolic import _functor
from pyglove.symbolic._object import Object
from pyglove.utils import MISSING_VALUE
from pyglove.utils import register_json_type


class ClassWrapper(Object):
  """Base of classes made by `pg.symbolize(cls)`: re-runs the wrapped ``__init__`` on binding."""

  # The class a wrapper was made from (None on ClassWrapper itself).
  sym_wrapped_cls: ClassVar[type | None] = None
  _sym_signature_from_init = True  # The base shows its constructor's keywords.
  _sym_inits_bases = False  # `_on_bound` runs the wrapped class's __init__.

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
    reset_state = cls._sym_reset_state
    if reset_state is not None and d.get('_sym_user_init_ran'):
      reset_state(self)
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
    d['_sym_user_init_ran'] = True


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
  ``@symbolize``, ``@symbolize(constraints)`` and ``@symbolize(**options)``,
  where `constraints` is a list of ``(arg_name, value_spec[, doc])``. A
  class gives a symbolic subclass (the class itself is unchanged and
  instances pass ``isinstance(x, cls)``); a function gives a functor class;
  `dict` and `list` give `pg.Dict` and `pg.List`.

  Arguments are checked only by their constraints: annotations are kept for
  documentation (``auto_typing=True`` turns them into checks too).
  Symbolized classes compare by identity, as the original class does,
  unless ``eq=True`` (or the class defines its own ``__eq__``).

  Args:
    *args: the class or function and/or the constraints.
    **kwargs: options of `symbolize_class` (`eq`, `repr`, `auto_typing`,
      `auto_doc`, `reset_state_fn`, `class_name`, `module_name`,
      `serialization_key`, `additional_keys`, `override`,
      `add_to_registry`) or, for a function, of `functor_class`
      (`returns`, `base_class`, `auto_typing`, `auto_doc`, ...).

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
    >>> d, isinstance(d, Dense), d.units, d == SymDense(16)
    (Dense(units=16, activation=None), True, 16, False)
    >>> EqDense = pg.symbolize(Dense, eq=True, add_to_registry=False)
    >>> EqDense(16) == EqDense(16)
    True
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
    if args[0] in (dict, list):
      if len(args) > 1 or kwargs:
        raise TypeError(
            f'symbolize({args[0].__name__}) takes no constraints or options; '
            f'got {args[1:]!r} {kwargs!r}.')
      return _container_class(args[0])
    return _symbolize(args[0], args[1] if len(args) == 2 else None, **kwargs)
  if len(args) > 1 or (args and not isinstance(args[0], (list, tuple))):
    raise TypeError(
        f'symbolize() expects a class, a function or a list of (name, spec) '
        f'constraints; got {args!r}.')
  constraints = args[0] if args else None
  return lambda target: _symbolize(target, constraints, **kwargs)


def _container_class(target: type) -> type:
  # Imported here: the containers are built on the object module's layer.
  from pyglove.symbolic._dict import Dict  # pylint: disable=g-import-not-at-top
  from pyglove.symbolic._list import List  # pylint: disable=g-import-not-at-top
  return Dict if target is dict else List


def _symbolize(target: Any, constraints: Any, **kwargs: Any) -> Any:
  if target in (dict, list):
    return _container_class(target)
  if inspect.isclass(target):
    if kwargs.pop('returns', None) is not None:
      raise TypeError('symbolize(): `returns` applies to functions only.')
    return symbolize_class(target, constraints, **kwargs)
  if inspect.isroutine(target):
    return _functor.functor_class(target, constraints, **kwargs)
  raise TypeError(
      f'symbolize() expects a class or a function; got {target!r} of type '
      f'{type(target).__name__}.')


def symbolize_class(cls: type, constraints: list[Any] | None = None, *,
                    reset_state_fn: Callable[[Any], None] | None = None,
                    repr: bool = True,  # pylint: disable=redefined-builtin
                    eq: bool = False,
                    class_name: str | None = None,
                    module_name: str | None = None,
                    auto_doc: bool = False,
                    auto_typing: bool = False,
                    serialization_key: str | None = None,
                    additional_keys: list[str] | None = None,
                    override: dict[str, Any] | None = None,
                    add_to_registry: bool = True) -> type:
  """Creates the symbolic subclass of `cls` (see `symbolize` and `pg.wrap`).

  Args:
    cls: the class to wrap; it is not modified.
    constraints: ``(arg_name, spec[, doc[, metadata]])`` of ``__init__``
      arguments.
    reset_state_fn: called with the object before the wrapped ``__init__``
      runs again after a rebind (to drop state the constructor built).
    repr: print symbolically (False: as `cls` prints).
    eq: compare (and hash) symbolically unless the class defines its own
      ``__eq__``; False (default): by the class's own ``__eq__``, or identity.
    class_name: the name of the new class (default: the original's).
    module_name: its module (default: the original's).
    auto_doc: field descriptions from the class docstring.
    auto_typing: check arguments against their annotations.
    serialization_key: an extra JSON ``_type`` key for the class.
    additional_keys: more extra JSON keys.
    override: class attributes to set on the new class.
    add_to_registry: register the class for JSON under its name.

  Returns:
    The symbolic class.

  Raises:
    ValueError: `cls` is a pg.Object subclass (not made by `symbolize`).
  """
  if issubclass(cls, ClassWrapper) and not constraints:
    return cls  # Already symbolized: as the reference, itself.
  if issubclass(cls, Object):
    raise ValueError(
        f'Cannot symbolize {cls.__name__}: it is already a dataclass-like '
        f'symbolic class (a pg.Object subclass); declare its fields with '
        f'annotations or @pg.members instead.')
  schema = pg_typing.schema(cls, args=constraints, auto_typing=auto_typing,
                            auto_doc=auto_doc)
  # Only the positional order matters for a class; the rest is for functors.
  init_arg_list = schema.metadata['init_arg_list']
  schema.metadata.clear()
  schema.metadata['init_arg_list'] = init_arg_list
  name = class_name or cls.__name__
  namespace: dict[str, Any] = {
      '__module__': module_name or cls.__module__,
      '__qualname__': (cls.__qualname__ if class_name is None
                       else class_name),
      '__doc__': cls.__doc__,
      'auto_register': add_to_registry,
      'sym_wrapped_cls': cls,
  }
  if cls.__eq__ is not object.__eq__ or not eq:
    # Keep the class's own comparison (or identity, as plain objects have).
    namespace['use_symbolic_comparison'] = False
    namespace['__eq__'] = cls.__eq__
    namespace['__ne__'] = cls.__ne__
    namespace['__hash__'] = (_identity_hash if cls.__hash__ is object.__hash__
                             else cls.__hash__)
  if not repr:
    namespace['__repr__'] = cls.__repr__
    namespace['__str__'] = cls.__str__
  namespace.update(override or {})
  new_cls = type(name, (ClassWrapper, cls), namespace)
  schema.set_for_cls(new_cls)
  new_cls._sym_set_schema(schema)  # pylint: disable=protected-access
  new_cls._sym_wrapped_init = (None if cls.__init__ is object.__init__
                               else cls.__init__)
  new_cls._sym_call_plan = _functor.call_plan(cls.__init__, skip_first=True)
  if reset_state_fn is not None:
    new_cls._sym_reset_state = staticmethod(reset_state_fn)
  for key in [serialization_key, *(additional_keys or [])]:
    if key:
      register_json_type(key, new_cls)
  return new_cls


_serial_numbers = itertools.count(1)


def _identity_hash(self: Any) -> int:
  """A hash for identity comparison that two live or successive objects never share.

  (`object.__hash__` derives from the address, which a new object may reuse
  right after another is freed.)
  """
  d = self.__dict__
  value = d.get('_sym_identity_hash')
  if value is None:
    value = d['_sym_identity_hash'] = next(_serial_numbers)
  return value


ClassWrapper._sym_wrapped_init = None  # pylint: disable=protected-access
ClassWrapper._sym_call_plan = ()  # pylint: disable=protected-access
ClassWrapper._sym_reset_state = None  # pylint: disable=protected-access


def functor(args: Any = None, returns: Any = None,
            base_class: type | None = None,
            **kwargs: Any) -> Callable[..., Any]:
  """Decorator turning a function into a functor class (also usable bare).

  Args:
    args: constraints ``[(arg_name, value_spec[, doc])]``, or the function
      when used as ``@pg.functor``.
    returns: the value spec the return value must satisfy.
    base_class: a `pg.Functor` subclass to derive from.
    **kwargs: options of `functor_class` (`auto_typing`, `auto_doc`,
      `serialization_key`, `additional_keys`, `add_to_registry`).

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
    return _functor.functor_class(args, None, returns, base_class, **kwargs)
  return lambda fn: _functor.functor_class(fn, args, returns, base_class,
                                           **kwargs)
