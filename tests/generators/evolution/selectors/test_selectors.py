"""Tests for pyglove.generators.evolution.selectors."""
from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st
import pytest

from pyglove import geno
from pyglove.generators.evolution import selectors
from pyglove.generators.evolution.selectors import compute_num_output
from tests.generators.evolution.conftest import fit


def _population(fitnesses):
  return [fit(i, f) for i, f in enumerate(fitnesses)]


class TestNumOutput:
  """The `n` of selectors: a count, a proportion, None or a schedule."""

  @pytest.mark.parametrize('n, expected', [(3, 3), (0, 0), (0.25, 3), (1.0, 10), (None, 10)])
  def test_values(self, n, expected):
    """An int is a count, a float a proportion rounded up, None all."""
    assert compute_num_output(n, 10, 0) == expected

  def test_schedules(self):
    """A function of the step gives the value."""
    assert compute_num_output(lambda step: 0.5 if step else 1, 10, 1) == 5

  def test_spec_rejects_out_of_range_values(self):
    """Negative counts and proportions above 1 are rejected with the field's path."""
    with pytest.raises(ValueError, match=r'\(path=n\)'):
      selectors.First(-1)
    with pytest.raises(ValueError, match=r'\(path=n\)'):
      selectors.First(1.5)
    with pytest.raises(TypeError, match=r'\(path=n\)'):
      selectors.First('2')


def test_first_and_last_select_by_age():
  """First(n) takes the oldest n, Last(n) the youngest; None takes all."""
  population = _population([3.0, 1.0, 2.0])
  assert selectors.First(2)(population) == population[:2]
  assert selectors.Last(2)(population) == population[1:]
  assert selectors.Last(5)(population) == population
  assert selectors.First()(population) == population


def test_top_and_bottom_rank_by_fitness_keeping_ties_in_order():
  """Top ranks by fitness descending, Bottom ascending; ties keep input order."""
  population = _population([1.0, 3.0, 3.0, 2.0])
  assert selectors.Top(3)(population) == [population[1], population[2], population[3]]
  assert selectors.Bottom(2)(population) == [population[0], population[3]]
  assert selectors.Top(1)([]) == []


def test_top_and_bottom_with_a_key_on_any_items():
  """A key ranks items of any type."""
  assert selectors.Top(2, key=len)(['a', 'abc', 'ab']) == ['abc', 'ab']
  assert selectors.Bottom(1, key=abs)([-3, 1, 2]) == [1]
  assert selectors.Top(1)([3, 5, 4]) == [5]


def test_clusters_select_whole_groups_of_equal_keys():
  """With cluster=True, n counts distinct keys and every member of the kept ones is output."""
  population = _population([1.0, 3.0, 2.0, 3.0, 1.0])
  assert selectors.Top(1, cluster=True)(population) == [population[1], population[3]]
  assert selectors.Top(2, cluster=True)(population) == [population[1], population[3], population[2]]
  assert selectors.Bottom(1, cluster=True)(population) == [population[0], population[4]]


def test_ranking_dna_without_fitness_raises_key_error():
  """Ranking DNA needs fitness: KeyError names the DNA."""
  with pytest.raises(KeyError, match=r'DNA\(0\) has no fitness'):
    selectors.Top(1)([geno.DNA(0)])


@given(st.integers(0, 10 ** 6), st.integers(0, 12), st.booleans())
def test_random_is_reproducible_with_its_seed(seed, n, replacement):
  """Same seed, same picks; without replacement picks are distinct and at most all."""
  items = list(range(8))
  a = selectors.Random(n, replacement=replacement, seed=seed)
  b = selectors.Random(n, replacement=replacement, seed=seed)
  picks = [a(items) for _ in range(3)]
  assert picks == [b(items) for _ in range(3)]
  for pick in picks:
    assert set(pick) <= set(items)
    if replacement:
      assert len(pick) == n
    else:
      assert len(pick) == min(n, 8) and len(set(pick)) == len(pick)


def test_random_matches_random_sample_from_the_seed():
  """Random(n, seed) draws like random.Random(seed).sample (as the reference does)."""
  items = list(range(10))
  assert selectors.Random(3, seed=5)(items) == random.Random(5).sample(items, 3)
  assert selectors.Random(2, replacement=True)([]) == []


@given(st.integers(0, 10 ** 6))
def test_sample_follows_weights(seed):
  """Sample never picks a zero-weight item; same seed, same picks."""
  op = selectors.Sample(6, weights=lambda xs: [0.0, 1.0, 2.0], seed=seed)
  picks = op(['a', 'b', 'c'])
  assert len(picks) == 6 and 'a' not in picks
  assert selectors.Sample(6, weights=lambda xs: [0.0, 1.0, 2.0], seed=seed)(['a', 'b', 'c']) == picks


def test_weights_receive_the_state_and_zero_weights_count_as_equal():
  """Weight functions may take global_state/step; all-zero weights are uniform."""
  op = selectors.Proportional(4, weights=lambda xs, step: [step, 0.0])
  assert op(['a', 'b'], step=1) == ['a'] * 4
  assert op(['a', 'b'], step=0) == ['a', 'a', 'b', 'b']
  assert selectors.Sample(2, weights=lambda xs: [0, 0], seed=1)(['a', 'b']) != []
  assert selectors.Sample(2, weights=lambda xs: [1])([]) == []


@pytest.mark.parametrize('weights', [[1.0], [1.0, -1.0], [float('nan'), 1.0]])
def test_bad_weights_raise_value_error(weights):
  """Weights must be one non-negative number per input."""
  with pytest.raises(ValueError, match=r'Proportional.weights must return one non-negative weight per input'):
    selectors.Proportional(2, weights=lambda xs: weights)(['a', 'b'])


@given(st.lists(st.floats(0.0, 10.0), min_size=1, max_size=6), st.integers(0, 30))
def test_partition_sums_to_n_and_follows_weights(weights, n):
  """Counts sum to n, zero weights get none, a heavier weight never gets fewer."""
  if not any(weights):
    weights = [1.0] * len(weights)
  counts = selectors.partition(weights, n)
  assert sum(counts) == n and all(c >= 0 for c in counts)
  assert all(c == 0 for c, w in zip(counts, weights) if w == 0)
  for i, wi in enumerate(weights):
    for j, wj in enumerate(weights):
      if wi > wj:
        assert counts[i] >= counts[j]


def test_docstring_examples(run_doctests):
  """The module's examples run."""
  run_doctests('pyglove.generators.evolution.selectors._selectors')


def test_symbolic_scalars_are_schedules():
  """A pg.scalars expression of the step works as `n`."""
  import pyglove as pg  # pylint: disable=g-import-not-at-top
  op = selectors.First(pg.scalars.STEP + 1)
  assert op([1, 2, 3], step=1) == [1, 2]
  assert pg.from_json(pg.to_json(op)) == op
