"""Step-wise early stopping: gates at given steps, by a threshold or by rank."""
from __future__ import annotations

import abc
import bisect
import numbers
from typing import Any, Sequence

from pyglove import symbolic
from pyglove import typing as pg_typing
from pyglove.tuning._measurement import check_metric
from pyglove.tuning._trial import Trial
from pyglove.tuning.early_stopping._base import EarlyStoppingPolicy


class _StepWise(EarlyStoppingPolicy):
  """Gates sorted by step; a trial's latest measurement meets the last gate at or below its step.

  Subclasses declare the gates' field (`_GATES`) and check each gate
  (`_check_gate`); `metric` and `maximize` are common fields.
  """

  _GATES = ''

  def _on_bound(self) -> None:
    super()._on_bound()
    metric = self.metric
    if not isinstance(metric, str) and not callable(metric):
      raise TypeError(
          f'metric must be a metric name or a function of a Measurement; got '
          f'{metric!r}.')
    gates = list(getattr(self, self._GATES))
    steps = []
    for gate in gates:
      if not isinstance(gate, tuple) or not gate:
        raise TypeError(
            f'Each gate must be a tuple starting with its step; got {gate!r}.')
      step = gate[0]
      if isinstance(step, bool) or not isinstance(step, int) or step < 0:
        raise ValueError(
            f'A gate step must be a non-negative int; got {step!r} in {gate!r}.')
      self._check_gate(gate)
      steps.append(step)
    if len(set(steps)) != len(steps):
      raise ValueError(f'Gate steps must be distinct; got {sorted(steps)}.')
    if not steps:
      raise ValueError('At least one gate is required; got none.')
    order = sorted(range(len(steps)), key=steps.__getitem__)
    self._steps = [steps[i] for i in order]
    self._gates = [gates[i] for i in order]
    self._setup()

  def _check_gate(self, gate: tuple[Any, ...]) -> None:
    """Raises TypeError/ValueError for a malformed gate."""

  def should_stop_early(self, trial: Trial) -> bool:
    final = trial.final_measurement
    if final is None:
      return False
    gate = bisect.bisect_right(self._steps, final.step) - 1
    if gate < 0:
      return False
    metric = self.metric
    value = final.get(metric) if isinstance(metric, str) else metric(final)
    if value is None:
      raise ValueError(
          f'Early stopping needs metric {metric!r}, which trial '
          f'{trial.id} did not report at step {final.step}; it reported '
          f'reward={final.reward!r}, metrics={sorted(final.metrics)}.')
    value = check_metric(str(metric), value, finite=False)
    # Compare as "higher is better" throughout.
    return self._stop(gate, trial.id, value if self.maximize else -value)

  @abc.abstractmethod
  def _stop(self, gate: int, trial_id: int, score: float) -> bool:
    """Decides at gate `gate` for a score where higher is better."""


_METRIC = ('metric', pg_typing.Union([pg_typing.Str(), pg_typing.Callable()],
                                     default='reward'),
           "The metric to compare ('reward' for the reward), or a function of "
           'a Measurement returning the value.')
_MAXIMIZE = ('maximize', pg_typing.Bool(default=True), 'Whether higher values are better.')


@symbolic.members([
    ('step_values', pg_typing.List(pg_typing.Any()),
     '[(step, threshold), ...]: from each step on, a trial whose metric is '
     'below the threshold (above it when minimizing) stops.'),
    _METRIC, _MAXIMIZE,
])
class StopByValue(_StepWise):
  """Stops a trial whose metric is worse than a threshold at a gate step.

  Example:
    >>> policy = StopByValue([(10, 0.2), (50, 0.6)])
    >>> policy.maximize
    True
  """

  _GATES = 'step_values'

  def _check_gate(self, gate: tuple[Any, ...]) -> None:
    if len(gate) != 2:
      raise ValueError(
          f'A gate of early_stop_by_value is (step, threshold); got {gate!r}.')
    check_metric('threshold', gate[1], finite=True)

  def _setup(self) -> None:
    self._thresholds = [g[1] if self.maximize else -g[1] for g in self._gates]

  def _stop(self, gate: int, trial_id: int, score: float) -> bool:
    return score < self._thresholds[gate]


@symbolic.members([
    ('step_ranks', pg_typing.List(pg_typing.Any()),
     '[(step, rank, min_histogram_size), ...]: rank is an int k (keep the top '
     'k) or a float p in (0, 1] (keep the top fraction p); the policy decides '
     'once min_histogram_size trials (this one included) have a value at '
     'that gate.'),
    _METRIC, _MAXIMIZE,
])
class StopByRank(_StepWise):
  """Stops a trial that does not rank among the best at a gate step.

  Each trial's value is recorded the first time it is judged at a gate;
  later trials are ranked against those values.

  Example:
    >>> policy = StopByRank([(10, 0.5, 5), (50, 3, 5)])
    >>> policy.metric
    'reward'
  """

  _GATES = 'step_ranks'

  def _check_gate(self, gate: tuple[Any, ...]) -> None:
    _check_rank_gate(gate)

  def _setup(self) -> None:
    self._histograms: list[dict[int, float]] = [{} for _ in self._gates]

  def _stop(self, gate: int, trial_id: int, score: float) -> bool:
    histogram = self._histograms[gate]
    score = histogram.setdefault(trial_id, score)
    _, rank, min_size = self._gates[gate]
    if len(histogram) < min_size:
      return False
    better = sum(1 for v in histogram.values() if v > score)
    if isinstance(rank, float):
      return better >= rank * len(histogram)
    return better >= rank


def _check_rank_gate(gate: tuple[Any, ...]) -> None:
  if len(gate) != 3:
    raise ValueError(
        'A gate of early_stop_by_rank is (step, rank, min_histogram_size); '
        f'got {gate!r}.')
  _, rank, min_size = gate
  if isinstance(rank, bool) or not isinstance(rank, numbers.Real):
    raise TypeError(
        f'A rank must be an int (top k) or a float in (0, 1] (top fraction); '
        f'got {rank!r} in {gate!r}.')
  if isinstance(rank, int) and rank < 1 or (
      isinstance(rank, float) and not 0.0 < rank <= 1.0):
    raise ValueError(
        f'A rank must be an int >= 1 or a float in (0, 1]; got {rank!r} in '
        f'{gate!r}.')
  if isinstance(min_size, bool) or not isinstance(min_size, int) or min_size < 0:
    raise ValueError(
        f'min_histogram_size must be an int >= 0; got {min_size!r} in {gate!r}.')


@symbolic.functor
def early_stop_by_value(step_values: Sequence[tuple[int, float]],
                        metric: Any = 'reward',
                        maximize: bool = True) -> StopByValue:
  """A functor that makes a policy stopping trials below a threshold at given steps.

  As in the reference, ``early_stop_by_value(...)`` is a symbolic functor:
  call it to get the policy (so the policy's recipe can be printed, saved
  and rebound before it is made).

  Args:
    step_values: ``[(step, threshold), ...]``.
    metric: the metric to compare ('reward' for the reward), or a function
      of a `Measurement` returning the value.
    maximize: whether higher values are better.

  Returns:
    The policy (a `StopByValue`), for `pg.sample(..., early_stopping_policy=...)`.

  Raises:
    TypeError / ValueError: a malformed gate (the message shows it).

  Example:
    >>> policy = pg.early_stopping.early_stop_by_value([(10, 0.2), (50, 0.6)])()
    >>> type(policy).__name__
    'StopByValue'
  """
  return StopByValue(list(step_values), metric, maximize)


@symbolic.functor
def early_stop_by_rank(step_ranks: Sequence[tuple[int, int | float, int]],
                       metric: Any = 'reward',
                       maximize: bool = True) -> StopByRank:
  """A functor that makes a policy stopping trials not among the top k (or fraction) at given steps.

  Call it to get the policy, as in the reference.

  Args:
    step_ranks: ``[(step, rank, min_histogram_size), ...]``; an int rank keeps
      the top k, a float in (0, 1] keeps that fraction.
    metric: the metric to compare ('reward' for the reward), or a function
      of a `Measurement` returning the value.
    maximize: whether higher values are better.

  Returns:
    The policy (a `StopByRank`), for `pg.sample(..., early_stopping_policy=...)`.

  Raises:
    TypeError / ValueError: a malformed gate (the message shows it).

  Example:
    >>> policy = pg.early_stopping.early_stop_by_rank([(10, 0.5, 5), (50, 3, 5)])()
    >>> type(policy).__name__
    'StopByRank'
  """
  return StopByRank(list(step_ranks), metric, maximize)
