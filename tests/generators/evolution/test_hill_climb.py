"""Tests for pyglove.generators.evolution._hill_climb."""
from __future__ import annotations

import pytest

from pyglove import geno
from pyglove.generators import evolution as ev
from pyglove.generators.evolution import mutators
from pyglove.generators.evolution import selectors
from tests.generators import spaces


def test_structure():
  """Mutations of the best, batch_size per generation; population: the best."""
  algo = ev.hill_climb(batch_size=3, init_population_size=2, seed=1)
  assert algo.reproduction == selectors.Top(1) >> ev.Repeat(mutators.Uniform(), 3)
  assert algo.population_init == (geno.Random(), 2)
  assert algo.population_update == selectors.Top(1)
  assert ev.hill_climb_lib.hill_climb is ev.hill_climb


def test_it_climbs():
  """The best reward never drops and children come in batches of batch_size."""
  spec = spaces.flat_space(num_points=6, num_candidates=4)
  algo = ev.hill_climb(batch_size=3, seed=2)
  algo.setup(spec)
  best = []
  for _ in range(40):
    dna = algo.propose()
    algo.feedback(dna, float(sum(dna.to_numbers())))
    best.append(ev.get_fitness(algo.population[0]))
  assert best == sorted(best) and len(algo.population) == 1
  assert algo.num_generations == 1 + 39 // 3 + (39 % 3 > 0)


def test_a_callable_mutator_is_accepted():
  """Any callable can mutate (it is repeated batch_size times)."""
  algo = ev.hill_climb(lambda xs: xs, batch_size=2, seed=1)
  assert algo.reproduction.ops[1].k == 2


@pytest.mark.parametrize('kwargs, message', [
    (dict(batch_size=0), r'`batch_size` must be at least 1; got 0\.'),
    (dict(init_population_size=0), r'`init_population_size` must be at least 1; got 0\.'),
])
def test_bad_sizes_are_rejected(kwargs, message):
  """Sizes below 1 raise ValueError."""
  with pytest.raises(ValueError, match=message):
    ev.hill_climb(**kwargs)


def test_docstring_examples(run_doctests):
  """The module's examples run."""
  run_doctests('pyglove.generators.evolution._hill_climb')
