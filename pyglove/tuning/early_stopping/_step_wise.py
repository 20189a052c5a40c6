"""Step-wise early stopping: gates at given steps, by a threshold or by rank."""
from __future__ import annotations

import abc
import bisect
import numbers
from typing import Any, Sequence

from pyglove.tuning._measurement import check_metric
from pyglove.tuning._trial import Trial
from pyglove.tuning.early_stopping._base import EarlyStoppingPolicy


class _StepWise(EarlyStoppingPolicy):
  """Gates sorted by step; a trial's latest measurement meets the last gate at or below its step."""

  def __init__(self, gates: Sequence[tuple[int, Any]], metric: str,
               maximize: bool) -> None:
    if not isinstance(metric, str):
      raise TypeError(f'metric must be a str; got {metric!r}.')
    gates = list(gates)
    steps = []
    for gate in gates:
      if not isinstance(gate, tuple) or not gate:
        raise TypeError(
            f'Each gate must be a tuple starting with its step; got {gate!r}.')
      step = gate[0]
      if isinstance(step, bool) or not isinstance(step, int) or step < 0:
        raise ValueError(
            f'A gate step must be a non-negative int; got {step!r} in {gate!r}.')
      steps.append(step)
    if len(set(steps)) != len(steps):
      raise ValueError(f'Gate steps must be distinct; got {sorted(steps)}.')
    if not steps:
      raise ValueError('At least one gate is required; got none.')
    order = sorted(range(len(steps)), key=steps.__getitem__)
    self._steps = [steps[i] for i in order]
    self._gates = [gates[i] for i in order]
    self.metric = metric
    self.maximize = maximize

  def should_stop_early(self, trial: Trial) -> bool:
    final = trial.final_measurement
    if final is None:
      return False
    gate = bisect.bisect_right(self._steps, final.step) - 1
    if gate < 0:
      return False
    value = final.get(self.metric)
    if value is None:
      raise ValueError(
          f'Early stopping needs metric {self.metric!r}, which trial '
          f'{trial.id} did not report at step {final.step}; it reported '
          f'reward={final.reward!r}, metrics={sorted(final.metrics)}.')
    value = check_metric(self.metric, value, finite=False)
    # Compare as "higher is better" throughout.
    return self._stop(gate, trial.id, value if self.maximize else -value)

  @abc.abstractmethod
  def _stop(self, gate: int, trial_id: int, score: float) -> bool:
    """Decides at gate `gate` for a score where higher is better."""


class StopByValue(_StepWise):
  """Stops a trial whose metric is worse than a threshold at a gate step.

  Args:
    step_values: ``[(step, threshold), ...]``; from each step on, a trial
      whose metric is below the threshold (above it when minimizing) stops.
    metric: the metric to read ('reward' for the reward).
    maximize: whether higher values are better.
  """

  def __init__(self, step_values: Sequence[tuple[int, float]],
               metric: str = 'reward', maximize: bool = True) -> None:
    super().__init__(step_values, metric, maximize)
    for gate in self._gates:
      if len(gate) != 2:
        raise ValueError(
            f'A gate of early_stop_by_value is (step, threshold); got {gate!r}.')
      check_metric('threshold', gate[1], finite=True)
    self._thresholds = [g[1] if maximize else -g[1] for g in self._gates]

  def _stop(self, gate: int, trial_id: int, score: float) -> bool:
    return score < self._thresholds[gate]

  def __repr__(self) -> str:
    return (f'StopByValue({self._gates!r}, metric={self.metric!r}, '
            f'maximize={self.maximize})')


class StopByRank(_StepWise):
  """Stops a trial that does not rank among the best at a gate step.

  Each trial's value is recorded the first time it is judged at a gate;
  later trials are ranked against those values.

  Args:
    step_ranks: ``[(step, rank, min_histogram_size), ...]``. `rank` is an
      int k (keep the top k) or a float p in (0, 1] (keep the top fraction p).
      The policy decides only once `min_histogram_size` trials (this one
      included) have a value at that gate.
    metric: the metric to read ('reward' for the reward).
    maximize: whether higher values are better.
  """

  def __init__(self, step_ranks: Sequence[tuple[int, int | float, int]],
               metric: str = 'reward', maximize: bool = True) -> None:
    super().__init__(step_ranks, metric, maximize)
    for gate in self._gates:
      _check_rank_gate(gate)
    self._histograms: list[dict[int, float]] = []
    self._setup()

  def _setup(self) -> None:
    self._histograms = [{} for _ in self._gates]

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

  def __repr__(self) -> str:
    return (f'StopByRank({self._gates!r}, metric={self.metric!r}, '
            f'maximize={self.maximize})')


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
  if isinstance(min_size, bool) or not isinstance(min_size, int) or min_size < 1:
    raise ValueError(
        f'min_histogram_size must be an int >= 1; got {min_size!r} in {gate!r}.')


def early_stop_by_value(step_values: Sequence[tuple[int, float]],
                        metric: str = 'reward',
                        maximize: bool = True) -> StopByValue:
  """A policy that stops trials below a threshold at given steps.

  Args:
    step_values: ``[(step, threshold), ...]``.
    metric: the metric to compare ('reward' for the reward).
    maximize: whether higher values are better.

  Returns:
    The policy, for `pg.sample(..., early_stopping_policy=...)`.

  Raises:
    TypeError / ValueError: a malformed gate (the message shows it).

  Example:
    >>> policy = pg.early_stopping.early_stop_by_value([(10, 0.2), (50, 0.6)])
  """
  return StopByValue(step_values, metric, maximize)


def early_stop_by_rank(step_ranks: Sequence[tuple[int, int | float, int]],
                       metric: str = 'reward',
                       maximize: bool = True) -> StopByRank:
  """A policy that stops trials not among the top k (or top fraction) at given steps.

  Args:
    step_ranks: ``[(step, rank, min_histogram_size), ...]``; an int rank keeps
      the top k, a float in (0, 1] keeps that fraction.
    metric: the metric to compare ('reward' for the reward).
    maximize: whether higher values are better.

  Returns:
    The policy, for `pg.sample(..., early_stopping_policy=...)`.

  Raises:
    TypeError / ValueError: a malformed gate (the message shows it).

  Example:
    >>> policy = pg.early_stopping.early_stop_by_rank([(10, 0.5, 5), (50, 3, 5)])
  """
  return StopByRank(step_ranks, metric, maximize)
