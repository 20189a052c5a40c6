"""Fixtures shared by the evolution tests."""
from __future__ import annotations

import doctest
import importlib
from typing import Any, Callable

import pytest

import pyglove as pg
from pyglove import geno
from pyglove.generators.evolution import set_fitness


@pytest.fixture
def run_doctests() -> Callable[[str], None]:
  """Runs the docstring examples of a module (given by name), with `pg` and `geno`."""

  def run(module_name: str) -> None:
    module = importlib.import_module(module_name)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    tests = [t for t in doctest.DocTestFinder().find(module) if t.examples]
    for test in tests:
      test.globs.update(pg=pg, geno=geno)
      runner.run(test)
    failed, attempted = runner.summarize(verbose=False)
    assert tests and attempted and not failed, f'{failed} example(s) failed.'

  return run


def fit(value: Any, fitness: Any) -> geno.DNA:
  """A DNA with `value` and fitness `fitness`."""
  return set_fitness(geno.DNA(value), fitness)
