"""How a symbolic class fits with its other base classes (computed once per class).

Two things the reference's ``pg.Object`` does through Python's class
machinery: a base class listed after the symbolic one has its ``__init__``
run (unless the subclass opts out with ``explicit_init=True``), and a class
with abstract methods cannot be instantiated (as with `abc`). Both are
decided here when the class is created, so construction pays nothing.
"""
from __future__ import annotations

from typing import Any, Callable, Collection


def next_base_init(cls: type, symbolic_base: type) -> Callable[[Any], None] | None:
  """The ``__init__`` that ``super()`` would reach after `symbolic_base`, or None.

  It belongs to a non-symbolic base listed after the symbolic one (e.g.
  ``class A(pg.Object, Mixin)``); None when only ``object.__init__`` remains.
  """
  mro = cls.__mro__
  if symbolic_base not in mro:
    return None
  for klass in mro[mro.index(symbolic_base) + 1:]:
    init = klass.__dict__.get('__init__')
    if init is not None:
      return None if klass is object else init
  return None


def settle_abstract(cls: type, field_names: Collection[str]) -> None:
  """Makes `cls` refuse instantiation (TypeError) while it has abstract methods.

  The methods decorated with `abc.abstractmethod` in its body, and those of
  its bases that it does not override, are abstract, as `abc.ABCMeta`
  computes them; the interpreter then refuses to create instances. A field
  named like an abstract property implements it: the class gets a property
  reading the field instead.
  """
  for name in field_names:
    if getattr(getattr(cls, name, None), '__isabstractmethod__', False):
      setattr(cls, name, _FieldProperty(name))
  abstract = {name for name, value in cls.__dict__.items()
              if getattr(value, '__isabstractmethod__', False)}
  for base in cls.__bases__:
    for name in getattr(base, '__abstractmethods__', ()):
      if getattr(getattr(cls, name, None), '__isabstractmethod__', False):
        abstract.add(name)
  if abstract or '__abstractmethods__' in cls.__dict__:
    cls.__abstractmethods__ = frozenset(abstract)


class _FieldProperty:
  """A read-only attribute giving the value of a field (over an abstract property)."""

  def __init__(self, name: str):
    self._name = name

  def __get__(self, instance: Any, owner: type) -> Any:
    if instance is None:
      return self
    return instance._sym_values[self._name]  # pylint: disable=protected-access
