"""Tests for pyglove.hyper._numerical: floatv and intv."""
from __future__ import annotations

import doctest

import pytest

import pyglove as pg
from pyglove import geno
from pyglove.hyper import Float
from pyglove.hyper import Int


class Opt(pg.Object):
  lr: pg.typing.Float(min_value=0.0, max_value=1.0)
  steps: pg.typing.Int(min_value=1) = 10


class TestFloat:

  def test_floatv_builds_a_float_hyper_value(self):
    """pg.floatv stores the range, scale, name and hints."""
    x = pg.floatv(0.1, 1.0, 'log', name='lr', hints=1)
    assert isinstance(x, Float)
    assert (x.min_value, x.max_value, x.scale, x.name, x.hints) == (
        0.1, 1.0, 'log', 'lr', 1)

  def test_dna_spec_is_a_geno_float(self):
    """The spec carries range, scale, location and name."""
    spec = pg.floatv(0.1, 1.0, 'rlog', name='lr').dna_spec('a')
    assert isinstance(spec, geno.Float)
    assert (spec.min_value, spec.max_value, spec.scale, spec.name) == (
        0.1, 1.0, 'rlog', 'lr')
    assert str(spec.location) == 'a'

  def test_min_greater_than_max_raises(self):
    """min_value > max_value raises ValueError."""
    with pytest.raises(ValueError, match='min_value <= max_value'):
      pg.floatv(1.0, 0.0)

  def test_log_scale_needs_positive_min(self):
    """A log or rlog scale with min_value <= 0 raises ValueError."""
    with pytest.raises(ValueError, match="scale='log' needs min_value > 0"):
      pg.floatv(0.0, 1.0, 'log')
    with pytest.raises(ValueError, match="scale='rlog'"):
      pg.floatv(-1.0, 1.0, 'rlog')

  def test_unknown_scale_raises(self):
    """A scale other than linear/log/rlog is refused."""
    with pytest.raises(ValueError):
      pg.floatv(0.0, 1.0, 'cubic')

  def test_decode_and_encode(self):
    """A float DNA decodes to itself; a float encodes to its DNA."""
    x = pg.floatv(0.0, 1.0)
    assert x.decode(geno.DNA(0.5)) == 0.5
    assert x.encode(0.25) == geno.DNA(0.25)

  def test_decode_rejects_out_of_range(self):
    """A float outside the range raises ValueError."""
    with pytest.raises(ValueError, match=r'DNA value 2.0 is not a float in \[0.0, 1.0\]'):
      pg.floatv(0.0, 1.0).decode(geno.DNA(2.0))

  def test_encode_rejects_a_non_number(self):
    """Encoding a str raises ValueError."""
    with pytest.raises(ValueError, match="Value 'a' is not a float"):
      pg.floatv(0.0, 1.0).encode('a')

  def test_fits_a_float_field_within_range(self):
    """A floatv inside the field's range is accepted."""
    assert isinstance(Opt(lr=pg.floatv(0.1, 0.5)).lr, Float)

  def test_range_outside_the_field_is_rejected(self):
    """A floatv reaching past the field's max raises ValueError with the path."""
    with pytest.raises(ValueError, match=r'range \[0.1, 2.0\].*path=lr'):
      Opt(lr=pg.floatv(0.1, 2.0))

  def test_floatv_cannot_fill_an_int_field(self):
    """A floatv in an Int field raises TypeError."""
    with pytest.raises(TypeError, match='Float range'):
      Opt(lr=0.1, steps=pg.floatv(1.0, 2.0))


class TestInt:

  def test_intv_builds_an_int_hyper_value(self):
    """pg.intv stores the range and name."""
    x = pg.intv(6, 12, name='n')
    assert isinstance(x, Int)
    assert (x.min_value, x.max_value, x.name) == (6, 12, 'n')

  def test_dna_spec_is_a_compact_geno_int(self):
    """The spec is one geno.Int decision, not a choice per value."""
    spec = pg.intv(6, 12).dna_spec('n')
    assert isinstance(spec, geno.Int)
    assert (spec.min_value, spec.max_value) == (6, 12)
    assert pg.dna_spec(pg.Dict(n=pg.intv(6, 12))).space_size == 7

  def test_min_greater_than_max_raises(self):
    """min_value > max_value raises ValueError."""
    with pytest.raises(ValueError, match='min_value=3, max_value=1'):
      pg.intv(3, 1)

  def test_decode_and_encode(self):
    """An int DNA decodes to itself and back."""
    x = pg.intv(1, 3)
    assert x.decode(geno.DNA(2)) == 2
    assert x.encode(3) == geno.DNA(3)

  def test_decode_rejects_a_float(self):
    """A float DNA value for an int range raises ValueError."""
    with pytest.raises(ValueError, match='is not an integer'):
      pg.intv(1, 3).decode(geno.DNA(2.0))

  def test_fits_int_and_float_fields(self):
    """An intv fits an Int field in range, and a Float field."""
    assert isinstance(Opt(lr=0.1, steps=pg.intv(1, 5)).steps, Int)
    assert isinstance(Opt(lr=pg.intv(0, 1)).lr, Int)

  def test_range_below_field_min_is_rejected(self):
    """An intv reaching below the field's min raises ValueError."""
    with pytest.raises(ValueError, match='path=steps'):
      Opt(lr=0.1, steps=pg.intv(0, 5))


def test_docstring_examples_hold():
  """The examples in the module's docstrings run as written."""
  from pyglove.hyper import _numerical as module
  result = doctest.testmod(module, extraglobs={'pg': pg})
  assert result.attempted > 0 and result.failed == 0
