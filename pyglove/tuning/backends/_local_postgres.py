"""A throwaway PostgreSQL server on loopback, for tests, benchmarks and examples."""
from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from typing import Iterator

_SEARCH = '/usr/lib/postgresql/*/bin'


def find_bindir() -> str | None:
  """The directory holding `initdb` and `pg_ctl`, or None if PostgreSQL is absent."""
  candidates = sorted(glob.glob(_SEARCH), reverse=True)
  pg_config = shutil.which('pg_config')
  if pg_config:
    try:
      candidates.append(subprocess.run(
          [pg_config, '--bindir'], check=True, capture_output=True,
          text=True).stdout.strip())
    except (OSError, subprocess.CalledProcessError):
      pass  # A broken pg_config: the other candidates may still work.
  on_path = shutil.which('initdb')
  if on_path:
    candidates.append(os.path.dirname(on_path))
  for bindir in candidates:
    if all(os.access(os.path.join(bindir, tool), os.X_OK)
           for tool in ('initdb', 'pg_ctl')):
      return bindir
  return None


class LocalPostgres:
  """A private PostgreSQL server in a temporary directory, that can be stopped and started.

  The server listens on 127.0.0.1 on a port chosen once (and on a unix
  socket in the temporary directory), trusts local connections, and keeps
  its data across `stop()` and `start()`, so a test can take it away from
  running workers and bring it back. As root, it runs as the `postgres`
  user (initdb refuses root).

  Args:
    database: the name of the database created for the caller.

  Raises:
    FileNotFoundError: PostgreSQL's server binaries are not installed.

  Example:
    >>> with LocalPostgres() as server:
    ...   server.stop()   # Workers now see a server outage...
    ...   server.start()  # ...and reconnect to server.url.
  """

  def __init__(self, database: str = 'pyglove') -> None:
    self._bindir = find_bindir()
    if self._bindir is None:
      raise FileNotFoundError(
          'PostgreSQL server binaries (initdb, pg_ctl) not found in '
          f'{_SEARCH}, via pg_config or on PATH; install the postgresql '
          'package.')
    self.database = database
    self.port = _free_port()
    self.url = f'postgresql://postgres@127.0.0.1:{self.port}/{database}'
    self._root: str | None = None
    self._as_user: list[str] = []
    self._running = False

  def __enter__(self) -> LocalPostgres:
    self._root = tempfile.mkdtemp(prefix='pyglove-pg-')
    try:
      if os.geteuid() == 0:
        shutil.chown(self._root, 'postgres')
        self._as_user = ['runuser', '-u', 'postgres', '--']
      self._run('initdb', '-D', self._data, '-U', 'postgres', '--auth=trust',
                '-E', 'UTF8')
      self.start()
      self._run('createdb', '-h', '127.0.0.1', '-p', str(self.port), '-U',
                'postgres', self.database)
    except BaseException:
      self.__exit__(None, None, None)
      raise
    return self

  def __exit__(self, *exc_info: object) -> None:
    try:
      self.stop()
    finally:
      shutil.rmtree(self._root, ignore_errors=True)

  @property
  def _data(self) -> str:
    return os.path.join(self._root, 'data')

  def _run(self, tool: str, *args: str) -> None:
    subprocess.run(self._as_user + [os.path.join(self._bindir, tool), *args],
                   check=True, capture_output=True, cwd=self._root)

  def start(self) -> None:
    """Starts the server (waits until it accepts connections).

    Raises:
      subprocess.CalledProcessError: the server failed to start.
    """
    self._run('pg_ctl', '-D', self._data, '-w', '-l',
              os.path.join(self._root, 'server.log'), '-o',
              f'-h 127.0.0.1 -p {self.port} -k {self._root} '
              '-c max_connections=200', 'start')
    self._running = True

  def stop(self) -> None:
    """Stops the server at once, as a crash would (its data stays)."""
    if self._running:
      self._run('pg_ctl', '-D', self._data, '-m', 'immediate', '-w', 'stop')
      self._running = False


@contextlib.contextmanager
def local_postgres(database: str = 'pyglove') -> Iterator[str]:
  """Runs a private PostgreSQL server in a temporary directory; yields its URL.

  The server (a `LocalPostgres`) is stopped and deleted when the block ends.

  Args:
    database: the name of the database created for the caller.

  Raises:
    FileNotFoundError: PostgreSQL's server binaries are not installed.
    subprocess.CalledProcessError: the server failed to start.

  Example:
    >>> with local_postgres() as url:
    ...   for x, feedback in pg.sample(pg.oneof([1, 2]), backend='postgres',
    ...                                url=url, num_examples=2):
    ...     feedback(float(x))
  """
  with LocalPostgres(database) as server:
    yield server.url


def _free_port() -> int:
  with socket.socket() as s:
    s.bind(('127.0.0.1', 0))
    return s.getsockname()[1]
