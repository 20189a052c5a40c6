"""Tests of `pyglove.geno._choices`: single and multi-choices, their DNA, values and errors."""
import random

from hypothesis import given
from hypothesis import strategies as st
import pytest

from pyglove.geno import Choices
from pyglove.geno import DNA
from pyglove.geno import Int
from pyglove.geno import Space
from pyglove.geno import constant
from pyglove.geno import floatv
from pyglove.geno import manyof
from pyglove.geno import oneof


def _constants(n):
  return [Space() for _ in range(n)]


class TestConstruction:

  def test_reference_signature(self):
    """Choices(num_choices, candidates, literal_values, distinct, sorted, subchoice_index, hints, location, name)."""
    c = Choices(2, _constants(3), ['a', 'b', 'c'], False, True, None, 'h', 'x', 'n')
    assert (c.num_choices, c.distinct, c.sorted, c.hints, str(c.location),
            c.name) == (2, False, True, 'h', 'x', 'n')
    assert Choices(candidates=_constants(2)).num_choices == 1

  def test_candidates_are_required_and_non_empty(self):
    """Missing or empty candidates are errors naming the field."""
    with pytest.raises(TypeError, match=r'missing 1 required argument\(s\): candidates'):
      Choices()
    with pytest.raises(ValueError, match=r'out of range \(min_size=1.*path=candidates'):
      Choices(1, [], location='a')

  def test_too_many_distinct_choices_raise(self):
    """k distinct choices need at least k candidates."""
    with pytest.raises(ValueError, match=r'Cannot make 3 distinct choices from 2 candidates. \(path=a\)'):
      Choices(3, _constants(2), location='a')

  def test_non_distinct_choices_may_exceed_candidates(self):
    """Without distinct, k may exceed the number of candidates."""
    assert Choices(3, _constants(2), distinct=False).space_size == 8

  def test_num_choices_must_be_a_positive_int(self):
    """num_choices is an int >= 1."""
    with pytest.raises(TypeError, match=r"Expected int but got '2'"):
      Choices('2', _constants(2))
    with pytest.raises(ValueError, match=r'Value 0 is out of range \(min=1'):
      Choices(0, _constants(2))

  def test_candidates_must_be_spaces(self):
    """A candidate that is not a Space raises TypeError naming it."""
    with pytest.raises(TypeError, match=r'Expected Space but got 3 \(int\). \(path=candidates\[1\]\)'):
      Choices(1, [Space(), 3], location='a')

  def test_literal_values_must_match_candidates(self):
    """literal_values has one str/int/float per candidate."""
    with pytest.raises(ValueError, match=r'has 2 candidates but 1 literal values'):
      Choices(1, _constants(2), literal_values=['a'])
    with pytest.raises(ValueError, match=r'path=literal_values\[1\]'):
      Choices(1, _constants(2), literal_values=['a', None])

  def test_a_multi_choice_cannot_be_a_subchoice(self):
    """subchoice_index is for single choices only."""
    with pytest.raises(ValueError, match=r'cannot be a subchoice'):
      Choices(2, _constants(3), subchoice_index=0)


class TestSubchoices:

  def test_subchoices_own_copies_of_the_candidates(self):
    """Subchoice j has id x[j] and its own candidates (ids x[j][=i/n]...)."""
    c = manyof(2, [Space([Int(0, 1, location='p')]), constant()], location='x')
    first, second = c.subchoices
    assert (first.subchoice_index, second.subchoice_index) == (0, 1)
    assert first.candidates[0] is not c.candidates[0]
    assert str(second.candidates[0].elements[0].id) == 'x[1][=0/2].p'
    assert c.choice_specs == list(c.subchoices) and c.subchoice(1) is second
    assert c[0] is first and oneof(_constants(2)).subchoice(0).num_choices == 1

  def test_subchoice_of_a_subchoice_raises(self):
    """A subchoice has no subchoices."""
    with pytest.raises(ValueError, match=r'not defined on a subchoice'):
      Choices(2, _constants(2)).subchoices[0].subchoice(0)


class TestValues:

  def test_format_candidate(self):
    """choice, literal and choice_and_literal forms; 'i/n' without literals."""
    c = Choices(1, _constants(3), literal_values=['a', 'b', 'c'])
    assert c.format_candidate(1) == '1/3 (b)'
    assert c.format_candidate(1, 'literal') == 'b'
    assert c.format_candidate(1, 'choice') == '1/3'
    assert Choices(1, _constants(3)).format_candidate(2, 'literal') == '2/3'
    with pytest.raises(ValueError, match=r"display_format must be one of"):
      c.format_candidate(0, 'x')

  def test_candidate_index(self):
    """A literal, 'i/n' or 'i/n (literal)' names a candidate."""
    c = Choices(1, _constants(3), literal_values=['a', 2, 0.5])
    assert [c.candidate_index(v) for v in ('a', 2, 0.5, '1/3', '0/3 (a)')] == [0, 1, 2, 1, 0]
    for bad in ('z', '5/3', '1/3 (a)', '1/4'):
      with pytest.raises(ValueError, match=r'matches no candidate'):
        c.candidate_index(bad)


class TestValidation:

  def test_index_out_of_range(self):
    """A wrong index raises ValueError naming the choice."""
    s = Space([Choices(1, _constants(3), location='a')])
    with pytest.raises(ValueError, match=r'Expected a choice index in \[0, 3\), got 3 in DNA\(3\). \(path=a\)'):
      s.validate(DNA(3))
    with pytest.raises(ValueError, match=r"got 'x'"):
      s.validate(DNA('x'))

  def test_wrong_number_of_children(self):
    """A candidate's children must match its elements."""
    s = Space([Choices(1, [Space([Int(0, 1, location='p')]), Space()], location='a')])
    with pytest.raises(ValueError, match=r'Candidate 0 has 1 decision point\(s\); the DNA does not fit them: DNA\(0\). \(path=a\)'):
      s.validate(DNA(0))
    with pytest.raises(ValueError, match=r'Candidate 1 has 0'):
      s.validate(DNA((1, 0)))

  def test_multi_choice_shape(self):
    """A k-choice needs k subchoice children."""
    c = Choices(2, _constants(3), location='m')
    with pytest.raises(ValueError, match=r'no value and 2 children \(one per subchoice\), got DNA\(1\). \(path=m\)'):
      c.validate(DNA(1))

  def test_subchoice_errors_name_the_subchoice(self):
    """A wrong index in a subchoice names m[j]."""
    with pytest.raises(ValueError, match=r'path=m\[1\]'):
      Choices(2, _constants(3), location='m').validate(DNA([0, 7]))

  def test_distinct_and_sorted_rules(self):
    """Repeated indices break distinct; decreasing ones break sorted."""
    with pytest.raises(ValueError, match=r'Choices must be distinct, got indices \[1, 1\]. \(path=m\)'):
      Choices(2, _constants(3), location='m').validate(DNA([1, 1]))
    with pytest.raises(ValueError, match=r'Choices must be sorted, got indices \[2, 1\]'):
      Choices(2, _constants(3), sorted=True, location='m').validate(DNA([2, 1]))
    Choices(2, _constants(3), distinct=False, sorted=True).validate(DNA([1, 1]))


class TestEnumerationAndSampling:

  @pytest.mark.parametrize('distinct,ordered,expected', [
      (True, True, [[0, 1], [0, 2], [1, 2]]),
      (True, False, [[0, 1], [0, 2], [1, 0], [1, 2], [2, 0], [2, 1]]),
      (False, True, [[0, 0], [0, 1], [0, 2], [1, 1], [1, 2], [2, 2]]),
  ])
  def test_multi_choice_enumeration(self, distinct, ordered, expected):
    """Combinations, permutations or multisets, in lexicographic order."""
    c = Choices(2, _constants(3), distinct=distinct, sorted=ordered)
    assert [d.to_literal() for d in c.iter_dna()] == expected
    assert c.space_size == len(expected)

  def test_candidates_with_floats_enumerate_at_the_minimum(self):
    """A candidate holding a float is entered with the float at its minimum."""
    c = oneof([constant(), floatv(0.5, 1.0)])
    assert c.first_dna() == DNA(0) and c.next_dna(DNA(0)) == DNA((1, 0.5))
    with pytest.raises(NotImplementedError):
      c.next_dna(DNA((1, 0.5)))

  @given(st.integers(1, 5), st.integers(0, 2**31))
  def test_sorted_distinct_samples(self, n, seed):
    """Sampled sorted distinct choices are strictly increasing."""
    c = Choices(min(n, 3), _constants(n), sorted=True)
    dna = c.random_dna(random.Random(seed))
    values = [d.value for d in dna.children] if c.num_choices > 1 else [dna.value]
    assert values == sorted(set(values))

  def test_sampling_reaches_every_candidate(self):
    """Every candidate index is drawn from a uniform choice."""
    c = Choices(1, _constants(4))
    rng = random.Random(0)
    assert {c.random_dna(rng).value for _ in range(200)} == {0, 1, 2, 3}


class TestConversions:

  def test_from_numbers_rejects_bad_index(self):
    """An out-of-range index in the numbers raises ValueError naming the choice."""
    with pytest.raises(ValueError, match=r'Choice index 9 is out of range: there are 2 candidates. \(path=a\)'):
      DNA.from_numbers([9], Space([Choices(1, _constants(2), location='a')]))

  def test_from_dict_accepts_index_literal_and_text(self):
    """Choices read indices, literal values and 'i/n' strings."""
    s = Space([Choices(1, _constants(3), literal_values=['a', 'b', 'c'], location='x')])
    assert DNA.from_dict({'x': 'b'}, s) == DNA(1)
    assert DNA.from_dict({'x': '2/3 (c)'}, s) == DNA(2)
    assert DNA.from_dict({'x': DNA(0)}, s) == DNA(0)

  def test_from_dict_rejects_unknown_choice_values(self):
    """A value that is no index, literal or 'i/n' string raises ValueError."""
    s = Space([Choices(1, _constants(3), location='x')])
    with pytest.raises(ValueError, match=r"'5/3' matches no candidate"):
      DNA.from_dict({'x': '5/3'}, s)

  def test_from_dict_takes_a_list_for_a_multi_choice(self):
    """A multi-choice id or name may map to the list of choices."""
    s = Space([Choices(2, _constants(3), location='m', name='mm')])
    assert DNA.from_dict({'mm': [2, 0]}, s) == DNA([2, 0])
    assert DNA.from_dict({'m': [2, 0]}, s) == DNA([2, 0])
    with pytest.raises(ValueError, match=r'Expected a list of 2 choices for the multi-choice, got \[1\]. \(path=m\)'):
      DNA.from_dict({'m': [1]}, s)
