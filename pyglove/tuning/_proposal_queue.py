"""Proposals made ahead on a shared database, and the trials looping workers take from them.

Every worker keeps its own copy of the algorithm, which must replay the
events of the others before it proposes. When the worker that proposed last
also proposes for the others, only its copy replays, and only the feedback
that came in meanwhile: the cost of coordination per trial stays flat
however many workers share the study. The other workers take the queued
proposals; a worker that loops takes its next one in the very transaction
that completes its last trial, so a busy worker needs one write transaction
per trial, not two (many workers on one database wait for its write lock,
not for the cores).
"""
from __future__ import annotations

import time
from typing import Callable

from pyglove.tuning._store import CatchUpFirst
from pyglove.tuning._store import Head
from pyglove.tuning._store import Store
from pyglove.tuning._trial import PENDING
from pyglove.tuning._trial import Trial

# A trial handed to a group: (trial, its attempt now, the attempt it had).
Claimed = tuple[Trial, int, int]
# What `ProposalQueue.take_ahead` took: (group, trial, its attempt now, the
# attempt it had in the queue).
TakenAhead = tuple[str, Trial, int, int]


class ProposalQueue:
  """One process's side of a study's queue of proposals (for stores that queue).

  Args:
    store: the worker's store (`queues_proposals` is True).
    num_examples: the study's number of trials (None: unlimited).
  """

  def __init__(self, store: Store, num_examples: int | None) -> None:
    self._store = store
    self._num_examples = num_examples
    # Groups that asked for a trial, and those that came back for another
    # (a loop: its next trial is taken ahead).
    self._served: set[str] = set()
    self._returning: set[str] = set()
    # Taken for a group as it completed its last trial, not handed out yet,
    # and when it was kept (`time.monotonic()`).
    self._taken_ahead: dict[str, tuple[TakenAhead, float]] = {}
    # Set when filling found the algorithm too far behind to catch up under
    # the lock: it catches up once the transaction is over.
    self._catch_up_due = False

  def asked(self, group: str, fresh_secs: float) -> Trial | None:
    """Notes that `group` asks for a trial; returns the one taken ahead for it, if any.

    One kept for `fresh_secs` or longer (a heartbeat period: its lease may
    have lapsed meanwhile, say while the process was paused) is not handed
    out from here; the store hands it back if the group still holds it.
    """
    if group in self._served:
      self._returning.add(group)
    self._served.add(group)
    kept = self._taken_ahead.pop(group, None)
    if kept is None or time.monotonic() - kept[1] >= fresh_secs:
      return None
    return kept[0][1]

  def fill(self, head: Head, group: str, now: float) -> None:
    """Proposes ahead for the other workers, if this worker made the last proposal.

    The queue holds two trials per other worker (and one more), or half as
    much again as the others took since this worker last came, whichever
    is more: a dry queue makes another worker the proposer, at the price
    of replaying what it missed. Alone, a worker queues nothing: its
    proposals alternate with its feedback, as in a sequential run.
    """
    store = self._store
    if head.exhausted or not store.is_current(head):
      return
    demand = store.demand(group)
    if not demand.others:
      return
    wanted = max(2 * demand.others + 1,
                 3 * demand.since // 2) - demand.queued
    if self._num_examples is not None:
      wanted = min(wanted,
                   self._num_examples - (head.num_trials - head.num_failed))
    if wanted <= 0:
      return
    try:
      store.queue(head, wanted, now)
    except CatchUpFirst:
      # The others' feedback piled up: replay it once this transaction is
      # over (`catch_up_if_due`), and queue next time.
      self._catch_up_due = True

  def take_ahead(self, group: str, now: float,
                 claim: Callable[[], Claimed | None]) -> TakenAhead | None:
    """In the transaction completing a trial of `group`: takes its next queued trial.

    Only a group that came back for a trial before (a loop) gets one, and
    only a proposal queued by the proposing worker (or an expired lease),
    never a new proposal: a worker alone still proposes when its next loop
    iteration asks, as in a sequential run. `give_back` returns a trial the
    loop never asked for.

    Args:
      group: the group of the trial being completed.
      now: the transaction's time.
      claim: hands `group` the next claimable trial that this process does
        not hold yet, or returns None.
    """
    if group not in self._returning or group in self._taken_ahead:
      return None
    claimed = claim()
    if claimed is None:
      return None
    trial, attempt, queued_attempt = claimed
    if not self._store.proposed_elsewhere(trial.id):
      self.fill(self._store.head(), group, now)
    return group, trial, attempt, queued_attempt

  def keep(self, ahead: TakenAhead) -> None:
    """Keeps what `take_ahead` took, once its transaction has committed."""
    self._taken_ahead[ahead[0]] = (ahead, time.monotonic())

  def give_back(self, group: str) -> None:
    """In a write transaction: returns the trial taken ahead for `group` to the queue, as it was."""
    kept = self._taken_ahead.get(group)
    if kept is None:
      return
    _, trial, attempt, queued_attempt = kept[0]
    held = self._store.held(trial.id)
    if (held is not None and held.trial.status == PENDING
        and held.group == group and held.attempt == attempt):
      self._store.assign(held.trial, '', queued_attempt, 0.0)

  def forget(self, group: str) -> int | None:
    """Drops the trial taken ahead for `group` (given back); returns its id."""
    kept = self._taken_ahead.pop(group, None)
    return None if kept is None else kept[0][1].id

  def catch_up_if_due(self, retry: Callable[[Callable[[], None]], None]) -> None:
    """Replays, outside the lock, what kept this worker from filling the queue."""
    if self._catch_up_due:
      self._catch_up_due = False
      retry(self._store.sync)

