"""`LogBackend`: opens and reports studies kept in a SQL database by the log protocol."""
from __future__ import annotations

import json
import numbers
import time
import uuid
from typing import Any, Callable, Sequence, TypeVar

from pyglove.geno import _state_json
from pyglove.tuning._backend import Backend
from pyglove.tuning._backend import check_joinable
from pyglove.tuning._backend import prepare_algorithm
from pyglove.tuning._lifecycle import TrialStudy
from pyglove.tuning._result import Result
from pyglove.tuning.backends import _codec
from pyglove.tuning.backends._dialect import REGISTRY_LOCK
from pyglove.tuning.backends._dialect import TABLES
from pyglove.tuning.backends._dialect import Dialect
from pyglove.tuning.backends._replica import Replica
from pyglove.tuning.backends._sql_store import SqlStore

_T = TypeVar('_T')


class LogBackend(Backend):
  """A backend whose studies live in a database that many processes share.

  The first `open_study` of a name creates the study and stores its set-up
  generator; a worker that joins later restores that generator from the
  database and replays the log, so the algorithm a joining worker passes
  is only checked for its type (like the other settings it may leave None).

  Args:
    dialect: how to reach the database.
    lease_secs: how long a trial stays with a worker that stopped sending
      heartbeats before it is handed out again.
    heartbeat_secs: how often a live worker renews its leases (default: a
      third of the lease).
    max_attempts: how many times a trial may be handed out (its workers
      dying before they report) before it fails.
    snapshot_every: save the generator every this many log entries, so a
      worker that joins late replays only what follows (0: never).
    trusted: load a study whose generator or early-stopping policy is a
      class outside this library (e.g. a generator class of your module)
      or holds functions (e.g. a `Lambda` operation); by default such a
      study raises `pg.UnsafeLoadError`, since loading it would run code
      that the database names. Generator state is always stored as JSON
      (see `pyglove.geno._state_json`), never pickled.
    create_tables: create the tables when the database lacks them (checked
      once per `open_study`, with a read); False for a role that may only
      read and write existing tables.
    reconnect_secs: how long to keep retrying, with backoff, after the
      database became unreachable (a server restart, a network drop) before
      raising `ConnectionError`.

  Raises:
    TypeError: a setting of the wrong type.
    ValueError: a setting out of range.
  """

  def __init__(self, dialect: Dialect, *, lease_secs: float = 60.0,
               heartbeat_secs: float | None = None, max_attempts: int = 3,
               snapshot_every: int = 1000, trusted: bool = False,
               create_tables: bool = True,
               reconnect_secs: float = 60.0) -> None:
    self.dialect = dialect
    self.trusted = bool(trusted)
    self.create_tables_if_missing = bool(create_tables)
    self.lease_secs = _positive('lease_secs', lease_secs)
    if heartbeat_secs is None:
      heartbeat_secs = lease_secs / 3
    self.heartbeat_secs = _positive('heartbeat_secs', heartbeat_secs)
    if self.heartbeat_secs >= self.lease_secs:
      raise ValueError(
          f'heartbeat_secs must be less than lease_secs, so that a live worker '
          f'renews its leases in time; got heartbeat_secs={heartbeat_secs}, '
          f'lease_secs={lease_secs}.')
    self.max_attempts = _count('max_attempts', max_attempts, 1)
    self.snapshot_every = _count('snapshot_every', snapshot_every, 0)
    self.reconnect_secs = _positive('reconnect_secs', reconnect_secs)

  def create_tables(self) -> None:
    """Creates the study tables if missing (for an owner role, once per database).

    Example:
      >>> backend = pg.tuning.backends.PostgresBackend(admin_url)
      >>> backend.create_tables()
    """
    def create() -> None:
      conn = self.dialect.connect()
      try:
        self.dialect.create_tables(conn)
      finally:
        conn.close()
    self.retrying(create)

  def retrying(self, operation: Callable[[], _T],
               reconnect: Callable[[], None] | None = None) -> _T:
    """Runs `operation`, again after each transient failure, for up to `reconnect_secs`.

    Args:
      operation: a function that opens its own transactions (each either
        commits or rolls back, so running it again is safe).
      reconnect: replaces the operation's broken connection before a retry.

    Raises:
      ConnectionError: the database stayed unreachable for `reconnect_secs`.
      PermissionError: the database refused an access (what it needs is said).
    """
    deadline = None
    delay = 0.05
    broken = False
    while True:
      try:
        if broken and reconnect is not None:
          reconnect()
        return operation()
      except Exception as e:  # pylint: disable=broad-except
        if not self.dialect.is_transient(e):
          clearer = self.dialect.explain(e)
          if clearer is None:
            raise
          raise clearer from None
        now = time.monotonic()
        if deadline is None:
          deadline = now + self.reconnect_secs
        if now >= deadline:
          raise ConnectionError(
              f'Lost the database at {self.dialect.location} and could not '
              f'reach it again within reconnect_secs={self.reconnect_secs:g}: '
              f'{e}') from None
        time.sleep(min(delay, deadline - now))
        delay = min(delay * 2, 2.0)
        broken = True

  def open_study(self, *, name: str | None, dna_spec: Any, algorithm: Any,
                 early_stopping_policy: Any, num_examples: int | None,
                 metrics_to_optimize: Sequence[str]) -> TrialStudy:
    if name is None:
      name = f'unnamed-{uuid.uuid4().hex}'
    study, store = self.retrying(lambda: self._open(
        name, dna_spec, algorithm, early_stopping_policy, num_examples,
        tuple(metrics_to_optimize)))
    try:
      check_joinable(
          study, dna_spec=dna_spec, algorithm=algorithm,
          # Only its kind is compared: no need to replay the log.
          algorithm_in_study=(None if algorithm is None
                              else self.retrying(store.stored_algorithm)),
          early_stopping_policy=early_stopping_policy,
          policy_in_study=study.early_stopping_policy,
          num_examples=num_examples, num_examples_in_study=study.num_examples,
          metrics_to_optimize=metrics_to_optimize)
    except BaseException:
      study.close()
      raise
    return study

  def _open(self, name: str, dna_spec: Any, algorithm: Any, policy: Any,
            num_examples: int | None,
            metrics: tuple[str, ...]) -> tuple[TrialStudy, SqlStore]:
    conn = self.dialect.connect()
    try:
      self._ensure_tables(conn)
      with self.dialect.write(conn, REGISTRY_LOCK):
        row = self.dialect.execute(
            conn, 'SELECT id, dna_spec, metrics, num_examples, policy FROM '
            'pyglove_studies WHERE name = ?', (name,)).fetchone()
        if row is None:
          return self._create(conn, name, dna_spec, algorithm, policy,
                              num_examples, metrics)
      return self._study(conn, row, name, None)
    except BaseException:
      conn.close()
      raise

  def _ensure_tables(self, conn: Any) -> None:
    missing = set(TABLES) - self.dialect.tables(conn)
    if not missing:
      return
    if not self.create_tables_if_missing:
      raise ValueError(
          f'The database at {self.dialect.location} lacks the study tables '
          f'{sorted(missing)}, and create_tables=False; create them once with '
          'a role that may (e.g. backend.create_tables()).')
    self.dialect.create_tables(conn)

  def _create(self, conn: Any, name: str, dna_spec: Any, algorithm: Any,
              policy: Any, num_examples: int | None,
              metrics: tuple[str, ...]) -> tuple[TrialStudy, SqlStore]:
    algorithm = prepare_algorithm(algorithm, dna_spec, metrics)
    policy_state = None
    if policy is not None:
      policy.setup(dna_spec)
      policy_state = _state_json.dumps(policy, spec=dna_spec).encode('utf-8')
    replica = Replica(algorithm, {}, 0)
    study_id = self.dialect.execute(
        conn, 'SELECT COALESCE(MAX(id), 0) + 1 FROM pyglove_studies'
    ).fetchone()[0]
    self.dialect.execute(
        conn, 'INSERT INTO pyglove_studies (id, name, dna_spec, metrics, '
        'num_examples, policy, created_time) VALUES (?, ?, ?, ?, ?, ?, ?)',
        (study_id, name, _codec.dumps(dna_spec), json.dumps(metrics),
         num_examples, policy_state, time.time()))
    # Entry 0: the set-up generator every replica starts from.
    self.dialect.execute(
        conn, 'INSERT INTO pyglove_snapshots (study, seq, state) '
        'VALUES (?, 0, ?)', (study_id, Replica.initial_snapshot(algorithm)))
    return self._study(conn, (study_id, _codec.dumps(dna_spec),
                              json.dumps(metrics), num_examples, policy_state),
                       name, replica)

  def _study(self, conn: Any, row: tuple[Any, ...], name: str,
             replica: Replica | None) -> tuple[TrialStudy, SqlStore]:
    study_id, spec_text, metrics, num_examples, policy_state = row
    if policy_state is not None:
      policy_state = bytes(policy_state)
    dna_spec = _codec.load_spec(spec_text)
    store = SqlStore(self, conn, study_id, name, dna_spec, policy_state, replica)
    study = TrialStudy(store, name, dna_spec, _codec.load_metrics(metrics),
                       num_examples,
                       retry=lambda op: self.retrying(op, store.reconnect))
    return study, store

  def poll_result(self, name: str) -> Result:
    return self.retrying(lambda: self._poll(name))

  def _poll(self, name: str) -> Result:
    conn = self.dialect.connect(read_only=True)
    try:
      row = None
      if not set(TABLES) - self.dialect.tables(conn):
        row = self.dialect.execute(
            conn, 'SELECT id, dna_spec, metrics, num_examples, NULL FROM '
            'pyglove_studies WHERE name = ?', (name,)).fetchone()
      if row is None:
        raise KeyError(
            f'No study is named {name!r} in {self.dialect.location}; known '
            f'studies: {self._names(conn)}.')
      return self._study(conn, row, name, None)[0].result()
    finally:
      conn.close()

  def _names(self, conn: Any) -> list[str]:
    if set(TABLES) - self.dialect.tables(conn):
      return []
    return [r[0] for r in self.dialect.execute(
        conn, 'SELECT name FROM pyglove_studies ORDER BY name').fetchall()]


def _positive(name: str, value: Any) -> float:
  if isinstance(value, bool) or not isinstance(value, numbers.Real):
    raise TypeError(f'{name} must be a number of seconds; got {value!r}.')
  if not value > 0:
    raise ValueError(f'{name} must be > 0; got {value!r}.')
  return float(value)


def _count(name: str, value: Any, minimum: int) -> int:
  if isinstance(value, bool) or not isinstance(value, int):
    raise TypeError(f'{name} must be an int; got {value!r}.')
  if value < minimum:
    raise ValueError(f'{name} must be >= {minimum}; got {value}.')
  return value
