"""The thin layer between the log protocol and a SQL database: connections, locks, SQL.

The protocol writes its SQL once, with ``?`` placeholders and portable types;
a `Dialect` connects, translates placeholders, and opens the two kinds of
transaction the protocol needs: a *write* transaction that holds the lock of
one study (so the log of that study grows one writer at a time), and a
*read* transaction that sees one consistent snapshot and takes no lock.
It also says which of the driver's errors are worth a retry (a lost
connection) and turns the others into clear ones.
"""
from __future__ import annotations

import abc
import contextlib
from typing import Any, Iterator, Sequence

# Lock 0 guards the schema and the registry of studies; study ids start at 1.
REGISTRY_LOCK = 0

TABLES = ('pyglove_studies', 'pyglove_events', 'pyglove_trials',
          'pyglove_snapshots')

# Study ids are assigned under the registry lock (no sequence), so a role
# with only SELECT, INSERT and UPDATE on these tables can run studies.
_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS pyglove_studies (
         id BIGINT PRIMARY KEY,
         name TEXT NOT NULL UNIQUE,
         dna_spec TEXT NOT NULL,
         metrics TEXT NOT NULL,
         num_examples INTEGER,
         policy {blob_type},
         exhausted INTEGER NOT NULL DEFAULT 0,
         num_trials INTEGER NOT NULL DEFAULT 0,
         head INTEGER NOT NULL DEFAULT 0,
         metadata TEXT NOT NULL DEFAULT '{{}}',
         created_time DOUBLE PRECISION NOT NULL)""",
    # The log: seq numbers each study's events from 1 without gaps.
    """CREATE TABLE IF NOT EXISTS pyglove_events (
         study INTEGER NOT NULL,
         seq INTEGER NOT NULL,
         kind TEXT NOT NULL,
         trial INTEGER NOT NULL,
         dna TEXT,
         reward TEXT,
         PRIMARY KEY (study, seq))""",
    """CREATE TABLE IF NOT EXISTS pyglove_trials (
         study INTEGER NOT NULL,
         id INTEGER NOT NULL,
         dna TEXT NOT NULL,
         status TEXT NOT NULL,
         infeasible INTEGER NOT NULL DEFAULT 0,
         grp TEXT NOT NULL,
         attempt INTEGER NOT NULL DEFAULT 1,
         lease DOUBLE PRECISION NOT NULL,
         measurements TEXT NOT NULL DEFAULT '[]',
         metadata TEXT NOT NULL DEFAULT '{{}}',
         related_links TEXT NOT NULL DEFAULT '{{}}',
         created_time DOUBLE PRECISION NOT NULL,
         completed_time DOUBLE PRECISION,
         PRIMARY KEY (study, id))""",
    """CREATE INDEX IF NOT EXISTS pyglove_trials_by_status
         ON pyglove_trials (study, status)""",
    """CREATE TABLE IF NOT EXISTS pyglove_snapshots (
         study INTEGER NOT NULL,
         seq INTEGER NOT NULL,
         state {blob_type} NOT NULL,
         PRIMARY KEY (study, seq))""",
)


class Dialect(abc.ABC):
  """What differs between databases, behind one small interface.

  Subclasses set `blob_type` (the column type of binary data) and implement
  `location`, `connect`, `tables` and `_begin_write`; the rest has portable
  defaults.
  """

  blob_type: str

  @property
  @abc.abstractmethod
  def location(self) -> str:
    """Where the database is, for messages (a path, or a URL without password)."""

  @abc.abstractmethod
  def connect(self, read_only: bool = False) -> Any:
    """A new connection in autocommit mode (transactions are begun explicitly).

    A read-only connection never creates the database nor takes a write lock.
    """

  @abc.abstractmethod
  def tables(self, conn: Any) -> set[str]:
    """The names of the protocol's tables (`TABLES`) the database has."""

  @abc.abstractmethod
  def _begin_write(self, conn: Any, lock: int) -> None:
    """Begins a transaction that holds the exclusive lock numbered `lock`."""

  def _end_write(self, conn: Any) -> None:
    """Releases what `_begin_write` took besides the transaction (after it ends)."""

  def _begin_read(self, conn: Any) -> None:
    conn.execute('BEGIN')

  def _translate(self, sql: str) -> str:
    """The statement in the driver's placeholder style."""
    return sql

  def is_transient(self, error: Exception) -> bool:
    """Whether `error` is worth a retry on a new connection (e.g. a server restart)."""
    del error
    return False

  def explain(self, error: Exception) -> Exception | None:
    """A clearer exception to raise instead of the driver's `error`, or None."""
    del error
    return None

  def execute(self, conn: Any, sql: str, params: Sequence[Any] = ()) -> Any:
    """Runs one statement and returns the driver's cursor."""
    return conn.execute(self._translate(sql), params)

  def execute_many(self, conn: Any, sql: str,
                   rows: Sequence[Sequence[Any]]) -> None:
    """Runs one statement for each row of parameters (in one call to the driver)."""
    conn.cursor().executemany(self._translate(sql), rows)

  @contextlib.contextmanager
  def write(self, conn: Any, lock: int) -> Iterator[None]:
    """A transaction holding lock `lock` (a study id, or `REGISTRY_LOCK`).

    It commits when the block ends and rolls back when it raises.
    """
    try:
      self._begin_write(conn, lock)
      yield
      conn.execute('COMMIT')
    except BaseException:
      _rollback(conn)
      raise
    finally:
      self._end_write(conn)

  @contextlib.contextmanager
  def read(self, conn: Any) -> Iterator[None]:
    """A transaction that sees one snapshot and takes no write lock."""
    self._begin_read(conn)
    try:
      yield
    except BaseException:
      _rollback(conn)
      raise
    conn.execute('COMMIT')

  def create_tables(self, conn: Any) -> None:
    """Creates the protocol's missing tables (safe to race with other workers)."""
    with self.write(conn, REGISTRY_LOCK):
      for statement in _SCHEMA:
        self.execute(conn, statement.format(blob_type=self.blob_type))


def _rollback(conn: Any) -> None:
  # On a broken connection the server has rolled back already; the
  # caller's error, not this one, is what to report.
  with contextlib.suppress(Exception):
    conn.execute('ROLLBACK')
