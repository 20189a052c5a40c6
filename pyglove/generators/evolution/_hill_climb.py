"""Hill climbing, optionally batched: mutations of the best DNA so far."""
from __future__ import annotations

from typing import Any

from pyglove import geno
from pyglove.generators.evolution import mutators as mutators_lib
from pyglove.generators.evolution import selectors
from pyglove.generators.evolution._compositions import Repeat
from pyglove.generators.evolution._evolution import Evolution
from pyglove.generators.evolution._regularized_evolution import check_int


def hill_climb(mutator: Any = None,
               batch_size: int = 1,
               init_population_size: int = 1,
               seed: int | None = None) -> Evolution:
  """Hill climbing: each generation is `batch_size` mutations of the best DNA so far.

  Batches help with noisy rewards (https://arxiv.org/abs/1911.06317).

  Example:
    >>> algo = hill_climb(batch_size=4, seed=1)
    >>> algo.population_update
    Top(n=1, key=None, cluster=False)

  Args:
    mutator: the mutation (default: `mutators.Uniform()`).
    batch_size: the number of children per generation.
    init_population_size: the number of random DNA to start from.
    seed: the seed of the search (see `Evolution`).

  Returns:
    An `Evolution` whose population is the best DNA so far.

  Raises:
    TypeError: a size is not an int.
    ValueError: a size is below 1.
  """
  check_int('batch_size', batch_size, 1)
  check_int('init_population_size', init_population_size, 1)
  if mutator is None:
    mutator = mutators_lib.Uniform()
  return Evolution(
      selectors.Top(1) >> Repeat(mutator, batch_size),
      population_init=(geno.Random(), init_population_size),
      population_update=selectors.Top(1),
      seed=seed)
