"""Tests for pyglove.generators.evolution.recombinators._point_wise."""
from __future__ import annotations

import random

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
import pytest

import pyglove as pg
from pyglove import geno
from pyglove.generators.evolution import recombinators
from tests.generators import spaces

S, C, F = geno.Space, geno.Choices, geno.Float
MIXED = spaces.mixed_space()
FLOATS_AND_CHOICES = S([C(1, [S() for _ in range(4)], location='a'),
                        C(1, [S() for _ in range(4)], location='b'),
                        F(0.0, 1.0, location='x'), F(0.0, 1.0, location='y')])


def _parents(spec, *literals):
  return [geno.DNA(lit).use_spec(spec) for lit in literals]


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10 ** 6), st.integers(1, 4))
def test_children_are_valid_for_conditional_spaces(seed, num_parents):
  """Uniform, Sample and Average give children that fit the mixed space."""
  rng = random.Random(seed)
  parents = [MIXED.random_dna(rng).use_spec(MIXED) for _ in range(num_parents)]
  for op in (recombinators.Uniform(seed=seed),
             recombinators.Sample(lambda ps: list(range(1, len(ps) + 1)), seed=seed),
             recombinators.Average(),
             recombinators.WeightedAverage(lambda ps: [1.0] * len(ps)),
             recombinators.Uniform(where=lambda points: points[::2], seed=seed)):
    children = op(parents)
    assert 1 <= len(children) <= num_parents
    for child in children:
      MIXED.validate(child)
      assert child.spec is MIXED


@given(st.integers(0, 10 ** 6))
def test_same_seed_same_children(seed):
  """Two uniform recombinators with one seed give the same children."""
  rng = random.Random(seed)
  parents = [MIXED.random_dna(rng).use_spec(MIXED) for _ in range(3)]
  a, b = recombinators.Uniform(seed=seed), recombinators.Uniform(seed=seed)
  assert [a(parents) for _ in range(3)] == [b(parents) for _ in range(3)]


def test_uniform_takes_each_decision_from_some_parent():
  """Every decision of the child is one of the parents' on that point."""
  spec = spaces.flat_space(num_points=10, num_candidates=4)
  parents = _parents(spec, [0] * 10, [3] * 10)
  [child] = recombinators.Uniform(seed=3)(parents)
  values = child.to_numbers()
  assert set(values) == {0, 3}


def test_untargeted_points_keep_each_parents_decision():
  """Points outside `where` are copied parent by parent: one child per parent."""
  parents = _parents(FLOATS_AND_CHOICES, [0, 1, 0.25, 0.125], [2, 3, 0.75, 0.375])
  assert recombinators.Average()(parents) == [geno.DNA([0, 1, 0.5, 0.25]),
                                              geno.DNA([2, 3, 0.5, 0.25])]
  floats_only = _parents(S([F(0.0, 1.0, location='x'), F(0.0, 1.0, location='y')]),
                         [0.25, 0.125], [0.75, 0.375])
  assert recombinators.Average()(floats_only) == [geno.DNA([0.5, 0.25])]


def test_weighted_average_and_sample_follow_weights():
  """WeightedAverage computes sum(w*v)/sum(w); Sample never picks a zero-weight parent."""
  spec = S([F(0.0, 1.0, location='x')])
  parents = _parents(spec, 0.0, 1.0)
  assert recombinators.WeightedAverage(lambda ps: [1.0, 3.0])(parents) == [geno.DNA(0.75)]
  assert recombinators.WeightedAverage(lambda ps: [0.0, 0.0])(parents) == [geno.DNA(0.5)]
  chooser = recombinators.Sample(lambda ps: [0.0, 1.0], seed=1)
  parents = _parents(spaces.flat_space(num_points=5), [0] * 5, [1] * 5)
  assert chooser(parents) == [geno.DNA([1] * 5)]


def test_weights_must_fit_the_parents():
  """A weights function returning the wrong number or a negative weight raises ValueError."""
  parents = _parents(S([F(0.0, 1.0, location='x')]), 0.0, 1.0)
  with pytest.raises(ValueError, match=r'Sample.weights must return one non-negative weight per parent'):
    recombinators.Sample(lambda ps: [1.0])(parents)
  with pytest.raises(ValueError, match=r'WeightedAverage.weights must return'):
    recombinators.WeightedAverage(lambda ps: [1.0, -1.0])(parents)


def test_conditional_sub_decisions_come_from_parents_that_chose_them():
  """An overridden choice stops its parent's sub-decisions from contributing."""
  spec = S([C(1, [S([F(0.0, 1.0, location='lr')]), S([F(5.0, 6.0, location='mom')])],
              location='opt')])
  parents = _parents(spec, (0, 0.5), (1, 5.5))
  for seed in range(20):
    for child in recombinators.Uniform(seed=seed)(parents):
      assert child in (geno.DNA((0, 0.5)), geno.DNA((1, 5.5)))


@given(st.integers(0, 10 ** 6))
def test_multi_choice_merges_keep_constraints(seed):
  """merge_multi_choice keeps distinct and sorted multi-choices valid."""
  point = C(3, [S() for _ in range(5)], sorted=True, location='c')
  rng = random.Random(seed)
  parents = [sorted(rng.sample(range(5), 3)) for _ in range(3)]
  merged = recombinators.merge_multi_choice(point, parents, [1.0] * 3, rng)
  assert merged == sorted(set(merged)) and len(merged) == 3
  assert all(v in {x for p in parents for x in p} for v in merged)


def test_multi_choice_merge_falls_back_to_a_whole_parent():
  """When constraints keep failing, one parent's whole decision is taken."""
  point = C(2, [S() for _ in range(3)], location='m')
  merged = recombinators.merge_multi_choice(point, [[0, 1], [0, 1], None], [1.0, 1.0, 5.0],
                                            random.Random(1), max_attempts=0)
  assert merged == [0, 1]


def test_custom_point_wise_recombinators_receive_the_state():
  """A subclass's merge and applicable_decision_points may take global_state and step."""

  class Largest(recombinators.PointWise):
    def applicable_decision_points(self, dna_spec, step):
      return dna_spec.decision_points[:step]

    def merge(self, decision_point, parent_decisions, global_state):
      global_state['merged'] = global_state.get('merged', 0) + 1
      return max(d for d in parent_decisions if d is not None)

  spec = spaces.flat_space(num_points=3)
  state = pg.geno.AttributeDict()
  children = Largest()(_parents(spec, [0, 3, 0], [1, 0, 2]), state, 2)
  assert children == [geno.DNA([1, 3, 0]), geno.DNA([1, 3, 2])] and state['merged'] == 2


def test_a_merge_activating_a_sub_space_no_parent_has_raises():
  """A decision that opens a sub-space no parent decided leaves it empty: ValueError."""

  class Other(recombinators.PointWise):
    def merge(self, decision_point, parent_decisions):
      return 1

  spec = S([C(1, [S(), S([F(0.0, 1.0, location='x')])], location='a')])
  with pytest.raises(ValueError, match=r'No parent decides'):
    Other()(_parents(spec, 0, 0))


def test_recombining_no_parent_gives_no_child():
  """An empty input gives an empty output."""
  assert recombinators.Uniform()([]) == []


def test_numeric_recombinators_apply_to_floats_only():
  """Average's applicable points are the floats."""
  points = recombinators.Average().applicable_decision_points(FLOATS_AND_CHOICES)
  assert [str(p.id) for p in points] == ['x', 'y']
  assert len(recombinators.Uniform().applicable_decision_points(FLOATS_AND_CHOICES, None, 0)) == 4


def test_reference_argument_order():
  """Sample and WeightedAverage take weights first, as in the reference."""
  fn = lambda ps: [1.0] * len(ps)  # pylint: disable=unnecessary-lambda-assignment
  assert recombinators.Sample(fn, recombinators.where.ALL, 3).seed == 3
  assert recombinators.WeightedAverage(fn).weights is fn


def test_docstring_examples(run_doctests):
  """The module's examples run."""
  run_doctests('pyglove.generators.evolution.recombinators._point_wise')
