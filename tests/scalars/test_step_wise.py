"""Tests for `pg.scalars.StepWise`."""
from __future__ import annotations

import doctest
import random

from hypothesis import given
from hypothesis import strategies as st
import pytest

import pyglove as pg
from pyglove.scalars import _step_wise

S = pg.scalars


class TestPhases:

  def test_step_counts(self):
    """Each phase counts steps from its own start; the value holds after the end."""
    sw = S.StepWise([(2, 1), (3, S.STEP), (1, lambda s: s * 10)])
    assert [sw(i) for i in range(9)] == [1, 1, 0, 1, 2, 0, 0, 0, 0]

  def test_proportions(self):
    sw = S.StepWise([(0.2, 1), (0.8, S.linear(8))], total_steps=10)
    assert [sw(i) for i in range(12)] == [
        1, 1, 1.0, 0.875, 0.75, 0.625, 0.5, 0.375, 0.25, 0.125, 0.125, 0.125]

  def test_empty_phase_is_skipped(self):
    sw = S.StepWise([(2, 1), (0, 2), (2, 3)])
    assert [sw(i) for i in range(5)] == [1, 1, 3, 3, 3]

  def test_values_do_not_depend_on_call_order(self):
    sw = S.StepWise([(2, 1), (3, S.STEP)])
    assert sw(4) == 2 and sw(0) == 1 and sw(3) == 1


class TestErrors:

  def test_proportion_without_total_steps(self):
    with pytest.raises(ValueError, match=r'`total_steps` must be specified .* got phase \(0.5, 1\)'):
      S.StepWise([(0.5, 1)])

  def test_step_count_with_total_steps(self):
    with pytest.raises(ValueError, match=r'phase lengths are proportions .* got phase \(1, 1\)'):
      S.StepWise([(1, 1)], total_steps=3)

  def test_zero_proportions(self):
    with pytest.raises(ValueError, match=r'must sum to more than 0; got \[0.0\]'):
      S.StepWise([(0.0, 1)], total_steps=3)

  def test_no_phase(self):
    with pytest.raises(ValueError, match=r'path=phases'):
      S.StepWise([])


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(-10, 10)), min_size=1,
                max_size=5).filter(lambda ps: sum(n for n, _ in ps) > 0),
       st.randoms(use_true_random=False))
def test_matches_sequential_replay(phases, rnd: random.Random):
  """The value at each step is what walking the phases step by step gives, in any call order."""
  schedule = S.StepWise([(n, S.STEP + offset) for n, offset in phases])
  expected = []
  for n, offset in phases:
    expected.extend(offset + i for i in range(n))
  expected.extend([expected[-1]] * 3)
  steps = list(range(len(expected)))
  rnd.shuffle(steps)
  assert {s: schedule(s) for s in steps} == dict(enumerate(expected))


def test_docstring_examples_run():
  results = doctest.testmod(_step_wise, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.failed == 0 and results.attempted > 0
