"""The log protocol: leases, attempts, resumption, first completion wins, replay, processes."""
from __future__ import annotations

import multiprocessing
import os
import random
import signal
import tempfile
import threading
import time

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
import pytest

import pyglove as pg
from pyglove import geno
from pyglove.tuning import Measurement
from pyglove.tuning._backend import create_backend
from tests.tuning.backends.conftest import reward_of
from tests.tuning.backends.conftest import small_spec
from tests.tuning.conftest import Recorder

# Short leases keep the tests quick; the heartbeat beats three times a lease.
FAST = {'lease_secs': 0.4, 'heartbeat_secs': 0.1}


def _crash(study) -> None:
  """Simulates the death of the worker holding `study`."""
  study.close()


def _rows(args, sql, params=(), fetch=True):
  """Runs one statement on the backend's database (and fetches its rows)."""
  kwargs = dict(args)
  backend = create_backend(kwargs.pop('backend'), **kwargs)
  conn = backend.dialect.connect()
  try:
    cursor = backend.dialect.execute(conn, sql, params)
    return cursor.fetchall() if fetch else None
  finally:
    conn.close()


def _lease(args, name, trial_id):
  """The lease (expiry time) of a trial, as stored."""
  return _rows(args, 'SELECT t.lease FROM pyglove_trials t JOIN pyglove_studies '
               's ON t.study = s.id WHERE s.name = ? AND t.id = ?',
               (name, trial_id))[0][0]


def _expire(args, name, trial_id):
  """Ends a trial's lease now, as the passing of its time would."""
  _rows(args, 'UPDATE pyglove_trials SET lease = 0 WHERE id = ? AND study = '
        '(SELECT id FROM pyglove_studies WHERE name = ?)', (trial_id, name),
        fetch=False)


class TestLeases:
  """What happens to a trial whose worker stops."""

  def test_expired_lease_reruns_the_same_dna(self, db_args, open_study, name):
    """After its lease, another group gets the dead worker's trial, same DNA."""
    dead = open_study(db_args, lease_secs=60.0)
    lost = dead.next_trial('a')
    _crash(dead)
    alive = open_study(db_args, lease_secs=60.0)
    assert alive.next_trial('b').id == 2  # The lease still runs.
    _expire(db_args, name, lost.id)
    again = alive.next_trial('c')
    assert (again.id, again.dna) == (lost.id, lost.dna)

  def test_a_lease_expires_with_time(self, db_args, open_study):
    """A dead worker's lease runs out by the clock alone."""
    dead = open_study(db_args, **FAST)
    lost = dead.next_trial('a')
    _crash(dead)
    time.sleep(0.6)  # Past the lease: nobody can renew it any more.
    again = open_study(db_args, **FAST).next_trial('b')
    assert (again.id, again.dna) == (lost.id, lost.dna)

  def test_trial_fails_after_max_attempts(self, db_args, open_study):
    """A trial whose workers die max_attempts times is failed, not re-run."""
    settings = dict(FAST, max_attempts=2)
    first = open_study(db_args, algorithm=Recorder(seed=1), **settings)
    first.next_trial('a')
    _crash(first)
    time.sleep(0.6)
    second = open_study(db_args, **settings)
    assert second.next_trial('b').id == 1
    _crash(second)
    time.sleep(0.6)
    third = open_study(db_args, **settings)
    assert third.next_trial('c').id == 2
    failed = third.get_trial(1)
    assert failed.status == 'FAILED' and not failed.is_completed
    assert 'max_attempts=2' in failed.metadata['error']
    assert third.algorithm.fed == []

  def test_restarted_group_resumes_at_once(self, db_args, open_study):
    """A new worker with the dead worker's group resumes its trial without waiting."""
    dead = open_study(db_args, lease_secs=60.0)
    lost = dead.next_trial('worker-3')
    _crash(dead)
    back = open_study(db_args, lease_secs=60.0)
    resumed = back.next_trial('worker-3')
    assert (resumed.id, resumed.dna) == (lost.id, lost.dna)

  def test_heartbeat_keeps_a_long_trial(self, db_args, open_study, name):
    """A trial running longer than its lease is not handed out while its worker lives."""
    # A lease of seconds, renewed ten times a second: a loaded machine may
    # delay a beat, not miss thirty.
    settings = {'lease_secs': 3.0, 'heartbeat_secs': 0.1}
    busy = open_study(db_args, **settings)
    held = busy.next_trial('a')
    first_lease = _lease(db_args, name, held.id)
    while time.time() < first_lease + 0.2:
      time.sleep(0.05)
    assert _lease(db_args, name, held.id) > first_lease  # Renewed.
    other = open_study(db_args, **settings)
    assert other.next_trial('b').id == held.id + 1
    busy.complete_trial(held.id, Measurement(1.0))
    assert busy.get_trial(held.id).is_completed


class TestQueue:
  """The proposer queues a batch of proposals with one statement per table."""

  def _queue(self, study, count):
    store = study._store  # pylint: disable=protected-access
    with store.write():
      return store.queue(store.head(), count, 123.0)

  def test_a_batch_is_what_sequential_proposals_would_be(self, db_args,
                                                         open_study, name):
    """Queued trials carry the sequential run's DNA, numbered logs, and no holder."""
    study = open_study(db_args, algorithm=geno.Random(seed=5), snapshot_every=4)
    first = study.next_trial('a')
    assert self._queue(study, 5) == 5
    trials = study.result().trials
    assert [t.dna for t in trials] == _sequential(geno.Random(seed=5), 5)
    assert trials[0].dna == first.dna
    assert [t.created_time for t in trials[1:]] == [123.0] * 5
    assert _rows(db_args, 'SELECT t.grp, t.attempt, t.lease FROM pyglove_trials '
                 't JOIN pyglove_studies s ON t.study = s.id WHERE s.name = ? '
                 'AND t.id > 1 ORDER BY t.id', (name,)) == [('', 0, 0.0)] * 5
    events = _rows(db_args, 'SELECT e.seq, e.trial FROM pyglove_events e JOIN '
                   'pyglove_studies s ON e.study = s.id WHERE s.name = ? ORDER '
                   'BY e.seq', (name,))
    assert events == [(i, i) for i in range(1, 7)]
    # The batch crossed snapshot_every: a late worker starts from a snapshot.
    assert _rows(db_args, 'SELECT max(p.seq) FROM pyglove_snapshots p JOIN '
                 'pyglove_studies s ON p.study = s.id WHERE s.name = ?',
                 (name,)) == [(6,)]
    late = open_study(db_args)
    assert late.algorithm.propose() == _sequential(geno.Random(seed=5), 6)[6]

  def test_a_batch_stops_where_the_algorithm_is_exhausted(self, db_args,
                                                          open_study):
    """Fewer trials are queued once the algorithm runs out, and the study records it."""
    spec = geno.Space([geno.Choices(1, [geno.Space() for _ in range(3)],
                                    location='a')])
    study = open_study(db_args, dna_spec=spec, algorithm=geno.Sweeping())
    study.next_trial('a')
    assert self._queue(study, 5) == 2
    assert len(study.result().trials) == 3
    assert study.next_trial('b').id == 2
    study.next_trial('c')
    assert study.next_trial('d') is None


class TestClaimQueued:
  """A queued proposal is handed out in one statement; anything else is left to claimable."""

  def _claim(self, study, group, now):
    store = study._store  # pylint: disable=protected-access
    with store.write():
      held = store.claim_queued(group, now, now + 60.0)
    return None if held is None else (held.trial.id, held.group, held.attempt,
                                      held.lease, held.trial.created_time)

  def test_the_oldest_queued_proposal_is_handed_out(self, db_args, open_study):
    """It gets the group, attempt 1, the lease and a created_time of now."""
    study = open_study(db_args)
    study.next_trial('a')
    store = study._store  # pylint: disable=protected-access
    with store.write():
      store.queue(store.head(), 2, 5.0)
    assert self._claim(study, 'b', 100.0) == (2, 'b', 1, 160.0, 100.0)
    assert self._claim(study, 'c', 101.0) == (3, 'c', 1, 161.0, 101.0)
    assert self._claim(study, 'd', 102.0) is None

  def test_a_held_or_expired_trial_is_left_to_claimable(self, db_args,
                                                        open_study, name):
    """The group's own trial, or one whose lease expired, comes first and is not queued."""
    study = open_study(db_args)
    study.next_trial('a')
    store = study._store  # pylint: disable=protected-access
    with store.write():
      store.queue(store.head(), 1, 5.0)
    assert self._claim(study, 'a', time.time()) is None  # Its own trial 1.
    _expire(db_args, name, 1)
    assert self._claim(study, 'b', time.time()) is None  # Trial 1, expired.
    assert _lease(db_args, name, 2) == 0.0


class TestFirstCompletionWins:
  """Two workers finishing one trial."""

  def _two_holders(self, db_args, open_study, name):
    slow = open_study(db_args, algorithm=Recorder(seed=1), lease_secs=60.0)
    # A worker too slow to renew its lease: no heartbeat, the lease expired.
    slow._stop_heartbeat = threading.Event()  # pylint: disable=protected-access
    trial = slow.next_trial('slow')
    _expire(db_args, name, trial.id)
    fast = open_study(db_args, lease_secs=60.0)
    assert fast.next_trial('fast').id == trial.id
    return slow, fast, trial

  def test_old_holder_first(self, db_args, open_study, name):
    """The worker that lost its lease finishes first: its reward is the one fed."""
    slow, fast, trial = self._two_holders(db_args, open_study, name)
    slow.complete_trial(trial.id, Measurement(0.5))
    fast.add_measurement(trial.id, Measurement(0.8, step=1))
    assert fast.should_stop_early(trial.id)
    fast.complete_trial(trial.id, Measurement(0.9))
    assert fast.algorithm.fed == [(trial.dna, 0.5)]
    assert fast.get_trial(trial.id).final_measurement.reward == 0.5

  def test_new_holder_first(self, db_args, open_study, name):
    """The re-run finishes first: the late worker's report is dropped quietly."""
    slow, fast, trial = self._two_holders(db_args, open_study, name)
    fast.complete_trial(trial.id, Measurement(0.9))
    slow.skip_trial(trial.id, 'late')
    assert slow.algorithm.fed == [(trial.dna, 0.9)]
    assert not slow.get_trial(trial.id).infeasible
    feedbacks = _rows(db_args, 'SELECT count(*) FROM pyglove_events e JOIN '
                      'pyglove_studies s ON e.study = s.id WHERE s.name = ? '
                      "AND e.kind = 'feedback'", (name,))
    assert feedbacks[0][0] == 1


class Erratic(geno.Random):
  """A generator that is not deterministic given its seed (uses global state)."""

  def _propose(self):
    return geno.random_dna(self.dna_spec, random.Random())


class TestReplay:
  """Replicas follow the log."""

  def test_diverging_replica_raises(self, db_args, open_study):
    """A replayed proposal that differs from the log raises ValueError."""
    first = open_study(db_args, algorithm=Erratic(seed=1))
    first.next_trial('a')
    second = open_study(db_args)
    with pytest.raises(ValueError, match='not deterministic'):
      second.next_trial('b')

  def test_snapshot_spares_the_early_log(self, db_args, open_study, name):
    """A late worker starts from the latest snapshot, not from the first entry."""
    study = open_study(db_args, algorithm=geno.Random(seed=5), snapshot_every=4)
    for group in 'abc':
      trial = study.next_trial(group)
      study.complete_trial(trial.id, Measurement(reward_of(trial.dna)))
    # Without the entries before the snapshot, only the snapshot can help.
    _rows(db_args, 'DELETE FROM pyglove_events WHERE seq <= 4 AND study = '
          '(SELECT id FROM pyglove_studies WHERE name = ?)', (name,),
          fetch=False)
    late = open_study(db_args, snapshot_every=4)
    assert late.next_trial('d').dna == _sequential(geno.Random(seed=5), 3)[3]

  @pytest.mark.parametrize('make', [
      lambda: geno.Random(seed=2),
      lambda: pg.evolution.regularized_evolution(population_size=4,
                                                 tournament_size=2, seed=2),
      lambda: pg.generators.PPO(batch_size=3, seed=2),
      lambda: pg.generators.TPE(seed=2, num_startup=4),
      lambda: _optuna_sampler(seed=2),
  ], ids=['random', 'evolution', 'ppo', 'tpe', 'optuna'])
  def test_crash_and_resume_matches_uninterrupted(self, db_args, open_study,
                                                  make):
    """A crash and a restart with the same group end in the state of an uninterrupted run.

    OptunaSampler's state (an Optuna study) has no JSON form: the study
    stores it by its hyper-parameters and a joining worker replays the log.
    """
    reference = _sequential(make(), 12)
    worker = open_study(db_args, algorithm=make(), num_examples=12,
                        snapshot_every=3)
    for _ in range(5):
      trial = worker.next_trial('w')
      worker.complete_trial(trial.id, Measurement(reward_of(trial.dna)))
    worker.next_trial('w')
    _crash(worker)
    worker = open_study(db_args, snapshot_every=3)
    while (trial := worker.next_trial('w')) is not None:
      worker.complete_trial(trial.id, Measurement(reward_of(trial.dna)))
    assert [worker.get_trial(i).dna for i in range(1, 13)] == reference[:12]
    assert worker.algorithm.propose() == reference[12]


  def test_a_new_loop_after_one_that_ended_continues_sequentially(
      self, db_args, name):
    """A loop that ended is not proposed for, so the next loop's run is a sequential one."""
    reference = _sequential(pg.generators.TPE(seed=3, num_startup=3), 10)
    proposed = []
    for group, stop in (('first', 4), ('second', None)):
      for i, (dna, feedback) in enumerate(pg.sample(
          small_spec(), pg.generators.TPE(seed=3, num_startup=3), name=name,
          group=group, num_examples=10, **db_args)):
        proposed.append(dna)
        feedback(reward_of(dna))
        if i + 1 == stop:
          break
    assert proposed == reference[:10]


def _optuna_sampler(seed):
  pytest.importorskip('optuna')
  return pg.generators.OptunaSampler(seed=seed)


def _sequential(algorithm, n):
  """The first n + 1 proposals of an uninterrupted sequential run."""
  algorithm.setup(small_spec())
  proposals = []
  for _ in range(n):
    dna = algorithm.propose()
    proposals.append(dna)
    algorithm.feedback(dna, reward_of(dna))
  proposals.append(algorithm.propose())
  return proposals


# --- real processes -------------------------------------------------------


def search_worker(index, args, name, num_examples):
  """A worker process: a plain pg.sample loop with a trivial reward."""
  for dna, feedback in pg.sample(small_spec(), geno.Random(seed=7), name=name,
                                 group=f'w{index}', num_examples=num_examples,
                                 **args):
    feedback(reward_of(dna))


def _check_study(args, name, n):
  result = pg.poll_result(name, **args)
  assert [t.id for t in result.trials] == list(range(1, n + 1))
  assert all(t.is_completed and not t.infeasible for t in result.trials)
  assert [t.dna for t in result.trials] == _sequential(geno.Random(seed=7),
                                                      n)[:n]
  assert all(t.final_measurement.reward == reward_of(t.dna)
             for t in result.trials)
  kinds = _rows(args, 'SELECT e.kind, e.trial FROM pyglove_events e JOIN '
                'pyglove_studies s ON e.study = s.id WHERE s.name = ? '
                'ORDER BY e.seq', (name,))
  assert sorted(t for k, t in kinds if k == 'propose') == list(range(1, n + 1))
  assert sorted(t for k, t in kinds if k == 'feedback') == list(range(1, n + 1))


@pytest.mark.parametrize('num_workers', [8, 16])
def test_many_processes_share_one_study(db_args, name, num_workers):
  """N processes x 200 trials: ids 1..200, one feedback each, proposals equal trials."""
  restarts = pg.tuning.run_workers(search_worker, num_workers,
                                   args=(db_args, name, 200))
  assert restarts == [0] * num_workers
  _check_study(db_args, name, 200)


def hold_trial(args, name, ready):
  """A worker process that takes a trial and hangs on it until killed."""
  study = pg.sample(small_spec(), geno.Random(seed=7), name=name, group='h',
                    **args, lease_secs=60.0)
  next(study)
  with open(ready, 'w') as f:
    f.write('holding')
  time.sleep(60)


def test_sigkilled_worker_trial_reruns_with_same_dna(db_args, name, tmp_path,
                                                      open_study):
  """SIGKILL a worker mid-trial: after its lease another worker re-runs that DNA."""
  ready = tmp_path / 'ready'
  process = multiprocessing.get_context('spawn').Process(
      target=hold_trial, args=(db_args, name, os.fspath(ready)))
  process.start()
  deadline = time.time() + 30
  while not ready.exists() and time.time() < deadline:
    time.sleep(0.02)
  os.kill(process.pid, signal.SIGKILL)
  process.join()
  study = open_study(db_args, lease_secs=60.0)
  held = study.get_trial(1)
  assert study.next_trial('other').id == 2  # The dead worker's lease runs.
  _expire(db_args, name, 1)
  again = study.next_trial('third')
  assert (again.id, again.dna) == (1, held.dna)


class TestErrors:
  """What the protocol refuses."""

  def test_trial_id_must_be_an_int(self, db_args, open_study):
    """A trial id that is not an int raises KeyError."""
    study = open_study(db_args)
    with pytest.raises(KeyError, match="no trial '1'; trial ids are ints"):
      study.get_trial('1')

  def test_early_stop_of_completed_trial_raises(self, db_args, open_study):
    """Asking to early-stop a trial completed by this worker raises ValueError."""
    study = open_study(db_args)
    trial = study.next_trial('a')
    study.complete_trial(trial.id, Measurement(1.0))
    with pytest.raises(ValueError, match='Cannot early-stop trial 1'):
      study.should_stop_early(trial.id)

  def test_rejected_feedback_leaves_the_replica_usable(self, db_args,
                                                       open_study):
    """A feedback the algorithm rejects rolls back, and the study works on."""
    study = open_study(db_args)
    trial = study.next_trial('a')
    with pytest.raises(ValueError, match='must be a finite number'):
      study.complete_trial(trial.id, Measurement(float('nan')))
    assert not study.get_trial(trial.id).is_completed
    study.complete_trial(trial.id, Measurement(1.0))
    assert study.next_trial('a').id == 2


@settings(max_examples=15, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.sampled_from(
    ['next', 'complete', 'skip'])), max_size=30))
def test_any_interleaving_keeps_the_log_consistent(ops):
  """Any interleaving of 3 workers: ids 1..n, one feedback at most, replicas agree."""
  with tempfile.TemporaryDirectory() as workdir:
    args = {'backend': 'sqlite', 'path': os.path.join(workdir, 'p.db')}
    backend = create_backend('sqlite', path=args['path'])
    workers = [backend.open_study(
        name='p', dna_spec=small_spec(), algorithm=geno.Random(seed=1),
        early_stopping_policy=None, num_examples=None,
        metrics_to_optimize=('reward',)) for _ in range(3)]
    held = {}
    for who, op in ops:
      if op == 'next':
        held[who] = workers[who].next_trial(f'g{who}')
      elif who in held:
        trial = held.pop(who)
        if op == 'complete':
          workers[who].complete_trial(trial.id,
                                      Measurement(reward_of(trial.dna)))
        else:
          workers[who].skip_trial(trial.id)
    trials = workers[0].result().trials
    assert [t.id for t in trials] == list(range(1, len(trials) + 1))
    fed = [t for k, t in _rows(args, 'SELECT kind, trial FROM pyglove_events')
           if k == 'feedback']
    assert len(fed) == len(set(fed))
    assert len({repr(w.algorithm.propose()) for w in workers}) == 1
    for w in workers:
      w.close()
