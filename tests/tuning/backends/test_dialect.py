"""The dialect layer: transactions that commit, roll back and see one snapshot."""
from __future__ import annotations

import pytest

from pyglove.tuning._backend import create_backend


@pytest.fixture
def dialect_and_conn(db_args):
  """A dialect of each database and a connection with the schema created."""
  kwargs = dict(db_args)
  dialect = create_backend(kwargs.pop('backend'), **kwargs).dialect
  conn = dialect.connect()
  dialect.create_tables(conn)
  dialect.execute(conn, 'CREATE TABLE IF NOT EXISTS t (x INTEGER)')
  dialect.execute(conn, 'DELETE FROM t')
  yield dialect, conn
  conn.close()


def test_write_commits(dialect_and_conn):
  """Rows written in a write transaction are there after it."""
  dialect, conn = dialect_and_conn
  with dialect.write(conn, 1):
    dialect.execute(conn, 'INSERT INTO t (x) VALUES (?)', (1,))
  assert dialect.execute(conn, 'SELECT x FROM t').fetchall() == [(1,)]


def test_write_rolls_back_on_error(dialect_and_conn):
  """A write transaction that raises leaves nothing behind."""
  dialect, conn = dialect_and_conn
  with pytest.raises(ZeroDivisionError):
    with dialect.write(conn, 1):
      dialect.execute(conn, 'INSERT INTO t (x) VALUES (?)', (1,))
      1 / 0  # pylint: disable=pointless-statement
  assert dialect.execute(conn, 'SELECT x FROM t').fetchall() == []


def test_read_sees_one_snapshot(dialect_and_conn):
  """A read transaction does not see a commit made during it."""
  dialect, conn = dialect_and_conn
  other = dialect.connect()
  try:
    with dialect.read(conn):
      before = dialect.execute(conn, 'SELECT count(*) FROM t').fetchone()[0]
      with dialect.write(other, 1):
        dialect.execute(other, 'INSERT INTO t (x) VALUES (?)', (5,))
      during = dialect.execute(conn, 'SELECT count(*) FROM t').fetchone()[0]
    assert before == during == 0
    assert dialect.execute(conn, 'SELECT count(*) FROM t').fetchone()[0] == 1
  finally:
    other.close()


def test_schema_creation_is_repeatable(dialect_and_conn):
  """Creating the tables again is harmless."""
  dialect, conn = dialect_and_conn
  dialect.create_tables(conn)
  assert dialect.execute(
      conn, 'SELECT count(*) FROM pyglove_studies').fetchone()[0] >= 0
