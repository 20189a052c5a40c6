"""Tests for pyglove.generators.evolution.mutators."""
from __future__ import annotations

import random

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
import pytest

import pyglove as pg
from pyglove import geno
from pyglove.generators.evolution import mutators
from pyglove.generators.evolution import set_fitness
from pyglove.generators.evolution import _randomness
from tests.generators import spaces

S, C, F, I = geno.Space, geno.Choices, geno.Float, geno.Int
MIXED = spaces.mixed_space()


def _dna(spec, literal):
  return geno.DNA(literal).use_spec(spec)


def _nodes(dna):
  out, stack = [], [dna]
  while stack:
    node = stack.pop()
    out.append(node)
    stack.extend(node.children)
  return out


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10 ** 6))
def test_uniform_children_are_valid_and_leave_the_parent_alone(seed):
  """A child fits the spec, has it attached, shares no node and no metadata with its parent."""
  parent = set_fitness(MIXED.random_dna(random.Random(seed)).use_spec(MIXED), 1.0)
  before = parent.clone()
  links = [(id(n), id(n.parent_dna)) for n in _nodes(parent)]
  [child] = mutators.Uniform(seed=seed)([parent])
  MIXED.validate(child)
  assert child.spec is MIXED
  assert parent == before
  assert [(id(n), id(n.parent_dna)) for n in _nodes(parent)] == links
  assert not set(map(id, _nodes(child))) & set(map(id, _nodes(parent)))
  assert 'reward' not in child.metadata


@given(st.integers(0, 10 ** 6))
def test_same_seed_same_child(seed):
  """Two mutators with one seed make the same children."""
  parent = MIXED.random_dna(random.Random(seed)).use_spec(MIXED)
  a, b = mutators.Uniform(seed=seed), mutators.Uniform(seed=seed)
  assert [a.mutate(parent) for _ in range(3)] == [b.mutate(parent) for _ in range(3)]
  s1, s2 = mutators.Swap(seed=seed), mutators.Swap(seed=seed)
  assert [s1.mutate(parent) for _ in range(3)] == [s2.mutate(parent) for _ in range(3)]


def test_uniform_changes_exactly_one_decision_of_a_flat_space():
  """Without conditionals, one mutation changes exactly one decision."""
  spec = spaces.flat_space(num_points=8, num_candidates=3)
  mutate = mutators.Uniform(seed=1)
  for seed in range(30):
    parent = spec.random_dna(random.Random(seed)).use_spec(spec)
    child = mutate.mutate(parent)
    assert sum(a != b for a, b in zip(parent.to_numbers(), child.to_numbers())) == 1


def test_a_new_choice_gets_its_sub_space_sampled_fresh():
  """Switching a choice to a candidate with sub-decisions samples them."""
  spec = S([C(1, [S(), S([I(0, 5, location='k'), F(0.0, 1.0, location='f')])], location='a')])
  child = mutators.Uniform(seed=1).mutate(_dna(spec, 0))
  assert child.value == 1 and len(child.children) == 2
  spec.validate(child)


def test_multi_choice_constraints_hold():
  """Distinct subchoices stay distinct, sorted ones sorted; a permutation is reordered."""
  spec = S([C(3, [S() for _ in range(6)], sorted=True, location='c')])
  dna = _dna(spec, [0, 1, 2])
  mutate = mutators.Uniform(seed=1)
  for _ in range(30):
    dna = mutate.mutate(dna)
    values = [c.value for c in dna.children]
    assert values == sorted(set(values))
  spec = S([C(3, [S() for _ in range(3)], location='p')])
  values = [c.value for c in mutate.mutate(_dna(spec, [0, 1, 2])).children]
  assert sorted(values) == [0, 1, 2] and values != [0, 1, 2]
  spec = S([C(2, [S(), S()], distinct=False, location='d')])
  assert sorted(c.value for c in mutate.mutate(_dna(spec, [0, 0])).children) == [0, 1]


def test_ints_floats_and_custom_points_mutate():
  """An int becomes another int of its range, a float stays in range, a custom point re-samples."""
  mutate = mutators.Uniform(seed=1)
  spec = S([I(2, 3, location='i')])
  assert mutate.mutate(_dna(spec, 2)) == geno.DNA(3)
  spec = S([F(0.01, 1.0, scale='log', location='f')])
  for _ in range(10):
    assert 0.01 <= mutate.mutate(_dna(spec, 0.5)).value <= 1.0
  spec = S([geno.CustomDecisionPoint(random_dna_fn=lambda rng, prev: 'new', location='z')])
  assert mutate.mutate(_dna(spec, 'old')) == geno.DNA('new')


def test_fixed_points_are_never_chosen_and_a_fixed_dna_comes_back_as_a_copy():
  """Points that cannot change are skipped; without any, the DNA comes back copied, without metadata."""
  spec = S([C(1, [S()], location='a'), I(4, 4, location='i'), F(1.0, 1.0, location='f'),
            C(2, [S(), S()], sorted=True, location='s'),
            geno.CustomDecisionPoint(location='z')])
  parent = set_fitness(_dna(spec, [0, 4, 1.0, [0, 1], 'v']), 3.0)
  child = mutators.Uniform(seed=1).mutate(parent)
  assert child == parent and child is not parent and 'reward' not in child.metadata
  empty = S([])
  assert mutators.Uniform()([_dna(empty, None)]) == [geno.DNA(None)]


def test_swap_exchanges_two_different_subchoices_with_their_sub_trees():
  """Swap reorders an unsorted multi-choice; each value keeps its sub-tree."""
  spec = S([C(2, [S(), S([I(0, 9, location='k')])], location='m')])
  child = mutators.Swap(seed=1).mutate(_dna(spec, [0, (1, 7)]))
  assert child == geno.DNA([(1, 7), 0])
  spec.validate(child)


def test_swap_leaves_dna_without_a_free_order_unchanged():
  """Sorted multi-choices and all-equal subchoices are not swapped."""
  spec = S([C(2, [S(), S()], sorted=True, location='s'),
            C(2, [S(), S()], distinct=False, location='d')])
  parent = set_fitness(_dna(spec, [[0, 1], [1, 1]]), 1.0)
  child = mutators.Swap(seed=1).mutate(parent)
  assert child == parent and 'reward' not in child.metadata


def test_where_receives_dna_nodes_and_restricts_mutations():
  """Uniform(where=...) sees DNA nodes (with .spec) and only touches those it accepts."""
  spec = spaces.flat_space(num_points=6, num_candidates=3)
  seen = []

  def only_x4(node):
    seen.append(node)
    return str(node.spec.id) == 'x4'

  mutate = mutators.Uniform(where=only_x4, seed=1)
  for _ in range(10):
    child = mutate.mutate(_dna(spec, [0] * 6))
    assert [v != 0 for v in child.to_numbers()] == [False] * 4 + [True, False]
  assert all(isinstance(n, geno.DNA) for n in seen)
  nothing = mutators.Uniform(where=lambda node: False).mutate(_dna(spec, [0] * 6))
  assert nothing == geno.DNA([0] * 6)


def test_where_on_subchoices_and_multi_choices():
  """Uniform's where gets each subchoice node; Swap's the multi-choice node."""
  spec = S([C(2, [S(), S(), S()], location='a'), C(2, [S(), S()], location='b')])
  only_a = mutators.Uniform(where=lambda node: str(node.spec.id).startswith('a'), seed=1)
  for _ in range(10):
    assert only_a.mutate(_dna(spec, [[0, 1], [0, 1]])).children[1] == geno.DNA([0, 1])
  swap_b = mutators.Swap(where=lambda node: str(node.spec.id) == 'b', seed=1)
  assert swap_b.mutate(_dna(spec, [[0, 1], [0, 1]])) == geno.DNA([[0, 1], [1, 0]])


def test_mutators_need_a_spec():
  """A DNA without a spec, outside an evolution, raises ValueError."""
  with pytest.raises(ValueError, match=r'Uniform needs DNA with a spec attached'):
    mutators.Uniform()([geno.DNA(0)])


def test_within_an_evolution_the_spec_comes_from_it():
  """Inside an evolution, spec-less DNA use the evolution's spec and children stay unattached."""
  spec = S([C(1, [S(), S()], location='a')])
  with _randomness.running_evolution([], spec):
    [child] = mutators.Uniform(seed=1)([geno.DNA(0)])
  assert child == geno.DNA(1) and child.spec is None


def test_chained_mutations_keep_the_spec():
  """Called alone, mutators attach the spec, so they chain."""
  spec = spaces.flat_space(num_points=4)
  parent = _dna(spec, [0] * 4)
  children = (mutators.Uniform(seed=1) ** 3)([parent])
  assert children[0].spec is spec
  assert sum(v != 0 for v in children[0].to_numbers()) in (1, 2, 3)


def test_mutators_are_symbolic():
  """Mutators print, compare and round-trip JSON by their fields."""
  for op in (mutators.Uniform(seed=1), mutators.Swap(seed=2)):
    assert pg.from_json(pg.to_json(op)) == op
    assert 'seed=' in repr(op) and 'seed = ' in str(op)


def test_docstring_examples(run_doctests):
  """The module's examples run."""
  run_doctests('pyglove.generators.evolution.mutators._mutators')
