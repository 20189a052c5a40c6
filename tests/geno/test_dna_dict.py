"""Tests of `pyglove.geno._dna_dict`: DNA as a dict of decisions, and back."""
from hypothesis import given
import numpy as np
import pytest

from pyglove.geno import DNA
from pyglove.geno import constant
from pyglove.geno import floatv
from pyglove.geno import manyof
from pyglove.geno import oneof
from pyglove.geno import space
from tests.geno import strategies


def _space():
  return space([
      oneof([constant(), space([floatv(0.0, 1.0, location='q', name='q')]), constant()],
            literal_values=['a', 'b', 'c'], location='x', name='x'),
      manyof(2, [constant(), space([oneof([constant()] * 3, location='r')]), constant()],
             location='y', name='y'),
  ])


def _dna():
  return DNA([(1, 0.5), [0, (1, 2)]], spec=_space())


class TestToDict:
  """The expected dicts are what the reference returns for the same DNA."""

  def test_ids_and_values(self):
    """The default keys are ids, values the DNA values, in preorder."""
    assert list(_dna().to_dict().items()) == [
        ('x', 1), ('x[=1/3].q', 0.5), ('y[0]', 0), ('y[1]', 1), ('y[1][=1/3].r', 2)]

  def test_value_types(self):
    """literal, choice and choice_and_literal render choices; numbers stay."""
    dna = _dna()
    assert dna.to_dict('name_or_id', 'literal') == {
        'x': 'b', 'q': 0.5, 'y': ['0/3', '1/3'], 'y[1][=1/3].r': '2/3'}
    assert dna.to_dict('id', 'choice_and_literal') == {
        'x': '1/3 (b)', 'x[=1/3].q': 0.5, 'y[0]': '0/3', 'y[1]': '1/3',
        'y[1][=1/3].r': '2/3'}
    assert dna.to_dict(value_type='choice')['x'] == '1/3'

  def test_multi_choice_keys(self):
    """'parent' lists a multi-choice's picks under its id; 'both' keeps the subchoices too."""
    dna = _dna()
    assert dna.to_dict(multi_choice_key='parent') == {
        'x': 1, 'x[=1/3].q': 0.5, 'y': [0, 1], 'y[1][=1/3].r': 2}
    assert dna.to_dict(multi_choice_key='both') == {
        'x': 1, 'x[=1/3].q': 0.5, 'y': [0, 1], 'y[0]': 0, 'y[1]': 1,
        'y[1][=1/3].r': 2}

  def test_inactive_decisions_and_filter(self):
    """Inactive decisions can be listed as None; filter_fn selects points."""
    dna = _dna()
    assert dna.to_dict(include_inactive_decisions=True) == {
        'x': 1, 'x[=1/3].q': 0.5, 'y[0]': 0, 'y[0][=1/3].r': None, 'y[1]': 1,
        'y[1][=1/3].r': 2}
    assert dna.to_dict(filter_fn=lambda p: p.is_categorical) == {
        'x': 1, 'y[0]': 0, 'y[1]': 1, 'y[1][=1/3].r': 2}

  def test_dna_spec_keys_and_dna_values(self):
    """dna_spec keys are the points; dna values are the nodes."""
    dna = _dna()
    result = dna.to_dict('dna_spec', 'dna')
    assert [str(p.id) for p in result] == ['x', 'x[=1/3].q', 'y[0]', 'y[1]', 'y[1][=1/3].r']
    assert list(result.values())[0] is dna[0]

  def test_bad_arguments(self):
    """Unknown key_type/value_type/multi_choice_key raise ValueError."""
    for kwargs in ({'key_type': 'x'}, {'value_type': 'y'}, {'multi_choice_key': 'z'}):
      with pytest.raises(ValueError, match=r'must be one of'):
        _dna().to_dict(**kwargs)

  def test_needs_a_spec(self):
    """to_dict without a spec raises ValueError."""
    with pytest.raises(ValueError, match=r'to_dict\(\) needs a DNA spec'):
      DNA([0, 1]).to_dict()


class TestFromDict:

  def test_round_trips_the_dict_forms(self):
    """from_dict reads back what to_dict writes."""
    dna = _dna()
    for kwargs in ({}, {'key_type': 'name_or_id', 'value_type': 'literal'},
                   {'key_type': 'dna_spec', 'value_type': 'dna'},
                   {'multi_choice_key': 'parent', 'value_type': 'choice_and_literal'},
                   {'include_inactive_decisions': True}):
      assert DNA.from_dict(dna.to_dict(**kwargs), _space()) == dna

  def test_names_with_lists_are_consumed_in_order(self):
    """A named multi-choice takes the list of its picks."""
    assert DNA.from_dict({'x': 'b', 'q': 0.5, 'y': [0, 1], 'y[1][=1/3].r': 2},
                         _space()) == _dna()

  def test_ints_as_literals(self):
    """use_ints_as_literals reads an int as a candidate's literal value."""
    s = space([oneof([constant(), constant()], literal_values=[16, 32], location='u')])
    assert DNA.from_dict({'u': 32}, s, use_ints_as_literals=True) == DNA(1)
    assert DNA.from_dict({'u': np.int64(1)}, s) == DNA(1)
    with pytest.raises(ValueError, match=r'64 matches no candidate'):
      DNA.from_dict({'u': 64}, s, use_ints_as_literals=True)

  def test_missing_active_decision_raises_value_error(self):
    """An active decision without a value raises ValueError naming it."""
    with pytest.raises(ValueError, match=r"no value for the active decision 'y'"):
      DNA.from_dict({'x': 0}, _space())

  def test_unknown_key_raises_key_error(self):
    """A key naming no decision point raises KeyError listing the valid ones."""
    with pytest.raises(KeyError, match=r"No decision point with name or id 'nope'.*valid ones"):
      DNA.from_dict({'nope': 1, 'x': 0}, _space())

  def test_needs_a_dict(self):
    """A non-dict raises TypeError."""
    with pytest.raises(TypeError, match=r'from_dict expects a dict; got \[1\]'):
      DNA.from_dict([1], _space())

  @given(strategies.spaces_and_dna())
  def test_round_trip_on_any_space(self, space_and_dna):
    """from_dict(to_dict(dna)) == dna for any spec and DNA."""
    s, dna = space_and_dna
    dna.use_spec(s)
    assert DNA.from_dict(dna.to_dict(), s) == dna
    assert DNA.from_dict(dna.to_dict('dna_spec', 'dna'), s) == dna
