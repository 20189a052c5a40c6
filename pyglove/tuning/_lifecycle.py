"""The trial lifecycle, written once for every backend over a `Store`.

A trial is proposed (or taken from the queue of proposals made ahead for
other workers, see `_proposal_queue`), handed to a worker group with a
lease, and ends exactly once: completed (its reward fed to the algorithm),
skipped (infeasible, fed nothing) or failed (fed nothing, and not counted
toward `num_examples`).
A group asking again gets its own pending trial back; a trial whose lease
expired goes to the next group that asks, with the same DNA, until it has
been handed out `max_attempts` times; then it fails. The first completion of
a trial wins: a worker reporting on a trial another worker finished meanwhile
learns the outcome instead of an error.

Every change is one `store.write()` transaction that validates before it
changes anything, so a method that raises leaves the study as it was.
The loops of one process share a study object; each process opens its own.
"""
from __future__ import annotations

import math
import threading
import time
from typing import Any, Callable, TypeVar

from pyglove.tuning import _heartbeat
from pyglove.tuning._backend import Study
from pyglove.tuning._measurement import Measurement
from pyglove.tuning._measurement import check_metric
from pyglove.tuning._proposal_queue import Claimed
from pyglove.tuning._proposal_queue import ProposalQueue
from pyglove.tuning._proposal_queue import TakenAhead
from pyglove.tuning._result import Result
from pyglove.tuning._store import CatchUpFirst
from pyglove.tuning._store import Head
from pyglove.tuning._store import Held
from pyglove.tuning._store import Store
from pyglove.tuning._trial import COMPLETED
from pyglove.tuning._trial import FAILED
from pyglove.tuning._trial import PENDING
from pyglove.tuning._trial import FIELDS as TRIAL_FIELDS
from pyglove.tuning._trial import Trial

_T = TypeVar('_T')

# How long a worker that finds no queued proposal waits for the worker that
# proposes (it comes back with more when its own trial ends) before it
# proposes itself, which means replaying what it missed.
PROPOSER_WAIT_SECS = 0.05
# Returned by a transaction that found nothing to take yet.
_WAIT = object()


class TrialStudy(Study):
  """A study whose data lives in a `Store`; safe for loops in several threads.

  Args:
    store: where the trials live.
    name: the study's name (None for an unnamed in-memory study).
    dna_spec: the search space.
    metrics_to_optimize: the metrics fed to the algorithm, in order.
    num_examples: how many trials the study runs (failed ones excluded).
    retry: ``retry(operation)`` runs an operation again after transient
      failures of the store (e.g. a reconnect); default: run it once.

  Example:
    >>> study = pg.tuning.InMemoryBackend().open_study(
    ...     name=None, dna_spec=pg.dna_spec(pg.oneof([1, 2])), algorithm=None,
    ...     early_stopping_policy=None, num_examples=10,
    ...     metrics_to_optimize=['reward'])
    >>> study.next_trial('worker-1').id, study.next_trial('worker-2').id
    (1, 2)
  """

  def __init__(self, store: Store, name: str | None, dna_spec: Any,
               metrics_to_optimize: tuple[str, ...], num_examples: int | None,
               retry: Callable[[Callable[[], Any]], Any] | None = None) -> None:
    self.name = name
    self.dna_spec = dna_spec
    self.metrics_to_optimize = tuple(metrics_to_optimize)
    self.num_examples = num_examples
    self._store = store
    self._retry = retry or (lambda operation: operation())
    # Trials this process holds: id -> (the Trial handed out, its attempt,
    # the group it was handed to).
    self._claims: dict[int, tuple[Trial, int, str]] = {}
    self._queue = ProposalQueue(store, num_examples)
    self._lock = threading.RLock()
    self._ended = False
    self._stop_heartbeat: threading.Event | None = None

  @property
  def algorithm(self) -> Any:
    """The study's algorithm (for a database, this worker's up-to-date copy)."""
    with self._lock:
      return self._retry(self._store.algorithm)

  @property
  def early_stopping_policy(self) -> Any:
    """The study's early-stopping policy (None if it has none)."""
    with self._lock:
      return self._retry(lambda: self._read(
          lambda: self._store.early_stopping_policy(None)))

  def _run(self, operation: Callable[[], _T]) -> _T:
    """Runs a transaction under this object's lock, with the store's retries."""
    with self._lock:
      return self._retry(operation)

  def _read(self, operation: Callable[[], _T]) -> _T:
    with self._store.read():
      return operation()

  # --- handing out trials --------------------------------------------------

  def next_trial(self, group: str) -> Trial | None:
    with self._lock:
      if self._ended:
        return None
      ahead = self._queue.asked(group, self._store.heartbeat_secs)
      if ahead is not None:
        return ahead
      taken = self._retry(lambda: self._next_trial(group))
      self._queue.catch_up_if_due(self._retry)
      if taken is None:
        return None
      self._store.load_dna(taken[0])
      self._hold(*taken, group)
      return taken[0]

  def _hold(self, trial: Trial, attempt: int, group: str) -> None:
    """Records a trial this process was handed; its lease is renewed from now on."""
    self._claims[trial.id] = (trial, attempt, group)
    if self._stop_heartbeat is None and math.isfinite(self._store.lease_secs):
      self._stop_heartbeat = _heartbeat.start(
          self, self._store.heartbeat_secs, TrialStudy._renew_leases)

  def _next_trial(self, group: str) -> tuple[Trial, int] | None:
    waited, delay = 0.0, 0.001
    while True:
      try:
        taken = self._next_trial_once(group, waited < PROPOSER_WAIT_SECS)
      except CatchUpFirst:
        # Replaying many events would hold every worker's lock: replay them
        # outside it, then the few that arrived meanwhile inside.
        self._store.sync()
        taken = self._next_trial_once(group, False)
      if taken is not _WAIT:
        return taken
      time.sleep(delay)
      waited += delay
      delay = min(2 * delay, 0.01)

  def _next_trial_once(self, group: str, may_wait: bool) -> Any:
    store = self._store
    with store.write():
      now = time.time()
      claimed = self._claim(group, now)
      taken = None if claimed is None else claimed[:2]
      head = store.head()
      if taken is None:
        if self._is_full(head):
          return None
        if (may_wait and store.queues_proposals
            and not store.is_current(head)):
          return _WAIT
        taken = self._propose(head, group, now)
        if taken is None:
          return None
        head = head.after_proposal(taken[0].id)
      if store.queues_proposals:
        self._queue.fill(head, group, now)
      return taken

  def _claim(self, group: str, now: float,
             unless_held_here: bool = False) -> Claimed | None:
    """Hands `group` the next claimable trial, a queued proposal in one step.

    Args:
      group: the group asking.
      now: the transaction's time.
      unless_held_here: None rather than a trial this process holds already
        (the group's trial that another thread runs).
    """
    store = self._store
    held = store.claim_queued(group, now, now + store.lease_secs)
    if held is not None:
      return held.trial, held.attempt, 0
    while True:
      held = store.claimable(group, now)
      if held is None or unless_held_here and held.trial.id in self._claims:
        return None
      taken = self._take(held, group, now)
      if taken is not None:
        return taken[0], taken[1], held.attempt

  def _take(self, held: Held, group: str, now: float) -> tuple[Trial, int] | None:
    """Hands out a claimable trial; None if it failed instead."""
    trial, attempt = held.trial, held.attempt
    lease = now + self._store.lease_secs
    claim = self._claims.get(trial.id)
    if held.group == group and claim is not None and claim[1] == attempt:
      # The group asks again for a trial it got no feedback on.
      self._store.assign(trial, group, attempt, lease)
      return claim[0], attempt
    if attempt == 0:
      # A proposal queued for the next worker: its trial starts now.
      trial.created_time = now
    elif attempt >= self._store.max_attempts:
      self._end(trial, FAILED, now, error=(
          f'its worker stopped before reporting, {attempt} time(s) '
          f'(max_attempts={self._store.max_attempts})'))
      self._store.drop(trial.id)
      return None
    # A queued proposal, a restart of the holder's group, or an expired lease.
    self._store.assign(trial, group, attempt + 1, lease)
    return trial, attempt + 1

  def _is_full(self, head: Head) -> bool:
    return head.exhausted or (
        self.num_examples is not None
        and head.num_trials - head.num_failed >= self.num_examples)

  def _propose(self, head: Head, group: str, now: float) -> tuple[Trial, int] | None:
    trial_id = head.num_trials + 1
    try:
      dna = self._store.propose(trial_id, head)
    except StopIteration:
      self._store.set_exhausted()
      return None
    trial = Trial(trial_id, dna, now)
    self._store.insert(trial, group, 1, now + self._store.lease_secs)
    return trial, 1

  def _renew_leases(self, now: float) -> None:
    """Extends the leases of the trials this process holds (the heartbeat)."""
    claims = {i: claim[1] for i, claim in list(self._claims.items())}
    if not claims:
      return
    def renew() -> None:
      with self._store.write():
        self._store.renew(claims, now + self._store.lease_secs)
    self._run(renew)

  # --- ending trials -------------------------------------------------------

  def _pending(self, trial_id: int, action: str) -> Trial | None:
    """The pending trial; None if another worker ended it while this one held it.

    Raises:
      KeyError: no such trial.
      ValueError: the trial is over, and this process did not hold it then.
    """
    trial = self._held(trial_id).trial
    if trial.status == PENDING:
      return trial
    if trial_id in self._claims:
      return None  # The loop learns the outcome, not an error.
    raise ValueError(
        f'Cannot {action} trial {trial_id} of study {self.name!r}: it is '
        f'already {_outcome(trial)}; feedback is accepted once per trial.')

  def _held(self, trial_id: int) -> Held:
    if isinstance(trial_id, bool) or not isinstance(trial_id, int):
      raise KeyError(f'Study {self.name!r} has no trial {trial_id!r}; trial '
                     'ids are ints from 1.')
    held = self._store.held(trial_id)
    if held is None:
      raise KeyError(
          f'Study {self.name!r} has no trial {trial_id!r}; trial ids run from '
          f'1 to {self._store.head().num_trials}.')
    return held

  def _end(self, trial: Trial, status: str, now: float, *,
           infeasible: bool = False, error: str | None = None) -> None:
    trial.status = status
    trial.infeasible = infeasible
    trial.completed_time = now
    if error is not None:
      trial.metadata['error'] = error
    self._store.save(trial)

  def _settle(self, trial_id: int, stored: Trial,
              ahead: TakenAhead | None = None) -> Trial:
    """Mirrors the ended trial into the object the loop holds, and releases it.

    Also keeps the trial taken ahead for the same group, if any.
    """
    with self._lock:
      if ahead is not None:
        group, trial, attempt, _ = ahead
        self._store.load_dna(trial)
        self._hold(trial, attempt, group)
        self._queue.keep(ahead)
      claim = self._claims.pop(trial_id, None)
      if claim is not None:
        _mirror(claim[0], stored)
        stored = claim[0]
      self._queue.catch_up_if_due(self._retry)
      return stored

  def _take_ahead(self, trial_id: int, now: float) -> TakenAhead | None:
    """Takes the next queued trial for the group of a trial ending in this transaction."""
    claim = self._claims.get(trial_id)
    if claim is None or self._ended or not self._store.queues_proposals:
      return None
    group = claim[2]
    return self._queue.take_ahead(
        group, now, lambda: self._claim(group, now, unless_held_here=True))

  def get_trial(self, trial_id: int) -> Trial:
    return self._run(lambda: self._read(lambda: self._held(trial_id).trial))

  def add_measurement(self, trial_id: int, measurement: Measurement) -> None:
    tries = []
    def add() -> Trial | None:
      tries.append(1)
      with self._store.write():
        trial = self._pending(trial_id, 'add a measurement to')
        if trial is None or (len(tries) > 1 and trial.measurements
                             and trial.measurements[-1] == measurement):
          # A retry after a lost connection: the first try was committed.
          return trial
        trial.measurements.append(measurement)
        self._store.save(trial)
        return trial
    trial = self._run(add)
    if trial is not None:
      with self._lock:
        claim = self._claims.get(trial_id)
        if claim is not None:
          _mirror(claim[0], trial)

  def complete_trial(self, trial_id: int, measurement: Measurement | None = None,
                     metadata: dict[str, Any] | None = None,
                     related_links: dict[str, str] | None = None) -> Trial:
    def complete() -> Trial:
      with self._store.write():
        trial = self._pending(trial_id, 'complete')
        if trial is None:
          return self._store.held(trial_id).trial, None
        final = measurement if measurement is not None else trial.final_measurement
        if final is None:
          raise ValueError(
              f'Cannot complete trial {trial_id} of study {self.name!r}: it '
              'has no measurement. Report a reward, or call skip() instead.')
        # Feed first: if the reward is refused, nothing has changed.
        self._store.feedback(trial_id, self._reward(trial_id, final))
        if measurement is not None:
          trial.measurements.append(measurement)
        trial.metadata.update(metadata or {})
        trial.related_links.update(related_links or {})
        now = time.time()
        self._end(trial, COMPLETED, now)
        return trial, self._take_ahead(trial_id, now)
    return self._settle(trial_id, *self._run(complete))

  def _reward(self, trial_id: int, final: Measurement) -> Any:
    reward = final.reward_for_feedback(self.metrics_to_optimize)
    values = reward if isinstance(reward, tuple) else (reward,)
    for metric, value in zip(self.metrics_to_optimize, values):
      if value is None:
        raise ValueError(
            f'Cannot complete trial {trial_id} of study {self.name!r}: its '
            f'final measurement has no value for {metric!r}, a metric to '
            f'optimize {list(self.metrics_to_optimize)}.')
      check_metric(metric, value, finite=True)
    return reward

  def skip_trial(self, trial_id: int, reason: str | None = None) -> Trial:
    def skip() -> Trial:
      with self._store.write():
        trial = self._pending(trial_id, 'skip')
        if trial is None:
          return self._store.held(trial_id).trial, None
        self._store.drop(trial_id)
        if reason is not None:
          trial.metadata['skip_reason'] = reason
        now = time.time()
        self._end(trial, COMPLETED, now, infeasible=True)
        return trial, self._take_ahead(trial_id, now)
    return self._settle(trial_id, *self._run(skip))

  def fail_trial(self, trial_id: int, error: str) -> Trial:
    def fail() -> Trial:
      with self._store.write():
        trial = self._pending(trial_id, 'fail')
        if trial is None:
          return self._store.held(trial_id).trial
        self._store.drop(trial_id)
        self._end(trial, FAILED, time.time(), error=error)
        return trial
    return self._settle(trial_id, self._run(fail))

  def should_stop_early(self, trial_id: int) -> bool:
    def ask() -> bool:
      with self._store.read():
        trial = self._held(trial_id).trial
        if trial.status != PENDING:
          if trial_id in self._claims:
            return True  # Another worker ended it: stop this run.
          raise ValueError(
              f'Cannot early-stop trial {trial_id} of study {self.name!r}: '
              f'it is already {_outcome(trial)}.')
        policy = self._store.early_stopping_policy(trial_id)
      return policy is not None and bool(policy.should_stop_early(trial))
    return self._run(ask)

  def end_loop(self) -> None:
    with self._lock:
      self._ended = True

  def leave(self, group: str) -> None:
    if not self._store.queues_proposals:
      return
    def leave() -> None:
      with self._store.write():
        self._queue.give_back(group)
        self._store.leave(group)
    self._run(leave)
    with self._lock:
      self._claims.pop(self._queue.forget(group), None)

  # --- metadata and results ------------------------------------------------

  def set_metadata(self, key: str, value: Any, trial_id: int | None = None) -> None:
    def put() -> Trial | None:
      with self._store.write():
        if trial_id is None:
          entries = self._store.metadata()
          entries[key] = value
          self._store.set_metadata(entries)
          return None
        trial = self._held(trial_id).trial
        trial.metadata[key] = value
        self._store.save(trial)
        return trial
    trial = self._run(put)
    if trial is not None:
      with self._lock:
        claim = self._claims.get(trial_id)
        if claim is not None:
          _mirror(claim[0], trial)

  def get_metadata(self, key: str, trial_id: int | None = None) -> Any:
    def get() -> Any:
      if trial_id is None:
        return self._store.metadata().get(key)
      return self._held(trial_id).trial.metadata.get(key)
    return self._run(lambda: self._read(get))

  def result(self) -> Result:
    def read() -> Result:
      with self._store.read():
        head = self._store.head()
        trials = self._store.trials()
        metadata = self._store.metadata()
      pending = any(t.status == PENDING for t in trials)
      is_active = not self._ended and (pending or not self._is_full(head))
      return Result(self.name, trials, self.metrics_to_optimize, is_active,
                    metadata)
    return self._run(read)

  def close(self) -> None:
    """Stops the heartbeat and releases the store; held trials keep their lease.

    A closed study is like a worker that died: the trials it held run again
    when their leases expire (or at once for a new worker of the same group).
    """
    with self._lock:
      if self._stop_heartbeat is not None:
        self._stop_heartbeat.set()
      self._ended = True
      self._store.close()


def _outcome(trial: Trial) -> str:
  if trial.status == FAILED:
    return f'failed ({trial.metadata.get("error", "no error recorded")})'
  return f'completed ({"skipped" if trial.infeasible else "done"})'


def _mirror(target: Trial, source: Trial) -> None:
  """Copies `source` into `target`, keeping target's DNA (the object proposed)."""
  if target is source:
    return
  for name in TRIAL_FIELDS:
    if name == 'final_measurement':
      target.final_measurement = source._explicit_final()  # pylint: disable=protected-access
    elif name != 'dna':
      setattr(target, name, getattr(source, name))
