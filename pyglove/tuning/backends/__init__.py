"""Backends that keep studies in a database shared by worker processes, and what backends are made of.

`sqlite` (one machine) and `postgres` (many machines) share one protocol:
an append-only log of proposals and feedbacks, replayed into each worker's
generator replica, with leased trials kept alive by a heartbeat. Every
backend runs the same trial lifecycle (`TrialStudy`) over a `Store`; a new
SQL database needs only a `Dialect`.
"""
from pyglove.tuning._lifecycle import TrialStudy
from pyglove.tuning._store import CatchUpFirst
from pyglove.tuning._store import Demand
from pyglove.tuning._store import Head
from pyglove.tuning._store import Held
from pyglove.tuning._store import Store
from pyglove.tuning.backends._dialect import Dialect
from pyglove.tuning.backends._local_postgres import LocalPostgres
from pyglove.tuning.backends._local_postgres import local_postgres
from pyglove.tuning.backends._log_backend import LogBackend
from pyglove.tuning.backends._postgres import PostgresBackend
from pyglove.tuning.backends._postgres import PostgresDialect
from pyglove.tuning.backends._sql_store import SqlStore
from pyglove.tuning.backends._sqlite import SqliteBackend
from pyglove.tuning.backends._sqlite import SqliteDialect

__all__ = [
    'CatchUpFirst',
    'Demand',
    'Dialect',
    'Head',
    'Held',
    'LocalPostgres',
    'LogBackend',
    'PostgresBackend',
    'PostgresDialect',
    'SqlStore',
    'SqliteBackend',
    'SqliteDialect',
    'Store',
    'TrialStudy',
    'local_postgres',
]
