"""Measurement: the reward and metrics a trial reported at one step."""
from __future__ import annotations

import math
import numbers
from typing import Any, Sequence

from pyglove import symbolic
from pyglove import typing as pg_typing
from pyglove.symbolic._compact import CompactObject
from pyglove.symbolic._compact import compact_write
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


class Measurement(CompactObject):
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

  A `pg.Object` (as in the reference: rebind, clone, JSON, format and the
  `sym_*` API work), made compact: the loop reads and writes it as plain
  data, its symbolic state is built on first symbolic use.

  Example:
    >>> Measurement(0.5, {'accuracy': 0.9}, step=10).get('accuracy')
    0.9
  """

  allow_symbolic_assignment = True
  use_symbolic_comparison = False
  _sym_signature_from_init = True  # inspect.signature shows __init__'s arguments.
  serialization_aliases = ('pyglove.core.tuning.protocols.Measurement',)

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
    if checkpoint_path is not None and not isinstance(checkpoint_path, str):
      raise TypeError(f'checkpoint_path must be a str or None; got {checkpoint_path!r}.')
    d = self.__dict__
    d['_compact'] = True
    d['reward'] = reward
    d['metrics'] = metrics if metrics is not None else {}
    d['step'] = step
    d['elapse_secs'] = check_metric('elapse_secs', elapse_secs, finite=False)
    d['checkpoint_path'] = checkpoint_path

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

  def __setattr__(self, name: str, value: Any) -> None:
    if name in _FIELDS and self.__dict__.get('_compact'):
      compact_write(self, **{name: value})
    else:
      super().__setattr__(name, value)

  def __eq__(self, other: Any) -> bool:
    return (isinstance(other, Measurement) and self.reward == other.reward
            and dict(self.metrics) == dict(other.metrics) and self.step == other.step
            and self.elapse_secs == other.elapse_secs
            and self.checkpoint_path == other.checkpoint_path)

  def __ne__(self, other: Any) -> bool:
    return not self == other

  def __hash__(self) -> int:
    return hash((self.reward, self.step, self.elapse_secs, self.checkpoint_path,
                 tuple(sorted(self.metrics.items()))))

  def sym_eq(self, other: Any) -> bool:
    return self == other

  def __repr__(self) -> str:
    return (f'Measurement(step={self.step}, reward={self.reward!r}, '
            f'metrics={self.metrics!r})')

  def to_json(self, **kwargs: Any) -> dict[str, Any]:
    """The JSON form (the same keys as any `pg.Object` of this class)."""
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
    """Rebuilds a measurement from `to_json` output, checking every value."""
    return cls(
        reward=from_json(json_value.get('reward'), **kwargs),
        metrics={k: from_json(v, **kwargs)
                 for k, v in (json_value.get('metrics') or {}).items()},
        step=json_value.get('step', 0),
        elapse_secs=json_value.get('elapse_secs', 0.0),
        checkpoint_path=json_value.get('checkpoint_path'))


symbolic.members([
    ('reward', pg_typing.Float().noneable(),
     'The reward (maximized), or None when only metrics are reported.'),
    ('metrics', pg_typing.Dict([(pg_typing.StrKey(), pg_typing.Float(), 'A metric.')]),
     'Other named values.'),
    ('step', pg_typing.Int(default=0), 'The step the values were measured at.'),
    ('elapse_secs', pg_typing.Float(default=0.0), 'Seconds since the trial was handed out.'),
    ('checkpoint_path', pg_typing.Str().noneable(),
     'Where the model of this step was saved, if anywhere.'),
])(Measurement)
_FIELDS = frozenset(Measurement._sym_keys)  # pylint: disable=protected-access
