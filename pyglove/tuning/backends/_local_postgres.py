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


@contextlib.contextmanager
def local_postgres(database: str = 'pyglove') -> Iterator[str]:
  """Runs a private PostgreSQL server in a temporary directory; yields its URL.

  The server listens on 127.0.0.1 on a free port (and on a unix socket in
  the temporary directory), trusts local connections, and is stopped and
  deleted when the block ends. As root, it runs as the `postgres` user
  (initdb refuses root).

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
  bindir = find_bindir()
  if bindir is None:
    raise FileNotFoundError(
        'PostgreSQL server binaries (initdb, pg_ctl) not found in '
        f'{_SEARCH}, via pg_config or on PATH; install the postgresql package.')
  root = tempfile.mkdtemp(prefix='pyglove-pg-')
  data = os.path.join(root, 'data')
  as_user = []
  if os.geteuid() == 0:
    shutil.chown(root, 'postgres')
    as_user = ['runuser', '-u', 'postgres', '--']
  port = _free_port()

  def run(*args: str) -> None:
    subprocess.run(as_user + list(args), check=True, capture_output=True,
                   cwd=root)

  try:
    run(os.path.join(bindir, 'initdb'), '-D', data, '-U', 'postgres',
        '--auth=trust', '-E', 'UTF8')
    run(os.path.join(bindir, 'pg_ctl'), '-D', data, '-w', '-l',
        os.path.join(root, 'server.log'), '-o',
        f'-h 127.0.0.1 -p {port} -k {root} -c max_connections=200', 'start')
    try:
      run(os.path.join(bindir, 'createdb'), '-h', '127.0.0.1', '-p', str(port),
          '-U', 'postgres', database)
      yield f'postgresql://postgres@127.0.0.1:{port}/{database}'
    finally:
      run(os.path.join(bindir, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w',
          'stop')
  finally:
    shutil.rmtree(root, ignore_errors=True)


def _free_port() -> int:
  with socket.socket() as s:
    s.bind(('127.0.0.1', 0))
    return s.getsockname()[1]
