"""Tests of `pyglove.geno._dna_views`: decisions by name or id, literal values, numbers."""
from hypothesis import given
import numpy as np
import pytest

from pyglove.geno import DNA
from pyglove.geno import Int
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


class TestDecisions:
  """The expected values are what the reference returns for the same DNA."""

  def test_named_decisions(self):
    """Names map to DNA nodes; a named multi-choice to the list of its picks."""
    assert _dna().named_decisions == {
        'x': DNA((1, 0.5)), 'q': DNA(0.5), 'y': [DNA(0), DNA((1, 2))]}

  def test_lookup_by_name_id_and_point(self):
    """dna[name], dna[id] and dna[decision point] find decisions; get() defaults."""
    dna = _dna()
    assert dna['q'] == DNA(0.5) and dna['y[1][=1/3].r'] == DNA(2)
    assert dna['y'] == [DNA(0), DNA((1, 2))]
    assert dna[_dna().spec['x']] == DNA((1, 0.5))
    assert dna['y[0][=1/3].r'] is None
    assert dna.get('zz') is None and dna.get(7, 'd') == 'd'
    with pytest.raises(KeyError, match=r"No decision named or identified by 'zz'"):
      dna['zz']  # pylint: disable=pointless-statement

  def test_decision_ids_and_subchoice_views(self):
    """decision_ids come from the spec; multi-choice views need one."""
    dna = _dna()
    assert [str(i) for i in dna.decision_ids] == [
        'x', 'x[=1/3].q', 'y', 'y[0][=1/3].r', 'y[1][=1/3].r']
    assert dna[1].is_multi_choice_container and dna[1][0].is_subchoice
    assert not dna[0].is_subchoice and dna[0].multi_choice_spec is None
    with pytest.raises(ValueError, match=r'decision_ids needs a DNA spec'):
      DNA([0, 1]).decision_ids  # pylint: disable=expression-not-assigned

  def test_literal_value(self):
    """Literals read through the spec, as the reference shows them."""
    dna = _dna()
    assert dna.literal_value == ['1/3 -> 0.5', ['0/3', '1/3 -> 2/3']]
    assert dna[0].literal_value == '1/3 -> 0.5'
    assert DNA(2, spec=space([oneof([constant()] * 3, literal_values=[1, 2, 'z'])])).literal_value == 'z'


class TestNumbers:

  def test_to_numbers_flat_and_nested(self):
    """to_numbers lists values in preorder; flatten=False gives the literal."""
    dna = DNA([(1, 0.5), [0, (1, 2)]])
    assert dna.to_numbers() == [1, 0.5, 0, 1, 2]
    assert dna.to_numbers(flatten=False) == [(1, 0.5), [0, (1, 2)]]

  def test_from_numbers(self):
    """from_numbers rebuilds the tree given the spec (numpy numbers too)."""
    dna = DNA.from_numbers([np.int64(1), np.float32(0.5), 0, 1, 2], _space())
    assert dna == _dna() and dna.spec is not None

  def test_from_numbers_rejects_extra_or_missing_numbers(self):
    """Leftover or missing numbers raise ValueError."""
    with pytest.raises(ValueError, match=r'Too many numbers for the DNA spec: \[0, 1\]'):
      DNA.from_numbers([0, 1], space([Int(0, 3, location='a')]))
    with pytest.raises(ValueError, match=r'Ran out of numbers.*path=y\[0\]'):
      DNA.from_numbers([0], _space())

  @given(strategies.spaces_and_dna())
  def test_from_numbers_inverts_to_numbers(self, space_and_dna):
    """from_numbers(to_numbers(dna)) == dna for any spec."""
    s, dna = space_and_dna
    assert DNA.from_numbers(dna.to_numbers(), s) == dna


class TestFromFn:

  def test_asks_for_each_active_decision(self):
    """The function picks choices (lists) and values; chosen candidates are entered."""
    seen = []

    def decide(point):
      seen.append(str(point.id))
      if point.is_categorical:
        return [1] if point.num_choices == 1 else [0, 1]
      return 0.2
    assert DNA.from_fn(_space(), decide) == DNA([(1, 0.2), [0, (1, 1)]])
    assert seen == ['x', 'x[=1/3].q', 'y', 'y[1][=1/3].r']

  def test_bad_decisions_raise(self):
    """A wrong number of picks or a bad index raises ValueError naming the point."""
    with pytest.raises(ValueError, match=r'Expected a list of 2 choice\(s\).*path=y'):
      DNA.from_fn(_space(), lambda p: [1] if p.is_categorical else 0.5)
    with pytest.raises(ValueError, match=r'Choice 5 is not a candidate index.*path=x'):
      DNA.from_fn(_space(), lambda p: [5])
    with pytest.raises(TypeError, match=r'from_fn expects a DNASpec'):
      DNA.from_fn(1, lambda p: 0)
