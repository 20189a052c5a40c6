"""`pg.wrap`, `pg.wrap_module` and `pg.apply_wrappers`: symbolic wrappers of existing classes.

`pg.wrap(cls)` is `pg.symbolize(cls)` with the reference's options spelled
out (comparison, representation, naming, state reset). `pg.apply_wrappers`
makes code that constructs the original classes construct their wrappers
instead (a `pg.detour`), so a program written without PyGlove yields a
symbolic tree that can be inspected and rebound.
"""
from __future__ import annotations

import inspect
import types
from typing import Any, Callable, ContextManager, Sequence

from pyglove import detouring
from pyglove import typing as pg_typing
from pyglove.symbolic._object import Object
from pyglove.symbolic._symbolize import ClassWrapper
from pyglove.symbolic._symbolize import symbolize_class
from pyglove.utils import register_json_type


def wrap(
    cls: type,
    init_args: list[Any] | dict[Any, Any] | None = None,
    *,
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
) -> type[ClassWrapper]:
  """Makes a symbolic wrapper class of `cls`: a subclass of `cls` and `pg.ClassWrapper`.

  The wrapper's fields are the arguments of ``cls.__init__``; an instance
  runs that ``__init__`` with its field values, and runs it again after each
  rebind. Wrapping a wrapper again replaces its field specs with `init_args`.

  Args:
    cls: the class to wrap (or a wrapper, to re-specify its fields).
    init_args: specs for some ``__init__`` arguments: a list of
      ``(name, value_spec[, doc])`` or a dict ``{name: value_spec}``.
    reset_state_fn: called with the object before its ``__init__`` runs
      again after a rebind (to drop state the previous run left).
    repr: True: symbolic ``repr``/``str``; False: those of `cls`.
    eq: True: `cls`'s ``__eq__``/``__hash__`` if it defines them, else
      symbolic comparison; False: `cls`'s if it defines them, else identity.
    class_name: the wrapper's name (default: `cls.__name__`).
    module_name: the wrapper's module (default: `cls.__module__`).
    auto_doc: take field descriptions from the docstrings.
    auto_typing: derive field specs from the annotations of ``__init__``
      (otherwise every argument not in `init_args` accepts any value).
    serialization_key: an extra JSON type key for the wrapper.
    additional_keys: more JSON type keys that load as the wrapper.
    override: class attributes to set on the wrapper.

  Returns:
    The wrapper class.

  Raises:
    TypeError: `cls` is not a class, is already a `pg.Object` (but not a
      wrapper), or `init_args` names a spec that does not fit.
    KeyError: `init_args` names an argument ``__init__`` does not have.

  Example:
    >>> class Adam:
    ...   def __init__(self, lr, beta=0.9):
    ...     self.lr = lr
    >>> SymAdam = pg.wrap(Adam, [('lr', pg.typing.Float(min_value=0.0))])
    >>> opt = SymAdam(0.1)
    >>> opt, isinstance(opt, Adam), SymAdam.sym_wrapped_cls is Adam
    (Adam(lr=0.1, beta=0.9), True, True)
    >>> opt.rebind(lr=0.5).lr
    0.5
    >>> SymAdam(0.1) == SymAdam(0.1)    # identity unless eq=True
    False
  """
  if not inspect.isclass(cls):
    raise TypeError(
        f'pg.wrap() makes a class wrapper from a class; got {cls!r} of type '
        f'{type(cls).__name__}.')
  specs = list(init_args.items()) if isinstance(init_args, dict) else init_args
  if issubclass(cls, Object) and not issubclass(cls, ClassWrapper):
    raise TypeError(
        f'{cls.__name__} is already symbolic (a pg.Object subclass); declare '
        f'its fields with annotations or @pg.members instead of pg.wrap.')
  if issubclass(cls, ClassWrapper) and cls.sym_wrapped_cls is not None:
    schema = pg_typing.schema(cls.sym_wrapped_cls, args=specs,
                              auto_typing=auto_typing, auto_doc=auto_doc)
    cls._sym_set_schema(schema)  # pylint: disable=protected-access
    wrapper = cls
  else:
    return symbolize_class(
        cls, specs, reset_state_fn=reset_state_fn, repr=repr, eq=eq,
        class_name=class_name, module_name=module_name, auto_doc=auto_doc,
        auto_typing=auto_typing, serialization_key=serialization_key,
        additional_keys=additional_keys, override=override)
  for key in [serialization_key, *(additional_keys or [])]:
    if key:
      register_json_type(key, wrapper)
  for name, value in (override or {}).items():
    setattr(wrapper, name, value)
  return wrapper


def wrap_module(
    module: Any,
    names: Sequence[str] | None = None,
    where: Callable[[type], bool] | None = None,
    export_to: types.ModuleType | None = None,
    **kwargs: Any,
) -> list[type[ClassWrapper]]:
  """Wraps the classes found in `module` (see `wrap`).

  A class reachable under several names is wrapped once and exported under
  each of them.

  Args:
    module: a module (or any object) whose attributes hold the classes.
    names: the attribute names to consider (default: all of them).
    where: keeps a class only if ``where(cls)`` is true.
    export_to: a module to set each wrapper on, under the class's attribute
      name; the wrappers then name it as their module.
    **kwargs: passed to `wrap`.

  Returns:
    The wrapper classes, one per distinct wrapped class.

  Raises:
    AttributeError: a name in `names` is not an attribute of `module`.

  Example:
    >>> import types
    >>> lib = types.ModuleType('lib')
    >>> class Conv:
    ...   def __init__(self, filters):
    ...     self.filters = filters
    >>> lib.Conv = Conv
    >>> sym_lib = types.ModuleType('sym_lib')
    >>> [c.__name__ for c in pg.wrap_module(lib, export_to=sym_lib)]
    ['Conv']
    >>> sym_lib.Conv(4)
    Conv(filters=4)
  """
  module_name = export_to.__name__ if export_to is not None else None
  wrappers: dict[type, type[ClassWrapper]] = {}
  for name in names or dir(module):
    value = getattr(module, name)
    if not inspect.isclass(value) or (where is not None and not where(value)):
      continue
    if value not in wrappers:
      wrappers[value] = wrap(value, module_name=module_name, **kwargs)
    if export_to is not None:
      setattr(export_to, name, wrappers[value])
  return list(wrappers.values())


def apply_wrappers(
    wrapper_classes: Sequence[type[ClassWrapper]] | None = None,
    where: Callable[[type[ClassWrapper]], bool] | None = None,
) -> ContextManager[dict[type, Any]]:
  """Within the block, creating an object of a wrapped class creates its wrapper.

  Code that calls ``Adam(...)`` directly, however deep, gets a symbolic
  ``SymAdam`` instead (see `pg.detour`; this thread only, nestable).

  Args:
    wrapper_classes: the wrappers to apply; default: every wrapper class
      made so far (by `pg.wrap`, `pg.wrap_module` or `pg.symbolize`), the
      latest one winning for a class wrapped twice.
    where: applies only the wrappers for which ``where(wrapper)`` is true.

  Returns:
    A context manager (yielding the detour mappings).

  Raises:
    TypeError: an item of `wrapper_classes` is not a wrapper class.

  Example:
    >>> class Adam:
    ...   def __init__(self, lr):
    ...     self.lr = lr
    >>> def build():
    ...   return Adam(0.1)
    >>> SymAdam = pg.wrap(Adam)
    >>> with pg.apply_wrappers([SymAdam]):
    ...   opt = build()
    >>> type(opt) is SymAdam, opt.sym_init_args.lr
    (True, 0.1)
    >>> type(build()) is Adam
    True
  """
  if not wrapper_classes:
    wrapper_classes = _all_wrappers()
  for c in wrapper_classes:
    if not (inspect.isclass(c) and issubclass(c, ClassWrapper)
            and c.sym_wrapped_cls is not None):
      raise TypeError(
          f'apply_wrappers() expects wrapper classes (made by pg.wrap or '
          f'pg.symbolize); got {c!r}.')
  return detouring.detour([(c.sym_wrapped_cls, c) for c in wrapper_classes
                           if where is None or where(c)])


def _all_wrappers() -> list[type[ClassWrapper]]:
  """Every wrapper class made from a user class, in creation order."""
  found = []
  pending = list(ClassWrapper.__subclasses__())
  while pending:
    c = pending.pop(0)
    if 'sym_wrapped_cls' in c.__dict__:
      found.append(c)
    pending.extend(c.__subclasses__())
  return found
