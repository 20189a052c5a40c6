"""Backends that keep studies in a database shared by worker processes.

`sqlite` (one machine) and `postgres` (many machines) share one protocol:
an append-only log of proposals and feedbacks, replayed into each worker's
generator replica, with leased trials kept alive by a heartbeat.
"""
from pyglove.tuning.backends._dialect import Dialect
from pyglove.tuning.backends._local_postgres import local_postgres
from pyglove.tuning.backends._log_backend import LogBackend
from pyglove.tuning.backends._postgres import PostgresBackend
from pyglove.tuning.backends._postgres import PostgresDialect
from pyglove.tuning.backends._protocol import LogStudy
from pyglove.tuning.backends._sqlite import SqliteBackend
from pyglove.tuning.backends._sqlite import SqliteDialect

__all__ = [
    'Dialect',
    'LogBackend',
    'LogStudy',
    'PostgresBackend',
    'PostgresDialect',
    'SqliteBackend',
    'SqliteDialect',
    'local_postgres',
]
