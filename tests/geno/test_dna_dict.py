"""Tests of `pyglove.geno._dna_dict`: DNA as dicts of decisions and named decisions."""
from hypothesis import given
import pytest

from pyglove.geno import Choices
from pyglove.geno import DNA
from pyglove.geno import Float
from pyglove.geno import Int
from pyglove.geno import Space
from tests.geno import strategies


def _space():
  return Space([
      Choices(1, [Space(), Space([Float(0.0, 1.0, location='q', name='q')]), Space()],
              literal_values=['a', 'b', 'c'], location='x', name='x'),
      Choices(2, [Space(), Space([Int(1, 3, location='r')]), Space()], location='y',
              name='y'),
  ])


def _dna():
  return DNA([(1, 0.5), [0, (1, 2)]], spec=_space())


class TestToDict:

  def test_ids_and_values(self):
    """The default keys are ids, values the DNA values, in preorder."""
    assert list(_dna().to_dict().items()) == [
        ('x', 1), ('x[=1/3].q', 0.5), ('y[0]', 0), ('y[1]', 1), ('y[=1/3].r', 2)]

  def test_names_and_literals(self):
    """name_or_id keys; subchoices of a named multi-choice are name[j]."""
    assert _dna().to_dict('name_or_id', 'literal') == {
        'x': 'b', 'q': 0.5, 'y[0]': 0, 'y[1]': 1, 'y[=1/3].r': 2}

  def test_choice_and_literal(self):
    """choice_and_literal renders choices as 'i/n (literal)'."""
    assert _dna().to_dict('id', 'choice_and_literal') == {
        'x': '1/3 (b)', 'x[=1/3].q': 0.5, 'y[0]': '0/3', 'y[1]': '1/3', 'y[=1/3].r': 2}

  def test_dna_spec_keys_and_dna_values(self):
    """dna_spec keys are the points; dna values are the nodes."""
    dna = _dna()
    result = dna.to_dict('dna_spec', 'dna')
    assert list(result) == [p for p in _space().decision_points]
    assert list(result.values())[0] is dna[0]

  def test_bad_key_or_value_type(self):
    """Unknown key_type/value_type raise ValueError."""
    with pytest.raises(ValueError, match=r"key_type must be one of \('id', 'name_or_id', 'dna_spec'\); got 'x'"):
      _dna().to_dict('x')
    with pytest.raises(ValueError, match=r"value_type must be one of .*; got 'y'"):
      _dna().to_dict('id', 'y')

  def test_needs_a_spec(self):
    """to_dict without a spec raises ValueError."""
    with pytest.raises(ValueError, match=r'to_dict\(\) needs a DNA spec'):
      DNA([0, 1]).to_dict()


class TestNamedDecisions:

  def test_named_decisions_group_multi_choices(self):
    """Names (or ids) map to values; a multi-choice gives a list."""
    assert _dna().named_decisions == {'x': 1, 'q': 0.5, 'y': [0, 1], 'y[=1/3].r': 2}

  def test_needs_a_spec(self):
    """named_decisions without a spec raises ValueError."""
    with pytest.raises(ValueError, match=r'named_decisions needs a DNA spec'):
      DNA([0, 1]).named_decisions


class TestFromDict:

  def test_round_trips_every_key_and_value_type(self):
    """from_dict reads back what to_dict writes."""
    dna = _dna()
    for key_type in ('id', 'name_or_id', 'dna_spec'):
      for value_type in ('value', 'dna', 'literal', 'choice_and_literal'):
        assert DNA.from_dict(dna.to_dict(key_type, value_type), _space()) == dna

  def test_named_decisions_round_trip(self):
    """from_dict accepts named_decisions output."""
    assert DNA.from_dict(_dna().named_decisions, _space()) == _dna()

  def test_int_literals_round_trip_with_use_ints_as_literals(self):
    """Int literal values are read as literals when asked, as indices otherwise."""
    space = Space([Choices(2, [Space(), Space(), Space()], literal_values=[16, 32, 1],
                           location='u')])
    dna = DNA([2, 0], spec=space)
    literal = dna.to_dict(value_type='literal')
    assert literal == {'u[0]': 1, 'u[1]': 16}
    assert DNA.from_dict(literal, space, use_ints_as_literals=True) == dna
    assert DNA.from_dict({'u': [1, 2]}, space) == DNA([1, 2])
    assert DNA.from_dict({'u': [32, 1]}, space, use_ints_as_literals=True) == DNA([1, 2])

  def test_unknown_int_literal_raises(self):
    """An int that is no literal value raises ValueError naming the choice."""
    space = Space([Choices(1, [Space(), Space()], literal_values=[16, 32], location='u')])
    with pytest.raises(ValueError, match=r'64 is not one of the literal values \[16, 32\]\. \(path=u\)'):
      DNA.from_dict({'u': 64}, space, use_ints_as_literals=True)

  def test_unknown_key_raises_key_error(self):
    """A key that names no decision point raises KeyError listing valid ones."""
    with pytest.raises(KeyError, match=r"No decision point with name or id 'zz' in the DNA spec; valid ones: \["):
      DNA.from_dict({'zz': 1}, _space())

  def test_missing_active_decision_raises_key_error(self):
    """An active decision without a value raises KeyError naming it."""
    with pytest.raises(KeyError, match=r"no value for the active decision 'q'.*path=x\[=1/3\]\.q"):
      DNA.from_dict({'x': 1, 'y': [0, 2]}, _space())

  def test_needs_a_dict(self):
    """A non-dict raises TypeError."""
    with pytest.raises(TypeError, match=r'from_dict expects a dict; got \[1\]'):
      DNA.from_dict([1], _space())

  @given(strategies.spaces_and_dna())
  def test_round_trip_on_random_specs(self, space_and_dna):
    """from_dict(to_dict(dna)) == dna whenever the active decision ids are unique."""
    space, dna = space_and_dna
    ids = dna.decision_ids
    if len(set(ids)) == len(ids):
      assert DNA.from_dict(dna.to_dict(), space) == dna

  def test_repeated_candidate_shares_sub_decision_ids(self):
    """A non-distinct multi-choice picking one candidate twice repeats its sub-decision ids."""
    space = Space([Choices(2, [Space([Int(0, 3, location='p')])], distinct=False, location='m')])
    dna = DNA([(0, 1), (0, 2)], spec=space)
    assert [str(i) for i in dna.decision_ids] == ['m[0]', 'm[=0/1].p', 'm[1]', 'm[=0/1].p']
    assert dna.to_dict() == {'m[0]': 0, 'm[=0/1].p': 2, 'm[1]': 0}
