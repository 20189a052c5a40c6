"""Shared fixtures for the tuning tests: small DNA specs and test generators."""
from __future__ import annotations

import doctest
import itertools
from typing import Any, Callable

import pytest

import pyglove as pg
from pyglove import geno

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
