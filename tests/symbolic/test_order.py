"""Tests for pyglove.symbolic._order: lt and gt."""
from __future__ import annotations

import doctest
import functools


import pyglove as pg
from pyglove.symbolic import _order
from pyglove.symbolic._order import gt
from pyglove.symbolic._order import lt
from pyglove.utils import MISSING_VALUE


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


class TestOrder:

  def test_ranks_of_kinds(self):
    """MISSING < None < numbers < str < sequences < dicts < objects < others."""
    values = [Point(0), A(1), {'a': 1}, [1], 'x', 2, None, MISSING_VALUE]
    assert _sort(values) == [MISSING_VALUE, None, 2, 'x', [1], {'a': 1}, A(1),
                             Point(0)]

  def test_within_rank(self):
    """Values of one kind compare by content."""
    assert lt(1, 1.5) and lt(False, 1) and lt('a', 'b')
    assert lt([1, 2], [1, 3]) and lt([1], [1, 0]) and lt([1], (1,))
    assert lt({'a': 1}, {'a': 2}) and lt({'a': 5}, {'b': 0})
    assert lt(A(1), A(2)) and lt(A(1, [1]), A(1, [2]))
    assert lt(A(9), B(0))  # By type name first.
    assert lt(Point(1), Point(2))

  def test_gt_mirrors_lt(self):
    """`gt(x, y)` is `lt(y, x)`."""
    assert gt('a', 1) and not gt(1, 'a')
    assert not lt(A(1), A(1)) and not gt(A(1), A(1))

  def test_unorderable_plain_values_tie(self):
    """Plain values without `<` of one type neither precede nor follow."""
    a, b = object(), object()
    assert not lt(a, b) and not gt(a, b)
    assert lt(a, Point(1)) or gt(a, Point(1))

  def test_symbolic_methods_delegate(self):
    """`sym_lt`/`sym_gt` order symbolic values too."""
    assert A(1).sym_lt(A(2)) and A(2).sym_gt(A(1))


def test_docstring_examples_run():
  """Every example in the module's docstrings runs as shown."""
  results = doctest.testmod(_order, optionflags=doctest.ELLIPSIS)
  assert results.attempted and not results.failed


def test_sets_sort_between_sequences_and_dicts():
  """As the reference: ... < lists, tuples < sets < dicts < symbolic values."""
  assert pg.lt((1,), {1}) and pg.lt({1}, {}) and pg.lt(set(), pg.Dict())
  assert pg.Dict().sym_gt(set()) and not pg.Dict().sym_lt(set())
  assert pg.lt({1, 2}, {1, 3}) and not pg.lt({1, 3}, {1, 2})
