"""Tests for math scalars and the schedule helpers (values as the reference gives them)."""
from __future__ import annotations

import doctest
import math

from hypothesis import given
from hypothesis import strategies as st
import pytest

import pyglove as pg
from pyglove.scalars import _maths

S = pg.scalars


class TestMathScalars:

  def test_values(self):
    assert S.sqrt(S.STEP)(4) == 2.0
    assert S.exp(S.STEP)(0) == 1.0
    assert S.log(S.STEP)(math.e) == 1.0
    assert S.log(S.STEP, 2)(8) == 3.0
    assert S.cos(S.STEP)(0) == 1.0 and S.sin(S.STEP)(0) == 0.0

  def test_lowercase_aliases_are_the_classes(self):
    assert (S.sqrt, S.exp, S.log, S.cos, S.sin) == (
        S.SquareRoot, S.Exp, S.Log, S.Cosine, S.Sine)

  def test_log_base_defaults_to_e(self):
    assert S.Log(S.STEP).base == math.e

  def test_log_rejects_negative(self):
    with pytest.raises(ValueError, match=r'path=x'):
      S.log(-1.0)


class TestSchedules:
  """The reference's schedule helpers, with the values it prints."""

  def test_linear(self):
    l = S.linear(10, 1.0, 0.0)
    assert [l(i) for i in range(0, 12, 2)] == pytest.approx(
        [1.0, 0.8, 0.6, 0.4, 0.2, 0.0])

  def test_cosine_decay(self):
    c = S.cosine_decay(10)
    assert [round(c(i), 4) for i in range(0, 12, 2)] == [
        1.0, 0.9045, 0.6545, 0.3455, 0.0955, 0.0]

  def test_exponential_decay(self):
    e = S.exponential_decay(0.5, 2)
    assert [e(i) for i in range(6)] == [1.0, 1.0, 0.5, 0.5, 0.25, 0.25]
    e2 = S.exponential_decay(0.5, 2, staircase=False)
    assert [round(e2(i), 4) for i in range(6)] == [
        1.0, 0.7071, 0.5, 0.3536, 0.25, 0.1768]

  def test_cyclic(self):
    cy = S.cyclic(4)
    assert [round(cy(i), 4) for i in range(6)] == [1.0, 0.5, 0.0, 0.5, 1.0, 0.5]


@given(st.integers(min_value=1, max_value=10**5),
       st.floats(min_value=-100, max_value=100),
       st.floats(min_value=-100, max_value=100))
def test_linear_and_cosine_hit_both_ends(total, start, end):
  """Both schedules start at `start` and reach `end` at `total_steps`."""
  for schedule in (S.linear(total, start, end), S.cosine_decay(total, start, end)):
    assert schedule(0) == pytest.approx(start, abs=1e-9)
    assert schedule(total) == pytest.approx(end, abs=1e-6)


def test_docstring_examples_run():
  results = doctest.testmod(_maths, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.failed == 0 and results.attempted > 0
