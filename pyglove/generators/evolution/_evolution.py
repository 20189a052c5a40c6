"""`Evolution`: a generator assembled from a reproduction operation and a population policy."""
from __future__ import annotations

import collections
import random
from typing import Any

from pyglove import geno
from pyglove import typing as pg_typing
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
    TypeError: `reproduction` or `population_update` is not an operation or
      a callable, or `population_init` is neither an int nor a pair.
    ValueError: a `population_init` count is below 1.
  """

  reproduction: Operation
  population_init: pg_typing.Union([
      pg_typing.Int(min_value=1),
      pg_typing.Tuple([pg_typing.Object(geno.DNAGenerator),
                       pg_typing.Int(min_value=1)])]) = 50
  population_update: Operation | None = None
  multi_objective: bool = False
  seed: int | None = None

  # Before setup there is no population yet.
  _population: list[geno.DNA] | tuple[()] = ()

  def __init__(self,
               reproduction: Any,
               population_init: int | tuple[geno.DNAGenerator, int] = 50,
               population_update: Any = None,
               multi_objective: bool = False,
               seed: int | None = None,
               **kwargs: Any):
    # Callables become Lambda operations before the fields validate them.
    super().__init__(
        reproduction=_as_operation(reproduction),
        population_init=population_init,
        population_update=(None if population_update is None
                           else _as_operation(population_update)),
        multi_objective=multi_objective,
        seed=seed,
        **kwargs)

  def _setup(self) -> None:
    # Derived state is built here, from the hyper-parameters alone.
    init = self.population_init
    if isinstance(init, tuple):
      # A private copy: setting up the user's generator would share its state.
      self._init_generator, self._init_size = init[0].clone(), init[1]
      self._init_generator.setup(self.dna_spec)
    else:
      self._init_generator, self._init_size = None, init
    self._rng = random.Random(self.seed)
    self._state = EvolutionState(self.dna_spec, self._rng)
    self._population: list[geno.DNA] = []
    self._queue: collections.deque[geno.DNA] = collections.deque()

  @property
  def population(self) -> list[geno.DNA]:
    """The current population (DNA that got feedback), oldest first."""
    return list(self._population)

  def _propose(self) -> geno.DNA:
    if self._num_proposals < self._init_size:
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
      # Through __dict__: cheaper than pg.Object's __setattr__ on this hot path.
      self.__dict__['_population'] = self.population_update(
          self._population, self._state)
