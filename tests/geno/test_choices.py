"""Tests of `pyglove.geno._choices`: single and multi-choices, their DNA, counting and errors."""
import random

from hypothesis import given
from hypothesis import strategies as st
import pytest

from pyglove.geno import Choices
from pyglove.geno import DNA
from pyglove.geno import Int
from pyglove.geno import Space


def _constants(n):
  return [Space() for _ in range(n)]


class TestConstruction:

  def test_empty_candidates_raise(self):
    """No candidates is a ValueError naming the location."""
    with pytest.raises(ValueError, match=r'Choices needs at least one candidate; got none. \(path=a\)'):
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
    with pytest.raises(TypeError, match=r"num_choices must be an int; got '2'"):
      Choices('2', _constants(2))
    with pytest.raises(ValueError, match=r'num_choices must be at least 1; got 0'):
      Choices(0, _constants(2))

  def test_candidates_must_be_spaces(self):
    """A candidate that is not a Space raises TypeError."""
    with pytest.raises(TypeError, match=r'Candidate 1 of the Choices must be a Space .*got 3. \(path=a\)'):
      Choices(1, [Space(), 3], location='a')

  def test_literal_values_must_match_candidates(self):
    """literal_values has one str/int/float per candidate."""
    with pytest.raises(ValueError, match=r'has 2 candidates but 1 literal values'):
      Choices(1, _constants(2), literal_values=['a'])
    with pytest.raises(TypeError, match=r'Literal values must be str, int or float; got None'):
      Choices(1, _constants(2), literal_values=['a', None])

  def test_format_candidate(self):
    """format_candidate gives 'i/n (literal)' or 'i/n'."""
    assert Choices(1, _constants(3), literal_values=['a', 'b', 'c']).format_candidate(1) == '1/3 (b)'
    assert Choices(1, _constants(3)).format_candidate(2) == '2/3'


class TestValidation:

  def test_index_out_of_range(self):
    """A wrong index raises ValueError naming the choice."""
    space = Space([Choices(1, _constants(3), location='a')])
    with pytest.raises(ValueError, match=r'Expected a choice index in \[0, 3\), got 3 in DNA\(3\). \(path=a\)'):
      space.validate(DNA(3))
    with pytest.raises(ValueError, match=r"got 'x'"):
      space.validate(DNA('x'))

  def test_wrong_number_of_children(self):
    """A candidate's children must match its elements."""
    space = Space([Choices(1, [Space([Int(0, 1, location='p')]), Space()], location='a')])
    with pytest.raises(ValueError, match=r'Candidate 0 has 1 decision point\(s\), so the DNA needs 1 child\(ren\); got DNA\(0\). \(path=a\)'):
      space.validate(DNA(0))
    with pytest.raises(ValueError, match=r'Candidate 1 has 0'):
      space.validate(DNA((1, 0)))

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

  def test_space_size_counts_sub_spaces(self):
    """Each candidate contributes its own space size."""
    c = Choices(1, [Space([Int(0, 2, location='p')]), Space()])
    assert c.space_size == 4
    assert Choices(2, [Space([Int(0, 2, location='p')]), Space()]).space_size == 6

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
    """An out-of-range index in the numbers raises ValueError."""
    with pytest.raises(ValueError, match=r'got 9\. \(path=a\)'):
      DNA.from_numbers([9], Space([Choices(1, _constants(2), location='a')]))

  def test_from_dict_accepts_index_literal_and_text(self):
    """Choices read indices, literal values and 'i/n' strings."""
    space = Space([Choices(1, _constants(3), literal_values=['a', 'b', 'c'], location='x')])
    assert DNA.from_dict({'x': 'b'}, space) == DNA(1)
    assert DNA.from_dict({'x': '2/3 (c)'}, space) == DNA(2)
    assert DNA.from_dict({'x': DNA(0)}, space) == DNA(0)

  def test_from_dict_rejects_unknown_choice_values(self):
    """A value that is no index, literal or 'i/n' string raises ValueError."""
    space = Space([Choices(1, _constants(3), location='x')])
    with pytest.raises(ValueError, match=r"Expected a choice index in \[0, 3\), a literal value or an \"i/3\" string; got '5/3'"):
      DNA.from_dict({'x': '5/3'}, space)

  def test_from_dict_takes_a_list_for_a_multi_choice(self):
    """A multi-choice id or name may map to the list of choices."""
    space = Space([Choices(2, _constants(3), location='m', name='mm')])
    assert DNA.from_dict({'mm': [2, 0]}, space) == DNA([2, 0])
    with pytest.raises(ValueError, match=r'Expected a list of 2 choices for the multi-choice, got \[1\]. \(path=m\)'):
      DNA.from_dict({'m': [1]}, space)
