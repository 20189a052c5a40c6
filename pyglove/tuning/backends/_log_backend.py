"""`LogBackend`: opens and reports studies kept in a SQL database by the log protocol."""
from __future__ import annotations

import json
import numbers
import time
import uuid
from typing import Any, Sequence

from pyglove.geno import _state_json
from pyglove.tuning._backend import Backend
from pyglove.tuning._backend import check_joinable
from pyglove.tuning._backend import prepare_algorithm
from pyglove.tuning._result import Result
from pyglove.tuning.backends import _codec
from pyglove.tuning.backends._dialect import REGISTRY_LOCK
from pyglove.tuning.backends._dialect import Dialect
from pyglove.tuning.backends._protocol import LogStudy
from pyglove.tuning.backends._protocol import read_result
from pyglove.tuning.backends._replica import Replica


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
    max_attempts: how many workers may hold a trial before it is failed
      (completed as infeasible) instead of handed out again.
    snapshot_every: save the generator every this many log entries, so a
      worker that joins late replays only what follows (0: never).
    trusted: load a study whose generator or early-stopping policy is a
      class outside this library (e.g. a generator class of your module)
      or holds functions (e.g. a `Lambda` operation); by default such a
      study raises `pg.UnsafeLoadError`, since loading it would run code
      that the database names. Generator state is always stored as JSON
      (see `pyglove.geno._state_json`), never pickled.

  Raises:
    TypeError: a setting of the wrong type.
    ValueError: a setting out of range.
  """

  def __init__(self, dialect: Dialect, *, lease_secs: float = 60.0,
               heartbeat_secs: float | None = None, max_attempts: int = 3,
               snapshot_every: int = 1000, trusted: bool = False) -> None:
    self.dialect = dialect
    self.trusted = bool(trusted)
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

  def open_study(self, *, name: str | None, dna_spec: Any, algorithm: Any,
                 early_stopping_policy: Any, num_examples: int | None,
                 metrics_to_optimize: Sequence[str]) -> LogStudy:
    if name is None:
      name = f'unnamed-{uuid.uuid4().hex}'
    conn = self.dialect.connect()
    try:
      self.dialect.create_schema(conn)
      with self.dialect.write(conn, REGISTRY_LOCK):
        row = self.dialect.execute(
            conn, 'SELECT id, dna_spec, metrics, num_examples, policy FROM '
            'pyglove_studies WHERE name = ?', (name,)).fetchone()
        if row is None:
          study = self._create(conn, name, dna_spec, algorithm,
                               early_stopping_policy, num_examples,
                               tuple(metrics_to_optimize))
          return study
      study = self._join(conn, row, name)
      check_joinable(
          study, dna_spec=dna_spec, algorithm=algorithm,
          algorithm_in_study=study.algorithm,
          early_stopping_policy=early_stopping_policy,
          policy_in_study=study.early_stopping_policy,
          num_examples=num_examples, num_examples_in_study=study.num_examples,
          metrics_to_optimize=metrics_to_optimize)
      return study
    except BaseException:
      conn.close()
      raise

  def _create(self, conn: Any, name: str, dna_spec: Any, algorithm: Any,
              policy: Any, num_examples: int | None,
              metrics: tuple[str, ...]) -> LogStudy:
    algorithm = prepare_algorithm(algorithm, dna_spec, metrics)
    policy_state = None
    if policy is not None:
      policy.setup(dna_spec)
      policy_state = _state_json.dumps(policy, spec=dna_spec).encode('utf-8')
    replica = Replica(algorithm, {}, 0)
    study_id = self.dialect.execute(
        conn, 'INSERT INTO pyglove_studies (name, dna_spec, metrics, '
        'num_examples, policy, created_time) VALUES (?, ?, ?, ?, ?, ?) '
        'RETURNING id', (name, _codec.dumps(dna_spec), json.dumps(metrics),
                         num_examples, policy_state, time.time())).fetchone()[0]
    # Entry 0: the set-up generator every replica starts from.
    self.dialect.execute(
        conn, 'INSERT INTO pyglove_snapshots (study, seq, state) '
        'VALUES (?, 0, ?)', (study_id, replica.snapshot()))
    return LogStudy(self, conn, study_id, name, dna_spec, metrics,
                    num_examples, policy_state, replica)

  def _join(self, conn: Any, row: tuple[Any, ...], name: str) -> LogStudy:
    study_id, spec_text, metrics, num_examples, policy_state = row
    if policy_state is not None:
      policy_state = bytes(policy_state)
    return LogStudy(self, conn, study_id, name, _codec.loads(spec_text),
                    tuple(json.loads(metrics)), num_examples, policy_state,
                    None)

  def poll_result(self, name: str) -> Result:
    conn = self.dialect.connect()
    try:
      self.dialect.create_schema(conn)
      row = self.dialect.execute(
          conn, 'SELECT id, dna_spec, metrics, num_examples FROM '
          'pyglove_studies WHERE name = ?', (name,)).fetchone()
      if row is None:
        names = [r[0] for r in self.dialect.execute(
            conn, 'SELECT name FROM pyglove_studies ORDER BY name').fetchall()]
        raise KeyError(f'No study is named {name!r} in {self.dialect.location}; '
                       f'known studies: {names}.')
      study_id, spec_text, metrics, num_examples = row
      return read_result(self.dialect, conn, study_id, name,
                         _codec.loads(spec_text), tuple(json.loads(metrics)),
                         num_examples)
    finally:
      conn.close()


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
