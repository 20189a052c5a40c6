"""Tests for the recombinators."""
from __future__ import annotations

import random

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
import pytest

from pyglove import geno
from pyglove.generators.evolution import EvolutionState
from pyglove.generators.evolution import get_fitness
from pyglove.generators.evolution import recombinators
from pyglove.generators.evolution import set_fitness
from tests.generators import spaces

S, C, I = geno.Space, geno.Choices, geno.Int
MIXED = spaces.mixed_space()


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 10**6), st.integers(1, 4))
def test_uniform_children_are_valid_and_parents_unchanged(seed, num_parents):
  """Crossing any parents yields a valid child and leaves the parents as they were."""
  rng = random.Random(seed)
  parents = [set_fitness(MIXED.random_dna(rng), 1.0) for _ in range(num_parents)]
  before = [p.clone() for p in parents]
  [child] = recombinators.Uniform()(parents, EvolutionState(MIXED, rng))
  MIXED.validate(child)
  assert parents == before
  assert get_fitness(child) is None
  assert all(child is not p for p in parents)


def test_each_decision_comes_from_one_parent():
  """On independent decisions, every value of the child is one of the parents' values."""
  spec = spaces.flat_space(num_points=30, num_candidates=10)
  a, b = geno.DNA([0] * 30), geno.DNA([9] * 30)
  child = recombinators.Uniform().recombine([a, b], EvolutionState(spec, random.Random(1)))
  values = child.to_numbers()
  assert set(values) == {0, 9}


def test_shared_choices_cross_their_sub_spaces():
  """Where parents pick the same candidate, the sub-decisions are crossed one by one."""
  spec = S([C(1, [S(), S([I(0, 9, location='p'), I(0, 9, location='q')])], location='a')])
  children = {
      recombinators.Uniform().recombine(
          [geno.DNA((1, [0, 0])), geno.DNA((1, [9, 9]))],
          EvolutionState(spec, random.Random(seed)))
      for seed in range(20)}
  assert geno.DNA((1, [0, 9])) in children or geno.DNA((1, [9, 0])) in children


def test_different_choices_pass_down_a_whole_sub_tree():
  """Where parents differ on a choice, the child takes one parent's whole sub-tree."""
  spec = S([C(1, [S([I(0, 9, location='p')]), S([I(0, 9, location='q')])], location='a')])
  child = recombinators.Uniform().recombine(
      [geno.DNA((0, 3)), geno.DNA((1, 5))], EvolutionState(spec, random.Random(0)))
  assert child in (geno.DNA((0, 3)), geno.DNA((1, 5)))


def test_no_parents_no_child():
  """An empty input gives no child."""
  assert recombinators.Uniform()([], EvolutionState(MIXED, random.Random(0))) == []


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 10**6), st.integers(1, 3), st.integers(1, 12))
def test_kpoint_children_are_valid_and_parents_unchanged(seed, num_parents, k):
  """K-point crossover of any parents yields a valid child and leaves the parents alone."""
  rng = random.Random(seed)
  parents = [set_fitness(MIXED.random_dna(rng), 1.0) for _ in range(num_parents)]
  before = [p.clone() for p in parents]
  [child] = recombinators.KPoint(k)(parents, EvolutionState(MIXED, rng))
  MIXED.validate(child)
  assert parents == before
  assert get_fitness(child) is None


def test_kpoint_takes_segments_from_the_parents_in_turn():
  """With k cuts, the child's top-level decisions form k + 1 runs, alternating parents."""
  spec = spaces.flat_space(num_points=12, num_candidates=3)
  for seed in range(10):
    child = recombinators.KPoint(3).recombine(
        [geno.DNA([0] * 12), geno.DNA([1] * 12), geno.DNA([2] * 12)],
        EvolutionState(spec, random.Random(seed)))
    values = child.to_numbers()
    runs = [v for i, v in enumerate(values) if i == 0 or v != values[i - 1]]
    assert runs == [0, 1, 2, 0]


def test_kpoint_on_a_single_element_copies_one_parent():
  """A space with one top-level element passes it down whole, as a new root."""
  spec = S([C(1, [S([I(0, 9, location='p')]), S()], location='a')])
  parent = set_fitness(geno.DNA((0, 4)), 2.0)
  child = recombinators.KPoint(2).recombine([parent], EvolutionState(spec, random.Random(0)))
  assert child == parent and child is not parent and get_fitness(child) is None


def test_kpoint_rejects_a_non_positive_k():
  """k is a positive integer."""
  with pytest.raises(ValueError, match=r'Value 0 is out of range \(min=1, max=None\)\. \(path=k\)'):
    recombinators.KPoint(0)
