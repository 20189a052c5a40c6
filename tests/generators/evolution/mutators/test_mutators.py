"""Tests for the mutators."""
from __future__ import annotations

import random

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from pyglove import geno
from pyglove.generators.evolution import EvolutionState
from pyglove.generators.evolution import get_fitness
from pyglove.generators.evolution import mutators
from pyglove.generators.evolution import set_fitness
from tests.generators import spaces

S, C, F, I = geno.Space, geno.Choices, geno.Float, geno.Int
MIXED = spaces.mixed_space()


def _state(spec, seed=0):
  return EvolutionState(spec, random.Random(seed))


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6))
def test_uniform_children_are_valid_and_leave_the_parent_alone(seed):
  """A mutated child always fits the spec; the parent's value, tree and links are untouched."""
  state = _state(MIXED, seed)
  parent = set_fitness(MIXED.random_dna(random.Random(seed)).use_spec(MIXED), 1.0)
  before = parent.clone()
  links = [(id(n), id(n.parent)) for n in _nodes(parent)]
  child = mutators.Uniform().mutate(parent, state)
  MIXED.validate(child)
  assert parent == before
  assert [(id(n), id(n.parent)) for n in _nodes(parent)] == links
  assert not set(map(id, _nodes(child))) & set(map(id, _nodes(parent)))
  assert get_fitness(child) is None


def _nodes(dna):
  out, stack = [], [dna]
  while stack:
    node = stack.pop()
    out.append(node)
    stack.extend(node.children)
  return out


def test_uniform_changes_exactly_one_decision_of_a_flat_space():
  """Without conditionals, one mutation changes exactly one decision."""
  spec = spaces.flat_space(num_points=8, num_candidates=3)
  state = _state(spec)
  for seed in range(30):
    parent = spec.random_dna(random.Random(seed))
    child = mutators.Uniform().mutate(parent, state)
    assert sum(a != b for a, b in zip(parent.to_numbers(), child.to_numbers())) == 1


def test_a_new_choice_gets_its_sub_space_sampled_fresh():
  """Switching a choice to a candidate with sub-decisions samples them."""
  spec = S([C(1, [S(), S([I(0, 5, location='k'), F(0.0, 1.0, location='f')])], location='a')])
  child = mutators.Uniform().mutate(geno.DNA(0), _state(spec))
  assert child.value == 1 and len(child.children) == 2
  spec.validate(child)


def test_distinct_multi_choices_stay_distinct_and_sorted_ones_sorted():
  """Subchoice re-sampling picks an unused candidate and keeps sorted order."""
  spec = S([C(3, [S() for _ in range(6)], sorted=True, location='c')])
  state = _state(spec)
  dna = geno.DNA([0, 1, 2])
  for _ in range(30):
    dna = mutators.Uniform().mutate(dna, state)
    values = [c.value for c in dna.children]
    assert values == sorted(set(values))


def test_a_permutation_mutates_by_exchanging_two_positions():
  """When every candidate is taken, Uniform swaps two subchoices."""
  spec = S([C(3, [S() for _ in range(3)], location='p')])
  child = mutators.Uniform().mutate(geno.DNA([0, 1, 2]), _state(spec))
  values = [c.value for c in child.children]
  assert sorted(values) == [0, 1, 2] and values != [0, 1, 2]


def test_non_distinct_subchoices_take_another_value():
  """A non-distinct subchoice changes to a different candidate, repeats allowed."""
  spec = S([C(2, [S(), S()], distinct=False, location='d')])
  child = mutators.Uniform().mutate(geno.DNA([0, 0]), _state(spec))
  assert sorted(c.value for c in child.children) == [0, 1]


def test_ints_change_and_floats_stay_in_range():
  """An int mutates to a different integer of its range; a float stays within bounds."""
  spec = S([I(2, 3, location='i')])
  assert mutators.Uniform().mutate(geno.DNA(2), _state(spec)) == geno.DNA(3)
  spec = S([F(0.01, 1.0, scale='log', location='f')])
  for seed in range(10):
    value = mutators.Uniform().mutate(geno.DNA(0.5), _state(spec, seed)).value
    assert 0.01 <= value <= 1.0


def test_custom_points_mutate_through_their_random_dna_fn():
  """A custom decision point gets a fresh value from random_dna_fn."""
  spec = S([geno.CustomDecisionPoint(random_dna_fn=lambda rng, prev: 'new', location='z')])
  assert mutators.Uniform().mutate(geno.DNA('old'), _state(spec)) == geno.DNA('new')


def test_fixed_points_are_never_chosen_and_a_fixed_dna_comes_back_as_a_copy():
  """Single candidates, empty ranges, sorted permutations and sampler-less custom points can't change."""
  spec = S([C(1, [S()], location='a'), I(4, 4, location='i'), F(1.0, 1.0, location='f'),
            C(2, [S(), S()], sorted=True, location='s'),
            geno.CustomDecisionPoint(location='z')])
  parent = set_fitness(geno.DNA([0, 4, 1.0, [0, 1], 'v']), 3.0)
  child = mutators.Uniform().mutate(parent, _state(spec))
  assert child == parent and child is not parent
  assert get_fitness(child) is None
  spec = S([C(1, [S(), S()], location='a'), I(4, 4, location='i')])
  assert mutators.Uniform().mutate(geno.DNA([0, 4]), _state(spec)) == geno.DNA([1, 4])


def test_swap_exchanges_two_different_subchoices_with_their_sub_trees():
  """Swap reorders an unsorted multi-choice; each value keeps its sub-tree."""
  spec = S([C(2, [S(), S([I(0, 9, location='k')])], location='m')])
  child = mutators.Swap().mutate(geno.DNA([0, (1, 7)]), _state(spec))
  assert child == geno.DNA([(1, 7), 0])
  spec.validate(child)


def test_swap_leaves_dna_without_a_free_order_unchanged():
  """Sorted multi-choices and all-equal subchoices are not swapped."""
  spec = S([C(2, [S(), S()], sorted=True, location='s'),
            C(2, [S(), S()], distinct=False, location='d')])
  parent = set_fitness(geno.DNA([[0, 1], [1, 1]]), 1.0)
  child = mutators.Swap().mutate(parent, _state(spec))
  assert child == parent and get_fitness(child) is None


def test_mutators_map_over_their_inputs():
  """Calling a mutator yields one child per input."""
  spec = spaces.flat_space()
  inputs = [spec.random_dna(random.Random(i)) for i in range(3)]
  assert len(mutators.Uniform()(inputs, _state(spec))) == 3


def test_where_restricts_which_points_mutate():
  """Uniform(where=...) only touches the decision points the predicate accepts."""
  spec = spaces.flat_space(num_points=6, num_candidates=3)
  mutator = mutators.Uniform(where=lambda point: str(point.id) == 'x4')
  state = _state(spec)
  for _ in range(10):
    child = mutator.mutate(geno.DNA([0] * 6), state)
    assert [v != 0 for v in child.to_numbers()] == [False] * 4 + [True, False]
  nothing = mutators.Uniform(where=lambda point: False).mutate(geno.DNA([0] * 6), state)
  assert nothing == geno.DNA([0] * 6)


def test_swap_where_restricts_which_multi_choices_reorder():
  """Swap(where=...) only reorders the multi-choices the predicate accepts."""
  spec = S([C(2, [S(), S()], location='a'), C(2, [S(), S()], location='b')])
  mutator = mutators.Swap(where=lambda point: str(point.id) == 'b')
  assert mutator.mutate(geno.DNA([[0, 1], [0, 1]]), _state(spec)) == geno.DNA([[0, 1], [1, 0]])
