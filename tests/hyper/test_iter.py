"""Tests for pyglove.hyper._iter: pg.iter and pg.random_sample."""
from __future__ import annotations

import doctest

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
import pytest

import pyglove as pg
from pyglove import geno


class Conv(pg.Object):
  filters: int
  kernel: int = 3


def _space():
  return pg.Dict(
      a=pg.oneof([Conv(pg.oneof([4, 8]), kernel=pg.intv(1, 2)), Conv(1)]),
      b=pg.manyof(2, ['x', 'y', 'z'], sorted=True))


class TestIter:

  def test_iter_enumerates_every_program_once(self):
    """pg.iter yields space_size distinct programs."""
    programs = list(pg.iter(_space()))
    assert len(programs) == pg.dna_spec(_space()).space_size == 5 * 3
    assert len({pg.hash(p) for p in programs}) == len(programs)

  def test_iter_stops_after_num_examples(self):
    """num_examples bounds the programs."""
    assert len(list(pg.iter(_space(), num_examples=4))) == 4

  def test_iter_with_an_algorithm(self):
    """A generator without feedback drives the iteration until exhausted."""
    programs = list(pg.iter(_space(), algorithm=pg.geno.Sweeping()))
    assert len(programs) == 15

  def test_iter_pairs_examples_with_feedback_when_the_algorithm_needs_it(self):
    """An algorithm needing feedback gets it through the (example, feedback) pairs."""
    algo = pg.evolution.regularized_evolution(population_size=4,
                                              tournament_size=2, seed=1)
    rewards = []
    for program, feedback in pg.iter(_space(), 6, algo):
      assert isinstance(program, pg.Dict) and feedback.dna is not None
      rewards.append(float(len(rewards)))
      feedback(rewards[-1])
    assert algo.num_feedbacks == 6
    pairs = list(pg.iter(_space(), 2, pg.geno.Sweeping(), force_feedback=True))
    assert all(isinstance(p, tuple) and len(p) == 2 for p in pairs)

  def test_iter_over_a_define_by_run_context(self):
    """A collected DynamicEvaluationContext yields context managers applying each DNA."""
    ctx = pg.hyper.trace(lambda: pg.oneof([1, 2]) * 10)
    values = []
    for example in pg.iter(ctx):
      with example():
        values.append(pg.oneof([1, 2]) * 10)
    assert values == [10, 20]

  def test_iter_with_where_keeps_other_hyper_values(self):
    """Only selected decisions are enumerated."""
    space = pg.Dict(a=pg.oneof([1, 2]), b=pg.floatv(0.0, 1.0))
    programs = list(pg.iter(space, where=lambda h: isinstance(h, pg.hyper.OneOf)))
    assert [p.a for p in programs] == [1, 2]
    assert all(isinstance(p.b, pg.hyper.Float) for p in programs)

  @settings(max_examples=20, deadline=None)
  @given(st.lists(st.integers(min_value=1, max_value=4), min_size=1, max_size=4))
  def test_iter_size_matches_space_size(self, sizes):
    """Any product of oneofs enumerates exactly space_size distinct programs."""
    space = pg.List([pg.oneof(list(range(n))) for n in sizes])
    programs = list(pg.iter(space))
    assert len(programs) == pg.dna_spec(space).space_size
    assert len({tuple(p) for p in programs}) == len(programs)


class TestRandomSample:

  def test_random_sample_is_reproducible_with_a_seed(self):
    """The same seed gives the same programs."""
    a = list(pg.random_sample(_space(), 5, seed=3))
    b = list(pg.random_sample(_space(), 5, seed=3))
    assert a == b and len(a) == 5

  def test_random_sample_programs_belong_to_the_space(self):
    """Each sample encodes back to a valid DNA."""
    t = pg.template(_space())
    for program in pg.random_sample(_space(), 10, seed=0):
      assert isinstance(t.encode(program), geno.DNA)

  def test_random_sample_without_num_examples_is_endless(self):
    """With num_examples=None the iterator keeps going."""
    it = pg.random_sample(pg.Dict(x=pg.floatv(0.0, 1.0)), seed=1)
    assert all(0.0 <= next(it).x <= 1.0 for _ in range(50))


def test_docstring_examples_hold():
  """The examples in the module's docstrings run as written."""
  from pyglove.hyper import _iter as module
  result = doctest.testmod(module, extraglobs={'pg': pg})
  assert result.attempted > 0 and result.failed == 0
