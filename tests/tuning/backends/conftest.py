"""Fixtures for the database backends: a sqlite file, a throwaway PostgreSQL server."""
from __future__ import annotations

import itertools
import os
from typing import Any, Callable, Iterator

import pytest

import pyglove as pg
from pyglove import geno
from pyglove.tuning import backends
from pyglove.tuning._backend import create_backend
from pyglove.tuning.backends import _local_postgres

_NAMES = itertools.count()


@pytest.fixture(scope='session')
def postgres_url() -> Iterator[str]:
  """The URL of a PostgreSQL server started for this test session (skips if absent)."""
  try:
    import psycopg  # pylint: disable=g-import-not-at-top,unused-import
  except ImportError:
    pytest.skip("psycopg is not installed (pip install 'pyglove[postgres]')")
  if _local_postgres.find_bindir() is None:
    pytest.skip('PostgreSQL server binaries are not installed')
  with backends.local_postgres() as url:
    yield url


@pytest.fixture
def sqlite_path(tmp_path) -> str:
  """A fresh database file."""
  return os.fspath(tmp_path / 'search.db')


@pytest.fixture
def name() -> str:
  """A study name no other test uses."""
  return f'study-{os.getpid()}-{next(_NAMES)}'


@pytest.fixture(params=['in-memory', 'sqlite', 'postgres'])
def backend_args(request, tmp_path) -> dict[str, Any]:
  """`pg.sample` keywords selecting each backend in turn."""
  if request.param == 'in-memory':
    return {'backend': 'in-memory'}
  if request.param == 'sqlite':
    return {'backend': 'sqlite', 'path': os.fspath(tmp_path / 'contract.db')}
  return {'backend': 'postgres',
          'url': request.getfixturevalue('postgres_url')}


@pytest.fixture(params=['sqlite', 'postgres'])
def db_args(request, tmp_path) -> dict[str, Any]:
  """`pg.sample` keywords selecting each database backend in turn."""
  if request.param == 'sqlite':
    return {'backend': 'sqlite', 'path': os.fspath(tmp_path / 'db.db')}
  return {'backend': 'postgres',
          'url': request.getfixturevalue('postgres_url')}


@pytest.fixture
def open_study(name) -> Callable[..., Any]:
  """Opens (or joins) a study: ``open_study(args, algorithm=..., ...)``."""

  def opener(args: dict[str, Any], dna_spec: Any = None, algorithm: Any = None,
             study_name: str | None = None, num_examples: int | None = None,
             early_stopping_policy: Any = None,
             metrics_to_optimize: tuple[str, ...] = ('reward',),
             **settings: Any) -> Any:
    kwargs = dict(args)
    backend = kwargs.pop('backend')
    if backend != 'in-memory':
      # The tests' own generator (Recorder) is not a class of the library,
      # so it loads only from a trusted study; test_replica.py covers the
      # untrusted default.
      settings.setdefault('trusted', True)
    if dna_spec is None:
      dna_spec = small_spec()
    return create_backend(backend, **kwargs, **settings).open_study(
        name=study_name or name, dna_spec=dna_spec, algorithm=algorithm,
        early_stopping_policy=early_stopping_policy,
        num_examples=num_examples, metrics_to_optimize=metrics_to_optimize)

  return opener


def small_spec() -> geno.Space:
  """A 4-way choice and a float."""
  return geno.Space([
      geno.Choices(1, [geno.Space() for _ in range(4)], location='a'),
      geno.Float(0.0, 1.0, location='b')])


def reward_of(dna: pg.DNA) -> float:
  """A deterministic reward of a `small_spec` DNA."""
  return float(dna.to_numbers()[0]) + dna.to_numbers()[1]
