"""Selectors: operations that pick a sub-list of their inputs without changing any DNA.

Each takes its count `n` as a typed field: a non-int raises TypeError and a
count below 1 ValueError, both naming the field (``path=n``).
"""
from __future__ import annotations

import heapq
from typing import Any, Sequence

from pyglove import geno
from pyglove import typing as pg_typing
from pyglove.generators.evolution._base import EvolutionState
from pyglove.generators.evolution._base import Operation
from pyglove.generators.evolution._base import get_fitness


# The count every selector takes: a positive int.
_COUNT = pg_typing.Int(min_value=1)


def _fitness(dna: geno.DNA) -> Any:
  fitness = get_fitness(dna)
  if fitness is None:
    raise ValueError(
        f'{dna!r} has no fitness; ranking selectors need DNA that received feedback.')
  return fitness


class First(Operation):
  """Selects the first n inputs (the oldest, in a population).

  Example:
    >>> First(1)([geno.DNA(0), geno.DNA(1)], None)
    [DNA(0)]
  """

  n: _COUNT

  def call(self, inputs: list[geno.DNA], state: EvolutionState) -> list[geno.DNA]:
    return inputs[:self.n]


class Last(Operation):
  """Selects the last n inputs (the youngest, in a population): regularized evolution's aging.

  Example:
    >>> Last(1)([geno.DNA(0), geno.DNA(1)], None)
    [DNA(1)]
  """

  n: _COUNT

  def call(self, inputs: list[geno.DNA], state: EvolutionState) -> list[geno.DNA]:
    return inputs[-self.n:]


class Top(Operation):
  """Selects the n inputs of highest fitness, best first; ties keep input order.

  Tuple fitnesses compare lexicographically; use `ParetoTop` for true multiple
  objectives.

  Raises:
    ValueError: at call time, if an input has no fitness.
  """

  n: _COUNT

  def call(self, inputs: list[geno.DNA], state: EvolutionState) -> list[geno.DNA]:
    if self.n == 1:
      return [max(inputs, key=_fitness)] if inputs else []
    return heapq.nlargest(self.n, inputs, key=_fitness)


class Bottom(Operation):
  """Selects the n inputs of lowest fitness, worst first; ties keep input order.

  Raises:
    ValueError: at call time, if an input has no fitness.
  """

  n: _COUNT

  def call(self, inputs: list[geno.DNA], state: EvolutionState) -> list[geno.DNA]:
    return heapq.nsmallest(self.n, inputs, key=_fitness)


class Random(Operation):
  """Selects n inputs uniformly at random, without replacement unless asked.

  With fewer than n inputs and no replacement, all inputs are returned (in a
  random order). Randomness comes from the generator's RNG in `state`.
  """

  n: _COUNT
  replacement: bool = False

  def call(self, inputs: list[geno.DNA], state: EvolutionState) -> list[geno.DNA]:
    if not inputs:
      return []
    rng = state.rng
    if self.replacement:
      return [inputs[rng.randrange(len(inputs))] for _ in range(self.n)]
    return rng.sample(inputs, min(self.n, len(inputs)))


def dominates(a: Sequence[float], b: Sequence[float]) -> bool:
  """Whether fitness `a` Pareto-dominates `b` (no worse everywhere, better somewhere).

  Example:
    >>> dominates((1, 2), (1, 1)), dominates((1, 2), (2, 1))
    (True, False)
  """
  better = False
  for x, y in zip(a, b):
    if x < y:
      return False
    if x > y:
      better = True
  return better


def pareto_fronts(fitnesses: Sequence[Sequence[float]]) -> list[list[int]]:
  """Sorts indices into non-dominated fronts (front 0 is the Pareto front).

  Example:
    >>> pareto_fronts([(1, 1), (2, 2), (0, 3)])
    [[1, 2], [0]]
  """
  n = len(fitnesses)
  dominated_by = [0] * n
  dominating: list[list[int]] = [[] for _ in range(n)]
  for i in range(n):
    fi = fitnesses[i]
    for j in range(i + 1, n):
      # One pass over the objectives settles both directions of dominance.
      i_better = j_better = False
      for x, y in zip(fi, fitnesses[j]):
        if x > y:
          i_better = True
        elif x < y:
          j_better = True
      if i_better != j_better:
        if i_better:
          dominating[i].append(j)
          dominated_by[j] += 1
        else:
          dominating[j].append(i)
          dominated_by[i] += 1
  fronts = []
  current = [i for i in range(n) if dominated_by[i] == 0]
  while current:
    fronts.append(current)
    following = []
    for i in current:
      for j in dominating[i]:
        dominated_by[j] -= 1
        if dominated_by[j] == 0:
          following.append(j)
    current = sorted(following)
  return fronts


def crowding_distances(fitnesses: Sequence[Sequence[float]]) -> list[float]:
  """NSGA-II crowding distance of each point within one front (boundaries: inf).

  Example:
    >>> crowding_distances([(0, 2), (1, 1), (2, 0)])
    [inf, 2.0, inf]
  """
  n = len(fitnesses)
  distances = [0.0] * n
  if n <= 2:
    return [float('inf')] * n
  for m in range(len(fitnesses[0])):
    order = sorted(range(n), key=lambda i: fitnesses[i][m])
    lo, hi = fitnesses[order[0]][m], fitnesses[order[-1]][m]
    distances[order[0]] = distances[order[-1]] = float('inf')
    if hi == lo:
      continue
    for r in range(1, n - 1):
      distances[order[r]] += (fitnesses[order[r + 1]][m] - fitnesses[order[r - 1]][m]) / (hi - lo)
  return distances


class ParetoTop(Operation):
  """Selects n inputs by NSGA-II order: Pareto rank first, then crowding distance.

  Fitnesses are tuples of objectives, all maximized. Output is best first.

  Raises:
    ValueError: at call time, if an input has no fitness.
  """

  n: _COUNT

  def call(self, inputs: list[geno.DNA], state: EvolutionState) -> list[geno.DNA]:
    fitnesses = [_as_tuple(_fitness(x)) for x in inputs]
    selected: list[geno.DNA] = []
    for front in pareto_fronts(fitnesses):
      room = self.n - len(selected)
      if room <= 0:
        break
      if len(front) > room:
        distances = crowding_distances([fitnesses[i] for i in front])
        order = sorted(range(len(front)), key=lambda r: -distances[r])
        front = [front[r] for r in order[:room]]
      selected.extend(inputs[i] for i in front)
    return selected


def _as_tuple(fitness: Any) -> tuple[float, ...]:
  return fitness if isinstance(fitness, tuple) else (fitness,)
