"""`Evolution`: a generator assembled from a reproduction operation and a population policy."""
from __future__ import annotations

import collections
import random
from typing import Any

from pyglove import geno
from pyglove.generators.evolution._base import EvolutionState
from pyglove.generators.evolution._base import Operation
from pyglove.generators.evolution._base import _as_operation
from pyglove.generators.evolution._base import set_fitness


class Evolution(geno.DNAGenerator):
  """An evolutionary search: seed a population, then breed from it.

  The first `population_init` proposals are uniform random DNA (or come from a
  given generator). After that, each proposal comes from `reproduction`
  applied to the current population (a batch of children is queued and handed
  out one by one). Each feedback records the reward as the DNA's fitness
  (`get_fitness`), appends the DNA to the population and, if given, replaces
  the population with `population_update(population)`.

  All randomness comes from one `random.Random(seed)` that every operation
  receives through `EvolutionState`, so (seed, history) fixes the state.

  Example:
    >>> from pyglove.generators.evolution import selectors, mutators
    >>> algo = Evolution(
    ...     selectors.Random(10) >> selectors.Top(1) >> mutators.Uniform(),
    ...     population_init=20, population_update=selectors.Last(20), seed=1)

  Args:
    reproduction: the operation that turns the population into children.
    population_init: the number of initial random proposals, or a
      `(generator, count)` pair to take them from another generator.
    population_update: an operation applied to the population after each
      feedback (e.g. `selectors.Last(n)` for aging), or None to keep all.
    multi_objective: whether rewards are tuples (for Pareto selectors).
    seed: the seed of the generator's random number generator.

  Raises:
    TypeError: `reproduction` or `population_update` is not an operation.
    ValueError: `population_init` is not a positive count or (generator, count).
  """

  def __init__(self,
               reproduction: Operation,
               population_init: int | tuple[geno.DNAGenerator, int] = 50,
               population_update: Operation | None = None,
               multi_objective: bool = False,
               seed: int | None = None):
    super().__init__()
    _parse_init(population_init)
    self.reproduction = _as_operation(reproduction)
    self.population_init = population_init
    self.population_update = (
        None if population_update is None else _as_operation(population_update))
    self.multi_objective = multi_objective
    self.seed = seed

  # Before setup there is no population yet.
  _population: list[geno.DNA] | tuple[()] = ()

  def _setup(self) -> None:
    # Derived state is built here, from the hyper-parameters alone.
    self._init_generator, self._init_size = _parse_init(self.population_init)
    self._rng = random.Random(self.seed)
    self._state = EvolutionState(self.dna_spec, self._rng)
    self._population: list[geno.DNA] = []
    self._queue: collections.deque[geno.DNA] = collections.deque()
    self._num_initial = 0
    if self._init_generator is not None:
      self._init_generator.setup(self.dna_spec)

  @property
  def population(self) -> list[geno.DNA]:
    """The current population (DNA that got feedback), oldest first."""
    return list(self._population)

  def _propose(self) -> geno.DNA:
    if self._num_initial < self._init_size:
      self._num_initial += 1
      return self._random()
    if not self._queue:
      if not self._population:
        # Every initial proposal is still waiting for feedback.
        return self._random()
      self._queue.extend(self.reproduction(self._population, self._state))
      if not self._queue:
        return self._random()
    return self._queue.popleft()

  def _random(self) -> geno.DNA:
    if self._init_generator is not None:
      return self._init_generator.propose()
    return self.dna_spec.random_dna(self._rng)

  def _feedback(self, dna: geno.DNA, reward: Any) -> None:
    set_fitness(dna, reward)
    self._population.append(dna)
    self._state.step += 1
    if self.population_update is not None:
      self._population = self.population_update(self._population, self._state)


def _parse_init(value: Any) -> tuple[geno.DNAGenerator | None, int]:
  generator = None
  count = value
  if isinstance(value, tuple) and len(value) == 2:
    generator, count = value
    if not isinstance(generator, geno.DNAGenerator):
      raise ValueError(
          f'population_init expects a count or a (DNAGenerator, count) pair, but '
          f'got {value!r}: {generator!r} is not a DNAGenerator.')
  if isinstance(count, bool) or not isinstance(count, int) or count < 1:
    raise ValueError(
        f'population_init expects a positive count or a (DNAGenerator, count) '
        f'pair, but got {value!r}.')
  return generator, count
