"""Tests of pyglove/typing/_inspect.py: issubclass/isinstance over generics, outer classes, callable_eq."""
from __future__ import annotations

from typing import Any, Generic, Protocol, TypeVar

import pytest

from pyglove import typing as pgt

X = TypeVar('X')
Y = TypeVar('Y')


class Text(str):
  pass


class Pair(Generic[X, Y]):
  pass


class Box(Generic[X]):
  pass


class SubBox(Box, Generic[Y]):
  pass


class Both(Pair[str, int], Box[Text]):
  pass


class Derived(Both):
  pass


class Callback(Protocol):
  def __call__(self, x: int) -> int:
    ...


class NotAProtocol(Callback):
  pass


class Outer:
  class Middle:
    class Inner:
      pass


class TestSubclass:

  def test_plain_classes_and_any(self):
    assert pgt.is_subclass(int, Any) and not pgt.is_subclass(Any, int)
    assert pgt.is_subclass(Text, str) and not pgt.is_subclass(str, Text)
    assert pgt.is_subclass(int, (str, int))
    assert not pgt.is_subclass(1, int)

  def test_generic_targets_check_the_bound_arguments(self):
    assert pgt.is_subclass(Both, Pair[str, int])
    assert pgt.is_subclass(Both, Pair[Any, Any])
    assert not pgt.is_subclass(Both, Pair[int, int])
    assert pgt.is_subclass(Both, Box[str])  # Text is a str.
    assert not pgt.is_subclass(Both, Box[int])
    assert pgt.is_subclass(Derived, Box[Text])
    assert not pgt.is_subclass(SubBox, Box[Any])  # Binds no argument.

  def test_generic_sources(self):
    assert pgt.is_subclass(Box[Text], Box) and pgt.is_subclass(Box[Text], Box[str])
    assert pgt.is_subclass(SubBox[Any], Box)
    assert not pgt.is_subclass(SubBox[Text], Box[str])

  def test_protocols(self):
    assert pgt.is_subclass(Callback, Protocol)
    assert pgt.is_subclass(Pair, Callback)  # Not checked at run time.
    assert not pgt.is_subclass(str, Callback)
    assert pgt.is_protocol(Callback) and not pgt.is_protocol(NotAProtocol)
    assert not pgt.is_protocol(Protocol) and not pgt.is_protocol(1)

  def test_is_instance(self):
    assert pgt.is_instance(Derived(), Pair[str, int])
    assert pgt.is_instance('a', Any) and not pgt.is_instance('a', Box[str])


class TestGenerics:

  def test_is_generic_and_bases(self):
    assert pgt.is_generic(Pair[str, int]) and not pgt.is_generic(Pair)
    assert not pgt.is_generic(Any) and not pgt.is_generic(1)
    assert pgt.has_generic_bases(Both) and not pgt.has_generic_bases(str)

  def test_get_type_and_args(self):
    assert pgt.get_type(Pair[str, int]) is Pair and pgt.get_type(str) is str
    with pytest.raises(TypeError, match='1 is not a type'):
      pgt.get_type(1)
    assert pgt.get_type_args(Pair[str, int]) == (str, int)
    assert pgt.get_type_args(Both) == ()
    assert pgt.get_type_args(Both, Pair) == (str, int)
    assert pgt.get_type_args(Derived, Box) == (Text,)
    assert pgt.get_type_args(SubBox, Pair) == ()


class TestOuterClass:

  def test_nested_classes(self):
    assert pgt.get_outer_class(Outer) is None
    assert pgt.get_outer_class(Outer.Middle) is Outer
    assert pgt.get_outer_class(Outer.Middle.Inner) is Outer.Middle
    assert pgt.get_outer_class(Outer.Middle, base_cls=Pair) is None
    assert pgt.get_outer_class(pgt.Argument.Kind) is pgt.Argument

  def test_base_cls_and_immediate(self):
    class Base:
      pass
    Outer2 = type('Outer2', (Base,), {})
    Outer2.Middle = Outer.Middle
    assert pgt.get_outer_class(Outer.Middle.Inner, base_cls=object) is Outer.Middle
    assert pgt.get_outer_class(Outer.Middle.Inner, base_cls=Base, immediate=True) is None

  def test_local_and_unknown_classes(self):
    class Local:
      pass
    with pytest.raises(ValueError, match='locally defined class'):
      pgt.get_outer_class(Local)
    Local.__qualname__ = 'NoSuchOuter.Local'
    assert pgt.get_outer_class(Local) is None


class TestCallableEq:

  def test_functions_compare_by_code(self):
    def foo(unused_x):
      pass

    def bar(unused_x):
      pass

    def baz(x):
      return x + 1
    assert pgt.callable_eq(foo, bar) and not pgt.callable_eq(foo, baz)
    assert pgt.callable_eq(lambda x: x, lambda y: y)
    assert not pgt.callable_eq(lambda x: x, lambda x, y: x + y)
    assert pgt.callable_eq(print, print) and not pgt.callable_eq(print, None)
    assert pgt.callable_eq(1, 1) and not pgt.callable_eq(1, 2)
    assert pgt.callable_eq(None, None)

  def test_methods_also_compare_their_objects(self):
    class A:
      def method(self):
        pass

      @classmethod
      def cmethod(cls):
        pass

    class B(A):
      pass

    a1, a2 = A(), A()
    assert pgt.callable_eq(A.method, B.method)
    assert pgt.callable_eq(a1.method, a1.method)
    assert not pgt.callable_eq(a1.method, a2.method)
    assert pgt.callable_eq(a1.cmethod, a2.cmethod)
    assert not pgt.callable_eq(A.cmethod, B.cmethod)
    assert not pgt.callable_eq(A.method, a1.method)
