"""Tests for pyglove.generators.evolution._regularized_evolution."""
from __future__ import annotations

import pytest

from pyglove import generators
from pyglove import geno
from pyglove.generators import evolution as ev
from pyglove.generators.evolution import mutators
from pyglove.generators.evolution import selectors
from tests.generators import spaces


def _best_after(algo, spec, num_trials):
  algo.setup(spec)
  best = float('-inf')
  for _ in range(num_trials):
    dna = algo.propose()
    reward = float(sum(dna.to_numbers()))
    algo.feedback(dna, reward)
    best = max(best, reward)
  return best


def test_structure():
  """Tournament, winner, mutation; aging population; random start of population_size."""
  algo = ev.regularized_evolution(population_size=20, tournament_size=5, seed=3)
  # The reference's structure; the one seed is the evolution's.
  assert algo.reproduction == (
      selectors.Random(5) >> selectors.Top(1) >> mutators.Uniform())
  assert algo.population_init == (geno.Random(), 20)
  assert algo.population_update == selectors.Last(20)
  assert algo.seed == 3
  assert ev.regularized_evolution(mutators.Swap()).reproduction.ops[1] == mutators.Swap()


def test_it_beats_random_search_on_a_simple_problem():
  """On a separable problem, evolution finds better DNA than random search."""
  spec = spaces.flat_space(num_points=12, num_candidates=4)
  evo = [_best_after(ev.regularized_evolution(population_size=20, tournament_size=5, seed=s),
                     spec, 300) for s in range(3)]
  rnd = [_best_after(generators.Random(seed=s), spec, 300) for s in range(3)]
  assert sum(evo) > sum(rnd)


def test_population_keeps_the_youngest():
  """After the start, the population is the last population_size DNA with feedback."""
  algo = ev.regularized_evolution(population_size=5, tournament_size=2, seed=0)
  spec = spaces.flat_space()
  algo.setup(spec)
  dnas = []
  for _ in range(12):
    dna = algo.propose()
    algo.feedback(dna, 1.0)
    dnas.append(dna)
  assert algo.population == dnas[-5:]


@pytest.mark.parametrize('kwargs, error, message', [
    (dict(tournament_size=1), ValueError, r'`tournament_size` must be at least 2; got 1\.'),
    (dict(population_size=5, tournament_size=10), ValueError,
     r'`population_size` \(5\) must be no less than `tournament_size` \(10\)\.'),
    (dict(population_size=0), ValueError, r'`population_size` must be at least 1; got 0\.'),
    (dict(tournament_size=2.5), TypeError, r'`tournament_size` must be an int; got 2\.5 of type float\.'),
    (dict(population_size=True), TypeError, r'`population_size` must be an int'),
])
def test_bad_sizes_are_rejected(kwargs, error, message):
  """Sizes are checked as in the reference, with the values in the message."""
  with pytest.raises(error, match=message):
    ev.regularized_evolution(**kwargs)


def test_the_class_spelling_is_the_function():
  """RegularizedEvolution is an alias of regularized_evolution (as in the reference)."""
  assert ev.RegularizedEvolution is ev.regularized_evolution
  assert generators.RegularizedEvolution is ev.regularized_evolution
  assert ev.regularized_evolution_lib.regularized_evolution is ev.regularized_evolution


def test_docstring_examples(run_doctests):
  """The module's examples run."""
  run_doctests('pyglove.generators.evolution._regularized_evolution')
