"""The sqlite backend: a database file in WAL mode."""
from __future__ import annotations

import pathlib

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
