"""`Evolution`: a search algorithm assembled from operations.

An evolution seeds a population from an initializer (random DNA by default),
then breeds each batch of proposals with its `reproduction` operation applied
to the population, and after each feedback replaces the population with
`population_update(population)`. Regularized evolution, hill climbing,
NSGA-II and NEAT are such assemblies.
"""
from __future__ import annotations

import collections
import types
from typing import Any, Iterable, Mapping

from pyglove import geno
from pyglove import typing as pg_typing
from pyglove.generators.evolution import _metadata as md
from pyglove.generators.evolution import _randomness
from pyglove.generators.evolution._callables import list_callable_spec
from pyglove.generators.evolution._operation import invoke


class Evolution(geno.DNAGenerator):
  """An evolutionary search built from a reproduction and a population update.

  Proposals first come from the population initializer: `population_init` is
  a `(generator, size)` pair, a size alone (random DNA, as `(pg.geno.Random(),
  size)`), or a generator alone (used until it raises StopIteration). A copy
  of the given generator runs, so the hyper-parameter keeps no search state
  (unlike the reference, where the given object runs). Once `size` feedbacks
  arrived, each batch of proposals is
  ``reproduction(population, global_state, step)`` and proposals are handed
  out one by one. Every feedback records the reward as the DNA's fitness,
  appends the DNA to the population and, if given, replaces the population
  with ``population_update(population, global_state, step)``.

  Operations may keep data in `global_state` (an `AttributeDict`, holding
  `num_generations`). Each proposal's metadata records its proposal id, its
  generation and whether it is initial (see `get_generation_id`...).

  Randomness: `seed` seeds every part left unseeded: the operations whose
  `seed` is None (each gets an independent stream derived from `seed` and its
  place in the tree) and an initializer whose `seed` is None. Those RNGs are
  runtime state, so `setup` restarts them and `recover(history)` replays
  them: given (seed, history) the search is deterministic.

  Example:
    >>> from pyglove.generators.evolution import selectors, mutators
    >>> algo = Evolution(
    ...     selectors.Random(10) >> selectors.Top(1) >> mutators.Uniform(),
    ...     population_init=(geno.Random(), 20),
    ...     population_update=selectors.Last(20), seed=1)

  Args:
    reproduction: the operation (or callable) turning the population into
      children.
    population_init: the population initializer (see above).
    population_update: the operation (or callable) applied to the
      population after each feedback, or None to keep every DNA.
    multi_objective: whether rewards are tuples of floats.
    seed: the seed of the search's randomness (see above).

  Raises:
    TypeError: `reproduction` or `population_update` is not callable, or
      `population_init` has the wrong type.
    ValueError: `population_init` is below 1; on `setup`, an initializer
      that learns from rewards does not match `multi_objective`; on
      `propose`, the reproduction returned no child.
  """

  reproduction: list_callable_spec()
  population_init: pg_typing.Union([
      pg_typing.Object(geno.DNAGenerator),
      pg_typing.Tuple([pg_typing.Object(geno.DNAGenerator),
                       pg_typing.Int(min_value=1)]),
      pg_typing.Int(min_value=1),
  ]) = 50
  population_update: list_callable_spec().noneable() = None
  multi_objective: bool = False
  seed: int | None = None

  # What an evolution reports before setup.
  _population: list[geno.DNA] | tuple[()] = ()
  _global_state: Mapping[str, Any] = types.MappingProxyType({'num_generations': 0})

  def format(self, *args: Any, **kwargs: Any) -> str:
    """The printed form; an unset `seed` (a field the reference lacks) is left out."""
    if self.seed is None and not kwargs.get('include_keys'):
      kwargs['exclude_keys'] = set(kwargs.get('exclude_keys') or ()) | {'seed'}
    return super().format(*args, **kwargs)

  def _on_bound(self) -> None:
    super()._on_bound()
    # Slots are derived from the fields, so they follow every rebuild.
    _randomness.assign_slots([self.reproduction, self.population_update])

  def _setup(self) -> None:
    init = self.population_init
    if isinstance(init, int):
      generator, self._init_size = geno.Random(), init
    elif isinstance(init, tuple):
      generator, self._init_size = init
      generator = generator.clone(deep=True)
    else:
      generator, self._init_size = init.clone(deep=True), None
    # The initializer runs as a private copy: a tuple is shared by shallow
    # clones of this evolution, so the given generator must keep no state of
    # a search. An unseeded copy in a seeded evolution is seeded from it.
    if self.seed is not None and getattr(generator, 'seed', 0) is None:
      generator.rebind(seed=_randomness.derive_seed(self.seed, 'init'))
    if generator.needs_feedback and generator.multi_objective != self.multi_objective:
      raise ValueError(
          f'The population initializer {generator!r} learns from rewards but '
          f'{"is" if generator.multi_objective else "is not"} multi-objective, '
          f'unlike this evolution (multi_objective={self.multi_objective}).')
    generator.setup(self.dna_spec)
    self._initializer = generator
    self._rngs = _randomness.slot_rngs(
        _randomness.assign_slots([self.reproduction, self.population_update]),
        self.seed)
    self._global_state = geno.AttributeDict(num_generations=0)
    self._population: list[geno.DNA] = []
    self._pending: collections.deque[geno.DNA] = collections.deque()
    self._population_initialized = False

  @property
  def population(self) -> list[geno.DNA]:
    """The current population (DNA with feedback), as the update left it."""
    return list(self._population)

  @property
  def global_state(self) -> geno.AttributeDict:
    """The state shared by the operations (holds `num_generations`; read-only before setup)."""
    return self._global_state

  @property
  def num_generations(self) -> int:
    """The number of generations so far: 1 once the initial population is in."""
    return self._global_state['num_generations']

  def _propose(self) -> geno.DNA:
    if not self._pending:
      if self._population_initialized:
        self._pending.extend(self._evolve())
      else:
        try:
          dna = self._initializer.propose()
        except StopIteration:
          self._end_initialization()
          self._pending.extend(self._evolve())
        else:
          md.set_proposal_id(dna, self._num_proposals + 1)
          md.set_generation_id(dna, self.num_generations + 1)
          md.mark_initial_population(dna, True)
          return dna
    return self._pending.popleft()

  def _end_initialization(self) -> None:
    self._population_initialized = True
    self._global_state['num_generations'] = 1

  def _evolve(self) -> list[geno.DNA]:
    """Breeds one generation of children from the population."""
    step = self._num_proposals
    token = _randomness.enter_evolution(self._rngs, self._dna_spec)
    try:
      children = list(invoke(self.reproduction, self._population,
                             self._global_state, step))
    finally:
      _randomness.exit_evolution(token)
    if not children:
      raise ValueError(
          f'The reproduction of {type(self).__name__} returned no child from a '
          f'population of {len(self._population)}. Usually no feedback has '
          f'arrived yet: give a larger initial population size (the second '
          f'item of population_init) or sample with fewer workers.')
    generation = self.num_generations + 1
    seen: set[int] = set()
    for i, child in enumerate(children):
      metadata = child.metadata
      if md.DNA_METADATA_FEEDBACK_SEQUENCE_NUMBER in metadata or id(child) in seen:
        # A population member (or a repeat) is proposed again as a new DNA.
        child = children[i] = child.clone()
        metadata = child.metadata
        metadata.pop(md.DNA_METADATA_FITNESS, None)
        metadata.pop(md.DNA_METADATA_FEEDBACK_SEQUENCE_NUMBER, None)
      seen.add(id(child))
      # One write of three entries: this runs for every proposal.
      metadata.update({md.DNA_METADATA_PROPOSAL_ID: step + i + 1,
                       md.DNA_METADATA_GENERATION_ID: generation,
                       md.DNA_METADATA_INITIAL_POPULATION: False})
    self._global_state['num_generations'] = generation
    return children

  def _feedback(self, dna: geno.DNA, reward: Any) -> None:
    metadata = dna.metadata
    metadata.update({md.DNA_METADATA_FEEDBACK_SEQUENCE_NUMBER:
                         self._num_feedbacks + 1,
                     md.DNA_METADATA_FITNESS: reward})
    initializer = self._initializer
    if (initializer.needs_feedback
        and metadata.get(md.DNA_METADATA_INITIAL_POPULATION, False)):
      initializer.feedback(dna, reward)
    # Feedbacks, not proposals, end the initialization: evolving from a
    # population still waiting for its rewards would breed from nothing.
    if (not self._population_initialized and self._init_size is not None
        and self._num_feedbacks + 1 >= self._init_size):
      self._end_initialization()
    population = self._population
    population.append(dna)
    if self.population_update is not None:
      token = _randomness.enter_evolution(self._rngs, self._dna_spec)
      try:
        population = list(invoke(self.population_update, population,
                                 self._global_state, self._num_feedbacks))
      finally:
        _randomness.exit_evolution(token)
      # Through __dict__: cheaper than pg.Object's __setattr__ on this hot path.
      self.__dict__['_population'] = population

  def recover(self, history: Iterable[tuple[geno.DNA, Any]]) -> None:
    """Replays a history so the state equals an uninterrupted sequential run.

    Each logged DNA gets the proposal metadata (id, generation, initial mark)
    of the proposal it replays when the log lost them.

    Args:
      history: (dna, reward or None) pairs in proposal order.
    """
    for dna, reward in history:
      proposal = self.propose()
      for key in (md.DNA_METADATA_PROPOSAL_ID, md.DNA_METADATA_GENERATION_ID,
                  md.DNA_METADATA_INITIAL_POPULATION):
        if key not in dna.metadata:
          dna.set_metadata(key, proposal.metadata[key])
      if reward is not None:
        self.feedback(dna, reward)
