"""Regularized evolution (Real et al., AAAI 2019): tournament selection with aging."""
from __future__ import annotations

from typing import Any

from pyglove import geno
from pyglove.generators.evolution import mutators as mutators_lib
from pyglove.generators.evolution import selectors
from pyglove.generators.evolution._evolution import Evolution


def check_int(name: str, value: Any, min_value: int) -> None:
  """Raises unless `value` is an int (not a bool) of at least `min_value`."""
  if isinstance(value, bool) or not isinstance(value, int):
    raise TypeError(f'`{name}` must be an int; got {value!r} of type {type(value).__name__}.')
  if value < min_value:
    raise ValueError(f'`{name}` must be at least {min_value}; got {value}.')


def regularized_evolution(mutator: Any = None,
                          population_size: int = 100,
                          tournament_size: int = 10,
                          seed: int | None = None) -> Evolution:
  """Regularized (aging) evolution.

  Each child is a mutation of the fittest of `tournament_size` members drawn
  at random from the population, which keeps only its `population_size`
  youngest members. https://arxiv.org/abs/1802.01548

  Example:
    >>> algo = regularized_evolution(population_size=20, tournament_size=5, seed=1)
    >>> algo.population_init, algo.population_update
    ((Random(seed=None), 20), Last(n=20))

  Args:
    mutator: the mutation (default: `mutators.Uniform()`).
    population_size: the size of the initial (random) population and of the
      population; at least `tournament_size`.
    tournament_size: how many members a tournament draws; at least 2.
    seed: the seed of the search (see `Evolution`).

  Returns:
    An `Evolution`.

  Raises:
    TypeError: a size is not an int.
    ValueError: `tournament_size` is below 2, or `population_size` below
      `tournament_size`.
  """
  check_int('tournament_size', tournament_size, 2)
  check_int('population_size', population_size, 1)
  if population_size < tournament_size:
    raise ValueError(
        f'`population_size` ({population_size}) must be no less than '
        f'`tournament_size` ({tournament_size}).')
  if mutator is None:
    mutator = mutators_lib.Uniform()
  # The reference's structure, but one seed for the whole search: the
  # evolution derives a stream for each unseeded part from it.
  return Evolution(
      selectors.Random(tournament_size) >> selectors.Top(1) >> mutator,
      population_init=(geno.Random(), population_size),
      population_update=selectors.Last(population_size),
      seed=seed)
