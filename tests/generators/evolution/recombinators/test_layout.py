"""Tests for pyglove.generators.evolution.recombinators._layout."""
from __future__ import annotations

import random

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
import pytest

from pyglove import geno
from pyglove.generators import _plan
from pyglove.generators.evolution.recombinators._layout import Layout
from tests.generators import spaces

S, C, F = geno.Space, geno.Choices, geno.Float
MIXED = spaces.mixed_space()


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 10 ** 6))
def test_read_then_write_gives_the_dna_back(seed):
  """write(read(dna)) == dna on every shape of the mixed space."""
  layout = Layout(_plan.Plan(MIXED))
  dna = MIXED.random_dna(random.Random(seed))
  assert layout.write(layout.read(dna)) == dna


def test_inactive_decisions_read_as_none():
  """A decision under an unchosen candidate reads as None."""
  spec = S([C(1, [S([F(0.0, 1.0, location='lr')]), S()], location='opt')])
  layout = Layout(_plan.Plan(spec))
  assert layout.read(geno.DNA(1)) == [1, None]
  assert layout.read(geno.DNA((0, 0.5))) == [0, 0.5]


def test_multi_choice_sub_spaces_have_one_slot_per_subchoice():
  """A point under a multi-choice's candidate has a slot per subchoice, in their ranges."""
  spec = S([C(2, [S([F(0.0, 1.0, location='w')]), S()], location='m')])
  layout = Layout(_plan.Plan(spec))
  assert len(layout.slots) == 3
  multi = layout.slots[0]
  assert multi.subchoice_ranges == [(1, 2), (2, 3)] and multi.end == 3
  assert layout.read(geno.DNA([(0, 0.1), (0, 0.2)])) == [[0, 0], 0.1, 0.2]
  assert len(layout.points()) == 2


def test_write_fills_active_slots_without_value():
  """An active slot with None asks `fill`; without it, ValueError names the point."""
  spec = S([C(1, [S([F(0.0, 1.0, location='lr')]), S()], location='opt')])
  layout = Layout(_plan.Plan(spec))
  assert layout.write([0, None], lambda slot: 0.25) == geno.DNA((0, 0.25))
  with pytest.raises(ValueError, match=r'No value for the active decision point'):
    layout.write([0, None])


def test_docstring_examples(run_doctests):
  """The module's examples run."""
  run_doctests('pyglove.generators.evolution.recombinators._layout')
