"""Measurement: the reward and metrics a trial reported at one step."""
from __future__ import annotations

import math
import numbers
from typing import Any, Sequence

from pyglove.symbolic import HtmlConvertible
from pyglove.utils import JSONConvertible
from pyglove.utils import from_json
from pyglove.utils import to_json
from pyglove.utils import type_key


def check_metric(name: str, value: Any, finite: bool) -> float:
  """Returns `value` as a float after checking that it is a real number.

  Args:
    name: the metric's name, for the message.
    value: the reported value.
    finite: also reject NaN and infinities (values fed to an algorithm).

  Returns:
    The value as a float.

  Raises:
    TypeError: the value is not a real number (a bool is not one).
    ValueError: `finite` and the value is NaN or infinite.

  Example:
    >>> check_metric('reward', 1, finite=True)
    1.0
  """
  if type(value) is not float:  # Floats skip the slower ABC check.
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
      raise TypeError(
          f'Metric {name!r} must be a real number; got {value!r} of type '
          f'{type(value).__name__}.')
    value = float(value)
  if finite and not math.isfinite(value):
    raise ValueError(
        f'Metric {name!r} must be a finite number to be optimized; got {value!r}.')
  return value


def _metric_name(name: Any) -> str:
  if not isinstance(name, str):
    raise TypeError(f'A metric name must be a str; got {name!r}.')
  return name


class Measurement(JSONConvertible, HtmlConvertible):
  """What a trial reported at one step: a reward and/or named metrics.

  Args:
    reward: the reward (maximized), or None when only metrics are reported.
    metrics: other named values, e.g. ``{'accuracy': 0.9, 'latency': 3.0}``.
    step: the training step the values were measured at.
    elapse_secs: seconds since the trial was handed out.
    checkpoint_path: where the model of this step was saved, if anywhere.

  Raises:
    TypeError: the reward or a metric is not a real number (e.g. read from a
      damaged file), a metric name is not a str, or the step is not an int.

  Example:
    >>> Measurement(0.5, {'accuracy': 0.9}, step=10).get('accuracy')
    0.9
  """

  __slots__ = ('reward', 'metrics', 'step', 'elapse_secs', 'checkpoint_path')

  def __init__(self, reward: float | None = None,
               metrics: dict[str, float] | None = None, step: int = 0,
               elapse_secs: float = 0.0,
               checkpoint_path: str | None = None) -> None:
    if reward is not None:
      reward = check_metric('reward', reward, finite=False)
    if metrics:
      if not isinstance(metrics, dict):
        raise TypeError(
            f'metrics must be a dict of metric names to numbers; got {metrics!r}.')
      metrics = {_metric_name(k): check_metric(k, v, finite=False)
                 for k, v in metrics.items()}
    if type(step) is not int:  # pylint: disable=unidiomatic-typecheck
      if isinstance(step, bool) or not isinstance(step, numbers.Integral):
        raise TypeError(f'A measurement step must be an int; got {step!r}.')
      step = int(step)
    self.reward = reward
    self.metrics = metrics if metrics is not None else {}
    self.step = step
    self.elapse_secs = elapse_secs
    self.checkpoint_path = checkpoint_path

  def get(self, metric: str) -> float | None:
    """Returns the value of `metric` ('reward' is the reward), or None if absent."""
    if metric == 'reward' and self.reward is not None:
      return self.reward
    return self.metrics.get(metric)

  def reward_for_feedback(
      self, metrics_to_optimize: Sequence[str]) -> float | tuple[float, ...]:
    """The value for the algorithm: one metric's value, or a tuple of several."""
    if len(metrics_to_optimize) == 1:
      return self.get(metrics_to_optimize[0])
    return tuple(self.get(m) for m in metrics_to_optimize)

  def __eq__(self, other: Any) -> bool:
    return (isinstance(other, Measurement) and self.reward == other.reward
            and self.metrics == other.metrics and self.step == other.step
            and self.elapse_secs == other.elapse_secs
            and self.checkpoint_path == other.checkpoint_path)

  __hash__ = None  # Mutable data: equality only.

  def _html_tree_items(self) -> list[tuple[str, Any]]:
    """Its fields, as notebooks show them (`pg.to_html`)."""
    return [(name, getattr(self, name)) for name in self.__slots__]

  def __repr__(self) -> str:
    return (f'Measurement(step={self.step}, reward={self.reward!r}, '
            f'metrics={self.metrics!r})')

  def to_json(self, **kwargs: Any) -> dict[str, Any]:
    return {
        '_type': type_key(type(self)),
        'reward': to_json(self.reward),
        # Values one by one: a metric may be named '_type'.
        'metrics': {k: to_json(v) for k, v in self.metrics.items()},
        'step': self.step,
        'elapse_secs': self.elapse_secs,
        'checkpoint_path': self.checkpoint_path,
    }

  @classmethod
  def from_json(cls, json_value: dict[str, Any], **kwargs: Any) -> Measurement:
    return cls(
        reward=from_json(json_value.get('reward'), **kwargs),
        metrics={k: from_json(v, **kwargs)
                 for k, v in (json_value.get('metrics') or {}).items()},
        step=json_value.get('step', 0),
        elapse_secs=json_value.get('elapse_secs', 0.0),
        checkpoint_path=json_value.get('checkpoint_path'))
