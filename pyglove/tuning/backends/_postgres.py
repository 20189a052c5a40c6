"""The `postgres` backend: a study in a PostgreSQL database shared by many machines."""
from __future__ import annotations

import functools
import re
import urllib.parse
from typing import Any

from pyglove.tuning._backend import add_backend
from pyglove.tuning.backends._dialect import TABLES
from pyglove.tuning.backends._dialect import Dialect
from pyglove.tuning.backends._log_backend import LogBackend

# The first key of our advisory locks, so they do not collide with another
# application's single-key locks on the same database ('PG' in ASCII).
_LOCK_SPACE = 0x5047

# Session settings sent to the server (as `options`), so that a worker that
# freezes or vanishes while it holds a study's lock stalls the others for
# seconds, not until someone kills it. Each may be overridden in the URL,
# e.g. '...?idle_in_transaction_session_timeout=30s'.
SERVER_DEFAULTS = {
    'idle_in_transaction_session_timeout': '10s',
    'lock_timeout': '30s',
    'statement_timeout': '60s',
    # The server's probes of a client whose machine or network is gone.
    'tcp_keepalives_idle': '15',
    'tcp_keepalives_interval': '5',
    'tcp_keepalives_count': '3',
}
# Connection settings of libpq (the client side), overridable the same way.
CLIENT_DEFAULTS = {
    'connect_timeout': '5',
    'keepalives': '1',
    'keepalives_idle': '15',
    'keepalives_interval': '5',
    'keepalives_count': '3',
    'tcp_user_timeout': '30000',
    'application_name': 'pyglove',
}
# Errors at connection time that no retry will mend: credentials, names, and
# malformed settings (e.g. 'invalid port number', 'invalid value for
# parameter "lock_timeout"'), which libpq and the server report without a
# SQLSTATE.
_PERMANENT = ('authentication failed', 'no pg_hba.conf entry', 'does not exist',
              'no password supplied', 'invalid ', 'permission denied',
              'unrecognized configuration parameter')


class PostgresDialect(Dialect):
  """PostgreSQL through psycopg 3; a write transaction holds an advisory lock.

  The lock is transaction-scoped (`pg_advisory_xact_lock`) and taken per
  study, so workers of different studies never wait for one another, and a
  lock is never left behind by a client that disconnects. The URL may be a
  libpq URL (``postgresql://`` or ``postgres://``), SQLAlchemy's form
  (``postgresql+psycopg://``), or a ``key=value`` connection string; the
  timeouts and keepalives of `SERVER_DEFAULTS` and `CLIENT_DEFAULTS` apply
  unless it sets them.

  Args:
    url: where the database is, e.g. 'postgresql://user@host:5432/db'.

  Raises:
    TypeError: `url` is not a str.
  """

  blob_type = 'BYTEA'

  def __init__(self, url: str) -> None:
    if not isinstance(url, str):
      raise TypeError(
          "backend='postgres' needs url= a connection URL such as "
          f"'postgresql://user@host:5432/db'; got {url!r}.")
    self.url = re.sub(r'^postgres(?:ql)?\+\w+://', 'postgresql://', url.strip())

  @property
  def location(self) -> str:
    return mask(self.url, None)

  @functools.cached_property
  def params(self) -> dict[str, str]:
    """The connection parameters: the URL's, then the defaults it leaves unset.

    Raises:
      ValueError: the URL cannot be parsed (the message hides its password).
    """
    url, settings = _split_server_settings(self.url)
    conninfo = _psycopg().conninfo
    try:
      params = conninfo.conninfo_to_dict(url)
    except Exception as e:  # pylint: disable=broad-except
      raise ValueError(
          f'Cannot read the PostgreSQL URL {self.location!r}: '
          f'{mask(str(e), _password_in(url))}') from None
    options = params.get('options', '')
    given = set(re.findall(r'(?:-c\s*|--)([\w.]+)\s*=', options))
    settings = {**SERVER_DEFAULTS, **settings}
    extra = [f'-c {k}={v}' for k, v in settings.items() if k not in given]
    params['options'] = ' '.join(filter(None, [options, *extra]))
    for key, value in CLIENT_DEFAULTS.items():
      params.setdefault(key, value)
    return params

  def connect(self, read_only: bool = False) -> Any:
    del read_only  # Reads run in READ ONLY transactions either way.
    return _psycopg().connect(**self.params, autocommit=True)

  def tables(self, conn: Any) -> set[str]:
    rows = conn.execute(
        'SELECT relname FROM pg_catalog.pg_class WHERE relname = ANY(%s) '
        "AND relkind IN ('r', 'p') AND pg_catalog.pg_table_is_visible(oid)",
        (list(TABLES),)).fetchall()
    return {r[0] for r in rows}

  def _begin_write(self, conn: Any, lock: int) -> None:
    # One round trip for both (the lock number is an int of ours).
    conn.execute(f'BEGIN; SELECT pg_advisory_xact_lock({_LOCK_SPACE}, '
                 f'{int(lock)})')

  def _begin_read(self, conn: Any) -> None:
    conn.execute('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')

  def _translate(self, sql: str) -> str:
    return _placeholders(sql)

  def is_transient(self, error: Exception) -> bool:
    psycopg = _psycopg()
    if isinstance(error, psycopg.errors.IdleInTransactionSessionTimeout):
      return True  # This worker was paused holding a lock; it may go on.
    if not isinstance(error, psycopg.OperationalError):
      return False
    state = error.sqlstate or ''
    if state[:2] in ('28', '3D'):  # Bad credentials, no such database.
      return False
    return bool(state) or not any(p in str(error) for p in _PERMANENT)

  def explain(self, error: Exception) -> Exception | None:
    psycopg = _psycopg()
    if isinstance(error, psycopg.errors.InsufficientPrivilege):
      return PermissionError(
          f'The PostgreSQL role at {self.location} lacks a privilege: '
          f'{mask(str(error), None)}. Workers need SELECT, INSERT and UPDATE '
          f'on {", ".join(TABLES)}; creating these tables needs CREATE on '
          'the schema (create them once as its owner, e.g. with '
          'PostgresBackend(url).create_tables(), and give workers '
          'create_tables=False).')
    if isinstance(error, psycopg.OperationalError):
      # Bad credentials, a database that does not exist, a malformed setting.
      return ConnectionError(
          f'Cannot use the PostgreSQL database at {self.location}: '
          f'{mask(str(error), _password_in(self.url))}')
    return None


def _psycopg() -> Any:
  try:
    import psycopg  # pylint: disable=g-import-not-at-top
  except ImportError:
    raise ImportError(
        "backend='postgres' needs psycopg 3: pip install 'pyglove[postgres]'."
    ) from None
  return psycopg


def _split_server_settings(url: str) -> tuple[str, dict[str, str]]:
  """Takes the server settings (`SERVER_DEFAULTS`' names) out of a URL's query."""
  if '://' not in url or '?' not in url:
    return url, {}
  base, query = url.split('?', 1)
  pairs = urllib.parse.parse_qsl(query, keep_blank_values=True)
  settings = {k: v for k, v in pairs if k in SERVER_DEFAULTS}
  # libpq decodes %20, not '+', as a space.
  rest = urllib.parse.urlencode(
      [(k, v) for k, v in pairs if k not in SERVER_DEFAULTS],
      quote_via=urllib.parse.quote)
  return (f'{base}?{rest}' if rest else base), settings


def _password_in(url: str) -> str | None:
  match = re.search(r'://[^:@/]*:([^@/]*)@', url) or re.search(
      r'password=([^\s&]+)', url)
  return urllib.parse.unquote(match.group(1)) if match else None


def mask(text: str, password: str | None) -> str:
  """`text` with passwords (in URLs, ``password=`` and `password` itself) as ***.

  Example:
    >>> mask('postgresql://me:secret@db/x', None)
    'postgresql://me:***@db/x'
  """
  text = re.sub(r'(://[^:@/\s]*):[^@/\s]*@', r'\1:***@', text)
  text = re.sub(r'(password\s*=\s*)(\'[^\']*\'|[^\s&]+)', r'\1***', text)
  if password and len(password) >= 4:
    text = text.replace(password, '***')
  return text


@functools.lru_cache(maxsize=256)
def _placeholders(sql: str) -> str:
  # The protocol's SQL has no literal '?' or '%', so a plain replace is exact.
  return sql.replace('?', '%s')


@add_backend('postgres')
class PostgresBackend(LogBackend):
  """Studies in a PostgreSQL database, shared by workers on many machines.

  Each worker holds one connection. When the server restarts or the network
  drops, a worker reconnects with backoff for up to `reconnect_secs` and
  goes on where it was. Workers' clocks decide when a lease has expired:
  keep them in sync (NTP), and the lease well above the skew between
  machines.

  Args:
    url: a libpq URL or connection string (see `PostgresDialect`).
    **settings: `LogBackend`'s settings (leases, retries, table creation).

  Example:
    >>> for x, feedback in pg.sample(space, name='search', backend='postgres',
    ...                              url='postgresql://me@db-host/searches'):
    ...   feedback(train(x))
  """

  def __init__(self, url: str, **settings: Any) -> None:
    super().__init__(PostgresDialect(url), **settings)
