"""Tests of `pyglove.geno._space`: the DNA shape of a space, its builders and errors."""
import random

import pytest

from pyglove.geno import Choices
from pyglove.geno import DNA
from pyglove.geno import Float
from pyglove.geno import Int
from pyglove.geno import Space
from pyglove.geno import constant
from pyglove.geno import manyof
from pyglove.geno import oneof
from pyglove.geno import space


def test_empty_space_has_one_empty_dna():
  """A space without elements has exactly DNA(None)."""
  s = Space()
  assert s.first_dna() == DNA(None)
  assert list(s.iter_dna()) == [DNA(None)]
  assert s.random_dna(random.Random(0)) == DNA(None)
  s.validate(DNA(None))


def test_single_element_space_uses_the_element_dna():
  """One element: the space's DNA is the element's DNA."""
  s = Space([Int(0, 3, location='a')])
  s.validate(DNA(2))
  dna = s.random_dna(random.Random(0))
  assert dna.spec is s and dna.decision_point is s.elements[0]


def test_multi_element_space_has_one_child_per_element():
  """Several elements: DNA(None, [one per element])."""
  s = Space([Int(0, 3, location='a'), Float(0.0, 1.0, location='b')])
  s.validate(DNA([1, 0.5]))
  assert DNA([1, 0.5]).use_spec(s).spec is s
  with pytest.raises(ValueError, match=r'Expected a DNA with no value and 2 children \(one per element of the space\), got DNA\(1\)'):
    s.validate(DNA(1))


def test_empty_space_rejects_a_value():
  """An empty space accepts only DNA(None)."""
  with pytest.raises(ValueError, match=r'no value and 0 children'):
    Space().validate(DNA(1))


def test_elements_must_be_decision_points():
  """A Space or a non-spec element raises TypeError naming its position."""
  with pytest.raises(TypeError, match=r'Expected DecisionPoint but got Space\(\) \(Space\). \(path=elements\[0\]\)'):
    Space([Space()])
  with pytest.raises(TypeError, match=r'got 1 \(int\)'):
    Space([1])


def test_elements_need_distinct_locations():
  """Two elements at one location raise ValueError."""
  with pytest.raises(ValueError, match=r"Two elements of a Space share the location 'a'"):
    Space([Int(0, 1, location='a'), Int(0, 2, location='a')])


def test_enumeration_advances_the_last_element_first():
  """Odometer order: the last element changes fastest."""
  s = Space([Int(0, 1, location='a'), Int(0, 1, location='b')])
  assert list(s.iter_dna()) == [DNA([0, 0]), DNA([0, 1]), DNA([1, 0]), DNA([1, 1])]


def test_enumeration_does_not_mutate_its_input():
  """next_dna leaves the given DNA's nodes untouched."""
  s = Space([Int(0, 1, location='a'), Int(0, 1, location='b')])
  dna = s.first_dna()
  first_child = dna[0]
  s.next_dna(dna)
  assert first_child.parent_dna is dna


def test_nested_choice_inside_a_space():
  """Choices whose candidates hold spaces shape DNA as (index, children)."""
  s = Space([Choices(1, [Space([Int(0, 1, location='p'), Int(0, 1, location='q')]), Space()],
                     location='c')])
  assert list(s.iter_dna()) == [
      DNA((0, [0, 0])), DNA((0, [0, 1])), DNA((0, [1, 0])), DNA((0, [1, 1])), DNA(1)]


def test_a_lone_multi_choice_gives_its_subchoices_to_the_choice_above():
  """DNA(0, [1, 2]) picks candidate 0 and, in its multi-choice, 1 and 2."""
  s = space([oneof([space([manyof(2, [constant()] * 3, location='m')]),
                    constant()], location='c')])
  dna = DNA((0, [1, 2]), spec=s)
  assert dna[0].spec.is_subchoice and str(dna[0].spec.id) == 'c[=0/2].m[0]'
  assert dna.multi_choice_spec is s['c[=0/2].m'][0].parent_spec
  assert DNA(0, [DNA([1, 2])]) == dna
  assert list(s.iter_dna())[:2] == [DNA((0, [0, 1])), DNA((0, [0, 2]))]
  assert len(list(s.iter_dna())) == s.space_size == 7
  for seed in range(10):
    s.validate(s.random_dna(random.Random(seed)))
  assert DNA.from_numbers([0, 2, 1], s) == DNA((0, [2, 1]))
  with pytest.raises(ValueError, match=r'Expected 2 subchoice DNA'):
    s.validate(DNA((0, [1, 2, 0])))


def test_builders():
  """space() and constant() build spaces."""
  s = space([Int(0, 1, location='a')], location='x', hints='h')
  assert s.location == 'x' and s.hints == 'h' and constant().is_constant
  assert s[0] is s.elements[0] and list(s) == list(s.elements)
