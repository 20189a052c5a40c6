"""The sqlite backend: a database file in WAL mode."""
from __future__ import annotations

import fcntl
import multiprocessing
import os
import pathlib
import pickle
import pwd
import shutil
import sqlite3
import tempfile
import time

import pytest

import pyglove as pg
from pyglove.tuning.backends import SqliteBackend
from pyglove.tuning.backends import _sqlite


def test_registered_as_sqlite():
  """backend='sqlite' selects it."""
  assert 'sqlite' in pg.tuning.registered_backends()


def test_database_uses_wal(sqlite_path):
  """Connections put the database in WAL mode."""
  conn = SqliteBackend(sqlite_path).dialect.connect()
  assert conn.execute('PRAGMA journal_mode').fetchone()[0] == 'wal'
  conn.close()


def _refusing_wal(monkeypatch, error, times):
  """Makes the next `times` switches to WAL raise `error`, as a concurrent switch would."""
  left = [times]
  execute = sqlite3.Connection.execute

  def refusing(self, sql, *args):
    if sql == 'PRAGMA journal_mode=WAL' and left[0]:
      left[0] -= 1
      raise sqlite3.OperationalError(error)
    return execute(self, sql, *args)

  monkeypatch.setattr(_sqlite._Connection, 'execute', refusing)  # pylint: disable=protected-access
  return left


def test_a_worker_waits_for_another_switching_a_new_file_to_wal(tmp_path,
                                                                monkeypatch):
  """SQLite refuses a switch at once while another process switches: the worker waits it out."""
  left = _refusing_wal(monkeypatch, 'database is locked', 3)
  conn = _sqlite.SqliteDialect(tmp_path / 'new.db').connect()
  assert conn.execute('PRAGMA journal_mode').fetchone()[0] == 'wal'
  assert left == [0]
  conn.close()


def test_other_errors_of_the_switch_to_wal_are_raised(tmp_path, monkeypatch):
  """Only the concurrent switch is waited for; a real failure surfaces at once."""
  _refusing_wal(monkeypatch, 'disk I/O error', 1)
  with pytest.raises(sqlite3.OperationalError, match='disk I/O error'):
    _sqlite.SqliteDialect(tmp_path / 'new.db').connect()


def _open_at(path, start, errors):
  start.wait()
  try:
    _sqlite.SqliteDialect(path).connect().close()
  except Exception as e:  # pylint: disable=broad-except
    errors.put(repr(e))


def test_many_processes_open_a_new_file_at_once(tmp_path):
  """Sixteen workers starting together on a new file all connect."""
  context = multiprocessing.get_context('spawn')
  start, errors = context.Event(), context.Queue()
  path = os.fspath(tmp_path / 'new.db')
  processes = [context.Process(target=_open_at, args=(path, start, errors))
               for _ in range(16)]
  for process in processes:
    process.start()
  time.sleep(2.0)  # Until they have imported the library.
  start.set()
  for process in processes:
    process.join(60)
  assert [p.exitcode for p in processes] == [0] * 16
  assert errors.empty()


def test_accepts_a_path_object(tmp_path):
  """A pathlib.Path is a valid path."""
  assert SqliteBackend(pathlib.Path(tmp_path) / 'x.db').dialect.location.endswith(
      'x.db')


def test_path_must_be_a_path():
  """A path that is not a str or path-like raises TypeError."""
  with pytest.raises(TypeError, match="needs path= a file name; got 3"):
    SqliteBackend(3)


@pytest.mark.parametrize('path', ['', ':memory:'])
def test_private_databases_are_refused(path):
  """An in-memory database, which no other process sees, raises ValueError."""
  with pytest.raises(ValueError, match='other processes can open'):
    SqliteBackend(path)


def test_doc_examples(run_doctests):
  """The module's examples run."""
  run_doctests(_sqlite)


def _run(sqlite_path, num_examples=3, name='s'):
  for x, feedback in pg.sample(pg.oneof([1, 2, 3]), pg.geno.Sweeping(),
                               name=name, num_examples=num_examples,
                               backend='sqlite', path=sqlite_path):
    feedback(float(x))


def test_reading_a_missing_file_is_an_error_and_creates_nothing(tmp_path):
  """pg.poll_result on a wrong path raises FileNotFoundError; no file appears."""
  path = tmp_path / 'typo.db'
  with pytest.raises(FileNotFoundError, match="No sqlite study database at .*typo.db"):
    pg.poll_result('s', backend='sqlite', path=str(path))
  assert list(tmp_path.iterdir()) == []


def test_reading_a_file_without_studies_is_a_key_error(tmp_path):
  """A database file that holds no study tables has no studies to read."""
  path = tmp_path / 'other.db'
  sqlite3.connect(path).close()
  with pytest.raises(KeyError, match=r"No study is named 's'.*known studies: \[\]"):
    pg.poll_result('s', backend='sqlite', path=str(path))


def test_readers_never_wait_for_the_writer(sqlite_path):
  """poll_result returns at once while a writer holds the write lock."""
  _run(sqlite_path)
  dialect = SqliteBackend(sqlite_path).dialect
  conn = dialect.connect()
  try:
    with dialect.write(conn, 1):
      start = time.monotonic()
      result = pg.poll_result('s', backend='sqlite', path=sqlite_path,
                              timeout=0.05)
      assert time.monotonic() - start < 1.0
  finally:
    conn.close()
  assert len(result.trials) == 3


def test_writers_queue_on_a_lock_file(sqlite_path, tmp_path):
  """A writer holds an exclusive flock on <path>-lock for its transaction."""
  _run(sqlite_path)
  dialect = SqliteBackend(sqlite_path).dialect
  conn = dialect.connect()
  probe = os.open(f'{sqlite_path}-lock', os.O_RDONLY)
  try:
    with dialect.write(conn, 1):
      with pytest.raises(BlockingIOError):
        fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
    fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
  finally:
    os.close(probe)
    conn.close()


def _as_nobody(fn):
  """Runs fn in a forked child as an unprivileged user; returns what it returned or raised."""
  read_end, write_end = os.pipe()
  pid = os.fork()
  if pid == 0:  # pragma: no cover (the child)
    try:
      if os.geteuid() == 0:
        nobody = pwd.getpwnam('nobody')
        os.setgid(nobody.pw_gid)
        os.setuid(nobody.pw_uid)
      try:
        outcome = ('ok', fn())
      except Exception as e:  # pylint: disable=broad-except
        outcome = ('error', f'{type(e).__name__}: {e}')
      os.write(write_end, pickle.dumps(outcome))
    finally:
      os._exit(0)
  os.close(write_end)
  with os.fdopen(read_end, 'rb') as f:
    data = f.read()
  os.waitpid(pid, 0)
  return pickle.loads(data)


@pytest.fixture
def read_only_study():
  """A finished study in a file and folder the reader may not write (but may enter)."""
  folder = tempfile.mkdtemp(prefix='pyglove-ro-')
  path = os.path.join(folder, 'search.db')
  _run(path)
  os.chmod(path, 0o444)
  os.chmod(folder, 0o555)
  yield path
  os.chmod(folder, 0o755)
  shutil.rmtree(folder)


def test_a_read_only_file_can_be_read(read_only_study):
  """poll_result reads a study from a file (and folder) the reader cannot write."""
  kind, value = _as_nobody(lambda: [
      t.final_measurement.reward for t in pg.poll_result(
          's', backend='sqlite', path=read_only_study).trials])
  assert (kind, sorted(value)) == ('ok', [1.0, 2.0, 3.0])


def test_writing_to_a_read_only_file_says_so(read_only_study):
  """Running a study on a file the worker cannot write raises PermissionError naming it."""
  kind, value = _as_nobody(lambda: _run(read_only_study, name='new'))
  assert kind == 'error'
  assert value.startswith('PermissionError')
  assert f'{read_only_study!r} is read-only' in value
