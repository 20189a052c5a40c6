"""Tests for random scalars: distributions, seeding, bounds."""
from __future__ import annotations

import doctest

from hypothesis import given
from hypothesis import strategies as st
import pytest

import pyglove as pg
from pyglove.scalars import _randoms

S = pg.scalars


class TestSeeding:

  def test_seeded_values_match_reference(self):
    u = S.Uniform(seed=1)
    assert [round(u(i), 4) for i in range(3)] == [0.1344, 0.8474, 0.7638]
    assert [S.Uniform(1, 10, seed=1)(0)] == [3]
    assert round(S.Triangular(0.0, 1.0, seed=1)(0), 4) == 0.2592
    assert round(S.Gaussian(0.0, 1.0, seed=1)(0), 4) == 1.2882
    assert round(S.Normal(0.0, 1.0, seed=1)(0), 4) == 0.6075
    assert round(S.LogNormal(0.0, 1.0, seed=1)(0), 4) == 1.8358

  def test_clone_restarts_from_seed(self):
    u = S.Uniform(seed=3)
    first = [u(i) for i in range(3)]
    assert [u(i) for i in range(3)] != first      # The stream goes on...
    fresh = u.clone()
    assert [fresh(i) for i in range(3)] == first  # ...a clone starts over.
    u.rebind(seed=4)
    u.rebind(seed=3)
    assert [u(i) for i in range(3)] == first      # So does a rebind.

  def test_unseeded_does_not_touch_global_random(self):
    import random  # pylint: disable=g-import-not-at-top
    random.seed(0)
    expected = random.random()
    random.seed(0)
    S.Uniform()(0)
    assert random.random() == expected

  def test_repr_and_positional_order(self):
    u = S.Uniform(0.5, 2.0, 7)
    assert (u.low, u.high, u.seed) == (0.5, 2.0, 7)
    assert repr(S.Uniform(seed=1)) == 'Uniform(seed=1, low=0.0, high=1.0)'
    t = S.Triangular(0, 10, 2, 5)
    assert (t.low, t.high, t.mode, t.seed) == (0, 10, 2, 5)
    assert S.Gaussian(1.0, 2.0, 3).seed == 3


class TestBounds:

  def test_uniform_rejects_inverted_bounds(self):
    with pytest.raises(ValueError, match=r'`low` must be less or equal than `high`; got low=2, high=1'):
      S.Uniform(2, 1)

  def test_base_next_value_must_be_implemented(self):
    with pytest.raises(TypeError, match=r'abstract class RandomScalar .*next_value'):
      S.RandomScalar(seed=1)


@given(st.integers(-100, 100), st.integers(0, 100), st.integers(0, 2**32))
def test_int_bounds_give_ints_within_bounds(low, width, seed):
  """Uniform and Triangular with int bounds draw ints in [low, high]."""
  high = low + width
  for scalar in (S.Uniform(low, high, seed=seed), S.Triangular(low, high, seed=seed)):
    values = [scalar(i) for i in range(5)]
    assert all(isinstance(v, int) and low <= v <= high for v in values)


def test_docstring_examples_run():
  results = doctest.testmod(_randoms, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.failed == 0 and results.attempted > 0
