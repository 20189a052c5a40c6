"""Tests of `pyglove.geno._custom`: string decisions driven by user functions."""
import random

import pytest

import pyglove as pg
from pyglove.geno import CustomDecisionPoint
from pyglove.geno import DNA
from pyglove.geno import Space
from pyglove.geno import custom
from pyglove.utils import from_json
from pyglove.utils import to_json
from tests.geno import strategies


def test_reference_signature_and_builder():
  """CustomDecisionPoint(hyper_type, next_dna_fn, random_dna_fn, hints, location, name)."""
  c = CustomDecisionPoint('T', None, None, 'h', 'c', 'n')
  assert (c.hyper_type, c.hints, str(c.location), c.name) == ('T', 'h', 'c', 'n')
  assert custom('graph', hints='dag').hyper_type == 'graph'


def test_enumeration_follows_next_dna_fn():
  """iter_dna walks next_dna_fn until it returns None; the size is unknown."""
  space = Space([strategies.custom_point(3, location='w')])
  assert list(space.iter_dna()) == [DNA('w0'), DNA('w1'), DNA('w2')]
  assert space.space_size == -1


def test_sampling_calls_random_dna_fn_with_previous_dna():
  """random_dna_fn gets the generator and the previous DNA node of this point."""
  seen = []

  def sample(rng, previous):
    seen.append(previous)
    return DNA('abc')
  space = Space([CustomDecisionPoint(random_dna_fn=sample, location='c')])
  assert space.random_dna(random.Random(0)) == DNA('abc')
  space.random_dna(random.Random(0), previous_dna=DNA('old'))
  assert seen == [None, DNA('old')]


def test_validate_needs_a_string_leaf():
  """A non-string or a node with children raises ValueError."""
  c = CustomDecisionPoint(location='c')
  c.validate(DNA('x'))
  with pytest.raises(ValueError, match=r'Expected a leaf DNA with a str value, got DNA\(1\). \(path=c\)'):
    c.validate(DNA(1))


def test_missing_functions_raise_not_implemented_naming_the_point():
  """Without next_dna_fn/random_dna_fn, enumeration/sampling are not supported."""
  c = CustomDecisionPoint('Graph', location='c')
  with pytest.raises(NotImplementedError, match=r"next_dna is not supported by the 'Graph' decision point at c"):
    c.first_dna()
  with pytest.raises(NotImplementedError, match=r'random_dna is not supported.*no random_dna_fn'):
    c.random_dna(random.Random(0))


def test_function_results_must_be_strings():
  """A function returning a non-string raises ValueError."""
  c = CustomDecisionPoint(next_dna_fn=lambda d: 3, location='c')
  with pytest.raises(ValueError, match=r'next_dna_fn must give a str or a DNA of a str; got 3'):
    c.first_dna()


def test_first_dna_needs_a_value():
  """next_dna_fn(None) returning None raises ValueError."""
  c = CustomDecisionPoint(next_dna_fn=lambda d: None, location='c')
  with pytest.raises(ValueError, match=r'next_dna_fn\(None\) returned None'):
    c.first_dna()


def test_functions_must_be_callable():
  """A non-callable function raises TypeError naming the field."""
  with pytest.raises(TypeError, match=r'Expected a callable but got 1 \(int\). \(path=next_dna_fn\)'):
    CustomDecisionPoint(next_dna_fn=1)


def test_from_numbers_and_dict():
  """Strings come back from numbers and dicts; running out raises."""
  space = Space([strategies.custom_point(3, location='w', name='w')])
  assert DNA.from_numbers(['w1'], space) == DNA('w1')
  assert DNA.from_dict({'w': 'w2'}, space) == DNA('w2')
  with pytest.raises(ValueError, match=r'Ran out of numbers.*path=w'):
    DNA.from_numbers([], space)


def test_json_leaves_the_functions_out_and_equality_ignores_them():
  """A spec read back from JSON has no functions and compares equal."""
  space = Space([strategies.custom_point(2, location='w')])
  restored = from_json(to_json(space))
  assert restored.elements[0].next_dna_fn is None
  assert pg.eq(restored, space) and pg.hash(restored) == pg.hash(space)
  assert not pg.eq(custom('a'), custom('b'))
