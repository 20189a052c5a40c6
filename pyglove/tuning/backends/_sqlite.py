"""The `sqlite` backend: a study in a database file shared by processes on one machine."""
from __future__ import annotations

import os
import sqlite3
from typing import Any

from pyglove.tuning._backend import add_backend
from pyglove.tuning.backends._dialect import Dialect
from pyglove.tuning.backends._log_backend import LogBackend


class SqliteDialect(Dialect):
  """SQLite in WAL mode; a write transaction is ``BEGIN IMMEDIATE``.

  WAL lets readers (`pg.poll_result`) run beside the one writer, and
  ``BEGIN IMMEDIATE`` takes the write lock before the first read, so two
  workers never both read the log head and then race to extend it. The
  database must be on a local disk (SQLite's locks are unreliable over NFS).

  Args:
    path: the database file (created if missing).
    timeout: seconds a transaction waits for the lock before failing.

  Raises:
    TypeError: `path` is not a str or path-like.
    ValueError: `path` is ':memory:' or empty (other processes cannot see it).
  """

  id_type = 'INTEGER'
  blob_type = 'BLOB'

  def __init__(self, path: str | os.PathLike, timeout: float = 60.0) -> None:
    if not isinstance(path, (str, os.PathLike)):
      raise TypeError(
          f"backend='sqlite' needs path= a file name; got {path!r}.")
    path = os.fspath(path)
    if path in ('', ':memory:'):
      raise ValueError(
          "backend='sqlite' needs a database file that other processes can "
          f'open; got path={path!r}.')
    self.path = path
    self.timeout = timeout

  @property
  def location(self) -> str:
    return self.path

  def connect(self) -> sqlite3.Connection:
    conn = sqlite3.connect(self.path, timeout=self.timeout,
                           isolation_level=None, check_same_thread=False)
    conn.execute('PRAGMA journal_mode=WAL')
    # In WAL mode NORMAL is still durable against a process crash; only an
    # OS crash may lose the last commits.
    conn.execute('PRAGMA synchronous=NORMAL')
    return conn

  def _begin_write(self, conn: Any, lock: int) -> None:
    # One database file, one writer: the lock number needs no separate lock.
    conn.execute('BEGIN IMMEDIATE')


@add_backend('sqlite')
class SqliteBackend(LogBackend):
  """Studies in an SQLite file, shared by worker processes on one machine.

  Args:
    path: the database file (created if missing).
    timeout: seconds a transaction waits for the database lock.
    **settings: `LogBackend`'s lease, heartbeat, attempt and snapshot settings.

  Example:
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), 'search.db')
    >>> for x, feedback in pg.sample(pg.oneof([1, 2, 3]), pg.geno.Sweeping(),
    ...                              name='doc-sqlite', backend='sqlite',
    ...                              path=path):
    ...   feedback(float(x))
    >>> len(pg.poll_result('doc-sqlite', backend='sqlite', path=path).trials)
    3
  """

  def __init__(self, path: str | os.PathLike, *, timeout: float = 60.0,
               **settings: Any) -> None:
    super().__init__(SqliteDialect(path, timeout), **settings)
