"""Tests for pyglove.symbolic._eq: eq and ne."""
from __future__ import annotations

import doctest
import functools


import pyglove as pg
from pyglove.symbolic import _eq
from pyglove.symbolic._eq import eq
from pyglove.symbolic._eq import ne
from pyglove.symbolic._hash import hash as sym_hash
from pyglove.symbolic._order import gt
from pyglove.symbolic._order import lt


class A(pg.Object):
  x: int = 1
  y: list = []


class B(pg.Object):
  x: int = 1
  y: list = []


class Loose(pg.Object):
  """Equal to any other Loose whose `x` has the same parity."""
  x: int = 0

  def sym_eq(self, other):
    return isinstance(other, Loose) and self.x % 2 == other.x % 2

  def sym_hash(self):
    return self.x % 2


class AnyInt(pg.Object):
  """Equal to every int (tests the right-hand dispatch)."""

  def sym_eq(self, other):
    return isinstance(other, int) or other is self


class Delegating(pg.Object):
  """Overrides sym_eq/sym_hash but defers to the library's ones."""
  x: int = 0

  def sym_eq(self, other):
    return super().sym_eq(other)

  def sym_hash(self):
    return super().sym_hash()


class Point:
  """A plain class with its own equality and order."""

  def __init__(self, v):
    self.v = v

  def __eq__(self, other):
    return isinstance(other, Point) and self.v == other.v

  def __lt__(self, other):
    return self.v < other.v

  def __hash__(self):
    return hash(self.v)


def _sort(values):
  return sorted(values, key=functools.cmp_to_key(
      lambda x, y: -1 if lt(x, y) else (1 if gt(x, y) else 0)))


class TestEq:

  def test_scalars_follow_python_equality(self):
    """Numbers compare by value across int/float/bool; str by content."""
    assert eq(1, 1.0) and eq(True, 1) and eq('a', 'a')
    assert ne(1, '1') and ne(None, 0)

  def test_objects_need_same_type_and_equal_fields(self):
    """Two objects are equal when their exact types and fields match."""
    assert eq(A(1, [A(2)]), A(1, [A(2)]))
    assert ne(A(1), A(2))
    assert ne(A(1), B(1))
    assert ne(A(1), {'x': 1, 'y': []})

  def test_symbolic_containers_equal_plain_ones(self):
    """`pg.Dict` equals a dict and `pg.List` a list with equal items."""
    assert eq(pg.Dict(a=1, b=[1]), {'a': 1, 'b': [1]})
    assert eq({'b': [1], 'a': 1}, pg.Dict(a=1, b=[1]))
    assert eq(pg.List([1, A(2)]), [1, A(2)])
    assert ne(pg.List([1]), (1,))
    assert ne({'a': 1}, {'b': 1})
    assert ne({'a': 1}, {'a': 1, 'b': 2})

  def test_plain_containers_recurse_symbolically(self):
    """Objects inside tuples, lists and dicts compare symbolically."""
    assert eq((A(1), [A(2)]), (A(1), [A(2)]))
    assert ne((1, 2), (1, 2, 3))
    assert ne([1], (1,))

  def test_user_override_of_sym_eq_decides(self):
    """A class overriding `sym_eq` is asked, from either side."""
    assert eq(Loose(1), Loose(3))
    assert ne(Loose(1), Loose(2))
    assert eq([Loose(2)], [Loose(4)])

  def test_right_hand_override_is_asked_when_left_is_not_symbolic(self):
    """`eq(plain, custom)` asks the right-hand value's `sym_eq`."""
    assert eq(5, AnyInt()) and eq(AnyInt(), 7)
    assert ne('a', AnyInt())
    assert ne(A(1), AnyInt())

  def test_override_calling_super_gets_built_in_behaviour(self):
    """An override delegating to the library does not recurse forever."""
    assert eq(Delegating(1), Delegating(1))
    assert ne(Delegating(1), Delegating(2))
    assert sym_hash(Delegating(1)) == sym_hash(Delegating(1))

  def test_plain_values_use_their_own_equality(self):
    """Non-symbolic values use `==`, element-wise results reduced with all()."""
    assert eq(Point(1), Point(1))
    assert ne(Point(1), Point(2))

    class ArrayLike:

      def __init__(self, items):
        self.items = items

      def __eq__(self, other):
        return _Mask([a == b for a, b in zip(self.items, other.items)])

    class _Mask:

      def __init__(self, flags):
        self.flags = flags

      def all(self):
        return all(self.flags)
    assert eq(ArrayLike([1, 2]), ArrayLike([1, 2]))
    assert ne(ArrayLike([1, 2]), ArrayLike([1, 3]))

  def test_nested_objects_compare_field_by_field(self):
    """Objects nested in objects and lists differ when one deep field does."""
    assert eq(A(1, [A(2, [A(3)])]), A(1, [A(2, [A(3)])]))
    assert ne(A(1, [A(2, [A(3)])]), A(1, [A(2, [A(4)])]))
    assert ne(A(1, [A(2)]), A(1, [B(2)]))
    assert ne(A(1, [A(2)]), A(1, [A(2), A(2)]))
    assert ne(A(1, ['x' * 300]), A(1, ['y' * 300]))

  def test_overrides_nested_in_default_objects_are_asked(self):
    """A custom `sym_eq` deep in a default-compared tree still decides."""
    assert eq(A(1, [Loose(1)]), A(1, [Loose(3)]))
    assert ne(A(1, [Loose(1)]), A(1, [Loose(2)]))
    assert eq(A(1, [AnyInt()]), A(1, [5]))

  def test_keyword_fields_compare_by_key_not_order(self):
    """Objects with `**kwargs` fields set in another order are equal."""

    @pg.members([(pg.typing.StrKey(), pg.typing.Int())])
    class Kw(pg.Object):
      pass
    assert eq(Kw(p=1, q=2), Kw(q=2, p=1))
    assert ne(Kw(p=1, q=2), Kw(p=1, r=2))
    assert ne(Kw(p=1), Kw(p=1, q=2))

  def test_operator_eq_on_objects_is_symbolic(self):
    """`==` on pg.Object compares symbolically (core delegates here)."""
    assert A(1, [2]) == A(1, [2])
    assert A(1) != A(2)


def test_docstring_examples_run():
  """Every example in the module's docstrings runs as shown."""
  results = doctest.testmod(_eq, optionflags=doctest.ELLIPSIS)
  assert results.attempted and not results.failed
