"""Tests for the ready-made evolutions."""
from __future__ import annotations

import statistics

import pytest

from pyglove import generators
from pyglove import geno
from pyglove.generators import evolution
from pyglove.generators.evolution import _algorithms
from pyglove.generators.evolution import get_fitness
from pyglove.generators.evolution import mutators
from tests.generators import spaces


def _best_after(algo, spec, reward_fn, num_trials):
  algo.setup(spec)
  best = float('-inf')
  for _ in range(num_trials):
    dna = algo.propose()
    reward = reward_fn(dna)
    best = max(best, reward)
    algo.feedback(dna, reward)
  return best


def _ones(dna):
  return float(sum(dna.to_numbers()))


def test_regularized_evolution_beats_random_search():
  """On 30 binary decisions (reward = number of ones), evolution finds better DNA than random."""
  spec = spaces.flat_space(num_points=30, num_candidates=2)
  evo = [_best_after(evolution.regularized_evolution(population_size=20, tournament_size=5, seed=s),
                     spec, _ones, 300) for s in range(3)]
  rnd = [_best_after(generators.Random(seed=s), spec, _ones, 300) for s in range(3)]
  assert statistics.mean(evo) > statistics.mean(rnd) + 3


def test_regularized_evolution_ages_its_population():
  """The population holds the population_size most recent evaluations."""
  spec = spaces.flat_space()
  algo = evolution.regularized_evolution(population_size=5, tournament_size=2, seed=0)
  algo.setup(spec)
  dnas = [algo.propose() for _ in range(8)]
  for dna in dnas:
    algo.feedback(dna, 1.0)
  assert algo.population == dnas[-5:]


def test_regularized_evolution_accepts_another_mutator():
  """The mutator argument replaces the default Uniform mutation."""
  algo = evolution.regularized_evolution(mutator=mutators.Swap(), seed=0)
  assert algo.reproduction.operations[-1] == mutators.Swap()


def test_the_class_spelling_runs_the_same_search():
  """RegularizedEvolution(...) proposes what regularized_evolution(...) proposes."""
  spec = spaces.mixed_space()
  a = generators.RegularizedEvolution(population_size=6, tournament_size=3, seed=4)
  b = evolution.regularized_evolution(population_size=6, tournament_size=3, seed=4)
  for algo in (a, b):
    algo.setup(spec)
  for _ in range(20):
    x, y = a.propose(), b.propose()
    assert x == y
    a.feedback(x, spaces.score(x))
    b.feedback(y, spaces.score(y))
  assert a.population == b.population
  assert (a.population_size, a.tournament_size, a.seed, a.mutator) == (6, 3, 4, None)


@pytest.mark.parametrize('kwargs, name', [
    (dict(population_size=0), 'population_size'),
    (dict(tournament_size=-1), 'tournament_size'),
])
def test_regularized_evolution_rejects_bad_sizes(kwargs, name):
  """Sizes are positive integers, in both spellings; the class names the field."""
  with pytest.raises(ValueError, match=f'{name} must be a positive integer, but got'):
    evolution.regularized_evolution(**kwargs)
  with pytest.raises(ValueError, match=rf'is out of range \(min=1, max=None\)\. \(path={name}\)'):
    generators.RegularizedEvolution(**kwargs)


def test_hill_climb_keeps_only_the_best_and_improves():
  """Hill climbing's population is the single best DNA, and it climbs."""
  spec = spaces.flat_space(num_points=20, num_candidates=2)
  algo = evolution.hill_climb(batch_size=2, seed=1)
  best = _best_after(algo, spec, _ones, 200)
  assert len(algo.population) == 1
  assert get_fitness(algo.population[0]) == best
  assert best >= 18


@pytest.mark.parametrize('kwargs, name', [
    (dict(batch_size=0), 'batch_size'),
    (dict(init_population_size=0), 'init_population_size'),
])
def test_hill_climb_rejects_bad_sizes(kwargs, name):
  """Sizes are positive integers."""
  with pytest.raises(ValueError, match=f'{name} must be a positive integer, but got 0'):
    evolution.hill_climb(**kwargs)


def test_nsga2_is_multi_objective_and_keeps_a_spread_pareto_set():
  """NSGA-II takes tuple rewards and finds the Pareto-optimal DNA."""
  spec = spaces.flat_space(num_points=10, num_candidates=2)
  algo = evolution.nsga2(population_size=10, seed=2)
  assert algo.multi_objective
  algo.setup(spec)
  with pytest.raises(ValueError, match='multi-objective'):
    algo.feedback(algo.propose(), 1.0)

  def objectives(dna):
    values = dna.to_numbers()
    # Ones in the first half and zeros in the second: both peak at one DNA.
    return (float(sum(values[:5])), float(5 - sum(values[5:])))

  for _ in range(300):
    dna = algo.propose()
    algo.feedback(dna, objectives(dna))
  fitnesses = [get_fitness(d) for d in algo.population]
  assert len(fitnesses) == 10
  assert sum(f == (5.0, 5.0) for f in fitnesses) >= 1


def test_nsga2_rejects_a_bad_population_size():
  """The population size is a positive integer."""
  with pytest.raises(ValueError, match='population_size must be a positive integer, but got 0'):
    evolution.nsga2(population_size=0)


def test_public_names():
  """pg.evolution exposes the building blocks and the assemblies."""
  import pyglove as pg  # pylint: disable=g-import-not-at-top
  assert pg.evolution.regularized_evolution is _algorithms.regularized_evolution
  assert pg.generators.RegularizedEvolution is _algorithms.RegularizedEvolution
  assert pg.evolution.mutators.Uniform is mutators.Uniform
  assert pg.generators.Random is geno.Random


def test_class_spelling_has_an_empty_population_before_setup():
  """RegularizedEvolution reports an empty population until setup."""
  assert generators.RegularizedEvolution().population == []


def test_regularized_evolution_prints_its_hyper_parameters():
  """str()/repr() of the class show its fields."""
  algo = generators.RegularizedEvolution(population_size=100, tournament_size=10, seed=1)
  assert repr(algo) == ('RegularizedEvolution(mutator=None, population_size=100, '
                        'tournament_size=10, seed=1)')
  assert 'population_size=100' in str(algo) and 'seed=1' in str(algo)


def test_regularized_evolution_mutator_is_a_field():
  """A custom mutator is kept as a symbolic child and compared by value."""
  a = generators.RegularizedEvolution(mutators.Swap(), population_size=5, seed=1)
  assert a.mutator == mutators.Swap() and a.mutator.sym_parent is a
  assert a == generators.RegularizedEvolution(mutators.Swap(), population_size=5, seed=1)
  assert a != generators.RegularizedEvolution(population_size=5, seed=1)
