"""local_postgres: a throwaway server for tests, benchmarks and examples."""
from __future__ import annotations

import pytest

from pyglove.tuning.backends import _local_postgres


def test_server_accepts_connections(postgres_url):
  """The session's server answers on its URL."""
  import psycopg  # pylint: disable=g-import-not-at-top
  with psycopg.connect(postgres_url) as conn:
    assert conn.execute('SELECT 1').fetchone() == (1,)


def test_missing_binaries_raise_file_not_found(monkeypatch):
  """Without initdb and pg_ctl it raises FileNotFoundError naming the package."""
  monkeypatch.setattr(_local_postgres, 'find_bindir', lambda: None)
  with pytest.raises(FileNotFoundError, match='install the postgresql package'):
    with _local_postgres.local_postgres():
      pass


def test_find_bindir_needs_both_tools(monkeypatch, tmp_path):
  """A directory is chosen only when it holds both initdb and pg_ctl."""
  (tmp_path / 'initdb').write_text('')
  (tmp_path / 'initdb').chmod(0o755)
  monkeypatch.setattr(_local_postgres, '_SEARCH', str(tmp_path))
  monkeypatch.setattr(_local_postgres.shutil, 'which', lambda name: None)
  assert _local_postgres.find_bindir() is None
  (tmp_path / 'pg_ctl').write_text('')
  (tmp_path / 'pg_ctl').chmod(0o755)
  assert _local_postgres.find_bindir() == str(tmp_path)
