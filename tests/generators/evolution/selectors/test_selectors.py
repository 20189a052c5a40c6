"""Tests for the selectors."""
from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st
import pytest

from pyglove import geno
from pyglove.generators.evolution import EvolutionState
from pyglove.generators.evolution import set_fitness
from pyglove.generators.evolution import selectors

STATE = EvolutionState(geno.Space([geno.Int(0, 99, location='x')]), random.Random(0))


def _population(fitnesses):
  return [set_fitness(geno.DNA(i), f) for i, f in enumerate(fitnesses)]


def test_first_and_last_select_by_age():
  """First(n) takes the oldest n, Last(n) the youngest n."""
  population = _population([3.0, 1.0, 2.0])
  assert selectors.First(2)(population, STATE) == [geno.DNA(0), geno.DNA(1)]
  assert selectors.Last(2)(population, STATE) == [geno.DNA(1), geno.DNA(2)]


def test_top_selects_the_fittest_best_first_keeping_ties_in_order():
  """Top(n) ranks by fitness (descending); equal fitness keeps input order."""
  population = _population([1.0, 3.0, 3.0, 2.0])
  assert selectors.Top(1)(population, STATE) == [geno.DNA(1)]
  assert selectors.Top(3)(population, STATE) == [geno.DNA(1), geno.DNA(2), geno.DNA(3)]
  assert selectors.Top(1)([], STATE) == []


def test_bottom_selects_the_least_fit():
  """Bottom(n) ranks by fitness (ascending)."""
  population = _population([1.0, 3.0, 0.5])
  assert selectors.Bottom(2)(population, STATE) == [geno.DNA(2), geno.DNA(0)]


def test_ranking_without_fitness_is_a_value_error():
  """Ranking selectors need DNA that received feedback."""
  with pytest.raises(ValueError, match=r'DNA\(0\) has no fitness'):
    selectors.Top(1)([geno.DNA(0)], STATE)


def test_random_samples_without_replacement_from_the_state_rng():
  """Random(n) draws distinct members with the generator's RNG, so it repeats per seed."""
  population = _population(range(10))
  picks = [selectors.Random(4)(population, EvolutionState(STATE.dna_spec, random.Random(5)))
           for _ in range(2)]
  assert picks[0] == picks[1]
  assert len(set(picks[0])) == 4
  assert sorted(selectors.Random(20)(population, STATE)) == sorted(population)
  assert selectors.Random(3)([], STATE) == []


def test_random_with_replacement_may_repeat():
  """Random(n, replacement=True) returns exactly n draws."""
  population = _population([1.0, 2.0])
  assert len(selectors.Random(7, replacement=True)(population, STATE)) == 7


@pytest.mark.parametrize('cls', [selectors.First, selectors.Last, selectors.Top,
                                 selectors.Bottom, selectors.Random, selectors.ParetoTop])
def test_counts_must_be_positive_integers(cls):
  """Every selector rejects a count below one (ValueError) or not an int (TypeError)."""
  with pytest.raises(ValueError, match=r'Value 0 is out of range \(min=1, max=None\)\. \(path=n\)'):
    cls(0)
  with pytest.raises(TypeError, match=r'Expected int but got 1\.5 \(float\)\. \(path=n\)'):
    cls(1.5)


def test_dominates_needs_no_worse_everywhere_and_better_somewhere():
  """Pareto dominance for maximized objectives."""
  assert selectors.dominates((2, 2), (1, 2))
  assert not selectors.dominates((2, 2), (2, 2))
  assert not selectors.dominates((3, 0), (0, 3))


def test_pareto_top_prefers_lower_ranks_then_crowding():
  """ParetoTop takes whole fronts, then the least crowded of the last one."""
  population = _population([(0.0, 4.0), (1.0, 3.0), (1.5, 2.6), (3.0, 1.0), (4.0, 0.0), (0.0, 0.0)])
  top = selectors.ParetoTop(3)(population, STATE)
  # Front 0 has five points; its extremes have infinite crowding distance.
  assert geno.DNA(0) in top and geno.DNA(4) in top
  assert geno.DNA(5) not in top
  assert selectors.ParetoTop(6)(population, STATE)[-1] == geno.DNA(5)


def test_pareto_top_treats_scalars_as_one_objective():
  """A scalar fitness ranks like a one-objective tuple."""
  population = _population([1.0, 5.0, 3.0])
  assert selectors.ParetoTop(1)(population, STATE) == [geno.DNA(1)]


def test_crowding_distance_of_small_or_flat_fronts():
  """Two points are both boundaries; a flat objective adds nothing."""
  assert selectors.crowding_distances([(0, 1), (1, 0)]) == [float('inf')] * 2
  assert selectors.crowding_distances([(0, 1), (1, 1), (2, 1)])[1] == 1.0


points = st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), min_size=1, max_size=25)


@given(points)
def test_pareto_fronts_partition_and_order_the_points(fitnesses):
  """Fronts partition the points; no point dominates another in its front; each later
  point is dominated by one of the previous front."""
  fronts = selectors.pareto_fronts(fitnesses)
  assert sorted(i for f in fronts for i in f) == list(range(len(fitnesses)))
  for k, front in enumerate(fronts):
    for i in front:
      assert not any(selectors.dominates(fitnesses[j], fitnesses[i]) for j in front)
      if k:
        assert any(selectors.dominates(fitnesses[j], fitnesses[i]) for j in fronts[k - 1])
