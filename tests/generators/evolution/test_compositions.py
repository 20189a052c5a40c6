"""Tests for pyglove.generators.evolution._compositions."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
import pytest

import pyglove as pg
from pyglove import geno
from pyglove.generators import evolution as ev
from pyglove.generators.evolution import selectors


def test_identity_and_lambda():
  """Identity returns its inputs; Lambda calls its function with the keywords it names."""
  assert ev.Identity()([1, 2]) == [1, 2]
  assert ev.Lambda(lambda xs: xs[::-1])([1, 2]) == [2, 1]
  assert ev.Lambda(lambda xs, step, global_state: [step, global_state['a']])(
      [], geno.AttributeDict(a=1), 4) == [4, 1]


def test_lambda_with_a_bad_signature_fails_on_call():
  """A function that needs another argument raises TypeError on its first call."""
  op = ev.Lambda(lambda xs, s: xs)
  with pytest.raises(TypeError, match=r"it requires argument 's'"):
    op([1])


def test_pipeline_and_concatenation_need_two_operations():
  """Pipeline and Concatenation reject fewer than two operations."""
  with pytest.raises(ValueError, match=r'min_size|at least'):
    ev.Pipeline([ev.Identity()])
  with pytest.raises(ValueError, match=r'min_size|at least'):
    ev.Concatenation([ev.Identity()])


def test_repeat_and_power_take_schedules():
  """k may be a function of the step."""
  first = selectors.First(1)
  assert ev.Repeat(first, lambda step: step)([1, 2], step=3) == [1, 1, 1]
  assert ev.Power(ev.Lambda(lambda xs: xs[1:]), lambda step: step)([1, 2, 3], step=2) == [3]
  with pytest.raises(ValueError, match=r'out of range.*\(path=k\)'):
    ev.Repeat(first, -1)


def test_slice_by_index_slice_or_schedule():
  """An int index gives a one-item list (a list item as is); a slice a list."""
  ident = ev.Identity()
  assert ev.Slice(ident, 1)([1, 2, 3]) == [2]
  assert ev.Slice(ident, slice(0, 3, 2))([1, 2, 3]) == [1, 3]
  assert ev.Slice(ident, lambda step: step)([1, 2, 3], step=2) == [3]
  assert ev.Slice(ident, 0)([[1, 2], [3]]) == [1, 2]


def test_slice_out_of_range_raises_index_error():
  """An int index outside the output raises IndexError with the sizes."""
  with pytest.raises(IndexError, match=r'Slice index 3 is out of range for an output of 2 item\(s\)\.'):
    ev.Identity()[3]([1, 2])


def test_element_wise_and_flatten():
  """ElementWise maps over items; Flatten removes nesting up to max_level."""
  assert ev.ElementWise(lambda x: [x] * 2)([1, 2]) == [[1, 1], [2, 2]]
  nested = [1, [2, [3, [4]]]]
  assert ev.Flatten()(nested) == [1, 2, 3, 4]
  assert ev.Flatten(1)(nested) == [1, 2, [3, [4]]]
  assert ev.Flatten(2)(nested) == [1, 2, 3, [4]]
  with pytest.raises(ValueError, match=r'\(path=max_level\)'):
    ev.Flatten(0)


def test_until_change_retries_until_the_output_differs():
  """UntilChange calls its operation until the output differs, within max_attempts."""
  calls = []

  def sometimes_same(xs):
    calls.append(1)
    return xs if len(calls) < 3 else xs[1:]

  assert ev.UntilChange(sometimes_same)([1, 2]) == [2]
  assert len(calls) == 3
  calls.clear()
  assert ev.UntilChange(sometimes_same, max_attempts=2)([1, 2]) == [1, 2]
  assert len(calls) == 2


@given(st.integers(0, 10 ** 6), st.floats(0.0, 1.0))
def test_choice_is_reproducible_with_its_seed(seed, probability):
  """Two choices with one seed decide the same way."""
  a = ev.Choice([(selectors.First(1), probability)], seed=seed)
  b = ev.Choice([(selectors.First(1), probability)], seed=seed)
  assert [a([1, 2]) for _ in range(5)] == [b([1, 2]) for _ in range(5)]


def test_choice_probabilities_limit_and_schedules():
  """Probability 1 always applies, 0 never; limit caps the count; schedules use the step."""
  drop = ev.Lambda(lambda xs: xs[1:])
  assert ev.Choice([(drop, 1.0), (drop, 0.0), (drop, 1.0)], seed=1)([1, 2, 3]) == [3]
  assert ev.Choice([(drop, 1.0), (drop, 1.0)], limit=1, seed=1)([1, 2, 3]) == [2, 3]
  assert ev.Choice([(drop, 1.0)], limit=0, seed=1)([1, 2]) == [1, 2]
  scheduled = ev.Choice([(drop, lambda step: 1.0 if step else 0.0)], seed=1)
  assert scheduled([1, 2], step=0) == [1, 2] and scheduled([1, 2], step=1) == [2]
  with pytest.raises(ValueError, match=r'out of range'):
    ev.Choice([(drop, 1.5)])


def test_choice_applies_about_as_often_as_asked():
  """Over many calls, p=0.3 applies roughly 30% of the time."""
  op = selectors.First(1).with_prob(0.3, seed=0)
  applied = sum(len(op([1, 2])) == 1 for _ in range(2000))
  assert 500 < applied < 700


def test_conditional_branches():
  """The predicate (with optional state keywords) picks the branch; a missing one is identity."""
  op = ev.Conditional(lambda xs, step: step > 0, selectors.First(1), selectors.Last(1))
  assert op([1, 2], step=1) == [1] and op([1, 2], step=0) == [2]
  assert ev.Conditional(lambda xs: False, selectors.First(1))([1, 2]) == [1, 2]


def test_compositions_are_symbolic():
  """A composition prints, compares, clones and round-trips JSON by its fields."""
  op = (selectors.Random(3, seed=1) >> selectors.Top(1)) * 2 + ev.Identity()
  assert pg.from_json(pg.to_json(op)) == op
  assert op.clone(deep=True) == op
  assert 'Repeat' in str(op) and 'seed=1' in repr(op)


def test_docstring_examples(run_doctests):
  """The module's examples run."""
  run_doctests('pyglove.generators.evolution._compositions')
