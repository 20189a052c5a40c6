"""Tests of `pyglove.geno._custom`: string decisions driven by user functions."""
import random

import pytest

from pyglove.geno import CustomDecisionPoint
from pyglove.geno import DNA
from pyglove.geno import Space
from pyglove.utils import UnsafeLoadError
from pyglove.utils import from_json
from pyglove.utils import to_json
from tests.geno import strategies


def test_enumeration_follows_next_dna_fn():
  """iter_dna walks next_dna_fn until it returns None."""
  space = Space([strategies.custom_point(3, location='w')])
  assert list(space.iter_dna()) == [DNA('w0'), DNA('w1'), DNA('w2')]
  assert space.space_size == 3


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


def test_missing_functions_raise_naming_the_point():
  """Without next_dna_fn/random_dna_fn, enumeration/sampling raise ValueError."""
  c = CustomDecisionPoint(location='c')
  with pytest.raises(ValueError, match=r'no next_dna_fn\. \(path=c\)'):
    c.first_dna()
  with pytest.raises(ValueError, match=r'Cannot sample: this custom decision point has no random_dna_fn\. \(path=c\)'):
    c.random_dna(random.Random(0))
  assert c.space_size == -1


def test_function_results_must_be_strings():
  """A function returning a non-string raises ValueError."""
  c = CustomDecisionPoint(next_dna_fn=lambda d: 3, location='c')
  with pytest.raises(ValueError, match=r'next_dna_fn must return a str or a DNA of a str; got 3'):
    c.first_dna()


def test_first_dna_needs_a_value():
  """next_dna_fn(None) returning None raises ValueError."""
  c = CustomDecisionPoint(next_dna_fn=lambda d: None, location='c')
  with pytest.raises(ValueError, match=r'next_dna_fn\(None\) returned None'):
    c.first_dna()


def test_constructor_checks_arguments():
  """Non-callable functions and a non-int space_size raise TypeError."""
  with pytest.raises(TypeError, match=r'next_dna_fn must be callable or None; got 1'):
    CustomDecisionPoint(next_dna_fn=1)
  with pytest.raises(TypeError, match=r"space_size must be an int; got '3'"):
    CustomDecisionPoint(space_size='3')


def test_from_numbers_and_dict():
  """Strings come back from numbers and dicts; running out raises."""
  space = Space([strategies.custom_point(3, location='w', name='w')])
  assert DNA.from_numbers(['w1'], space) == DNA('w1')
  assert DNA.from_dict({'w': 'w2'}, space) == DNA('w2')
  with pytest.raises(ValueError, match=r'Ran out of numbers.*path=w'):
    DNA.from_numbers([], space)


def _next_word(dna):
  return 'w0' if dna is None else None


def test_json_needs_trust_for_functions():
  """Functions are stored by name: loading them needs trusted=True."""
  point = CustomDecisionPoint(hyper_type='Words', next_dna_fn=_next_word,
                              random_dna_fn=lambda rng, previous: 'w0',
                              space_size=1, location='w')
  data = to_json(Space([point]))
  with pytest.raises(UnsafeLoadError, match='trusted=True'):
    from_json(data)
  loaded = from_json(data, trusted=True).decision_points[0]
  assert loaded.next_dna_fn is _next_word
  assert loaded.random_dna_fn(None, None) == 'w0'


def test_json_of_symbolic_callables_needs_no_trust():
  """Callables that are symbolic objects have a JSON form and load untrusted."""
  space = Space([strategies.custom_point(2, location='w')])
  assert from_json(to_json(space)) == space


def test_repr_names_hyper_type_and_size():
  """repr shows the hyper type and the declared size."""
  assert repr(strategies.custom_point(2, location='w')) == (
      "CustomDecisionPoint(hyper_type='Words', space_size=2, location='w')")
