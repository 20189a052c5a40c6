"""The thin layer between the log protocol and a SQL database: connections, locks, SQL.

The protocol writes its SQL once, with ``?`` placeholders and portable types;
a `Dialect` connects, translates placeholders, and opens the two kinds of
transaction the protocol needs: a *write* transaction that holds the lock of
one study (so the log of that study grows one writer at a time), and a
*read* transaction that sees one consistent snapshot.
"""
from __future__ import annotations

import abc
import contextlib
from typing import Any, Iterator, Sequence

# Lock 0 guards the schema and the registry of studies; study ids start at 1.
REGISTRY_LOCK = 0

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS pyglove_studies (
         id {id_type} PRIMARY KEY,
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

  Subclasses set `id_type` and `blob_type` (column types for the schema) and
  implement `connect`, `_begin_write` and `_translate`.
  """

  id_type: str
  blob_type: str

  @property
  @abc.abstractmethod
  def location(self) -> str:
    """Where the database is, for messages (a path, or a URL without password)."""

  @abc.abstractmethod
  def connect(self) -> Any:
    """A new connection in autocommit mode (transactions are begun explicitly)."""

  @abc.abstractmethod
  def _begin_write(self, conn: Any, lock: int) -> None:
    """Begins a transaction that holds the exclusive lock numbered `lock`."""

  def _begin_read(self, conn: Any) -> None:
    conn.execute('BEGIN')

  def _translate(self, sql: str) -> str:
    """The statement in the driver's placeholder style."""
    return sql

  def execute(self, conn: Any, sql: str, params: Sequence[Any] = ()) -> Any:
    """Runs one statement and returns the driver's cursor."""
    return conn.execute(self._translate(sql), params)

  @contextlib.contextmanager
  def write(self, conn: Any, lock: int) -> Iterator[None]:
    """A transaction holding lock `lock` (a study id, or `REGISTRY_LOCK`).

    It commits when the block ends and rolls back when it raises.
    """
    self._begin_write(conn, lock)
    try:
      yield
    except BaseException:
      conn.execute('ROLLBACK')
      raise
    conn.execute('COMMIT')

  @contextlib.contextmanager
  def read(self, conn: Any) -> Iterator[None]:
    """A read-only transaction: every statement in it sees the same snapshot."""
    self._begin_read(conn)
    try:
      yield
    finally:
      conn.execute('COMMIT')

  def create_schema(self, conn: Any) -> None:
    """Creates the protocol's tables if they are missing (safe to race)."""
    with self.write(conn, REGISTRY_LOCK):
      for statement in _SCHEMA:
        self.execute(conn, statement.format(id_type=self.id_type,
                                            blob_type=self.blob_type))
