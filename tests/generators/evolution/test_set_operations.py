"""Tests for pyglove.generators.evolution._set_operations (laws: see test_operation)."""
from __future__ import annotations

import pytest

from pyglove.generators import evolution as ev
from pyglove.generators.evolution import selectors


class Item:
  """A distinct object; set operations compare items by identity."""

  def __init__(self, name):
    self.name = name

  def __eq__(self, other):
    return isinstance(other, Item) and other.name == self.name

  __hash__ = object.__hash__


def test_items_compare_by_identity_not_equality():
  """Two equal but distinct items are two items."""
  a, b = Item('x'), Item('x')
  assert ev.Union([ev.Identity()])([a, b, a]) == [a, b]
  assert ev.Union([ev.Identity()])([a, b, a])[1] is b
  assert ev.Difference([ev.Identity(), selectors.First(1)])([a, b]) == [b]


def test_multi_operand_forms():
  """Three operands: union of all, intersection with all, difference from all."""
  items = [Item(i) for i in range(5)]
  first3, last3, middle = selectors.First(3), selectors.Last(3), ev.Identity()[1:4]
  assert ev.Union([first3, last3, middle])(items) == items
  assert ev.Intersection([first3, last3, middle])(items) == [items[2]]
  assert ev.Difference([ev.Identity(), first3, last3])(items) == []
  assert ev.SymmetricDifference([first3, last3, middle])(items) == [items[0], items[4]]


def test_symmetric_difference_keeps_duplicates_of_one_operand():
  """An item output twice by one operand and never by another is kept twice."""
  a = Item('a')
  twice = ev.Lambda(lambda xs: xs + xs)
  assert ev.SymmetricDifference([twice, ev.Lambda(lambda xs: [])])([a]) == [a, a]


def test_inversion_keeps_input_order():
  """~x outputs the inputs x does not, in input order."""
  items = [Item(i) for i in range(4)]
  assert ev.Inversion(ev.Identity()[1:3])(items) == [items[0], items[3]]


def test_operand_counts_are_checked():
  """Union takes one operand or more; the others at least two."""
  assert ev.Union([ev.Identity()])([1]) == [1]
  for cls in (ev.Intersection, ev.Difference, ev.SymmetricDifference):
    with pytest.raises(ValueError, match=r'min_size|at least'):
      cls([ev.Identity()])


def test_docstring_examples(run_doctests):
  """The module's examples run."""
  run_doctests('pyglove.generators.evolution._set_operations')
