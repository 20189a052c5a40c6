"""The in-memory backend: studies live in this process (the default backend)."""
from __future__ import annotations

import contextlib
import math
import threading
from typing import Any, ContextManager, Sequence

from pyglove.tuning._backend import Backend
from pyglove.tuning._backend import add_backend
from pyglove.tuning._backend import check_joinable
from pyglove.tuning._backend import prepare_algorithm
from pyglove.tuning._lifecycle import TrialStudy
from pyglove.tuning._result import Result
from pyglove.tuning._store import Demand
from pyglove.tuning._store import Head
from pyglove.tuning._store import Held
from pyglove.tuning._store import Store
from pyglove.tuning._trial import FAILED
from pyglove.tuning._trial import PENDING
from pyglove.tuning._trial import Trial

# Every call runs under the study's own lock already: nothing to open here.
_NO_TRANSACTION = contextlib.nullcontext()


class InMemoryStore(Store):
  """Trials as Python objects and the algorithm itself, for one process.

  The process is the only worker, so claims never expire, nothing is
  queued, and there is no log to replay: the algorithm is fed as events
  happen. The stored Trial objects are the ones the loops hold.

  Args:
    algorithm: the set-up algorithm.
    early_stopping_policy: the set-up policy, or None.
  """

  lease_secs = math.inf
  heartbeat_secs = math.inf
  max_attempts = 1

  def __init__(self, algorithm: Any, early_stopping_policy: Any) -> None:
    self._algorithm = algorithm
    self._policy = early_stopping_policy
    self._trials: list[Trial] = []
    # Who holds each trial: id -> (group, attempt); a group's pending trial.
    self._holders: dict[int, tuple[str, int]] = {}
    self._pending: dict[str, int] = {}
    self._failed: set[int] = set()
    self._metadata: dict[str, Any] = {}
    self._exhausted = False

  def write(self) -> ContextManager[None]:
    return _NO_TRANSACTION

  def read(self) -> ContextManager[None]:
    return _NO_TRANSACTION

  def claimable(self, group: str, now: float) -> Held | None:
    trial_id = self._pending.get(group)
    return None if trial_id is None else self.held(trial_id)

  def held(self, trial_id: int) -> Held | None:
    if not 1 <= trial_id <= len(self._trials):
      return None
    group, attempt = self._holders[trial_id]
    return Held(self._trials[trial_id - 1], group, attempt, math.inf)

  def trials(self) -> list[Trial]:
    return list(self._trials)

  def demand(self, group: str) -> Demand:
    return Demand(0, sum(g != group for g in self._pending), 0)

  def insert(self, trial: Trial, group: str, attempt: int, lease: float) -> None:
    self._trials.append(trial)
    self.assign(trial, group, attempt, lease)

  def assign(self, trial: Trial, group: str, attempt: int, lease: float) -> None:
    self._holders[trial.id] = (group, attempt)
    self._pending[group] = trial.id

  def renew(self, claims: dict[int, int], lease: float) -> None:
    del claims, lease  # Claims in memory never expire.

  def save(self, trial: Trial) -> None:
    if trial.status == PENDING:
      return
    group = self._holders[trial.id][0]
    if self._pending.get(group) == trial.id:
      del self._pending[group]
    if trial.status == FAILED:
      self._failed.add(trial.id)

  def head(self) -> Head:
    return Head(0, len(self._trials), len(self._failed), self._exhausted)

  def set_exhausted(self) -> None:
    self._exhausted = True

  def metadata(self) -> dict[str, Any]:
    return self._metadata

  def set_metadata(self, entries: dict[str, Any]) -> None:
    self._metadata = entries

  def early_stopping_policy(self, trial_id: int | None) -> Any:
    # The live policy has seen every trial that asked it so far.
    return self._policy

  def is_current(self, head: Head) -> bool:
    return True

  def propose(self, trial_id: int, head: Head) -> Any:
    return self._algorithm.propose()

  def feedback(self, trial_id: int, reward: Any) -> None:
    self._algorithm.feedback(self._trials[trial_id - 1].dna, reward)

  def drop(self, trial_id: int) -> None:
    del trial_id  # The algorithm is fed nothing.

  def algorithm(self) -> Any:
    return self._algorithm


class InMemoryStudy(TrialStudy):
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
    super().__init__(InMemoryStore(algorithm, early_stopping_policy), name,
                     dna_spec, tuple(metrics_to_optimize), num_examples)


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
