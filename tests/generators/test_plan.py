"""Tests for the compiled form of a DNA spec."""
from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st
import pytest

from pyglove import geno
from pyglove.generators import _plan
from tests.generators import spaces

S, C, F, I = geno.Space, geno.Choices, geno.Float, geno.Int
MIXED = spaces.mixed_space()


def _shared(point):
  """Whether `point` is in the candidates of a subchoice other than the first (shared in plans)."""
  while point is not None:
    choice = point.parent_choice
    if choice is not None and choice.is_subchoice and choice.subchoice_index > 0:
      return True
    point = choice
  return False


def test_plan_indexes_every_categorical_and_numerical_point_once():
  """Choices and subchoices get dense indices; subchoices share their candidates' points."""
  plan = _plan.Plan(MIXED)
  categorical = [p for p in MIXED.decision_points
                 if p.is_categorical and (p.is_subchoice or not _shared(p))]
  numerical = [p for p in MIXED.decision_points if p.is_numerical and not _shared(p)]
  assert [c.point for c in plan.choices] == categorical
  assert [n.point for n in plan.numericals] == numerical
  assert [c.index for c in plan.choices] == list(range(len(categorical)))


@given(st.integers(0, 10**6))
def test_random_dna_fits_the_spec(seed):
  """Uniform sampling from the plan always yields a valid DNA."""
  plan = _plan.Plan(MIXED)
  MIXED.validate(_plan.space_dna(_plan.random_space(plan.root, random.Random(seed))))


def test_space_shape_rules():
  """A Space of 0, 1 or n elements maps to DNA(None), the element's DNA, or n children."""
  assert _plan.space_dna([]) == geno.DNA(None)
  assert _plan.space_dna([geno.DNA(1)]) == geno.DNA(1)
  assert _plan.space_dna([geno.DNA(1), geno.DNA(2)]) == geno.DNA([1, 2])
  plan = _plan.Plan(S([]))
  assert _plan.space_children(plan.root, geno.DNA(None)) == []
  plan = _plan.Plan(S([I(0, 3, location='a')]))
  assert _plan.space_children(plan.root, geno.DNA(2)) == [geno.DNA(2)]


def test_active_decisions_follow_the_chosen_branches_in_preorder():
  """Only decisions under chosen candidates are listed, with paths into the DNA."""
  spec = S([C(1, [S(), S([I(0, 5, location='k')])], location='a'),
            C(2, [S([F(0.0, 1.0, location='f')]), S()], location='m')])
  dna = geno.DNA([(1, 3), [(0, 0.5), 1]])
  listed = _plan.active_decisions(_plan.Plan(spec), dna)
  assert [(str(node.point.id), path) for node, _, path in listed] == [
      ('a', (0,)), ('a[=1/2].k', (0, 0)), ('m', (1,)), ('m[0][=0/2].f', (1, 0, 0))]
  assert listed[3][1] == geno.DNA(0.5)


def test_a_lone_multi_choice_is_addressed_through_its_choice_node():
  """Its subchoices are the choice node's children; replace_at splices a new one back."""
  spec = S([C(1, [S([C(2, [S(), S(), S()], location='m')]), S()], location='a')])
  dna = geno.DNA((0, [1, 2]))
  listed = _plan.active_decisions(_plan.Plan(spec), dna)
  assert [(str(node.point.id), path) for node, _, path in listed] == [
      ('a', ()), ('a[=0/2].m', (_plan.SPLICED,))]
  _, node, path = listed[1]
  assert node.children == [geno.DNA(1), geno.DNA(2)]
  assert _plan.replace_at(dna.clone(), path, geno.DNA([2, 0])) == geno.DNA((0, [2, 0]))
  candidate = _plan.Plan(spec).root.elements[0].candidates[0]
  assert _plan.candidate_children(candidate, dna.children) == [geno.DNA([1, 2])]


def test_replace_at_rebuilds_only_the_path():
  """replace_at swaps in a node and keeps the other sub-trees."""
  dna = geno.DNA([(1, [2, 3]), 4])
  assert _plan.replace_at(dna.clone(), (0, 1), geno.DNA(9)) == geno.DNA([(1, [2, 9]), 4])
  assert _plan.replace_at(dna, (), geno.DNA(7)) == geno.DNA(7)


def test_replace_at_builds_nodes_as_the_constructor():
  """The rebuilt path adopts its children, keeps no metadata, and copies a symbolic replacement."""
  dna = geno.DNA([(1, [2, 3]), 4], metadata={'generation': 1})
  child = _plan.replace_at(dna.clone(), (0, 1), geno.DNA(9))
  assert child == geno.DNA([(1, [2, 9]), 4])
  assert not child.metadata
  assert child.children[0].children[1].sym_parent is child.children[0].sym_init_args['children']
  assert child.sym_path.is_root and str(child.children[0].children[1].sym_path) == 'children[0].children[1]'
  linked = geno.DNA([5, 6])
  linked.sym_init_args  # A symbolic tree: its nodes have parents.
  replaced = _plan.replace_at(dna.clone(), (1,), linked.children[0])
  assert replaced == geno.DNA([(1, [2, 3]), 5])
  assert replaced.children[1] is not linked.children[0]
  assert linked.children[0].sym_parent is not None


@pytest.mark.parametrize('scale', [None, 'linear', 'log', 'rlog'])
@given(u=st.floats(0.0, 1.0))
def test_float_unit_mapping_round_trips(scale, u):
  """from_unit maps [0, 1] into the range and to_unit inverts it."""
  node = _plan.FloatNode(F(0.01, 10.0, scale=scale), 0)
  value = node.from_unit(u)
  assert 0.01 <= value <= 10.0
  assert node.to_unit(value) == pytest.approx(u, abs=1e-6)


def test_rlog_puts_more_mass_near_the_maximum():
  """The mirrored log scale maps the middle of [0, 1] above the range's middle."""
  node = _plan.FloatNode(F(0.01, 10.0, scale='rlog'), 0)
  assert node.from_unit(0.5) > 5.0
  assert _plan.FloatNode(F(0.01, 10.0, scale='log'), 0).from_unit(0.5) < 5.0


def test_a_point_range_maps_to_the_middle():
  """A float or int with min == max has one value, at unit 0.5."""
  assert _plan.FloatNode(F(2.0, 2.0), 0).to_unit(2.0) == 0.5
  node = _plan.IntNode(I(3, 3), 0)
  assert node.to_unit(3) == 0.5 and node.from_unit(0.9) == 3


@given(st.integers(-5, 5))
def test_int_unit_mapping_round_trips(value):
  """Ints map to [0, 1] and back exactly."""
  node = _plan.IntNode(I(-5, 5), 0)
  assert node.from_unit(node.to_unit(value)) == value
