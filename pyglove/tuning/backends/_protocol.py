"""The log protocol: a `Study` whose truth is an append-only log in a SQL database.

Every worker process opens its own `LogStudy` on the shared database. Each
change to the study is one write transaction holding the study's lock:

- `next_trial` first looks for a trial the group holds, or whose lease
  expired (which is re-run with the same DNA, or failed after
  `max_attempts`); otherwise the worker replays the log into its generator
  replica, proposes, and appends the proposal to the log.
- `complete_trial` replays, feeds the reward to the replica and appends the
  feedback to the log. The first completion of a trial wins; a worker that
  finishes a trial someone else completed meanwhile is fed nothing.

Every `snapshot_every` entries the replica is saved, so a worker that joins
late replays only the entries after the latest snapshot.
"""
from __future__ import annotations

import contextlib
import threading
import time
from typing import Any, Iterator

from pyglove.geno import _state_json
from pyglove.tuning._backend import Study
from pyglove.tuning._measurement import Measurement
from pyglove.tuning._result import Result
from pyglove.tuning._trial import COMPLETED
from pyglove.tuning._trial import PENDING
from pyglove.tuning._trial import Trial
from pyglove.tuning.backends import _codec
from pyglove.tuning.backends import _heartbeat
from pyglove.tuning.backends._replica import DROP
from pyglove.tuning.backends._replica import FEEDBACK
from pyglove.tuning.backends._replica import PROPOSE
from pyglove.tuning.backends._replica import Replica

_TRIAL_ROW = f'SELECT {_codec.TRIAL_COLUMNS}, grp, attempt FROM pyglove_trials'
# The group's own trial first, then the oldest expired lease.
_CLAIMABLE = (
    f"{_TRIAL_ROW} WHERE study = ? AND status = '{PENDING}' "
    'AND (grp = ? OR lease < ?) '
    'ORDER BY CASE WHEN grp = ? THEN 0 ELSE 1 END, id LIMIT 1')


class LogStudy(Study):
  """One worker's handle on a study kept in a database by the log protocol.

  Created by a `LogBackend` (`pg.sample(..., backend='sqlite', path=...)`).
  Safe for loops in several threads of one process; each process opens its
  own. `end_loop()` ends this worker's loops only.

  Example:
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), 'study.db')
    >>> backend = pg.tuning.backends.SqliteBackend(path=path)
    >>> study = backend.open_study(
    ...     name='doc', dna_spec=pg.dna_spec(pg.oneof([1, 2])), algorithm=None,
    ...     early_stopping_policy=None, num_examples=2,
    ...     metrics_to_optimize=['reward'])
    >>> study.next_trial('worker-1').id, study.next_trial('worker-2').id
    (1, 2)
  """

  def __init__(self, backend: Any, conn: Any, study_id: int, name: str,
               dna_spec: Any, metrics_to_optimize: tuple[str, ...],
               num_examples: int | None, policy_state: bytes | None,
               replica: Replica) -> None:
    self.name = name
    self.dna_spec = dna_spec
    self.metrics_to_optimize = metrics_to_optimize
    self.num_examples = num_examples
    self._backend = backend
    self._dialect = backend.dialect
    self._conn = conn
    self._id = study_id
    self._policy_state = policy_state
    self._replica: Replica | None = replica
    # Set while the replica holds a proposal or feedback not yet committed.
    self._unsaved = False
    # Trials this worker holds: id -> (the Trial handed out, its attempt).
    self._claims: dict[int, tuple[Trial, int]] = {}
    self._lock = threading.RLock()
    self._ended = False
    self._stop_heartbeat: threading.Event | None = None

  @property
  def algorithm(self) -> Any:
    """This worker's generator replica, brought up to date with the log."""
    with self._lock:
      self._catch_up(None)
      return self._replica.algorithm

  @property
  def early_stopping_policy(self) -> Any:
    """A fresh copy of the study's early-stopping policy (None if it has none)."""
    if self._policy_state is None:
      return None
    return _state_json.loads(bytes(self._policy_state), spec=self.dna_spec,
                             trusted=self._backend.trusted)

  # --- the transaction helpers -------------------------------------------

  def _sql(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
    return self._dialect.execute(self._conn, sql, params)

  @contextlib.contextmanager
  def _write(self) -> Iterator[None]:
    with self._lock:
      try:
        with self._dialect.write(self._conn, self._id):
          yield
      except BaseException:
        if self._unsaved:
          # The rollback undid what the replica applied: rebuild it later.
          self._replica = None
          self._unsaved = False
        raise
      self._unsaved = False

  def _head(self) -> tuple[int, int, int]:
    """(last log entry, number of trials, exhausted) of the study."""
    return self._sql('SELECT head, num_trials, exhausted FROM pyglove_studies '
                     'WHERE id = ?', (self._id,)).fetchone()

  def _catch_up(self, head: int | None) -> Replica:
    """Replays the log entries the replica has not seen (up to `head` if given)."""
    if self._replica is None:
      seq, state = self._sql(
          'SELECT seq, state FROM pyglove_snapshots WHERE study = ? '
          'ORDER BY seq DESC LIMIT 1', (self._id,)).fetchone()
      self._replica = Replica.from_snapshot(state, seq, self.dna_spec,
                                            self._backend.trusted)
    replica = self._replica
    if head is None or head > replica.seq:
      entries = self._sql(
          'SELECT seq, kind, trial, dna, reward FROM pyglove_events '
          'WHERE study = ? AND seq > ? ORDER BY seq',
          (self._id, replica.seq)).fetchall()
      try:
        replica.replay(entries, self.dna_spec, self.name)
      except BaseException:
        self._replica = None
        raise
    return replica

  def _append(self, head: int, kind: str, trial_id: int, dna: str | None,
              reward: str | None) -> None:
    """Appends log entry head + 1 (and a snapshot when one is due)."""
    seq = head + 1
    self._sql('INSERT INTO pyglove_events (study, seq, kind, trial, dna, reward) '
              'VALUES (?, ?, ?, ?, ?, ?)',
              (self._id, seq, kind, trial_id, dna, reward))
    # A proposal's trial id is the new number of trials (one statement).
    self._sql('UPDATE pyglove_studies SET head = ?, num_trials = CASE WHEN ? '
              'THEN ? ELSE num_trials END WHERE id = ?',
              (seq, kind == PROPOSE, trial_id, self._id))
    every = self._backend.snapshot_every
    if every and seq % every == 0 and kind != DROP:
      # Only the replica that made the entry is at `seq` for sure.
      self._sql('INSERT INTO pyglove_snapshots (study, seq, state) '
                'VALUES (?, ?, ?)', (self._id, seq, self._replica.snapshot()))

  # --- handing out trials ------------------------------------------------

  def next_trial(self, group: str) -> Trial | None:
    with self._write():
      if self._ended:
        return None
      now = time.time()
      while True:
        row = self._sql(_CLAIMABLE, (self._id, group, now, group)).fetchone()
        if row is None:
          break
        trial = self._take(row, group, now)
        if trial is not None:
          return trial
      head, num_trials, exhausted = self._head()
      if exhausted or (self.num_examples is not None
                       and num_trials >= self.num_examples):
        return None
      replica = self._catch_up(head)
      trial_id = num_trials + 1
      self._unsaved = True
      try:
        dna = replica.propose(trial_id)
      except StopIteration:
        self._unsaved = False
        self._sql('UPDATE pyglove_studies SET exhausted = 1 WHERE id = ?',
                  (self._id,))
        return None
      dna_text = _codec.dumps(dna)
      self._append(head, PROPOSE, trial_id, dna_text, None)
      self._sql('INSERT INTO pyglove_trials (study, id, dna, status, grp, '
                'lease, created_time) VALUES (?, ?, ?, ?, ?, ?, ?)',
                (self._id, trial_id, dna_text, PENDING, group,
                 now + self._backend.lease_secs, now))
      trial = Trial(trial_id, dna, now)
    self._claim(trial, 1)
    return trial

  def _take(self, row: tuple[Any, ...], group: str, now: float) -> Trial | None:
    """Hands out a claimable trial again; None if it failed instead."""
    trial_id, holder, attempt = row[0], row[-2], row[-1]
    claim = self._claims.get(trial_id)
    lease = now + self._backend.lease_secs
    if holder == group and claim is not None and claim[1] == attempt:
      # This worker asks again for a trial it got no feedback on.
      self._sql('UPDATE pyglove_trials SET lease = ? WHERE study = ? AND id = ?',
                (lease, self._id, trial_id))
      return claim[0]
    # The worker holding it died: a restart of its group, or anyone once
    # the lease has expired, runs it again.
    max_attempts = self._backend.max_attempts
    if attempt >= max_attempts:
      trial = _codec.load_trial(row[:-2], self.dna_spec)
      trial.metadata['skip_reason'] = (
          f'failed: its worker stopped before reporting, {attempt} time(s) '
          f'(max_attempts={max_attempts})')
      self._end(trial, infeasible=True, now=now)
      self._claims.pop(trial_id, None)
      head = self._head()[0]
      self._append(head, DROP, trial_id, None, None)
      return None
    self._sql('UPDATE pyglove_trials SET grp = ?, attempt = ?, lease = ? '
              'WHERE study = ? AND id = ?',
              (group, attempt + 1, lease, self._id, trial_id))
    trial = _codec.load_trial(row[:-2], self.dna_spec)
    self._claims.pop(trial_id, None)
    self._claim(trial, attempt + 1)
    return trial

  def _claim(self, trial: Trial, attempt: int) -> None:
    self._claims[trial.id] = (trial, attempt)
    if self._stop_heartbeat is None:
      self._stop_heartbeat = _heartbeat.start(
          self, self._backend.heartbeat_secs, LogStudy.renew_leases)

  def renew_leases(self, conn: Any, now: float) -> Any:
    """Pushes forward the leases of the trials this worker holds (the heartbeat).

    Args:
      conn: the caller's own connection, or None to open one.
      now: the current time.

    Returns:
      The connection used, for the next call.
    """
    if conn is None:
      conn = self._dialect.connect()
    claims = [(i, attempt) for i, (_, attempt) in self._claims.copy().items()]
    if claims:
      lease = now + self._backend.lease_secs
      with self._dialect.write(conn, self._id):
        for trial_id, attempt in claims:
          self._dialect.execute(
              conn, 'UPDATE pyglove_trials SET lease = ? WHERE study = ? AND '
              f"id = ? AND attempt = ? AND status = '{PENDING}'",
              (lease, self._id, trial_id, attempt))
    return conn

  def close(self) -> None:
    """Stops the heartbeat and closes the connection; held trials keep their lease.

    A closed study is like a worker that died: the trials it held run again
    when their leases expire (or at once for a new worker of the same group).
    """
    with self._lock:
      if self._stop_heartbeat is not None:
        self._stop_heartbeat.set()
      self._ended = True
      self._conn.close()

  # --- reporting ---------------------------------------------------------

  def _row(self, trial_id: int) -> tuple[Any, ...]:
    if isinstance(trial_id, bool) or not isinstance(trial_id, int):
      raise KeyError(f'Study {self.name!r} has no trial {trial_id!r}; trial '
                     'ids are ints from 1.')
    row = self._sql(f'{_TRIAL_ROW} WHERE study = ? AND id = ?',
                    (self._id, trial_id)).fetchone()
    if row is None:
      raise KeyError(f'Study {self.name!r} has no trial {trial_id!r}; trial '
                     f'ids run from 1 to {self._head()[1]}.')
    return row

  def get_trial(self, trial_id: int) -> Trial:
    with self._lock:
      return _codec.load_trial(self._row(trial_id)[:-2], self.dna_spec)

  def _pending(self, trial_id: int, action: str,
               release: bool = False) -> Trial | None:
    """The pending trial; None if another worker completed it (first wins).

    Args:
      trial_id: the trial.
      action: what the caller does, for the message.
      release: the caller ends this worker's run of the trial.

    Raises:
      KeyError: no such trial.
      ValueError: the trial is completed, and not by another worker while
        this one held it.
    """
    trial = _codec.load_trial(self._row(trial_id)[:-2], self.dna_spec)
    if trial.status != COMPLETED:
      return trial
    claim = self._claims.get(trial_id)
    if claim is not None:
      # The loop still runs the trial: it learns the outcome, not an error.
      _update(claim[0], trial)
      if release:
        del self._claims[trial_id]
      return None
    raise ValueError(
        f'Cannot {action} trial {trial_id} of study {self.name!r}: it is '
        f'already completed ({"skipped" if trial.infeasible else "done"}); '
        'feedback is accepted once per trial.')

  def add_measurement(self, trial_id: int, measurement: Measurement) -> None:
    with self._write():
      trial = self._pending(trial_id, 'add a measurement to')
      if trial is None:
        return
      trial.measurements.append(measurement)
      self._sql('UPDATE pyglove_trials SET measurements = ? WHERE study = ? '
                'AND id = ?', (_codec.dump_measurements(trial.measurements),
                               self._id, trial_id))
    self._refresh(trial)

  def complete_trial(self, trial_id: int, measurement: Measurement | None = None,
                     metadata: dict[str, Any] | None = None,
                     related_links: dict[str, str] | None = None) -> Trial:
    with self._write():
      trial = self._pending(trial_id, 'complete', release=True)
      if trial is None:
        return self.get_trial(trial_id)
      final = measurement if measurement is not None else trial.final_measurement
      if final is None:
        raise ValueError(
            f'Cannot complete trial {trial_id} of study {self.name!r}: it has '
            'no measurement. Report a reward, or call skip() instead.')
      reward = final.reward_for_feedback(self.metrics_to_optimize)
      head = self._head()[0]
      replica = self._catch_up(head)
      self._unsaved = True
      replica.feedback(trial_id, reward)
      self._append(head, FEEDBACK, trial_id, None, _codec.dumps(reward))
      if measurement is not None:
        trial.measurements.append(measurement)
      trial.metadata.update(metadata or {})
      trial.related_links.update(related_links or {})
      self._end(trial, infeasible=False, now=time.time())
    return self._refresh(trial, completed=True)

  def skip_trial(self, trial_id: int, reason: str | None = None) -> Trial:
    with self._write():
      trial = self._pending(trial_id, 'skip', release=True)
      if trial is None:
        return self.get_trial(trial_id)
      if reason is not None:
        trial.metadata['skip_reason'] = reason
      self._end(trial, infeasible=True, now=time.time())
      self._append(self._head()[0], DROP, trial_id, None, None)
    return self._refresh(trial, completed=True)

  def _end(self, trial: Trial, infeasible: bool, now: float) -> None:
    trial.status = COMPLETED
    trial.infeasible = infeasible
    trial.completed_time = now
    self._sql('UPDATE pyglove_trials SET status = ?, infeasible = ?, '
              'measurements = ?, metadata = ?, related_links = ?, '
              'completed_time = ? WHERE study = ? AND id = ?',
              (COMPLETED, int(infeasible),
               _codec.dump_measurements(trial.measurements),
               _codec.dump_entries(trial.metadata),
               _codec.dumps(trial.related_links), now, self._id, trial.id))

  def _refresh(self, trial: Trial, completed: bool = False) -> Trial:
    """Mirrors `trial` into the Trial object handed out, which loops hold."""
    claim = (self._claims.pop(trial.id, None) if completed
             else self._claims.get(trial.id))
    if claim is None:
      return trial
    _update(claim[0], trial)
    return claim[0]

  def should_stop_early(self, trial_id: int) -> bool:
    with self._lock:
      with self._dialect.read(self._conn):
        row = self._row(trial_id)
        trial = _codec.load_trial(row[:-2], self.dna_spec)
        if trial.status == COMPLETED:
          if trial_id in self._claims:
            return True  # Another worker completed it: stop this run.
          raise ValueError(
              f'Cannot early-stop trial {trial_id} of study {self.name!r}: it '
              'is already completed.')
        policy = self.early_stopping_policy
        if policy is None:
          return False
        others = self._sql(
            f"SELECT {_codec.TRIAL_COLUMNS} FROM pyglove_trials WHERE study = ? "
            "AND id != ? AND measurements != '[]' ORDER BY id",
            (self._id, trial_id)).fetchall()
      policy.recover(_codec.load_trial(r, self.dna_spec) for r in others)
      return policy.should_stop_early(trial)

  def end_loop(self) -> None:
    with self._lock:
      self._ended = True

  def set_metadata(self, key: str, value: Any, trial_id: int | None = None) -> None:
    with self._write():
      if trial_id is None:
        entries = _codec.load_entries(self._sql(
            'SELECT metadata FROM pyglove_studies WHERE id = ?',
            (self._id,)).fetchone()[0])
        entries[key] = value
        self._sql('UPDATE pyglove_studies SET metadata = ? WHERE id = ?',
                  (_codec.dump_entries(entries), self._id))
        return
      trial = _codec.load_trial(self._row(trial_id)[:-2], self.dna_spec)
      trial.metadata[key] = value
      self._sql('UPDATE pyglove_trials SET metadata = ? WHERE study = ? AND '
                'id = ?', (_codec.dump_entries(trial.metadata), self._id,
                           trial_id))
    self._refresh(trial)

  def get_metadata(self, key: str, trial_id: int | None = None) -> Any:
    with self._lock:
      if trial_id is None:
        return _codec.load_entries(self._sql(
            'SELECT metadata FROM pyglove_studies WHERE id = ?',
            (self._id,)).fetchone()[0]).get(key)
      return self.get_trial(trial_id).metadata.get(key)

  def result(self) -> Result:
    with self._lock:
      result = read_result(self._dialect, self._conn, self._id, self.name,
                           self.dna_spec, self.metrics_to_optimize,
                           self.num_examples)
      result.is_active = result.is_active and not self._ended
      return result


def read_result(dialect: Any, conn: Any, study_id: int, name: str,
                dna_spec: Any, metrics_to_optimize: tuple[str, ...],
                num_examples: int | None) -> Result:
  """A snapshot of a study read in one transaction.

  It is active until it can hand out no more trials and none is pending.
  """
  with dialect.read(conn):
    num_trials, exhausted, metadata = dialect.execute(
        conn, 'SELECT num_trials, exhausted, metadata FROM pyglove_studies '
        'WHERE id = ?', (study_id,)).fetchone()
    rows = dialect.execute(
        conn, f'SELECT {_codec.TRIAL_COLUMNS} FROM pyglove_trials '
        'WHERE study = ? ORDER BY id', (study_id,)).fetchall()
  trials = [_codec.load_trial(r, dna_spec) for r in rows]
  no_more = exhausted or (num_examples is not None and num_trials >= num_examples)
  is_active = not (no_more and all(t.is_completed for t in trials))
  return Result(name, trials, metrics_to_optimize, is_active,
                _codec.load_entries(metadata))


def _update(target: Trial, source: Trial) -> None:
  # The handed-out object keeps its DNA (the very object proposed).
  for slot in Trial.__slots__:
    if slot != 'dna':
      setattr(target, slot, getattr(source, slot))
