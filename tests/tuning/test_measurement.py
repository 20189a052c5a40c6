"""Tests of Measurement and the metric check."""
from __future__ import annotations

import importlib
import math

import hypothesis
from hypothesis import strategies as st
import numpy as np
import pytest

import pyglove as pg
from pyglove.tuning import Measurement
from pyglove.tuning._measurement import check_metric
from pyglove.utils import from_json
from pyglove.utils import to_json


@pytest.mark.parametrize('value, expected', [
    (1, 1.0), (0.5, 0.5), (np.float32(0.25), 0.25), (np.int64(3), 3.0)])
def test_check_metric_accepts_real_numbers_as_floats(value, expected):
  """Ints, floats and numpy scalars come back as Python floats."""
  result = check_metric('m', value, finite=True)
  assert result == expected and type(result) is float


@pytest.mark.parametrize('value', ['1.0', None, True, [1.0], 1j])
def test_check_metric_rejects_non_numbers(value):
  """Strings, None, bools, lists and complex numbers are TypeErrors naming the metric."""
  with pytest.raises(TypeError, match="Metric 'acc' must be a real number"):
    check_metric('acc', value, finite=False)


@pytest.mark.parametrize('value', [math.nan, math.inf, -math.inf, np.float64('nan')])
def test_check_metric_rejects_non_finite_values_to_optimize(value):
  """NaN and infinities are ValueErrors when the metric is optimized."""
  with pytest.raises(ValueError, match="Metric 'reward' must be a finite number"):
    check_metric('reward', value, finite=True)


def test_check_metric_keeps_non_finite_values_not_optimized():
  """A metric that is only recorded may be infinite."""
  assert check_metric('loss', math.inf, finite=False) == math.inf


def test_get_reads_the_reward_and_metrics():
  """get('reward') is the reward; other names read the metrics; absent is None."""
  m = Measurement(0.5, {'acc': 0.9, 'reward': 0.1}, step=3)
  assert (m.get('reward'), m.get('acc'), m.get('latency')) == (0.5, 0.9, None)
  assert Measurement(None, {'reward': 0.1}).get('reward') == 0.1


def test_reward_for_feedback_is_a_float_or_a_tuple():
  """One metric gives its value; several give a tuple in order."""
  m = Measurement(0.5, {'acc': 0.9})
  assert m.reward_for_feedback(['acc']) == 0.9
  assert m.reward_for_feedback(['acc', 'reward']) == (0.9, 0.5)


def test_equality_compares_every_field():
  """Measurements are equal when every field is; equal ones hash alike (as in the reference)."""
  assert Measurement(1.0, {'a': 1.0}, 2) == Measurement(1.0, {'a': 1.0}, 2)
  assert Measurement(1.0, step=2) != Measurement(1.0, step=3)
  assert Measurement(1.0) != 1.0
  assert hash(Measurement(1.0, {'a': 1.0}, 2)) == hash(Measurement(1.0, {'a': 1.0}, 2))


def test_repr_shows_step_reward_and_metrics():
  """The repr names the step, reward and metrics."""
  assert repr(Measurement(1.0, {'a': 2.0}, 4)) == (
      "Measurement(step=4, reward=1.0, metrics={'a': 2.0})")


@hypothesis.given(
    reward=st.none() | st.floats(allow_nan=False),  # infinities included
    metrics=st.dictionaries(st.text(min_size=1), st.floats(allow_nan=False),
                            max_size=3),
    step=st.integers(0, 10**6),
    checkpoint=st.none() | st.text())
def test_json_round_trip(reward, metrics, step, checkpoint):
  """from_json(to_json(m)) == m."""
  m = Measurement(reward, metrics, step, 1.5, checkpoint)
  assert from_json(to_json(m)) == m


def test_docstring_examples_run(run_doctests):
  """The module's docstring examples run as written."""
  run_doctests(importlib.import_module('pyglove.tuning._measurement'))


@pytest.mark.parametrize('kwargs, message', [
    (dict(reward='high'), "Metric 'reward' must be a real number; got 'high'"),
    (dict(metrics={'acc': None}), "Metric 'acc' must be a real number; got None"),
    (dict(metrics={1: 0.5}), 'A metric name must be a str; got 1'),
    (dict(metrics=[('acc', 0.5)]), 'metrics must be a dict'),
    (dict(step=1.5), 'A measurement step must be an int; got 1.5'),
])
def test_bad_values_are_type_errors(kwargs, message):
  """A reward, metric or step of the wrong type is refused with a TypeError."""
  with pytest.raises(TypeError, match=message):
    Measurement(**kwargs)


def test_a_bad_reward_in_json_is_rejected():
  """A measurement loaded from JSON with reward 'high' raises TypeError."""
  data = to_json(Measurement(0.5))
  data['reward'] = 'high'
  with pytest.raises(TypeError, match="Metric 'reward' must be a real number"):
    from_json(data)


def test_numpy_numbers_are_accepted():
  """numpy rewards, metrics and steps become Python numbers."""
  m = Measurement(np.float32(0.5), {'acc': np.int64(1)}, step=np.int64(3))
  assert (type(m.reward), type(m.metrics['acc']), type(m.step)) == (float, float, int)


def test_a_measurement_is_a_symbolic_object():
  """rebind, clone and symbolic JSON work as on any pg.Object (as in the reference)."""
  m = Measurement(0.5, {'acc': 0.9}, step=3)
  assert isinstance(m, pg.Object) and m.sym_init_args.step == 3
  m.rebind({'metrics.acc': 0.95})
  assert m.metrics['acc'] == 0.95 and m.get('acc') == 0.95
  assert m.clone(deep=True) == m
  assert pg.from_json_str(m.to_json_str()) == m
  with pytest.raises(TypeError):
    m.rebind(step='late')
  assert m.step == 3
