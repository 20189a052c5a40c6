"""The log protocol: a `Store` whose truth is an append-only log in a SQL database.

Every worker process opens its own `SqlStore` on the shared database, with
one connection and its own copy (replica) of the study's algorithm. Each
change is one write transaction holding the study's lock. A proposal and a
feedback are appended to the log of the study; a replica proposes only
after replaying, in log order, the entries it has not seen, so every
replica makes the calls a single sequential algorithm would have made.

Replaying is what coordination costs, so little of it happens, and not under
the lock: a worker catches up in a read transaction (`sync`) before it asks
for the lock when the gap is long, and the worker that proposed last
proposes ahead for the other workers (see `TrialStudy`), so the other workers
take queued proposals without replaying anything. A feedback is appended
without touching the replica unless the replica is at the head of the log
(it is replayed by whoever proposes next).

Every `snapshot_every` entries the proposing replica is saved, so a worker
that joins late replays only the entries after the latest snapshot.
"""
from __future__ import annotations

import contextlib
from typing import Any, Iterator

from pyglove.geno import _state_json
from pyglove.tuning._store import CatchUpFirst
from pyglove.tuning._store import Demand
from pyglove.tuning._store import Head
from pyglove.tuning._store import Held
from pyglove.tuning._store import Store
from pyglove.tuning._trial import FAILED
from pyglove.tuning._trial import PENDING
from pyglove.tuning._trial import Trial
from pyglove.tuning.backends import _codec
from pyglove.tuning.backends._replica import DROP
from pyglove.tuning.backends._replica import FEEDBACK
from pyglove.tuning.backends._replica import PROPOSE
from pyglove.tuning.backends._replica import Replica

# A gap longer than this is replayed outside the lock (see `CatchUpFirst`).
MAX_REPLAY_UNDER_LOCK = 64
# Decoded DNA kept by text, so a trial's DNA is decoded once per worker.
_DNA_CACHE_SIZE = 4096

_HELD = (f'SELECT {_codec.TRIAL_COLUMNS}, grp, attempt, lease '
         'FROM pyglove_trials')
# The group's own trial first, then the oldest expired lease (a queued
# proposal's lease is 0: expired from the start).
_CLAIMABLE_ORDER = (
    f"study = ? AND status = '{PENDING}' AND (grp = ? OR lease < ?) "
    'ORDER BY CASE WHEN grp = ? THEN 0 ELSE 1 END, id LIMIT 1')
_CLAIMABLE = f'{_HELD} WHERE {_CLAIMABLE_ORDER}'
# The claimable trial, if it is a queued proposal (attempt 0), handed out.
_CLAIM_QUEUED = (
    'UPDATE pyglove_trials SET grp = ?, attempt = 1, lease = ?, '
    'created_time = ? WHERE study = ? AND attempt = 0 AND id = (SELECT id '
    f'FROM pyglove_trials WHERE {_CLAIMABLE_ORDER}) '
    f'RETURNING {_codec.TRIAL_COLUMNS}, grp, attempt, lease')
_HEAD = (
    'SELECT head, num_trials, exhausted, (SELECT count(*) FROM pyglove_trials '
    f"WHERE study = ? AND status = '{FAILED}') FROM pyglove_studies "
    'WHERE id = ?')
# Queued proposals, and the other groups among the latest trials: the
# workers that will soon want one.
_RECENT_TRIALS = 256
_DEMAND = (
    'SELECT (SELECT count(*) FROM pyglove_trials WHERE study = ? AND '
    f"status = '{PENDING}' AND attempt = 0), (SELECT count(DISTINCT grp) FROM "
    '(SELECT grp FROM pyglove_trials WHERE study = ? ORDER BY id DESC '
    f"LIMIT {_RECENT_TRIALS}) recent WHERE grp != '' AND grp != ?), "
    '(SELECT head FROM pyglove_studies WHERE id = ?)')


class SqlStore(Store):
  """One worker's view of a study kept in a database by the log protocol.

  Created by a `LogBackend` (`pg.sample(..., backend='sqlite', path=...)`).

  Args:
    backend: the `LogBackend` (its dialect and settings).
    conn: this worker's connection (the store owns and closes it).
    study_id: the study's row id.
    name: the study's name, for messages.
    dna_spec: the study's search space.
    policy_state: the stored early-stopping policy, or None.
    replica: the algorithm when this worker created the study; None to
      restore it from the database when first needed.
  """

  queues_proposals = True

  def __init__(self, backend: Any, conn: Any, study_id: int, name: str,
               dna_spec: Any, policy_state: bytes | None,
               replica: Replica | None) -> None:
    self.lease_secs = backend.lease_secs
    self.heartbeat_secs = backend.heartbeat_secs
    self.max_attempts = backend.max_attempts
    self._backend = backend
    self._dialect = backend.dialect
    self._conn = conn
    self._id = study_id
    self._name = name
    self._dna_spec = dna_spec
    self._policy_state = policy_state
    self._replica = replica
    # Set while the replica holds a proposal or feedback not yet committed.
    self._unsaved = False
    # Set by `sync()`: the next transaction replays whatever gap it meets.
    self._patient = False
    self._snapshot_seq = 0
    # Set when the generator's state has no JSON form: it is never saved.
    self._no_json_form = False
    # The text of the DNA just proposed, (trial id, JSON), for `insert`.
    self._proposed_text: tuple[int, str] | None = None
    self._dnas: dict[str, Any] = {}
    # (trial id, DNA text) of the trial `claimable` last returned without DNA.
    self._undecoded: tuple[int, str] | None = None

  def _sql(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
    return self._dialect.execute(self._conn, sql, params)

  # --- transactions --------------------------------------------------------

  @contextlib.contextmanager
  def write(self) -> Iterator[None]:
    try:
      with self._dialect.write(self._conn, self._id):
        yield
    except BaseException:
      if self._unsaved:
        # The rollback undid what the replica applied: rebuild it later.
        self._replica = None
      raise
    finally:
      self._unsaved = False
      self._patient = False

  def read(self) -> Any:
    return self._dialect.read(self._conn)

  def sync(self) -> None:
    """Replays the log into the replica in a read transaction, taking no lock."""
    with self._dialect.read(self._conn):
      replica = self._replica or self._restore()
      entries = self._entries_after(replica.seq)
    self._replay(replica, entries)
    self._patient = True

  def reconnect(self) -> None:
    """Replaces a broken connection (the replica is kept: it is committed state)."""
    with contextlib.suppress(Exception):
      self._conn.close()
    self._conn = self._dialect.connect()

  def close(self) -> None:
    self._conn.close()

  # --- trials --------------------------------------------------------------

  def _held(self, row: Any, dna: Any) -> Held:
    """The trial of a `_HELD` row, with `dna` (None: left to `load_dna`)."""
    return Held(_codec.load_trial(row[:-3], self._dna_spec, dna, True),
                row[-3], row[-2], row[-1])

  def _dna(self, text: str) -> Any:
    dna = self._dnas.get(text)
    if dna is None:
      dna = _codec.load_dna(text, self._dna_spec)
      self._remember(text, dna)
    return dna

  def _remember(self, text: str, dna: Any) -> None:
    """Caches a DNA by its text, within `_DNA_CACHE_SIZE` entries."""
    if len(self._dnas) >= _DNA_CACHE_SIZE:
      self._dnas.clear()
    self._dnas[text] = dna

  def claimable(self, group: str, now: float) -> Held | None:
    return self._claimed(self._sql(
        _CLAIMABLE, (self._id, group, now, group)).fetchone())

  def claim_queued(self, group: str, now: float, lease: float) -> Held | None:
    return self._claimed(self._sql(
        _CLAIM_QUEUED, (group, lease, now, self._id, self._id, group, now,
                        group)).fetchone())

  def _claimed(self, row: Any) -> Held | None:
    """The claimable trial of a row, its DNA left to `load_dna`."""
    if row is None:
      return None
    dna = self._dnas.get(row[1])
    self._undecoded = (row[0], row[1]) if dna is None else None
    return self._held(row, dna)

  def load_dna(self, trial: Trial) -> None:
    undecoded = self._undecoded
    if trial.dna is None and undecoded is not None and undecoded[0] == trial.id:
      trial.dna = self._dna(undecoded[1])
      self._undecoded = None

  def held(self, trial_id: int) -> Held | None:
    row = self._sql(f'{_HELD} WHERE study = ? AND id = ?',
                    (self._id, trial_id)).fetchone()
    return None if row is None else self._held(row, self._dna(row[1]))

  def trials(self) -> list[Trial]:
    rows = self._sql(f'SELECT {_codec.TRIAL_COLUMNS} FROM pyglove_trials '
                     'WHERE study = ? ORDER BY id', (self._id,)).fetchall()
    return [_codec.load_trial(r, self._dna_spec, self._dnas.get(r[1]))
            for r in rows]

  def demand(self, group: str) -> Demand:
    queued, others, seq = self._sql(
        _DEMAND, (self._id, self._id, group, self._id)).fetchone()
    replica = self._replica
    return Demand(queued, others, seq - replica.seq if replica else seq)

  def leave(self, group: str) -> None:
    # Its ended trials among the latest ones (those `_DEMAND` reads) lose
    # their group; nothing else reads the group of an ended trial.
    self._sql(f"UPDATE pyglove_trials SET grp = '' WHERE study = ? AND grp = ? "
              f"AND status != '{PENDING}' AND id > (SELECT num_trials FROM "
              f'pyglove_studies WHERE id = ?) - {_RECENT_TRIALS}',
              (self._id, group, self._id))

  def insert(self, trial: Trial, group: str, attempt: int, lease: float) -> None:
    proposed = self._proposed_text
    text = (proposed[1] if proposed is not None and proposed[0] == trial.id
            else _codec.dumps(trial.dna))
    self._remember(text, trial.dna)
    self._sql('INSERT INTO pyglove_trials (study, id, dna, status, grp, '
              'attempt, lease, created_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
              (self._id, trial.id, text, trial.status, group,
               attempt, lease, trial.created_time))

  def assign(self, trial: Trial, group: str, attempt: int, lease: float) -> None:
    self._sql('UPDATE pyglove_trials SET grp = ?, attempt = ?, lease = ?, '
              'created_time = ? WHERE study = ? AND id = ?',
              (group, attempt, lease, trial.created_time, self._id, trial.id))

  def renew(self, claims: dict[int, int], lease: float) -> None:
    for trial_id, attempt in claims.items():
      self._sql('UPDATE pyglove_trials SET lease = ? WHERE study = ? AND '
                f"id = ? AND attempt = ? AND status = '{PENDING}'",
                (lease, self._id, trial_id, attempt))

  def save(self, trial: Trial) -> None:
    self._sql('UPDATE pyglove_trials SET status = ?, infeasible = ?, '
              'measurements = ?, metadata = ?, related_links = ?, '
              'completed_time = ? WHERE study = ? AND id = ?',
              (trial.status, int(trial.infeasible),
               _codec.dump_measurements(trial.measurements),
               _codec.dump_entries(trial.metadata),
               _codec.dumps(trial.related_links), trial.completed_time,
               self._id, trial.id))

  # --- the study -----------------------------------------------------------

  def head(self) -> Head:
    seq, num_trials, exhausted, num_failed = self._sql(
        _HEAD, (self._id, self._id)).fetchone()
    return Head(seq, num_trials, num_failed, bool(exhausted))

  def set_exhausted(self) -> None:
    self._sql('UPDATE pyglove_studies SET exhausted = 1 WHERE id = ?',
              (self._id,))

  def metadata(self) -> dict[str, Any]:
    return _codec.load_entries(self._sql(
        'SELECT metadata FROM pyglove_studies WHERE id = ?',
        (self._id,)).fetchone()[0])

  def set_metadata(self, entries: dict[str, Any]) -> None:
    self._sql('UPDATE pyglove_studies SET metadata = ? WHERE id = ?',
              (_codec.dump_entries(entries), self._id))

  def early_stopping_policy(self, trial_id: int | None) -> Any:
    if self._policy_state is None:
      return None
    policy = _state_json.loads(bytes(self._policy_state), spec=self._dna_spec,
                               trusted=self._backend.trusted)
    if trial_id is not None:
      rows = self._sql(
          f'SELECT {_codec.TRIAL_COLUMNS} FROM pyglove_trials WHERE study = ? '
          "AND id != ? AND measurements != '[]' ORDER BY id",
          (self._id, trial_id)).fetchall()
      policy.recover(_codec.load_trial(r, self._dna_spec) for r in rows)
    return policy

  # --- the replica and the log ---------------------------------------------

  def is_current(self, head: Head) -> bool:
    replica = self._replica
    if replica is None:
      return False
    if replica.seq >= head.seq:
      return True
    if replica.last_trial is not None:
      # Trials are numbered by proposal: a later proposal made a later trial.
      return replica.last_trial == head.num_trials
    # Only feedback and drops since: this replica made the last proposal.
    return self._sql(
        'SELECT 1 FROM pyglove_events WHERE study = ? AND seq > ? AND kind = ? '
        'LIMIT 1', (self._id, replica.seq, PROPOSE)).fetchone() is None

  def proposed_elsewhere(self, trial_id: int) -> bool:
    replica = self._replica
    return replica is None or (replica.last_trial is not None
                               and replica.last_trial < trial_id)

  def propose(self, trial_id: int, head: Head) -> Any:
    replica = self._catch_up(head.seq)
    self._unsaved = True
    dna = replica.propose(trial_id)
    text = _codec.dumps(dna)
    self._append(PROPOSE, trial_id, text, None)
    self._proposed_text = (trial_id, text)
    return dna

  def queue(self, head: Head, count: int, now: float) -> int:
    # One statement per table for the whole batch: the lock is held for less.
    replica = self._catch_up(head.seq)
    proposed = []
    try:
      for queued in range(count):
        trial_id = head.num_trials + queued + 1
        self._unsaved = True
        dna = replica.propose(trial_id)
        text = _codec.dumps(dna)
        self._remember(text, dna)
        proposed.append((trial_id, text))
    except StopIteration:
      self.set_exhausted()
    if not proposed:
      return 0
    last_seq = self._sql(
        'UPDATE pyglove_studies SET head = head + ?, num_trials = ? '
        'WHERE id = ? RETURNING head',
        (len(proposed), proposed[-1][0], self._id)).fetchone()[0]
    first_seq = last_seq - len(proposed) + 1
    self._dialect.execute_many(
        self._conn, 'INSERT INTO pyglove_events (study, seq, kind, trial, dna, '
        'reward) VALUES (?, ?, ?, ?, ?, NULL)',
        [(self._id, first_seq + i, PROPOSE, trial_id, text)
         for i, (trial_id, text) in enumerate(proposed)])
    self._dialect.execute_many(
        self._conn, 'INSERT INTO pyglove_trials (study, id, dna, status, grp, '
        f"attempt, lease, created_time) VALUES (?, ?, ?, '{PENDING}', '', 0, "
        '0.0, ?)', [(self._id, trial_id, text, now)
                    for trial_id, text in proposed])
    self._snapshot_if_due(last_seq)
    return len(proposed)

  def feedback(self, trial_id: int, reward: Any) -> None:
    seq = self._append(FEEDBACK, trial_id, None, _codec.dumps(reward))
    replica = self._replica
    if replica is not None and replica.seq == seq - 1:
      # Kept at the head of the log: feed it now, as a sequential run would.
      self._unsaved = True
      replica.feedback(trial_id, reward)
      self._snapshot_if_due(seq)

  def drop(self, trial_id: int) -> None:
    seq = self._append(DROP, trial_id, None, None)
    replica = self._replica
    if replica is not None and replica.seq == seq - 1:
      self._unsaved = True
      replica.drop(trial_id)

  def algorithm(self) -> Any:
    self.sync()
    return self._replica.algorithm

  def stored_algorithm(self) -> Any:
    """The algorithm as last saved (its kind is the study's); no replay."""
    if self._replica is None:
      with self._dialect.read(self._conn):
        self._replica = self._restore()
    return self._replica.algorithm

  def _restore(self) -> Replica:
    seq, state = self._sql(
        'SELECT seq, state FROM pyglove_snapshots WHERE study = ? '
        'ORDER BY seq DESC LIMIT 1', (self._id,)).fetchone()
    self._snapshot_seq = max(self._snapshot_seq, seq)
    return Replica.from_snapshot(state, seq, self._dna_spec,
                                 self._backend.trusted)

  def _entries_after(self, seq: int) -> list[tuple[Any, ...]]:
    return self._sql(
        'SELECT seq, kind, trial, dna, reward FROM pyglove_events '
        'WHERE study = ? AND seq > ? ORDER BY seq', (self._id, seq)).fetchall()

  def _replay(self, replica: Replica, entries: list[tuple[Any, ...]]) -> None:
    self._replica = None  # Until the replay has succeeded.
    replica.replay(entries, self._dna_spec, self._name)
    self._replica = replica

  def _catch_up(self, seq: int) -> Replica:
    """The replica at log entry `seq`, replayed under the lock if the gap is short."""
    replica = self._replica
    if replica is not None and replica.seq >= seq:
      return replica
    if not self._patient and (
        replica is None or seq - replica.seq > MAX_REPLAY_UNDER_LOCK):
      raise CatchUpFirst()
    replica = replica or self._restore()
    self._replay(replica, self._entries_after(replica.seq))
    return replica

  def _append(self, kind: str, trial_id: int, dna: str | None,
              reward: str | None) -> int:
    """Appends the next log entry; returns its number."""
    # A proposal's trial id is the new number of trials (one statement).
    seq = self._sql(
        'UPDATE pyglove_studies SET head = head + 1, num_trials = CASE WHEN ? '
        'THEN ? ELSE num_trials END WHERE id = ? RETURNING head',
        (kind == PROPOSE, trial_id, self._id)).fetchone()[0]
    self._sql('INSERT INTO pyglove_events (study, seq, kind, trial, dna, reward) '
              'VALUES (?, ?, ?, ?, ?, ?)',
              (self._id, seq, kind, trial_id, dna, reward))
    if kind == PROPOSE:
      self._snapshot_if_due(seq)
    return seq

  def _snapshot_if_due(self, seq: int) -> None:
    """Saves the replica if it is at entry `seq` and the last snapshot is old."""
    every = self._backend.snapshot_every
    replica = self._replica
    if (every and replica is not None and replica.seq == seq
        and seq - self._snapshot_seq >= every and not self._no_json_form):
      latest = self._sql('SELECT max(seq) FROM pyglove_snapshots WHERE '
                         'study = ?', (self._id,)).fetchone()[0] or 0
      self._snapshot_seq = latest
      if seq - latest >= every:
        try:
          state = replica.snapshot()
        except TypeError:
          # No JSON form (see `Replica.initial_snapshot`): joiners replay
          # the log from its start instead.
          self._no_json_form = True
          return
        self._sql('INSERT INTO pyglove_snapshots (study, seq, state) '
                  'VALUES (?, ?, ?)', (self._id, seq, state))
        self._snapshot_seq = seq
