"""Tests of `pyglove.geno._numerical`: Float and Int ranges, sampling scales and errors."""
import math
import random

from hypothesis import given
from hypothesis import strategies as st
import pytest

import pyglove as pg
from pyglove.geno import DNA
from pyglove.geno import Float
from pyglove.geno import Int
from pyglove.geno import Space
from pyglove.geno import floatv
from pyglove.utils import from_json
from pyglove.utils import to_json


class TestFloat:

  def test_reference_signature_and_builder(self):
    """Float(min_value, max_value, scale, hints, location, name) and floatv()."""
    f = Float(0.1, 1.0, 'log', 'h', 'lr', 'n')
    assert (f.scale, f.hints, str(f.location), f.name) == ('log', 'h', 'lr', 'n')
    assert floatv(0, 1).min_value == 0.0 and type(floatv(0, 1).min_value) is float

  def test_min_greater_than_max_raises(self):
    """min > max is a ValueError showing both."""
    with pytest.raises(ValueError, match=r'Float needs min_value <= max_value; got \(min_value=2.0, max_value=1.0\). \(path=lr\)'):
      Float(2.0, 1.0, location='lr')

  def test_log_scale_needs_positive_min(self):
    """log and rlog scales need min_value > 0."""
    for scale in ('log', 'rlog'):
      with pytest.raises(ValueError, match=rf"Float with scale '{scale}' needs min_value > 0; got min_value=0.0"):
        Float(0.0, 1.0, scale=scale)

  def test_unknown_scale_raises(self):
    """Only None/linear/log/rlog are scales."""
    with pytest.raises(ValueError, match=r"Value 'exp' is not one of the candidates \[None, 'linear', 'log', 'rlog'\]. \(path=scale\)"):
      Float(0.0, 1.0, scale='exp')

  def test_bounds_must_be_finite_numbers(self):
    """Bounds are finite ints or floats."""
    with pytest.raises(TypeError, match=r"Expected float \(or int\) but got '1' \(str\). \(path=min_value\)"):
      Float('1', 2.0)
    with pytest.raises(ValueError, match=r'Float bounds must be finite; got \(min_value=0.0, max_value=inf\)'):
      Float(0.0, math.inf)

  def test_validate_checks_type_and_range(self):
    """A non-number or out-of-range value names the decision."""
    space = Space([Float(0.0, 1.0, location='f')])
    space.validate(DNA(1))
    with pytest.raises(ValueError, match=r'Value 1.5 is out of range \(min=0.0, max=1.0\). \(path=f\)'):
      space.validate(DNA(1.5))
    with pytest.raises(ValueError, match=r"Expected a leaf DNA with a float value, got DNA\('x'\). \(path=f\)"):
      space.validate(DNA('x'))
    with pytest.raises(ValueError, match=r'Expected a leaf DNA with a float value, got DNA\(0.5, 1\)'):
      space.validate(DNA((0.5, 1)))

  def test_enumeration_starts_at_the_minimum_and_stops(self):
    """first_dna is the minimum; next_dna raises NotImplementedError naming the point."""
    f = Float(0.5, 1.0, location='f')
    assert f.first_dna() == DNA(0.5)
    with pytest.raises(NotImplementedError, match=r'Float decision point at f: it is continuous'):
      f.next_dna(DNA(0.75))
    assert f.space_size == -1

  def test_log_scale_samples_uniformly_in_log_space(self):
    """Half the log-scale samples fall below the geometric mean."""
    f = Float(1e-4, 1.0, scale='log')
    rng = random.Random(0)
    values = [f.random_dna(rng).value for _ in range(4000)]
    below = sum(v < 1e-2 for v in values) / len(values)
    assert 0.45 < below < 0.55

  def test_rlog_scale_puts_mass_near_max(self):
    """rlog mirrors log: most samples lie in the upper part of the range."""
    f = Float(1e-4, 1.0, scale='rlog')
    rng = random.Random(0)
    values = [f.random_dna(rng).value for _ in range(2000)]
    assert sum(v > 0.9 for v in values) / len(values) > 0.5

  @given(st.sampled_from([None, 'linear', 'log', 'rlog']), st.floats(0.001, 100.0),
         st.floats(0.0, 100.0), st.integers(0, 2**31))
  def test_samples_stay_in_range(self, scale, low, span, seed):
    """Every scale samples within [min_value, max_value]."""
    f = Float(low, low + span, scale=scale)
    value = f.random_dna(random.Random(seed)).value
    assert f.min_value <= value <= f.max_value

  def test_from_numbers_and_dict_check_type_and_range(self):
    """A non-number or an out-of-range value raises ValueError naming the point."""
    space = Space([Float(0.0, 1.0, location='f')])
    with pytest.raises(ValueError, match=r"Expected a float value, got 'a'. \(path=f\)"):
      DNA.from_numbers(['a'], space)
    with pytest.raises(ValueError, match=r'Value 2.0 is out of range.*path=f'):
      DNA.from_dict({'f': 2.0}, space)
    assert DNA.from_dict({'f': DNA(0.25)}, space) == DNA(0.25)
    with pytest.raises(ValueError, match=r'Ran out of numbers.*path=f'):
      DNA.from_numbers([], space)


class TestInt:

  def test_min_greater_than_max_raises(self):
    """min > max is a ValueError."""
    with pytest.raises(ValueError, match=r'Int needs min_value <= max_value; got \(min_value=3, max_value=1\)'):
      Int(3, 1)

  def test_bounds_must_be_ints(self):
    """Float or bool bounds raise TypeError."""
    with pytest.raises(TypeError, match=r'Expected int but got 1.5 \(float\). \(path=min_value\)'):
      Int(1.5, 2)
    with pytest.raises(TypeError, match=r'got True \(bool\)'):
      Int(True, 2)

  def test_enumeration_and_size(self):
    """An Int enumerates its values in order."""
    i = Int(-1, 1, location='i')
    assert [d.value for d in i.iter_dna()] == [-1, 0, 1] and i.space_size == 3

  def test_validate_rejects_floats_and_out_of_range(self):
    """An Int decision needs an int in range."""
    i = Int(0, 3, location='i')
    with pytest.raises(ValueError, match=r'Expected a leaf DNA with an int value, got DNA\(1.0\). \(path=i\)'):
      i.validate(DNA(1.0))
    with pytest.raises(ValueError, match=r'Value 4 is out of range \(min=0, max=3\). \(path=i\)'):
      i.validate(DNA(4))

  def test_sampling_covers_the_range(self):
    """Uniform sampling reaches both bounds."""
    i = Int(0, 3)
    rng = random.Random(1)
    assert {i.random_dna(rng).value for _ in range(200)} == {0, 1, 2, 3}

  def test_wide_ranges_sample_with_randrange(self):
    """Ranges wider than a float's precision still sample in range."""
    i = Int(0, 2**70)
    assert 0 <= i.random_dna(random.Random(2)).value <= 2**70

  def test_json_round_trip(self):
    """Int and Float survive JSON."""
    for spec in (Int(0, 3, location='i', name='n'), Float(0.1, 1.0, scale='log', location='f')):
      assert pg.eq(from_json(to_json(spec)), spec)
