"""The queue of proposals made ahead: the proposer fills it, looping workers take from it."""
from __future__ import annotations

import threading
import time

import pytest

import pyglove as pg
from pyglove import geno
from pyglove.tuning import Measurement
from pyglove.tuning import _lifecycle
from pyglove.tuning.backends import _sql_store
from tests.tuning.backends.conftest import reward_of
from tests.tuning.backends.conftest import small_spec


class TestQueuedProposals:
  """On a shared database the last proposer proposes ahead for busy workers."""

  def test_workers_that_did_not_propose_take_queued_trials(
      self, db_args, open_study, monkeypatch):
    """A worker that finds nothing queued waits, then proposes and queues for the others."""
    monkeypatch.setattr(_lifecycle, 'PROPOSER_WAIT_SECS', 0.2)
    first, second, third = (open_study(db_args) for _ in range(3))
    assert first.next_trial('a').id == 1
    start = time.monotonic()
    assert second.next_trial('b').id == 2
    assert time.monotonic() - start >= 0.2  # No proposer came back meanwhile.
    # One other worker ('a') is known: the second queued 2 * 1 + 1 trials.
    trials = first.result().trials
    assert [t.id for t in trials] == [1, 2, 3, 4, 5]
    assert all(t.status == 'PENDING' for t in trials)
    start = time.monotonic()
    assert third.next_trial('c').id == 3
    assert time.monotonic() - start < 0.2
    assert third._store._replica is None  # pylint: disable=protected-access

  def test_a_worker_waits_for_the_proposer_instead_of_replaying(
      self, db_args, open_study, monkeypatch):
    """With the queue dry, a worker waits for the proposer to queue more, and never proposes."""
    monkeypatch.setattr(_lifecycle, 'PROPOSER_WAIT_SECS', 30.0)
    proposer = open_study(db_args)
    worker = open_study(db_args)
    own = proposer.next_trial('p')
    # The worker is known (it took a trial), so the proposer queues for it.
    proposer.complete_trial(own.id, Measurement(1.0))
    worker_trial = proposer.next_trial('w')  # A stand-in for the worker.
    proposer.complete_trial(worker_trial.id, Measurement(1.0))
    own = proposer.next_trial('p')
    queued = [t.id for t in proposer.result().trials if t.status == 'PENDING'
              and t.id != own.id]
    taken = [worker.next_trial('w') for _ in queued[:1]]
    for trial in taken:
      worker.complete_trial(trial.id, Measurement(1.0))
    for _ in queued[1:]:
      trial = worker.next_trial('w')
      worker.complete_trial(trial.id, Measurement(1.0))
    got = {}
    waiting = threading.Thread(
        target=lambda: got.update(trial=worker.next_trial('w')))
    waiting.start()
    time.sleep(0.2)
    assert waiting.is_alive()  # The queue is dry: it waits.
    proposer.complete_trial(own.id, Measurement(1.0))
    proposer.next_trial('p')
    waiting.join(10)
    assert got['trial'].status == 'PENDING'
    assert worker._store._replica is None  # pylint: disable=protected-access

  @pytest.mark.parametrize('max_replay_under_lock', [64, 0])
  def test_queued_trials_keep_the_sequential_order(
      self, db_args, open_study, monkeypatch, max_replay_under_lock):
    """With queued proposals every replica still agrees on the next proposal.

    With no replay allowed under the lock, the proposer catches up outside
    it each time, also when it queues while completing a trial.
    """
    monkeypatch.setattr(_sql_store, 'MAX_REPLAY_UNDER_LOCK',
                        max_replay_under_lock)
    workers = [open_study(db_args, algorithm=geno.Random(seed=4))
               for _ in range(4)]
    held = {}
    for step in range(24):
      index = step % 4
      worker = workers[index]
      if index in held:
        trial = held.pop(index)
        worker.complete_trial(trial.id, Measurement(reward_of(trial.dna)))
      held[index] = worker.next_trial(f'g{index}')
    ids = [t.id for t in workers[0].result().trials]
    assert ids == list(range(1, len(ids) + 1))
    assert len({repr(w.algorithm.propose()) for w in workers}) == 1

  def _queue_for(self, db_args, open_study, monkeypatch):
    """Worker 'a' has come back for a second trial; worker 'b' queued 3 for it."""
    monkeypatch.setattr(_lifecycle, 'PROPOSER_WAIT_SECS', 0.0)
    first, second = open_study(db_args), open_study(db_args)
    first.complete_trial(first.next_trial('a').id, Measurement(1.0))
    assert first.next_trial('a').id == 2
    assert second.next_trial('b').id == 3
    assert _pending_ids(first, attempt=0) == [4, 5, 6]
    return first, second

  def test_a_returning_worker_takes_its_next_trial_as_it_completes(
      self, db_args, open_study, monkeypatch):
    """Completing takes the next queued trial in the same write; asking for it writes nothing."""
    first, _ = self._queue_for(db_args, open_study, monkeypatch)
    writes = _count_writes(first, monkeypatch)
    first.complete_trial(2, Measurement(1.0))
    assert writes == [1]
    queued = {t.id: t.dna for t in first.result().trials}
    trial = first.next_trial('a')
    assert writes == [1]
    assert (trial.id, trial.dna) == (4, queued[4])
    assert _holder(first, 4) == ('a', 1)

  def test_leaving_gives_back_the_trial_taken_ahead(self, db_args, open_study,
                                                    monkeypatch):
    """A loop that ends returns its unstarted trial to the queue, as it was."""
    first, _ = self._queue_for(db_args, open_study, monkeypatch)
    first.complete_trial(2, Measurement(1.0))
    assert _holder(first, 4) == ('a', 1)
    first.leave('a')
    assert _holder(first, 4) == ('', 0)
    third = open_study(db_args)
    assert third.next_trial('c').id == 4
    assert _holder(third, 4) == ('c', 1)

  def test_a_trial_taken_ahead_keeps_its_lease(self, db_args, open_study,
                                              monkeypatch):
    """The heartbeat renews the lease of a trial taken ahead like that of one handed out."""
    first, _ = self._queue_for(db_args, open_study, monkeypatch)
    first.complete_trial(2, Measurement(1.0))
    later = time.time() + 1000.0
    first._renew_leases(later)  # pylint: disable=protected-access
    with first._store.read():  # pylint: disable=protected-access
      lease = first._store.held(4).lease  # pylint: disable=protected-access
    assert lease == pytest.approx(later + first._store.lease_secs)  # pylint: disable=protected-access

  def _age(self, study, group, secs):
    """Makes the trial taken ahead for `group` look kept `secs` longer."""
    kept = study._queue._taken_ahead  # pylint: disable=protected-access
    kept[group] = (kept[group][0], kept[group][1] - secs)

  def test_a_trial_kept_past_a_heartbeat_is_handed_out_if_still_held(
      self, db_args, open_study, monkeypatch):
    """After a heartbeat period the store confirms the group still holds it."""
    first, _ = self._queue_for(db_args, open_study, monkeypatch)
    first.complete_trial(2, Measurement(1.0))
    self._age(first, 'a', first._store.heartbeat_secs)  # pylint: disable=protected-access
    writes = _count_writes(first, monkeypatch)
    trial = first.next_trial('a')
    assert (trial.id, writes) == (4, [1])
    assert _holder(first, 4) == ('a', 1)

  def test_a_trial_kept_past_its_lease_is_not_run_twice(self, db_args,
                                                        open_study,
                                                        monkeypatch):
    """One taken over by another worker after its lease lapsed is not handed out again."""
    first, _ = self._queue_for(db_args, open_study, monkeypatch)
    first.complete_trial(2, Measurement(1.0))
    store = first._store  # pylint: disable=protected-access
    with store.write():
      store.renew({4: 1}, 0.0)  # The lease lapsed (the process was paused).
    assert open_study(db_args).next_trial('c').id == 4
    self._age(first, 'a', store.heartbeat_secs)
    assert first.next_trial('a').id == 5
    assert _holder(first, 4) == ('c', 2)

  def test_a_group_that_asked_once_takes_nothing_ahead(self, db_args,
                                                      open_study, monkeypatch):
    """A group that has not come back for more may never ask again: nothing is taken for it."""
    first, second = self._queue_for(db_args, open_study, monkeypatch)
    second.complete_trial(3, Measurement(1.0))
    assert _pending_ids(first, attempt=0) == [4, 5, 6]

  def test_a_single_worker_queues_nothing(self, db_args, open_study):
    """Alone, a worker's proposals alternate with its feedback, as in a sequential run."""
    study = open_study(db_args)
    for _ in range(3):
      trial = study.next_trial('a')
      study.complete_trial(trial.id, Measurement(1.0))
    assert len(study.result().trials) == 3


def test_a_loop_left_early_holds_no_trial(db_args, name, open_study,
                                          monkeypatch):
  """Breaking out of `pg.sample` gives back the trial taken ahead for the loop."""
  monkeypatch.setattr(_lifecycle, 'PROPOSER_WAIT_SECS', 0.0)
  loops = {g: pg.sample(small_spec(), geno.Random(seed=1), name=name, group=g,
                        **db_args) for g in 'ab'}
  for _ in range(4):
    for loop in loops.values():
      dna, feedback = next(loop)
      feedback(reward_of(dna))
  loops['a'].close()
  study = open_study(db_args)
  pending = _pending_ids(study, attempt=0) + _pending_ids(study, attempt=1)
  assert pending and {_holder(study, i)[0] for i in pending} <= {'', 'b'}
  loops['b'].close()


def _pending_ids(study, attempt):
  """The ids of the study's pending trials handed out `attempt` times."""
  store = study._store  # pylint: disable=protected-access
  with store.read():
    return [t.id for t in store.trials() if t.status == 'PENDING'
            and store.held(t.id).attempt == attempt]


def _holder(study, trial_id):
  """(group, attempt) of a stored trial."""
  store = study._store  # pylint: disable=protected-access
  with store.read():
    held = store.held(trial_id)
  return held.group, held.attempt


def _count_writes(study, monkeypatch):
  """A list whose one item counts the write transactions of `study` from now on."""
  store = study._store  # pylint: disable=protected-access
  count = [0]
  write = store.write
  def counted():
    count[0] += 1
    return write()
  monkeypatch.setattr(store, 'write', counted)
  return count
