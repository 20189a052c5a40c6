"""Ready-made evolutions: regularized evolution, hill climbing and NSGA-II."""
from __future__ import annotations

from typing import Any

from pyglove import geno
from pyglove import typing as pg_typing
from pyglove.generators.evolution import mutators as mutators_lib
from pyglove.generators.evolution import selectors
from pyglove.generators.evolution._base import Operation
from pyglove.generators.evolution._evolution import Evolution


def _check_positive(name: str, value: Any) -> None:
  if isinstance(value, bool) or not isinstance(value, int) or value < 1:
    raise ValueError(f'{name} must be a positive integer, but got {value!r}.')


def regularized_evolution(mutator: Operation | None = None,
                          population_size: int = 100,
                          tournament_size: int = 10,
                          seed: int | None = None) -> Evolution:
  """Regularized (aging) evolution (Real et al., 2019).

  Each child is a mutation of the best of `tournament_size` random members of
  the population; the population keeps only the `population_size` youngest.

  Example:
    >>> algo = regularized_evolution(population_size=20, tournament_size=5, seed=1)

  Args:
    mutator: the mutation operation (default: `mutators.Uniform()`).
    population_size: the number of random initial proposals and the
      population's size.
    tournament_size: the number of members sampled for each tournament.
    seed: the seed of all the search's randomness, the mutator's included.

  Returns:
    An `Evolution` generator.

  Raises:
    ValueError: a size is not a positive integer.
  """
  _check_positive('population_size', population_size)
  _check_positive('tournament_size', tournament_size)
  return Evolution(
      selectors.Random(tournament_size) >> selectors.Top(1)
      >> (mutators_lib.Uniform() if mutator is None else mutator),
      population_init=population_size,
      population_update=selectors.Last(population_size),
      seed=seed)


def hill_climb(mutator: Operation | None = None,
               batch_size: int = 1,
               init_population_size: int = 1,
               seed: int | None = None) -> Evolution:
  """Hill climbing: mutate the best DNA so far, `batch_size` children at a time.

  Example:
    >>> algo = hill_climb(batch_size=4, seed=1)

  Args:
    mutator: the mutation operation (default: `mutators.Uniform()`).
    batch_size: the number of children bred from the best DNA at once.
    init_population_size: the number of random proposals to start from.
    seed: the seed of all the search's randomness.

  Returns:
    An `Evolution` generator whose population is the best DNA so far.

  Raises:
    ValueError: a size is not a positive integer.
  """
  _check_positive('batch_size', batch_size)
  _check_positive('init_population_size', init_population_size)
  mutator = mutators_lib.Uniform() if mutator is None else mutator
  return Evolution(
      selectors.Top(1) >> (mutator * batch_size if batch_size > 1 else mutator),
      population_init=init_population_size,
      population_update=selectors.Top(1),
      seed=seed)


def nsga2(mutator: Operation | None = None,
          population_size: int = 100,
          seed: int | None = None) -> Evolution:
  """NSGA-II (Deb et al., 2002) for multiple objectives (rewards are tuples, all maximized).

  Parents are chosen by binary tournaments on Pareto dominance; the population
  keeps the `population_size` best by Pareto rank, then crowding distance.

  Example:
    >>> algo = nsga2(population_size=20, seed=1)
    >>> algo.multi_objective
    True

  Args:
    mutator: the mutation operation (default: `mutators.Uniform()`).
    population_size: the number of random initial proposals and the
      population's size.
    seed: the seed of all the search's randomness.

  Returns:
    A multi-objective `Evolution` generator.

  Raises:
    ValueError: `population_size` is not a positive integer.
  """
  _check_positive('population_size', population_size)
  return Evolution(
      selectors.Random(2) >> selectors.ParetoTop(1)
      >> (mutators_lib.Uniform() if mutator is None else mutator),
      population_init=population_size,
      population_update=selectors.ParetoTop(population_size),
      multi_objective=True,
      seed=seed)


class RegularizedEvolution(geno.DNAGenerator):
  """Regularized evolution as a generator class (the paper's spelling).

  The same search as `regularized_evolution(...)`, with its arguments as the
  generator's hyper-parameters.

  Example:
    >>> RegularizedEvolution(population_size=20, tournament_size=5, seed=1)
    RegularizedEvolution(mutator=None, population_size=20, tournament_size=5, seed=1)

  Args:
    mutator: the mutation operation (default: `mutators.Uniform()`).
    population_size: the number of random initial proposals and the
      population's size.
    tournament_size: the number of members sampled for each tournament.
    seed: the seed of all the search's randomness.

  Raises:
    TypeError: a size is not an int, or `mutator` is not an operation.
    ValueError: a size is below 1.
  """

  mutator: Operation | None = None
  population_size: pg_typing.Int(min_value=1) = 100
  tournament_size: pg_typing.Int(min_value=1) = 10
  seed: int | None = None

  _evolution: Evolution | None = None

  @property
  def population(self) -> list[geno.DNA]:
    """The current population, oldest first (empty before setup)."""
    return [] if self._evolution is None else self._evolution.population

  def _setup(self) -> None:
    self._evolution = regularized_evolution(
        self.mutator, self.population_size, self.tournament_size, self.seed)
    self._evolution.setup(self.dna_spec)

  def _propose(self) -> geno.DNA:
    return self._evolution.propose()

  def _feedback(self, dna: geno.DNA, reward: Any) -> None:
    self._evolution.feedback(dna, reward)
