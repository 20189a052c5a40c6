"""NEAT's speciation (Stanley and Miikkulainen, 2002) as an evolution.

The population is split into species: a DNA joins the first species whose
representative is within a compatibility distance of it, or founds a new
one. Each generation, species get offspring in proportion to their average
fitness (shifted so the worst member scores 0), and each offspring mutates a
random member among the best of its species. The population keeps only the
latest generation. Search spaces are fixed here, so there is no growth of
structure: this is speciation in the compositional framework.
"""
from __future__ import annotations

from typing import Any

from pyglove import geno
from pyglove import typing as pg_typing
from pyglove.generators.evolution import mutators as mutators_lib
from pyglove.generators.evolution import selectors
from pyglove.generators.evolution._evolution import Evolution
from pyglove.generators.evolution._global_state import GlobalStateGetter
from pyglove.generators.evolution._metadata import get_fitness
from pyglove.generators.evolution._metadata import get_generation_id
from pyglove.generators.evolution._operation import Operation
from pyglove.generators.evolution._regularized_evolution import check_int
from pyglove.geno import _state_json
from pyglove.symbolic import Object
from pyglove.symbolic import functor

# The DNA metadata holding the id of the species a DNA belongs to.
_SPECIES_KEY = 'species'


def neat(mutator: Any = None,
         population_size: int = 100,
         disjoint_coefficient: float = 1.0,
         matching_coefficient: float = 3.0,
         compatibility_threshold: float = 0.4,
         remaining_ratio: float = 0.6,
         seed: int | None = None) -> Evolution:
  """NEAT's speciated evolution (see the module docstring).

  Example:
    >>> algo = neat(population_size=10, seed=1)
    >>> algo.population_init
    (Random(seed=None), 10)

  Args:
    mutator: the mutation (default: `mutators.Uniform()`).
    population_size: the size of the initial population and of each
      generation.
    disjoint_coefficient: the weight of disjoint decisions in the
      compatibility distance.
    matching_coefficient: the weight of differing matching decisions in it.
    compatibility_threshold: the largest distance to a species'
      representative for joining the species.
    remaining_ratio: the share of each species' best members that may breed.
    seed: the seed of the search (see `Evolution`).

  Returns:
    An `Evolution`.

  Raises:
    TypeError: `population_size` is not an int.
    ValueError: `population_size` is below 1, or `remaining_ratio` is not in
      (0, 1].
  """
  check_int('population_size', population_size, 1)
  if not 0.0 < remaining_ratio <= 1.0:
    raise ValueError(f'`remaining_ratio` must be in (0, 1]; got {remaining_ratio!r}.')
  if mutator is None:
    mutator = mutators_lib.Uniform()
  breed_from_species = (
      SpeciesMembers() >> selectors.Top(float(remaining_ratio)) >> selectors.Random(1))
  return Evolution(
      reproduction=(
          GlobalStateGetter('living_species')
          >> selectors.Proportional(population_size, scaled_average_fitness())
          .for_each(breed_from_species).flatten()
          >> mutator),
      population_init=(geno.Random(), population_size),
      population_update=(
          selectors.Top(1, key=GenerationId(), cluster=True)
          >> speciate(
              distance=compatibility_distance(
                  disjoint_coefficient=float(disjoint_coefficient),
                  matching_coefficient=float(matching_coefficient)),
              distance_threshold=float(compatibility_threshold))),
      seed=seed)


@_state_json.register
class Species:
  """A species: its living members and the representative new DNA are compared to.

  Species live in an evolution's global state, so they are part of its
  runtime state (written attribute by attribute by `_state_json`).

  Example:
    >>> s = Species(1)
    >>> s.add(geno.DNA(0)); s.add(geno.DNA(1))
    >>> s.representative, s.members, len(s)
    (DNA(0), [DNA(0), DNA(1)], 2)

  Args:
    id: the species' number within its evolution.
    representative: the first member (None until one is added).
    members: the living members.
  """

  def __init__(self, id: int = 0,  # pylint: disable=redefined-builtin
               representative: geno.DNA | None = None,
               members: list[geno.DNA] | None = None):
    self.id = id
    self._representative = representative
    self._members = list(members or [])

  @property
  def representative(self) -> geno.DNA:
    """The DNA new members are compared to (the species' first member).

    Raises:
      ValueError: the species never had a member.
    """
    if self._representative is None:
      raise ValueError(f'Species {self.id} has no member yet, hence no representative.')
    return self._representative

  @property
  def members(self) -> list[geno.DNA]:
    """The living members."""
    return self._members

  def __len__(self) -> int:
    return len(self._members)

  def add(self, member: geno.DNA) -> None:
    """Adds a living member (the first one becomes the representative)."""
    self._members.append(member)
    if self._representative is None:
      self._representative = member

  def clear(self) -> None:
    """Removes all members (the representative stays)."""
    self._members.clear()

  def __eq__(self, other: Any) -> bool:
    return (isinstance(other, Species) and self.id == other.id
            and self._representative == other._representative
            and self._members == other._members)

  def __hash__(self) -> int:
    return hash(self.id)

  def __repr__(self) -> str:
    return f'Species(id={self.id}, members={len(self._members)})'


class GenerationId(Object):
  """The generation of a DNA (`get_generation_id`) as a symbolic callable.

  Used as a sort key, it keeps the evolution's JSON free of functions.

  Example:
    >>> from pyglove.generators.evolution._metadata import set_generation_id
    >>> GenerationId()(set_generation_id(geno.DNA(0), 2))
    2
  """

  def __call__(self, dna: geno.DNA) -> int:
    return get_generation_id(dna)


class SpeciesMembers(Operation):
  """The living members of a species (the operation's input is a `Species`).

  Example:
    >>> s = Species(1); s.add(geno.DNA(0))
    >>> SpeciesMembers()(s)
    [DNA(0)]
  """

  def call(self, inputs: Species) -> list[geno.DNA]:
    return list(inputs.members)


@functor([
    ('distance', pg_typing.Callable([pg_typing.Any(), pg_typing.Any()])),
    ('distance_threshold', pg_typing.Float(min_value=0.0)),
])
def speciate(dna_list: Any, global_state: Any, distance: Any,
             distance_threshold: float) -> list[Any]:
  """Assigns each DNA a species and refreshes `global_state.living_species`.

  A DNA keeps the species it was assigned before while that species lives;
  otherwise it joins the first living species whose representative is within
  `distance_threshold`, or founds a new species. Species without members die.

  Returns:
    `dna_list`, unchanged.
  """
  living = {s.id: s for s in global_state.get('living_species', [])}
  for species in living.values():
    species.clear()
  next_id = global_state.get('num_species', 0)
  for dna in dna_list:
    species = living.get(dna.metadata.get(_SPECIES_KEY))
    if species is None:
      species = next((s for s in living.values()
                      if distance(s.representative, dna) <= distance_threshold), None)
    if species is None:
      next_id += 1
      species = living[next_id] = Species(next_id)
    dna.set_metadata(_SPECIES_KEY, species.id)
    species.add(dna)
  global_state['num_species'] = next_id
  global_state['living_species'] = [s for s in living.values() if s.members]
  return dna_list


@functor([
    ('disjoint_coefficient', pg_typing.Float(min_value=0.0)),
    ('matching_coefficient', pg_typing.Float(min_value=0.0)),
])
def compatibility_distance(left: Any, right: Any,
                           disjoint_coefficient: float,
                           matching_coefficient: float) -> float:
  """NEAT's compatibility distance of two DNA, normalized by the larger size.

  Where the two decide differently, the larger differing sub-tree counts as
  one differing matching decision plus disjoint ones for the rest.

  Example:
    >>> d = compatibility_distance(disjoint_coefficient=1.0, matching_coefficient=3.0)
    >>> d(geno.DNA([0, 1]), geno.DNA([0, 2]))
    1.5
  """
  n, matching, disjoint = _compute_diff(left, right)
  if n == 0:
    return 0.0
  return (disjoint_coefficient * disjoint + matching_coefficient * matching) / n


def _compute_diff(left: geno.DNA, right: geno.DNA) -> tuple[int, int, int]:
  """(decisions in the larger DNA, differing matching decisions, disjoint decisions)."""
  if left.value != right.value or len(left.children) != len(right.children):
    n = max(len(left.to_numbers()), len(right.to_numbers()))
    return n, 1, n - 1
  n = 0 if left.value is None else 1
  matching = disjoint = 0
  for a, b in zip(left.children, right.children):
    cn, cm, cd = _compute_diff(a, b)
    n, matching, disjoint = n + cn, matching + cm, disjoint + cd
  return n, matching, disjoint


@functor()
def scaled_average_fitness(inputs: Any, step: Any) -> list[Any]:
  """Each species' average fitness minus the population's worst fitness.

  Example:
    >>> from pyglove.generators.evolution._metadata import set_fitness
    >>> a, b = Species(1), Species(2)
    >>> a.add(set_fitness(geno.DNA(0), 1.0)); b.add(set_fitness(geno.DNA(1), 3.0))
    >>> scaled_average_fitness()([a, b], step=0)
    [0.0, 2.0]
  """
  del step
  lowest = min(get_fitness(d) for s in inputs for d in s.members)
  return [sum(get_fitness(d) - lowest for d in s.members) / len(s) for s in inputs]
