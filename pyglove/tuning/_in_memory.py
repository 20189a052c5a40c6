"""The in-memory backend: studies live in this process (the default backend)."""
from __future__ import annotations

import threading
import time
from typing import Any, Sequence

from pyglove.tuning._backend import Backend
from pyglove.tuning._backend import Study
from pyglove.tuning._backend import add_backend
from pyglove.tuning._backend import check_joinable
from pyglove.tuning._backend import prepare_algorithm
from pyglove.tuning._measurement import Measurement
from pyglove.tuning._result import Result
from pyglove.tuning._trial import COMPLETED
from pyglove.tuning._trial import Trial


class InMemoryStudy(Study):
  """A study held in memory; its lock makes it safe for loops in several threads.

  The whole process is one worker: `end_loop()` ends the study for good, and
  a named study stays in the process-wide registry until the process exits.

  Example:
    >>> study = InMemoryBackend().open_study(
    ...     name=None, dna_spec=pg.dna_spec(pg.oneof([1, 2])), algorithm=None,
    ...     early_stopping_policy=None, num_examples=10,
    ...     metrics_to_optimize=['reward'])
    >>> study.next_trial('worker-1').id, study.next_trial('worker-2').id
    (1, 2)
  """

  def __init__(self, name: str | None, dna_spec: Any, algorithm: Any,
               early_stopping_policy: Any, num_examples: int | None,
               metrics_to_optimize: Sequence[str]) -> None:
    self.name = name
    self.dna_spec = dna_spec
    self.algorithm = algorithm
    self.early_stopping_policy = early_stopping_policy
    self.num_examples = num_examples
    self.metrics_to_optimize = tuple(metrics_to_optimize)
    self._lock = threading.RLock()
    self._trials: list[Trial] = []
    self._pending: dict[str, Trial] = {}
    self._group_of: dict[int, str] = {}
    self._metadata: dict[str, Any] = {}
    self._ended = False
    self._exhausted = False

  def next_trial(self, group: str) -> Trial | None:
    with self._lock:
      if self._ended:
        return None
      trial = self._pending.get(group)
      if trial is not None:
        return trial
      if self._exhausted or (self.num_examples is not None
                             and len(self._trials) >= self.num_examples):
        return None
      try:
        dna = self.algorithm.propose()
      except StopIteration:
        self._exhausted = True
        return None
      trial = Trial(len(self._trials) + 1, dna, time.time())
      self._trials.append(trial)
      self._pending[group] = trial
      self._group_of[trial.id] = group
      return trial

  def get_trial(self, trial_id: int) -> Trial:
    if not isinstance(trial_id, int) or not 1 <= trial_id <= len(self._trials):
      raise KeyError(
          f'Study {self.name!r} has no trial {trial_id!r}; trial ids run from '
          f'1 to {len(self._trials)}.')
    return self._trials[trial_id - 1]

  def _pending_trial(self, trial_id: int, action: str) -> Trial:
    trial = self.get_trial(trial_id)
    if trial.status == COMPLETED:
      raise ValueError(
          f'Cannot {action} trial {trial_id} of study {self.name!r}: it is '
          f'already completed ({"skipped" if trial.infeasible else "done"}); '
          f'feedback is accepted once per trial.')
    return trial

  def add_measurement(self, trial_id: int, measurement: Measurement) -> None:
    with self._lock:
      self._pending_trial(trial_id, 'add a measurement to').measurements.append(
          measurement)

  def complete_trial(self, trial_id: int, measurement: Measurement | None = None,
                     metadata: dict[str, Any] | None = None,
                     related_links: dict[str, str] | None = None) -> Trial:
    with self._lock:
      trial = self._pending_trial(trial_id, 'complete')
      final = measurement if measurement is not None else trial.final_measurement
      if final is None:
        raise ValueError(
            f'Cannot complete trial {trial_id} of study {self.name!r}: it has '
            f'no measurement. Report a reward, or call skip() instead.')
      # Feed first: if the algorithm rejects the reward, nothing has changed.
      self.algorithm.feedback(
          trial.dna, final.reward_for_feedback(self.metrics_to_optimize))
      if measurement is not None:
        trial.measurements.append(measurement)
      self._finish(trial, infeasible=False)
      if metadata:
        trial.metadata.update(metadata)
      if related_links:
        trial.related_links.update(related_links)
      return trial

  def skip_trial(self, trial_id: int, reason: str | None = None) -> Trial:
    with self._lock:
      trial = self._pending_trial(trial_id, 'skip')
      self._finish(trial, infeasible=True)
      if reason is not None:
        trial.metadata['skip_reason'] = reason
      return trial

  def _finish(self, trial: Trial, infeasible: bool) -> None:
    trial.status = COMPLETED
    trial.infeasible = infeasible
    trial.completed_time = time.time()
    group = self._group_of.pop(trial.id)
    if self._pending.get(group) is trial:
      del self._pending[group]

  def should_stop_early(self, trial_id: int) -> bool:
    with self._lock:
      trial = self._pending_trial(trial_id, 'early-stop')
      if self.early_stopping_policy is None:
        return False
      return self.early_stopping_policy.should_stop_early(trial)

  def end_loop(self) -> None:
    with self._lock:
      self._ended = True

  def set_metadata(self, key: str, value: Any, trial_id: int | None = None) -> None:
    with self._lock:
      target = self._metadata if trial_id is None else self.get_trial(
          trial_id).metadata
      target[key] = value

  def get_metadata(self, key: str, trial_id: int | None = None) -> Any:
    with self._lock:
      source = self._metadata if trial_id is None else self.get_trial(
          trial_id).metadata
      return source.get(key)

  def result(self) -> Result:
    with self._lock:
      no_more = self._exhausted or (self.num_examples is not None and len(
          self._trials) >= self.num_examples)
      is_active = not self._ended and not (no_more and not self._pending)
      return Result(self.name, self._trials, self.metrics_to_optimize,
                    is_active, self._metadata)


@add_backend('in-memory')
class InMemoryBackend(Backend):
  """Keeps studies in this process; named studies are shared by every loop in it.

  Example:
    >>> for x, feedback in pg.sample(pg.oneof([1, 2]), name='doc-in-memory',
    ...                              num_examples=3, backend='in-memory'):
    ...   feedback(float(x))
    >>> len(pg.poll_result('doc-in-memory').trials)
    3
  """

  _studies: dict[str, InMemoryStudy] = {}
  _registry_lock = threading.Lock()

  def open_study(self, *, name: str | None, dna_spec: Any, algorithm: Any,
                 early_stopping_policy: Any, num_examples: int | None,
                 metrics_to_optimize: Sequence[str]) -> InMemoryStudy:
    with self._registry_lock:
      study = self._studies.get(name) if name is not None else None
      if study is not None:
        check_joinable(
            study, dna_spec=dna_spec, algorithm=algorithm,
            algorithm_in_study=study.algorithm,
            early_stopping_policy=early_stopping_policy,
            policy_in_study=study.early_stopping_policy,
            num_examples=num_examples,
            num_examples_in_study=study.num_examples,
            metrics_to_optimize=metrics_to_optimize)
        return study
      # Set up before registering: an algorithm that rejects the space
      # leaves no study behind.
      algorithm = prepare_algorithm(algorithm, dna_spec, metrics_to_optimize)
      if early_stopping_policy is not None:
        early_stopping_policy.setup(dna_spec)
      study = InMemoryStudy(name, dna_spec, algorithm, early_stopping_policy,
                            num_examples, metrics_to_optimize)
      if name is not None:
        self._studies[name] = study
      return study

  def poll_result(self, name: str) -> Result:
    study = self._studies.get(name)
    if study is None:
      raise KeyError(
          f'No in-memory study is named {name!r}; known studies: '
          f'{sorted(self._studies)}.')
    return study.result()
