"""Tests for pyglove.generators.evolution.recombinators._segment_wise."""
from __future__ import annotations

import random

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
import pytest

from pyglove import geno
from pyglove.generators.evolution import recombinators
from tests.generators import spaces

S, C, I = geno.Space, geno.Choices, geno.Int
MIXED = spaces.mixed_space()


def _parents(spec, *literals):
  return [geno.DNA(lit).use_spec(spec) for lit in literals]


def _bits(n):
  return S([I(0, 1, location=f'x{i}') for i in range(n)])


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10 ** 6), st.integers(1, 12))
def test_children_are_valid_and_complementary(seed, k):
  """Two children fit the spec; every unit comes from one parent in one child, the other in the other."""
  rng = random.Random(seed)
  parents = [MIXED.random_dna(rng).use_spec(MIXED) for _ in range(2)]
  first, second = recombinators.KPoint(k, seed=seed)(parents)
  for child in (first, second):
    MIXED.validate(child)
  spec = _bits(10)
  x, y = _parents(spec, [0] * 10, [1] * 10)
  a, b = recombinators.KPoint(k, seed=seed)([x, y])
  assert [u + v for u, v in zip(a.to_numbers(), b.to_numbers())] == [1] * 10
  assert sum(1 for i in range(9) if a.to_numbers()[i] != a.to_numbers()[i + 1]) == min(k, 9)


@given(st.integers(0, 10 ** 6))
def test_same_seed_same_cuts(seed):
  """Two k-point crossovers with one seed cut alike."""
  parents = _parents(_bits(8), [0] * 8, [1] * 8)
  a, b = recombinators.KPoint(2, seed=seed), recombinators.KPoint(2, seed=seed)
  assert [a(parents) for _ in range(3)] == [b(parents) for _ in range(3)]


def test_k_at_least_the_units_alternates_every_position():
  """With k >= n - 1 the crossover alternates every unit."""
  parents = _parents(_bits(4), [0] * 4, [1] * 4)
  assert recombinators.KPoint(5, seed=1)(parents) == [geno.DNA([0, 1, 0, 1]),
                                                      geno.DNA([1, 0, 1, 0])]


def test_constrained_multi_choices_are_one_unit_free_ones_one_per_subchoice():
  """A distinct multi-choice moves whole; a free one moves subchoice by subchoice."""
  spec = S([C(2, [S(), S(), S()], location='m'),
            C(2, [S(), S(), S()], distinct=False, location='f')])
  parents = _parents(spec, [[0, 1], [0, 0]], [[2, 1], [2, 2]])
  first, _ = recombinators.Segmented(lambda points: [1, 2])(parents)
  assert first == geno.DNA([[0, 1], [2, 0]])
  seen = []
  recombinators.Segmented(lambda points: seen.extend(points) or [])(parents)
  assert len(seen) == 3


def test_segmented_checks_the_cuts():
  """Cutting indices must be sorted ints within the units: ValueError otherwise."""
  parents = _parents(_bits(3), [0] * 3, [1] * 3)
  for cuts in ([2, 1], [4], ['1']):
    with pytest.raises(ValueError, match=r'Segmented cutting indices must be sorted ints in \[0, 3\]'):
      recombinators.Segmented(lambda points, cuts=cuts: cuts)(parents)


def test_two_parents_exactly():
  """Segment-wise crossovers take two parents."""
  with pytest.raises(ValueError, match=r'KPoint supports recombination on exact 2 parents\. Encountered 1'):
    recombinators.KPoint(1)(_parents(_bits(2), [0, 0]))


def test_custom_cutting_indices_may_read_the_state():
  """A SegmentWise subclass's cutting_indices may take global_state and step."""

  class ByStep(recombinators.SegmentWise):
    def cutting_indices(self, independent_decision_points, step):
      return [step]

  parents = _parents(_bits(3), [0] * 3, [1] * 3)
  assert ByStep()(parents, step=2)[0] == geno.DNA([0, 0, 1])


def test_docstring_examples(run_doctests):
  """The module's examples run."""
  run_doctests('pyglove.generators.evolution.recombinators._segment_wise')
