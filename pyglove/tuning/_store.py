"""The storage interface under the trial lifecycle: what a backend supplies.

`TrialStudy` (in `_lifecycle.py`) decides what happens to trials: which one a
worker gets, when a trial is completed, skipped or failed, what the
algorithm is fed, and every error message. A `Store` only keeps the data and
drives the worker's copy of the algorithm: the in-memory backend keeps
Python objects, the database backends keep rows and a log (see
`pyglove.tuning.backends`). A new backend supplies a `Store`, or for a SQL
database only a `Dialect`, and runs the contract suite in
`pyglove.tuning.testing`.

Every method except `write`, `read`, `sync`, `load_dna` and `close` runs
inside a `write()` or `read()` block.
"""
from __future__ import annotations

import abc
from typing import Any, ContextManager, NamedTuple

from pyglove.tuning._trial import Trial


class Held(NamedTuple):
  """A stored trial with who holds it.

  Attributes:
    trial: the trial as stored.
    group: the worker group holding it ('' for a queued proposal).
    attempt: how many times it was handed out (0: queued, never handed out).
    lease: when the holder's claim expires (seconds since the epoch).
  """
  trial: Trial
  group: str
  attempt: int
  lease: float


class Head(NamedTuple):
  """The counters of a study.

  Attributes:
    seq: the number of the last log entry.
    num_trials: trials proposed so far (their ids run from 1).
    num_failed: trials that ended as failed (they do not count as examples).
    exhausted: the algorithm raised StopIteration.
  """
  seq: int
  num_trials: int
  num_failed: int
  exhausted: bool

  def after_proposal(self, trial_id: int) -> Head:
    """The counters once trial `trial_id` is proposed: one more trial and log entry.

    Example:
      >>> Head(4, 2, 0, False).after_proposal(3)
      Head(seq=5, num_trials=3, num_failed=0, exhausted=False)
    """
    return self._replace(seq=self.seq + 1, num_trials=trial_id)


class Demand(NamedTuple):
  """How many proposals wait for a worker, and how fast the others take them.

  Attributes:
    queued: proposals made ahead that no worker has taken yet.
    others: other groups that took trials lately (each will want another).
    since: log entries (mostly the others' feedback) since this worker's
      algorithm last caught up: about how many trials the others finished
      since this worker last proposed.
  """
  queued: int
  others: int
  since: int


class Store(abc.ABC):
  """Keeps one study's trials, counters, metadata and algorithm for one worker.

  Attributes:
    lease_secs: how long a claim lasts without renewal (`math.inf`: claims
      never expire, as when every worker is in this process).
    heartbeat_secs: how often a worker renews the leases it holds.
    max_attempts: how many times a trial may be handed out before it fails.
    queues_proposals: propose ahead for the other workers, so one worker's
      copy of the algorithm does the proposing (worth it only when every
      worker keeps its own copy that must replay the others' events).
  """

  lease_secs: float
  heartbeat_secs: float
  max_attempts: int
  queues_proposals: bool = False

  # --- transactions ------------------------------------------------------

  @abc.abstractmethod
  def write(self) -> ContextManager[None]:
    """A transaction holding the study's write lock; all or nothing."""

  @abc.abstractmethod
  def read(self) -> ContextManager[None]:
    """A transaction that sees one consistent state and takes no write lock."""

  def sync(self) -> None:
    """Brings the algorithm up to date outside any lock (before a `write()`)."""

  def close(self) -> None:
    """Releases the store's connections; the study is unusable afterwards."""

  # --- trials ------------------------------------------------------------

  @abc.abstractmethod
  def claimable(self, group: str, now: float) -> Held | None:
    """The group's own pending trial, else the oldest one whose lease expired.

    Its DNA may be left None, to be filled in by `load_dna` once the
    transaction is over (decoding it would hold the lock for nothing).
    """

  def claim_queued(self, group: str, now: float, lease: float) -> Held | None:
    """Hands `group` the trial `claimable` would return, if it is a queued proposal.

    In one step: the trial gets the group, attempt 1, the lease and
    `created_time` now. None (and nothing changed) when the next claimable
    trial is another kind, or none; `claimable` then says which. By
    default None: the lifecycle takes the trial in two steps.
    """
    del group, now, lease
    return None

  def load_dna(self, trial: Trial) -> None:
    """Fills in the DNA of a trial that `claimable` returned without it."""
    del trial

  @abc.abstractmethod
  def held(self, trial_id: int) -> Held | None:
    """The trial with this id, or None."""

  @abc.abstractmethod
  def trials(self) -> list[Trial]:
    """Every trial, by id."""

  @abc.abstractmethod
  def demand(self, group: str) -> Demand:
    """Queued proposals, and the other groups among the latest trials."""

  def leave(self, group: str) -> None:
    """Stops counting `group` in `demand` until it takes a trial again."""
    del group

  @abc.abstractmethod
  def insert(self, trial: Trial, group: str, attempt: int, lease: float) -> None:
    """Stores a new trial."""

  @abc.abstractmethod
  def assign(self, trial: Trial, group: str, attempt: int, lease: float) -> None:
    """Hands a stored trial to `group` (its created_time may be new)."""

  @abc.abstractmethod
  def renew(self, claims: dict[int, int], lease: float) -> None:
    """Extends the leases of pending trials held at these attempts (id -> attempt)."""

  @abc.abstractmethod
  def save(self, trial: Trial) -> None:
    """Stores a trial's status, measurements, metadata, links and times."""

  # --- the study ---------------------------------------------------------

  @abc.abstractmethod
  def head(self) -> Head:
    """The study's counters."""

  @abc.abstractmethod
  def set_exhausted(self) -> None:
    """Records that the algorithm has nothing more to propose."""

  @abc.abstractmethod
  def metadata(self) -> dict[str, Any]:
    """The study's metadata."""

  @abc.abstractmethod
  def set_metadata(self, entries: dict[str, Any]) -> None:
    """Replaces the study's metadata."""

  @abc.abstractmethod
  def early_stopping_policy(self, trial_id: int | None) -> Any:
    """The study's policy (None if none), aware of every trial but `trial_id`.

    With `trial_id` None, the policy as configured (to compare settings).
    """

  # --- the algorithm and its log -----------------------------------------

  @abc.abstractmethod
  def is_current(self, head: Head) -> bool:
    """Whether this worker's algorithm made or replayed every proposal up to `head`.

    Catching up such an algorithm replays only feedback, which is cheap.
    """

  def proposed_elsewhere(self, trial_id: int) -> bool:
    """Whether trial `trial_id` was proposed by an algorithm other than this worker's.

    Such a worker is not current (see `is_current`), which this tells
    without reading the study. False when not known.
    """
    del trial_id
    return False

  @abc.abstractmethod
  def propose(self, trial_id: int, head: Head) -> Any:
    """Brings the algorithm up to `head`, proposes trial `trial_id`'s DNA, logs it.

    Raises:
      StopIteration: the algorithm is exhausted (nothing changed).
      CatchUpFirst: catching up would hold the lock too long; `sync()`
        first, then retry the transaction.
    """

  def queue(self, head: Head, count: int, now: float) -> int:
    """Proposes up to `count` trials after `head` and stores them queued (no group).

    Returns:
      How many were queued: fewer than `count` once the algorithm is
      exhausted (which is then recorded).

    Raises:
      CatchUpFirst: as `propose`, before anything changed.
    """
    for queued in range(count):
      trial_id = head.num_trials + 1
      try:
        dna = self.propose(trial_id, head)
      except StopIteration:
        self.set_exhausted()
        return queued
      self.insert(Trial(trial_id, dna, now), '', 0, 0.0)
      head = head.after_proposal(trial_id)
    return count

  @abc.abstractmethod
  def feedback(self, trial_id: int, reward: Any) -> None:
    """Logs (and may feed at once) the reward of a trial."""

  @abc.abstractmethod
  def drop(self, trial_id: int) -> None:
    """Logs that a trial ended without a reward (skipped or failed)."""

  @abc.abstractmethod
  def algorithm(self) -> Any:
    """This worker's algorithm, brought up to date with every event."""


class CatchUpFirst(Exception):
  """Raised inside a write transaction to redo it after `Store.sync()`."""
