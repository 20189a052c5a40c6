"""Tests for pyglove.generators.evolution._where (pg.evolution.where)."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
import pytest

import pyglove as pg
from pyglove.generators import evolution as ev

where = ev.where


def test_all_keeps_every_point():
  """ALL returns the list of points it is given."""
  points = ['a', 'b']
  assert where.ALL(points) is points


@given(st.integers(0, 10 ** 6), st.integers(0, 6))
def test_any_keeps_k_points_in_order_reproducibly(seed, k):
  """Any(k, seed) keeps min(k, n) points, in input order, the same for one seed."""
  points = list('abcde')
  kept = where.Any(k, seed=seed)(points)
  assert len(kept) == min(k, 5) and kept == [p for p in points if p in kept]
  assert where.Any(k, seed=seed)(points) == kept


def test_any_takes_a_schedule():
  """k may be a function of the step."""
  assert where.Any(lambda step: step, seed=1)(list('abc'), step=3) == list('abc')


def test_lambda_filters_with_optional_state():
  """Lambda wraps a function; the function may take step by keyword."""
  assert where.Lambda(lambda points, step: points[:step])(list('abc'), step=2) == ['a', 'b']


def test_filter_is_abstract():
  """A filter without call() cannot be instantiated."""
  class Nothing(where.DecisionPointFilter):
    pass
  with pytest.raises(TypeError, match='abstract'):
    Nothing()


def test_where_spec_takes_filters_and_functions():
  """where_spec accepts filters, and callables which it reads as Lambda filters."""
  spec = where.where_spec(where.ANY)
  fn = lambda points: points  # pylint: disable=unnecessary-lambda-assignment
  assert spec.apply(fn) == where.Lambda(fn) and spec.apply(where.ALL) == where.ALL
  assert spec.apply(len) == where.Lambda(len)
  assert spec.default == where.ANY
  assert where.apply_where(fn, [1], None, 0) == [1]


def test_function_given_as_where_becomes_a_lambda_filter():
  """As in the reference: a field of a filter spec turns a function into Lambda."""
  recombinator = ev.recombinators.Uniform(where=lambda points: points[:1])
  assert isinstance(recombinator.where, where.Lambda)
  assert recombinator.where(['a', 'b']) == ['a']
  assert isinstance(
      pg.typing.Object(where.DecisionPointFilter).apply(lambda points: points),
      where.Lambda)
  with pytest.raises(TypeError):
    ev.recombinators.Uniform(where=1)


def test_filters_are_symbolic():
  """Filters round-trip JSON."""
  assert pg.from_json(pg.to_json(where.Any(2, seed=3))) == where.Any(2, seed=3)


def test_docstring_examples(run_doctests):
  """The module's examples run."""
  run_doctests('pyglove.generators.evolution._where')
