"""Tests for pyglove.hyper._base: hyper values are symbolic but never concrete."""
from __future__ import annotations

import doctest

import pytest

import pyglove as pg
from pyglove.hyper import HyperValue
from pyglove.hyper import is_hyper


class Conv(pg.Object):
  filters: int


class TestAbstractGuards:

  @pytest.mark.parametrize('use', [
      lambda x: x(),
      lambda x: int(x),
      lambda x: float(x),
      lambda x: x + 1,
      lambda x: 1 + x,
      lambda x: x * 2,
      lambda x: x / 2,
      lambda x: -x,
      lambda x: [0, 1][x],
  ])
  def test_using_a_hyper_value_as_concrete_raises(self, use):
    """Calling or computing with a hyper value raises TypeError naming it."""
    with pytest.raises(TypeError, match='is a hyper value'):
      use(pg.oneof([1, 2]))

  def test_is_hyper(self):
    """is_hyper recognizes hyper values by their class flag."""
    assert is_hyper(pg.floatv(0.0, 1.0))
    assert not is_hyper(Conv(1)) and not is_hyper(1)

  def test_default_custom_apply_accepts(self):
    """The base __custom_apply__ returns the value itself."""

    class Anything(HyperValue):
      pass

    x = Anything()
    assert x.__custom_apply__(pg.typing.Int(), False, None, None) is x


class TestSymbolic:

  def test_hyper_values_clone_and_compare(self):
    """A clone equals the original and is a distinct object."""
    x = pg.oneof([Conv(1), Conv(2)], name='x')
    y = x.clone(deep=True)
    assert x == y and x is not y
    assert pg.oneof([1, 2]) != pg.oneof([1, 3])

  def test_hyper_values_rebind(self):
    """Rebinding a field of a hyper value changes its space."""
    x = pg.oneof([1, 2])
    x.rebind({'candidates[1]': 3})
    assert list(x.candidates) == [1, 3]
    assert x.dna_spec().literal_values == [1, 3]

  def test_rebind_turns_a_program_into_a_space(self):
    """The paper's relax_filters: rebind(fn) replaces values with hyper values."""

    def relax(k, v, p):
      if isinstance(p, Conv) and k.key == 'filters':
        return pg.oneof([v // 2, v, v * 2])
      return v

    space = pg.Dict(a=Conv(8)).clone().rebind(relax)
    assert pg.dna_spec(space).space_size == 3
    assert not pg.is_deterministic(space)

  def test_hyper_values_round_trip_through_json(self):
    """A space serializes and loads back equal."""
    space = pg.Dict(a=pg.oneof([Conv(1), 2], name='a'),
                    b=pg.manyof(2, [1, 2, 3], sorted=True),
                    c=pg.floatv(1e-3, 1.0, 'log'), d=pg.intv(1, 3))
    assert pg.from_json_str(pg.to_json_str(space)) == space


def test_docstring_examples_hold():
  """The examples in the module's docstrings run as written."""
  from pyglove.hyper import _base as module
  result = doctest.testmod(module, extraglobs={'pg': pg})
  assert result.attempted > 0 and result.failed == 0


def test_hyper_value_interface_and_dna():
  """HyperValue declares dna_spec/decode/encode; set_dna remembers a decision."""
  class Bare(pg.hyper.HyperValue):
    pass
  bare = Bare()
  for call in (bare.dna_spec, lambda: bare.decode(pg.DNA(0)), lambda: bare.encode(1)):
    with pytest.raises(NotImplementedError, match='must implement'):
      call()
  choice = pg.oneof([1, 2])
  assert choice.dna is None
  choice.set_dna(pg.DNA(1))
  assert choice.dna == pg.DNA(1)
  assert pg.is_pure_symbolic(choice)
