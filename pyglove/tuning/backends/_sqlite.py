"""The `sqlite` backend: a study in a database file shared by processes on one machine."""
from __future__ import annotations

import fcntl
import os
import sqlite3
import time
import urllib.parse
from typing import Any
import weakref

from pyglove.tuning._backend import add_backend
from pyglove.tuning.backends._dialect import TABLES
from pyglove.tuning.backends._dialect import Dialect
from pyglove.tuning.backends._log_backend import LogBackend


class _Connection(sqlite3.Connection):
  """A connection with the file that queues its writers (see `SqliteDialect`)."""

  lock_fd: int | None = None
  _release: Any = None

  def hold_lock_file(self, path: str) -> None:
    """Opens the lock file; it is closed with the connection, or when collected."""
    self.lock_fd = _open_lock_file(path)
    self._release = weakref.finalize(self, os.close, self.lock_fd)

  def close(self) -> None:
    if self._release is not None:
      self._release()
      self.lock_fd = None
    super().close()


class SqliteDialect(Dialect):
  """SQLite in WAL mode; writers queue on a lock file, readers never wait.

  WAL lets readers (`pg.poll_result`) run beside the one writer. A write
  transaction is ``BEGIN IMMEDIATE``, taken once the writer holds an
  exclusive `flock` on ``<path>-lock``: the kernel hands that lock to the
  next waiting process the moment it is released, where SQLite's own
  busy-wait sleeps for up to 100 ms between tries and leaves the cores idle
  under contention. A read-only connection opens the file read-only (and
  immutable if it is in a read-only place with no write-ahead log pending),
  so a study can be read from a file the reader may not write. The database
  must be on a local disk (SQLite's locks are unreliable over NFS).

  Args:
    path: the database file (created by writers if missing).
    timeout: seconds SQLite waits on its own locks, e.g. while another
      program writes the file.

  Raises:
    TypeError: `path` is not a str or path-like.
    ValueError: `path` is ':memory:' or empty (other processes cannot see it).
  """

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

  def connect(self, read_only: bool = False) -> sqlite3.Connection:
    if read_only:
      return self._connect_reader()
    conn = sqlite3.connect(self.path, timeout=self.timeout,
                           isolation_level=None, check_same_thread=False,
                           factory=_Connection)
    try:
      self._use_wal(conn)
      # In WAL mode NORMAL is still durable against a process crash; only an
      # OS crash may lose the last commits.
      conn.execute('PRAGMA synchronous=NORMAL')
      conn.hold_lock_file(f'{self.path}-lock')
    except BaseException:
      conn.close()
      raise
    return conn

  def _use_wal(self, conn: sqlite3.Connection) -> None:
    """Puts the file in WAL mode (once per file: it stays so).

    Switching takes the file for a moment, and SQLite refuses (at once,
    without waiting) the other processes that switch it meanwhile, as when
    workers start together on a new file: those wait and look again.
    """
    deadline = time.monotonic() + self.timeout
    delay = 0.001
    while True:
      try:
        if conn.execute('PRAGMA journal_mode').fetchone()[0].lower() == 'wal':
          return
        conn.execute('PRAGMA journal_mode=WAL')
      except sqlite3.OperationalError as e:
        if 'locked' not in str(e) or time.monotonic() >= deadline:
          raise
        time.sleep(delay)
        delay = min(2 * delay, 0.1)

  def _connect_reader(self) -> sqlite3.Connection:
    if not os.path.isfile(self.path):
      raise FileNotFoundError(
          f'No sqlite study database at {self.path!r} (no such file); give '
          'the path= the studies were run with.')
    uri = f'file:{urllib.parse.quote(os.path.abspath(self.path))}?mode=ro'
    try:
      conn = self._open_uri(uri)
      conn.execute('SELECT count(*) FROM sqlite_master').fetchone()
      return conn
    except sqlite3.OperationalError:
      # A read-only place where the shared-memory index cannot be made.
      # With no write-ahead log pending, nobody is writing: read it as is.
      if os.path.exists(f'{self.path}-wal'):
        raise
      return self._open_uri(f'{uri}&immutable=1')

  def _open_uri(self, uri: str) -> sqlite3.Connection:
    return sqlite3.connect(uri, uri=True, timeout=self.timeout,
                           isolation_level=None, check_same_thread=False,
                           factory=_Connection)

  def tables(self, conn: Any) -> set[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN "
        f'({", ".join("?" * len(TABLES))})', TABLES).fetchall()
    return {r[0] for r in rows}

  def _begin_write(self, conn: Any, lock: int) -> None:
    # One database file, one writer: the lock number needs no separate lock.
    if conn.lock_fd is not None:
      fcntl.flock(conn.lock_fd, fcntl.LOCK_EX)
    conn.execute('BEGIN IMMEDIATE')

  def _end_write(self, conn: Any) -> None:
    if conn.lock_fd is not None:
      fcntl.flock(conn.lock_fd, fcntl.LOCK_UN)

  def explain(self, error: Exception) -> Exception | None:
    if isinstance(error, sqlite3.OperationalError) and 'readonly' in str(error):
      return PermissionError(
          f'The sqlite study file {self.path!r} is read-only here ({error}); '
          "running a study writes to it (pg.poll_result only reads).")
    return None


def _open_lock_file(path: str) -> int:
  try:
    return os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
  except PermissionError:
    return os.open(path, os.O_RDONLY)  # flock needs no write access.


@add_backend('sqlite')
class SqliteBackend(LogBackend):
  """Studies in an SQLite file, shared by worker processes on one machine.

  Args:
    path: the database file (created by `pg.sample` if missing; reading a
      missing file with `pg.poll_result` is an error).
    timeout: seconds SQLite waits on its own locks.
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
