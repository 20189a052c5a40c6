"""Tests of `pyglove.geno._space`: the DNA shape of a space and its construction errors."""
import random

import pytest

from pyglove.geno import Choices
from pyglove.geno import DNA
from pyglove.geno import Float
from pyglove.geno import Int
from pyglove.geno import Space


def test_empty_space_has_one_empty_dna():
  """A space without elements has exactly DNA(None)."""
  space = Space()
  assert space.first_dna() == DNA(None)
  assert list(space.iter_dna()) == [DNA(None)]
  assert space.random_dna(random.Random(0)) == DNA(None)
  space.validate(DNA(None))


def test_single_element_space_uses_the_element_dna():
  """One element: the space's DNA is the element's DNA."""
  space = Space([Int(0, 3, location='a')])
  space.validate(DNA(2))
  assert space.random_dna(random.Random(0)).decision_point is space.elements[0]


def test_multi_element_space_has_one_child_per_element():
  """Several elements: DNA(None, [one per element])."""
  space = Space([Int(0, 3, location='a'), Float(0.0, 1.0, location='b')])
  space.validate(DNA([1, 0.5]))
  with pytest.raises(ValueError, match=r'Expected a DNA with no value and 2 children \(one per element of the space\), got DNA\(1\)'):
    space.validate(DNA(1))


def test_empty_space_rejects_a_value():
  """An empty space accepts only DNA(None)."""
  with pytest.raises(ValueError, match=r'no value and 0 children'):
    Space().validate(DNA(1))


def test_elements_must_be_decision_points():
  """A Space or a non-spec element raises TypeError."""
  with pytest.raises(TypeError, match=r'Elements of a Space must be decision points .*got Space\(\)'):
    Space([Space()])
  with pytest.raises(TypeError, match=r'got 1'):
    Space([1])


def test_elements_need_distinct_locations():
  """Two elements at one location raise ValueError."""
  with pytest.raises(ValueError, match=r"Two elements of a Space share the location 'a'"):
    Space([Int(0, 1, location='a'), Int(0, 2, location='a')])


def test_enumeration_advances_the_last_element_first():
  """Odometer order: the last element changes fastest."""
  space = Space([Int(0, 1, location='a'), Int(0, 1, location='b')])
  assert list(space.iter_dna()) == [DNA([0, 0]), DNA([0, 1]), DNA([1, 0]), DNA([1, 1])]


def test_enumeration_does_not_mutate_its_input():
  """next_dna leaves the given DNA's nodes untouched."""
  space = Space([Int(0, 1, location='a'), Int(0, 1, location='b')])
  dna = space.first_dna()
  first_child = dna[0]
  space.next_dna(dna)
  assert first_child.parent is dna


def test_nested_choice_inside_a_space():
  """Choices whose candidates hold spaces shape DNA as (index, children)."""
  space = Space([Choices(1, [Space([Int(0, 1, location='p'), Int(0, 1, location='q')]), Space()],
                         location='c')])
  assert list(space.iter_dna()) == [
      DNA((0, [0, 0])), DNA((0, [0, 1])), DNA((0, [1, 0])), DNA((0, [1, 1])), DNA(1)]
