"""Tests of the step-wise policies early_stop_by_value and early_stop_by_rank."""
from __future__ import annotations

import importlib

import hypothesis
from hypothesis import strategies as st
import pytest

import pyglove as pg
from pyglove.geno import _state_json
from pyglove import geno
from pyglove.tuning import Measurement
from pyglove.tuning import Trial
from pyglove.tuning import early_stopping


def _trial(i, value, step, **metrics):
  return Trial(i, geno.DNA(0), 0.0,
               measurements=[Measurement(value, metrics, step=step)])


def test_by_value_stops_below_the_threshold_of_the_last_gate_passed():
  """From a gate's step on, a value below its threshold stops the trial."""
  policy = early_stopping.early_stop_by_value([(10, 0.2), (5, 0.1)])()
  assert not policy.should_stop_early(_trial(1, 0.0, 4))    # before any gate
  assert policy.should_stop_early(_trial(1, 0.05, 5))
  assert not policy.should_stop_early(_trial(1, 0.15, 9))
  assert policy.should_stop_early(_trial(1, 0.15, 10))
  assert not policy.should_stop_early(_trial(1, 0.2, 100))


def test_by_value_when_minimizing_stops_above_the_threshold():
  """maximize=False stops values above the threshold, on the named metric."""
  policy = early_stopping.early_stop_by_value([(1, 2.0)], metric='loss',
                                               maximize=False)()
  assert policy.should_stop_early(_trial(1, None, 1, loss=3.0))
  assert not policy.should_stop_early(_trial(1, None, 1, loss=1.0))


def test_a_trial_without_measurements_is_never_stopped():
  """No measurement, no decision."""
  policy = early_stopping.early_stop_by_value([(0, 1.0)])()
  assert not policy.should_stop_early(Trial(1, geno.DNA(0), 0.0))


def test_a_missing_metric_is_a_value_error():
  """A gate on a metric the trial did not report raises ValueError naming it."""
  policy = early_stopping.early_stop_by_value([(0, 1.0)], metric='acc')()
  with pytest.raises(ValueError, match="needs metric 'acc', which trial 4 did not report at step 2"):
    policy.should_stop_early(_trial(4, 0.5, 2))


def test_by_rank_keeps_the_top_k():
  """An int rank k stops trials with k or more better values at the gate."""
  policy = early_stopping.early_stop_by_rank([(5, 2, 3)])()
  assert not policy.should_stop_early(_trial(1, 0.9, 5))   # histogram too small
  assert not policy.should_stop_early(_trial(2, 0.5, 6))
  assert policy.should_stop_early(_trial(3, 0.1, 5))       # third of three
  assert not policy.should_stop_early(_trial(4, 0.95, 7))  # best so far
  assert policy.should_stop_early(_trial(5, 0.6, 5))       # two are better


def test_by_rank_keeps_the_top_fraction():
  """A float rank p keeps trials with fewer than p * n better values."""
  policy = early_stopping.early_stop_by_rank([(0, 0.5, 1)])()
  decisions = [policy.should_stop_early(_trial(i, v, 0))
               for i, v in enumerate([0.5, 0.9, 0.1, 0.8], 1)]
  assert decisions == [False, False, True, False]


def test_by_rank_judges_each_trial_by_its_first_value_at_a_gate():
  """A trial's recorded value at a gate is not replaced by later reports."""
  policy = early_stopping.early_stop_by_rank([(0, 1, 1)])()
  policy.should_stop_early(_trial(1, 0.9, 0))
  assert policy.should_stop_early(_trial(2, 0.1, 0))
  assert policy.should_stop_early(_trial(2, 0.99, 1))


def test_setup_forgets_the_histograms():
  """setup() starts a fresh study: earlier values no longer count."""
  policy = early_stopping.early_stop_by_rank([(0, 1, 1)])()
  policy.should_stop_early(_trial(1, 0.9, 0))
  policy.setup(None)
  assert not policy.should_stop_early(_trial(2, 0.1, 0))


def test_recover_rebuilds_the_histograms():
  """recover(trials) gives the same decisions as having seen them."""
  trials = [_trial(i, v, 0) for i, v in enumerate([0.3, 0.9, 0.5], 1)]
  policy = early_stopping.early_stop_by_rank([(0, 1, 2)])()
  policy.recover(trials)
  assert policy.should_stop_early(_trial(4, 0.6, 0))


@pytest.mark.parametrize('gates, error, message', [
    ([], ValueError, 'At least one gate is required'),
    ([5], TypeError, 'Each gate must be a tuple starting with its step; got 5'),
    ([(-1, 0.1)], ValueError, 'A gate step must be a non-negative int; got -1'),
    ([(1.5, 0.1)], ValueError, 'A gate step must be a non-negative int; got 1.5'),
    ([(1, 0.1), (1, 0.2)], ValueError, r'Gate steps must be distinct; got \[1, 1\]'),
    ([(1, 0.1, 3)], ValueError, r'is \(step, threshold\); got \(1, 0.1, 3\)'),
    ([(1, 'x')], TypeError, "Metric 'threshold' must be a real number"),
])
def test_by_value_rejects_malformed_gates(gates, error, message):
  """Malformed gates of early_stop_by_value raise the documented error."""
  with pytest.raises(error, match=message):
    early_stopping.early_stop_by_value(gates)()


@pytest.mark.parametrize('gates, error, message', [
    ([(1, 2)], ValueError, r'is \(step, rank, min_histogram_size\)'),
    ([(1, 'top', 3)], TypeError, "A rank must be an int .* got 'top'"),
    ([(1, 0, 3)], ValueError, 'A rank must be an int >= 1 or a float in \\(0, 1\\]; got 0'),
    ([(1, 1.5, 3)], ValueError, 'got 1.5'),
    ([(1, 2, -1)], ValueError, 'min_histogram_size must be an int >= 0; got -1'),
])
def test_by_rank_rejects_malformed_gates(gates, error, message):
  """Malformed gates of early_stop_by_rank raise the documented error."""
  with pytest.raises(error, match=message):
    early_stopping.early_stop_by_rank(gates)()


def test_metric_must_be_a_name_or_a_function():
  """A metric that is neither a str nor callable is a TypeError."""
  with pytest.raises(TypeError, match='metric'):
    early_stopping.early_stop_by_value([(1, 0.1)], metric=3)()


def test_a_function_metric_reads_the_measurement():
  """metric= may be a function of the latest Measurement, as in the reference."""
  policy = early_stopping.early_stop_by_value([(0, 1.0)], metric=lambda m: m.metrics['a'] * 2)()
  assert policy.should_stop_early(_trial(1, None, 0, a=0.4))
  assert not policy.should_stop_early(_trial(1, None, 0, a=0.6))


def test_the_functions_are_functors_to_call():
  """early_stop_by_value(...) is a symbolic functor; calling it makes the policy."""
  functor = early_stopping.early_stop_by_rank([(1, 0.5, 0)], maximize=False)
  assert isinstance(functor, pg.Functor) and functor.maximize is False
  policy = functor()
  assert isinstance(policy, early_stopping.StopByRank)
  assert (policy.step_ranks, policy.maximize) == ([(1, 0.5, 0)], False)


def test_a_policy_keeps_its_memory_through_generator_state_json():
  """A study stores a policy with its histograms; the restored one decides the same."""
  policy = early_stopping.early_stop_by_rank([(0, 1, 2)])()
  policy.setup(None)
  policy.should_stop_early(_trial(1, 0.9, 0))
  restored = _state_json.loads(_state_json.dumps(policy))
  assert pg.eq(restored, policy)
  assert restored.should_stop_early(_trial(2, 0.1, 0)) is True


@hypothesis.given(st.lists(st.floats(-10, 10), min_size=1, max_size=30),
                  st.integers(1, 5))
def test_top_k_never_stops_the_best_so_far(values, k):
  """A trial with the best value so far at a gate is never stopped by rank."""
  policy = early_stopping.early_stop_by_rank([(0, k, 1)])()
  best = None
  for i, v in enumerate(values, 1):
    stopped = policy.should_stop_early(_trial(i, v, 0))
    if best is None or v >= best:
      assert not stopped
      best = v


def test_docstring_examples_run(run_doctests):
  """The module's docstring examples run as written."""
  run_doctests(importlib.import_module('pyglove.tuning.early_stopping._step_wise'))
