"""Tests of pyglove/symbolic/_inheritance.py: other bases' __init__ and abstract methods."""
from __future__ import annotations

import abc

import pytest

import pyglove as pg


class Mixin:
  """A non-symbolic base with its own __init__."""

  def __init__(self):
    self.mixin_inits = getattr(self, 'mixin_inits', 0) + 1


class WithMixin(pg.Object, Mixin):
  x: int


class ExplicitInit(pg.Object, Mixin):
  x: int

  def __init__(self, x, tag):
    pg.Object.__init__(self, x=x, explicit_init=True)
    self.tag = tag


def test_base_after_the_symbolic_one_is_initialized():
  """As the reference: `super().__init__()` reaches a later base once."""
  a = WithMixin(1)
  assert a.x == 1 and a.mixin_inits == 1
  assert WithMixin.partial().mixin_inits == 1


def test_explicit_init_skips_the_other_bases():
  e = ExplicitInit(1, 'first')
  assert e.x == 1 and e.tag == 'first'
  assert not hasattr(e, 'mixin_inits')
  assert WithMixin(2, explicit_init=True).__dict__.get('mixin_inits') is None


def test_plain_objects_take_explicit_init_too():
  class A(pg.Object):
    x: int = 1
  assert A(explicit_init=True) == A()
  assert 'explicit_init' not in A(explicit_init=True).sym_init_args


def test_class_wrappers_run_the_wrapped_init_once():
  @pg.symbolize
  class Counter(Mixin):
    def __init__(self, x):
      super().__init__()
      self.x = x
  assert Counter(3).mixin_inits == 1


class Abstract(pg.Object):
  x: int = 1

  @abc.abstractmethod
  def f(self):
    """Subclasses compute something."""


def test_abstract_methods_refuse_instantiation():
  with pytest.raises(TypeError, match="abstract class Abstract .*method f"):
    Abstract()
  with pytest.raises(TypeError, match='abstract'):
    Abstract.partial()


def test_overriding_every_abstract_method_makes_a_concrete_class():
  class Partly(Abstract):
    @abc.abstractmethod
    def g(self):
      """Another one."""

  class Concrete(Partly):
    def f(self):
      return 1

    def g(self):
      return 2

  with pytest.raises(TypeError, match='abstract'):
    Partly()
  c = Concrete(x=2)
  assert (c.x, c.f(), c.g()) == (2, 1, 2)
  assert Partly.__abstractmethods__ == frozenset({'f', 'g'})


def test_a_field_implements_an_abstract_property():
  class Named(pg.Object):
    @property
    @abc.abstractmethod
    def name(self):
      """The name."""

  class WithName(Named):
    name: str

  with pytest.raises(TypeError, match='abstract'):
    Named()
  assert WithName('x').name == 'x'


def test_a_field_implements_an_abstract_property_of_an_abc_base():
  """As the reference, also when the base is an abc class or members come later."""
  class Base(metaclass=abc.ABCMeta):
    @property
    @abc.abstractmethod
    def x(self):
      """The value."""

  class ByAnnotation(pg.Object, Base):
    x: int

  class ByMembers(pg.Object, Base):
    pass

  with pytest.raises(TypeError, match='abstract'):
    ByMembers()
  pg.members([('x', pg.typing.Int())])(ByMembers)
  assert ByAnnotation(1).x == 1 and ByMembers(2).x == 2
  assert ByAnnotation(1).rebind(x=3).x == 3
