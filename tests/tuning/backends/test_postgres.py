"""The postgres backend: psycopg 3, advisory locks, placeholders."""
from __future__ import annotations

import socket
import sys
import threading
import time

import pytest

import pyglove as pg
from pyglove.tuning.backends import LocalPostgres
from pyglove.tuning.backends import PostgresBackend
from pyglove.tuning.backends import _dialect as dialect_module
from pyglove.tuning.backends import _local_postgres
from pyglove.tuning.backends import _postgres

psycopg = pytest.importorskip('psycopg')


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


# --- URLs and their defaults (no server needed) ----------------------------

def test_sqlalchemy_style_urls_are_accepted():
  """'postgresql+psycopg://' (SQLAlchemy's and Optuna's form) is a libpq URL."""
  dialect = PostgresBackend('postgresql+psycopg://me@db:5432/x').dialect
  assert dialect.url == 'postgresql://me@db:5432/x'
  assert (dialect.params['host'], dialect.params['dbname']) == ('db', 'x')


def test_timeouts_and_keepalives_are_set_by_default():
  """A worker frozen with the lock, or a dead network, cannot stall others for long."""
  params = PostgresBackend('postgresql://me@db/x').dialect.params
  assert params['connect_timeout'] == '5' and params['keepalives'] == '1'
  for setting in ('idle_in_transaction_session_timeout=10s',
                  'lock_timeout=30s', 'statement_timeout=60s',
                  'tcp_keepalives_idle=15'):
    assert f'-c {setting}' in params['options']


def test_the_url_overrides_the_defaults():
  """Settings given in the URL (as parameters or in options) win over the defaults."""
  params = PostgresBackend(
      'postgresql://me@db/x?connect_timeout=2&idle_in_transaction_session_'
      'timeout=1s&options=-c%20lock_timeout%3D5s').dialect.params
  options = params['options']
  assert params['connect_timeout'] == '2'
  assert 'idle_in_transaction_session_timeout=1s' in options
  assert 'idle_in_transaction_session_timeout=10s' not in options
  assert options.count('lock_timeout') == 1 and 'lock_timeout=5s' in options


def test_a_bad_url_is_reported_without_its_password():
  """An unreadable URL is a ValueError that shows the URL with *** for the password."""
  backend = PostgresBackend('postgresql://me:hunter22@db/x?bogus=1')
  with pytest.raises(ValueError, match=r"Cannot read the PostgreSQL URL "
                     r"'postgresql://me:\*\*\*@db/x\?bogus=1'") as info:
    backend.dialect.params  # pylint: disable=pointless-statement
  assert 'hunter22' not in str(info.value)


def test_mask_hides_passwords_in_every_form():
  """URL user info, password= settings and the password itself become ***."""
  text = ("postgresql://me:hunter22@db/x host=db password='hunter22' "
          'echo hunter22')
  masked = _postgres.mask(text, 'hunter22')
  assert 'hunter22' not in masked and masked.count('***') == 3


# --- against a server ------------------------------------------------------

SPACE = pg.Dict(x=pg.oneof([1, 2, 3]), y=pg.floatv(0.0, 1.0))


def _loop(url, name, num_examples, body=None, **settings):
  for value, feedback in pg.sample(SPACE, name=name, num_examples=num_examples,
                                   backend='postgres', url=url,
                                   **settings):
    if body is not None:
      body(feedback)
    feedback(value.x * value.y)


def _check_done(url, name, num_examples):
  trials = pg.poll_result(name, backend='postgres', url=url).trials
  assert [t.id for t in trials] == list(range(1, num_examples + 1))
  assert all(t.is_completed for t in trials)


def test_a_sqlalchemy_url_runs_a_study(postgres_url, name):
  """A study runs and is read through a 'postgresql+psycopg://' URL."""
  url = postgres_url.replace('postgresql://', 'postgresql+psycopg://')
  _loop(url, name, 3)
  _check_done(url, name, 3)


def test_a_server_that_never_answers_fails_fast(name):
  """A server that accepts connections but never answers fails in seconds, password hidden."""
  with socket.socket() as listener:
    listener.bind(('127.0.0.1', 0))
    listener.listen(8)
    url = (f'postgresql://me:hunter22@127.0.0.1:{listener.getsockname()[1]}'
           '/x?connect_timeout=2')
    start = time.monotonic()
    with pytest.raises(ConnectionError, match=r'could not reach it again '
                       r'within reconnect_secs=0.5') as info:
      _loop(url, name, 1, reconnect_secs=0.5)
    assert time.monotonic() - start < 15
  assert 'hunter22' not in str(info.value) and 'me:***@' in str(info.value)


def test_one_connection_per_worker(postgres_url, name):
  """A worker and its heartbeat share one connection."""
  url = f'{postgres_url}?application_name=pyglove-one-conn'
  study = PostgresBackend(url, lease_secs=0.6, heartbeat_secs=0.1).open_study(
      name=name, dna_spec=pg.dna_spec(SPACE), algorithm=None,
      early_stopping_policy=None, num_examples=None,
      metrics_to_optimize=['reward'])
  study.next_trial('a')
  time.sleep(0.5)  # Several beats.
  with psycopg.connect(postgres_url) as conn:
    count = conn.execute('SELECT count(*) FROM pg_stat_activity WHERE '
                         "application_name = 'pyglove-one-conn'").fetchone()[0]
  study.close()
  assert count == 1


@pytest.fixture(scope='module')
def database(postgres_url):
  """A fresh database with the study tables made by its owner, and three roles."""
  with psycopg.connect(postgres_url, autocommit=True) as conn:
    conn.execute('CREATE DATABASE roles_test')
    for role in ('worker', 'reader', 'stranger'):
      conn.execute(f'CREATE ROLE {role} LOGIN')
  owner_url = postgres_url.rsplit('/', 1)[0] + '/roles_test'
  PostgresBackend(owner_url).create_tables()
  with psycopg.connect(owner_url, autocommit=True) as conn:
    tables = ', '.join(dialect_module.TABLES)
    conn.execute(f'GRANT SELECT, INSERT, UPDATE ON {tables} TO worker')
    conn.execute(f'GRANT SELECT ON {tables} TO reader')
  return owner_url


class TestRoles:
  """Least-privilege roles: the tables are created once, by their owner."""

  def test_a_read_write_role_runs_studies(self, database, name):
    """A role with SELECT, INSERT and UPDATE on the tables runs a study, creating nothing."""
    url = database.replace('postgres@', 'worker@')
    _loop(url, name, 3)
    _loop(url, f'{name}-b', 2, create_tables=False)
    _check_done(url, name, 3)

  def test_a_read_only_role_polls_results(self, database, name):
    """pg.poll_result runs no DDL and writes nothing: SELECT is enough."""
    _loop(database, name, 2)
    _check_done(database.replace('postgres@', 'reader@'), name, 2)

  def test_a_role_without_grants_is_told_what_it_needs(self, database, name):
    """A role lacking privileges gets a PermissionError listing them."""
    url = database.replace('postgres@', 'stranger@')
    with pytest.raises(PermissionError, match=r'lacks a privilege.*SELECT, '
                       'INSERT and UPDATE on pyglove_studies'):
      _loop(url, name, 1)

  def test_missing_tables_with_create_tables_off_are_an_error(
      self, postgres_url, name):
    """create_tables=False on a database without the tables says so."""
    with psycopg.connect(postgres_url, autocommit=True) as conn:
      conn.execute('CREATE DATABASE no_tables')
    url = postgres_url.rsplit('/', 1)[0] + '/no_tables'
    with pytest.raises(ValueError, match=r"lacks the study tables \[.*\], and "
                       'create_tables=False'):
      _loop(url, name, 1, create_tables=False)


# --- faults: a private server that the tests stop and start ---------------

@pytest.fixture(scope='module')
def server():
  """A server of this module's own, so stopping it disturbs no other test."""
  if _local_postgres.find_bindir() is None:
    pytest.skip('PostgreSQL server binaries are not installed')
  with LocalPostgres() as instance:
    yield instance


def _outage(server, name, after_trials, secs):
  """Stops the server for `secs` seconds once `after_trials` trials exist (in a thread)."""
  def run():
    while True:
      try:
        if len(pg.poll_result(name, backend='postgres',
                              url=server.url).trials) >= after_trials:
          break
      except KeyError:
        pass  # The study does not exist yet.
      time.sleep(0.05)
    server.stop()
    time.sleep(secs)
    server.start()
  thread = threading.Thread(target=run)
  thread.start()
  return thread


def test_a_worker_survives_a_server_restart(server, name):
  """A loop running through a server crash and restart reconnects and finishes, nothing lost."""
  outage = _outage(server, name, after_trials=5, secs=1.0)
  _loop(server.url, name, 30, body=lambda feedback: time.sleep(0.05))
  outage.join()
  _check_done(server.url, name, 30)


def fragile_worker(index, url, name):
  """A worker that gives up on the database after 0.3 s (and so dies in an outage)."""
  _loop(url, name, 30, body=lambda feedback: time.sleep(0.1),
        reconnect_secs=0.3, group=index)


def test_run_workers_outlasts_an_outage(server, name):
  """Workers that die while the server is down are restarted with backoff until it is back."""
  outage = _outage(server, name, after_trials=4, secs=2.0)
  restarts = pg.tuning.run_workers(fragile_worker, 2,
                                   args=(server.url, name), restart_delay=0.2,
                                   max_restart_delay=1.0, max_restarts=8)
  outage.join()
  assert sum(restarts) >= 1
  # A worker that died while reporting may have failed its trial: none is
  # lost or left pending, and 30 are completed.
  trials = pg.poll_result(name, backend='postgres', url=server.url).trials
  assert [t.id for t in trials] == list(range(1, len(trials) + 1))
  assert sum(t.is_completed for t in trials) == 30
  assert all(t.is_completed or t.status == 'FAILED' for t in trials)


def test_a_frozen_lock_holder_stalls_others_only_until_the_idle_timeout(
    server, name):
  """A worker paused inside a transaction loses its session; others go on; it reconnects."""
  url = f'{server.url}?idle_in_transaction_session_timeout=1s'
  backend = PostgresBackend(url)
  frozen = backend.open_study(
      name=name, dna_spec=pg.dna_spec(SPACE), algorithm=None,
      early_stopping_policy=None, num_examples=None,
      metrics_to_optimize=['reward'])
  other = backend.open_study(
      name=name, dna_spec=pg.dna_spec(SPACE), algorithm=None,
      early_stopping_policy=None, num_examples=None,
      metrics_to_optimize=['reward'])
  store = frozen._store  # pylint: disable=protected-access
  claimable = store.claimable
  pauses = []

  def pause_once(group, now):
    if not pauses:
      pauses.append(time.monotonic())
      time.sleep(2.5)  # Holding the study's lock, saying nothing.
    return claimable(group, now)

  store.claimable = pause_once
  got = {}
  thread = threading.Thread(target=lambda: got.update(
      frozen=frozen.next_trial('f')))
  thread.start()
  while not pauses:
    time.sleep(0.01)
  start = time.monotonic()
  got['other'] = other.next_trial('o')
  waited = time.monotonic() - start
  thread.join()
  assert waited < 2.3  # The server ended the frozen session after 1 s.
  assert {got['frozen'].id, got['other'].id} == {1, 2}


@pytest.mark.parametrize('query, message', [
    ('?lock_timeout=abc', 'invalid value for parameter "lock_timeout"'),
    ('?sslmode=bogus', 'invalid sslmode value'),
])
def test_a_malformed_setting_fails_at_once(postgres_url, name, query, message):
  """A setting no retry can mend is a ConnectionError at once, not after reconnect_secs."""
  url = postgres_url.replace('postgresql://postgres@',
                             'postgresql://postgres:hunter22@') + query
  start = time.monotonic()
  with pytest.raises(ConnectionError, match=message) as info:
    _loop(url, name, 1, reconnect_secs=30)
  assert time.monotonic() - start < 10
  assert 'hunter22' not in str(info.value)


def test_a_missing_database_is_a_connection_error(postgres_url, name):
  """A database that does not exist is named in a ConnectionError, without retries."""
  url = postgres_url.rsplit('/', 1)[0] + '/no_such_db'
  with pytest.raises(ConnectionError, match='"no_such_db" does not exist'):
    pg.poll_result(name, backend='postgres', url=url, reconnect_secs=30)
