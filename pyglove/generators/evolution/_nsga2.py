"""NSGA-II (Deb et al., IEEE TEC 2002): evolution for several objectives.

The population grows with each feedback; once it holds `population_size`
new DNA, it is merged with the previous elites, sorted into Pareto fronts
(non-dominated sorting), each front ordered by crowding distance, and the
first `population_size` become the new elites (in the global state). Each
child is a mutation of the next elite, round robin. Every objective is
maximized.
"""
from __future__ import annotations

from typing import Any, Sequence

from pyglove import geno
from pyglove.generators.evolution import mutators as mutators_lib
from pyglove.generators.evolution import selectors
from pyglove.generators.evolution._compositions import Conditional
from pyglove.generators.evolution._compositions import Lambda
from pyglove.generators.evolution._evolution import Evolution
from pyglove.generators.evolution._global_state import GlobalStateGetter
from pyglove.generators.evolution._compositions import Identity
from pyglove.generators.evolution._metadata import get_fitness
from pyglove.generators.evolution._regularized_evolution import check_int
from pyglove.symbolic import Object
from pyglove.symbolic import functor


def nsga2(mutator: Any = None,
          population_size: int = 100,
          seed: int | None = None) -> Evolution:
  """NSGA-II, a multi-objective evolution (see the module docstring).

  Example:
    >>> algo = nsga2(population_size=20, seed=1)
    >>> algo.multi_objective, algo.population_init
    (True, (Random(seed=None), 40))

  Args:
    mutator: the mutation (default: `mutators.Uniform()`).
    population_size: the number of elites and of children between two
      elite updates; the initial population is twice as large.
    seed: the seed of the search (see `Evolution`).

  Returns:
    A multi-objective `Evolution` (rewards are tuples, all maximized).

  Raises:
    TypeError: `population_size` is not an int.
    ValueError: `population_size` is below 1.
  """
  check_int('population_size', population_size, 1)
  if mutator is None:
    mutator = mutators_lib.Uniform()
  update_elites = (
      GlobalStateGetter('elites', []) + Identity()
      >> Lambda(nondominated_sort()).for_each(crowding_distance_sort()).flatten()
      >> (selectors.First(population_size)
          .as_global_state('elites')
          .set_global_state('elite_cursor', 0)))
  return Evolution(
      next_elite() >> mutator,
      population_init=(geno.Random(), population_size * 2),
      population_update=Conditional(AtLeast(population_size), update_elites),
      multi_objective=True,
      seed=seed)


class AtLeast(Object):
  """A predicate on lists: whether one holds at least `n` items.

  Example:
    >>> AtLeast(2)([1, 2]), AtLeast(3)([1, 2])
    (True, False)
  """

  n: int

  def __call__(self, items: Sequence[Any]) -> bool:
    return len(items) >= self.n


@functor()
def next_elite(dna_list: Any, global_state: Any) -> list[Any]:
  """The next elite of the global state's `elites`, round robin (a cursor advances).

  Raises:
    KeyError: the global state has no elites yet (or an empty list).
  """
  del dna_list
  elites = global_state.get('elites')
  if not elites:
    raise KeyError(
        'NSGA-II has no elites in the global state yet: they are chosen once '
        'the population holds `population_size` DNA with feedback.')
  cursor = global_state.get('elite_cursor', 0) % len(elites)
  global_state['elite_cursor'] = (cursor + 1) % len(elites)
  return [elites[cursor]]


def dominates(ind1: Sequence[float], ind2: Sequence[float]) -> bool:
  """Whether fitness `ind1` Pareto-dominates `ind2`: no worse anywhere, better somewhere.

  Example:
    >>> dominates((1, 2), (1, 1)), dominates((1, 2), (2, 1))
    (True, False)

  Raises:
    ValueError: the two have different numbers of objectives.
  """
  if len(ind1) != len(ind2):
    raise ValueError(
        f'Cannot compare fitnesses with different numbers of objectives: '
        f'{ind1!r} and {ind2!r}.')
  better = False
  for x, y in zip(ind1, ind2):
    if x < y:
      return False
    if x > y:
      better = True
  return better


@functor()
def nondominated_sort(inputs: Any) -> list[Any]:
  """Sorts DNA into Pareto fronts by fitness; front 0 is dominated by none.

  Example:
    >>> from pyglove.generators.evolution._metadata import set_fitness
    >>> a, b, c = [set_fitness(geno.DNA(i), f) for i, f in enumerate([(1, 1), (2, 2), (0, 3)])]
    >>> nondominated_sort()([a, b, c])
    [[DNA(1), DNA(2)], [DNA(0)]]
  """
  fitnesses = [get_fitness(x) for x in inputs]
  n = len(inputs)
  num_dominators = [0] * n
  dominated: list[list[int]] = [[] for _ in range(n)]
  for i in range(n):
    for j in range(i + 1, n):
      if dominates(fitnesses[i], fitnesses[j]):
        dominated[i].append(j)
        num_dominators[j] += 1
      elif dominates(fitnesses[j], fitnesses[i]):
        dominated[j].append(i)
        num_dominators[i] += 1
  fronts = []
  front = [i for i in range(n) if num_dominators[i] == 0]
  while front:
    fronts.append([inputs[i] for i in front])
    following = []
    for i in front:
      for j in dominated[i]:
        num_dominators[j] -= 1
        if num_dominators[j] == 0:
          following.append(j)
    front = sorted(following)
  return fronts


@functor()
def crowding_distance_sort(frontier: Any) -> list[Any]:
  """Orders a Pareto front by decreasing crowding distance (the most isolated first).

  A point's distance sums, over objectives, the normalized gap between its
  neighbours; the extremes of each objective are infinitely far. Ties keep
  the input order.

  Example:
    >>> from pyglove.generators.evolution._metadata import set_fitness
    >>> front = [set_fitness(geno.DNA(i), f) for i, f in enumerate([(1, 1), (0, 2), (2, 0)])]
    >>> crowding_distance_sort()(front)
    [DNA(1), DNA(2), DNA(0)]
  """
  n = len(frontier)
  if n <= 2:
    return list(frontier)
  fitnesses = [get_fitness(x) for x in frontier]
  distances = [0.0] * n
  for m in range(len(fitnesses[0])):
    order = sorted(range(n), key=lambda i: fitnesses[i][m])
    low, high = fitnesses[order[0]][m], fitnesses[order[-1]][m]
    distances[order[0]] = distances[order[-1]] = float('inf')
    if high == low:
      continue
    for r in range(1, n - 1):
      distances[order[r]] += (
          fitnesses[order[r + 1]][m] - fitnesses[order[r - 1]][m]) / (high - low)
  ranked = sorted(range(n), key=lambda i: distances[i], reverse=True)
  return [frontier[i] for i in ranked]
