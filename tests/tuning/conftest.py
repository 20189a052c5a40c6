"""Shared fixtures for the tuning tests: small DNA specs and test generators."""
from __future__ import annotations

import doctest
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


def choice(n: int, location: str) -> geno.Choices:
  """A single choice among n constant candidates."""
  return geno.Choices(1, [geno.Space() for _ in range(n)], location=location)


@pytest.fixture
def spec() -> geno.Space:
  """A mixed space: a 3-way choice and a float."""
  return geno.Space([choice(3, 'a'), geno.Float(0.0, 1.0, location='b')])


@pytest.fixture
def discrete_spec() -> geno.Space:
  """A space of 6 points: a 3-way and a 2-way choice."""
  return geno.Space([choice(3, 'a'), choice(2, 'b')])


@pytest.fixture
def study_name() -> str:
  """A study name no other test uses (in-memory studies live for the process)."""
  return f'test-study-{next(_NAMES)}'


class Recorder(geno.Random):
  """Random search that records what it was fed."""

  needs_feedback = True

  def _setup(self) -> None:
    super()._setup()
    self.fed = []

  def _feedback(self, dna, reward) -> None:
    self.fed.append((dna, reward))


class MultiRecorder(Recorder):
  """A multi-objective Recorder."""

  multi_objective = True


@pytest.fixture
def recorder() -> Recorder:
  """A seeded Recorder."""
  return Recorder(seed=1)


@pytest.fixture
def multi_recorder() -> MultiRecorder:
  """A seeded multi-objective Recorder."""
  return MultiRecorder(seed=1)


@pytest.fixture
def run_doctests() -> Callable[..., None]:
  """Runs a module's docstring examples, each with `pg` and fresh extra globals."""

  def run(module: Any, make_globs: Callable[[], dict[str, Any]] = dict) -> None:
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    tests = [t for t in doctest.DocTestFinder().find(module) if t.examples]
    for test in tests:
      test.globs.update(pg=pg, **make_globs())
      runner.run(test)
    failed, attempted = runner.summarize(verbose=False)
    assert tests and attempted and not failed, f'{failed} example(s) failed.'

  return run


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
def name() -> str:
  """A study name no other test uses."""
  return f'study-{os.getpid()}-{next(_NAMES)}'


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
      from tests.tuning.backends.conftest import small_spec  # pylint: disable=g-import-not-at-top
      dna_spec = small_spec()
    return create_backend(backend, **kwargs, **settings).open_study(
        name=study_name or name, dna_spec=dna_spec, algorithm=algorithm,
        early_stopping_policy=early_stopping_policy,
        num_examples=num_examples, metrics_to_optimize=metrics_to_optimize)

  return opener
