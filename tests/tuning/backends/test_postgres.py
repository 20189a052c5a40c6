"""The postgres backend: psycopg 3, advisory locks, placeholders."""
from __future__ import annotations

import sys

import pytest

import pyglove as pg
from pyglove.tuning.backends import PostgresBackend
from pyglove.tuning.backends import _postgres


def test_registered_as_postgres():
  """backend='postgres' selects it."""
  assert 'postgres' in pg.tuning.registered_backends()


def test_url_must_be_a_str():
  """A url that is not a str raises TypeError."""
  with pytest.raises(TypeError, match='needs url= a connection URL .*; got None'):
    PostgresBackend(None)


def test_location_hides_the_password():
  """Messages show the URL without its password."""
  backend = PostgresBackend('postgresql://me:secret@db:5432/x')
  assert backend.dialect.location == 'postgresql://me:***@db:5432/x'


def test_placeholders_are_translated():
  """'?' placeholders become psycopg's '%s'."""
  translate = _postgres._placeholders  # pylint: disable=protected-access
  assert translate('a = ? AND b = ?') == 'a = %s AND b = %s'


def test_missing_driver_names_the_extra(monkeypatch):
  """Without psycopg, connecting raises ImportError naming the extra."""
  monkeypatch.setitem(sys.modules, 'psycopg', None)
  with pytest.raises(ImportError, match=r"pyglove\[postgres\]"):
    PostgresBackend('postgresql://x/y').dialect.connect()


def test_studies_lock_independently(postgres_url, open_study):
  """A write transaction on one study does not wait for another study's lock."""
  args = {'backend': 'postgres', 'url': postgres_url}
  first = open_study(args, study_name='lock-a')
  second = open_study(args, study_name='lock-b')
  store = first._store  # pylint: disable=protected-access
  with store.write():
    assert second.next_trial('g').id == 1
