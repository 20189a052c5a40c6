"""Permutation recombinators: they reorder the subchoices of a permutation.

A permutation point is a multi-choice whose subchoices are distinct and
unsorted and take every candidate (`pg.permutate`, or `pg.manyof(k, xs)` with
``k == len(xs)``). The recombinator finds the permutation points that every
parent reaches through the same decisions, keeps those its `where` filter
selects (default `where.ANY`: one at random), crosses the parents' orders
there, and gives each parent's DNA each crossed order. Each subchoice moves
with the sub-space it activates.

`PartiallyMapped` (PMX), `Order` (OX) and `Cycle` (CX) cross two parents
into two orders.
"""
from __future__ import annotations

import abc
from typing import Any

from pyglove import geno
from pyglove.generators import _plan
from pyglove.generators.evolution import _randomness
from pyglove.generators.evolution import _where
from pyglove.generators.evolution._operation_kinds import Recombinator
from pyglove.generators.evolution.mutators._mutators import finish
from pyglove.generators.evolution.mutators._mutators import plan_of


class Permutation(Recombinator):
  """Base of permutation recombinators (see the module docstring).

  Subclasses implement `permutate(multi_choice_spec, parents)`, mapping the
  parents' orders (lists of candidate indices) to the children's orders.
  With no permutation point in common the parents are returned.

  Args:
    where: a filter (or a function) of the permutation points to cross;
      default `where.ANY`, one at random.
    seed: the seed of the crossovers (and of `where` when it has none).
  """

  draws_random = True

  where: _where.where_spec(_where.ANY)
  seed: int | None = None

  def recombine(self, parents: list[geno.DNA], global_state: geno.AttributeDict,
                step: int) -> list[geno.DNA]:
    if not parents:
      return []
    plan = plan_of(self, parents[0])
    candidates = _common_permutation_points(plan, parents)
    where = self.where
    if (getattr(where, 'draws_random', False) and where.seed is None
        and not _randomness.in_evolution()):
      # Called on its own, an unseeded filter draws from this recombinator's
      # stream (in an evolution it has a stream of its own).
      _randomness.use_own_rng(where, _randomness.rng_of(self))
    selected = {id(p) for p in _where.apply_where(
        where, [point for point, _ in candidates], global_state, step)}
    outputs: list[geno.DNA] = []
    for point, path in candidates:
      if id(point) not in selected:
        continue
      nodes = [_node_at(p, path) for p in parents]
      orders = self.permutate(point, [[s.value for s in n.children] for n in nodes])
      for parent, node in zip(parents, nodes):
        by_value = {s.value: s for s in node.children}
        for order in orders:
          crossed = geno.DNA(None, [by_value[v].clone() for v in order])
          child = finish(_plan.replace_at(parent.clone(), path, crossed), plan.spec)
          if child not in outputs:
            outputs.append(child)
    return outputs if outputs else list(parents)

  @abc.abstractmethod
  def permutate(self, multi_choice_spec: geno.Choices,
                parents: list[list[int]]) -> list[list[int]]:
    """The children's orders crossed from the parents' orders."""


def _is_permutation(node: Any) -> bool:
  return (type(node) is _plan.MultiNode and node.distinct and not node.sorted
          and len(node.subs) == node.num_candidates)


def _node_at(dna: geno.DNA, path: tuple[int, ...]) -> geno.DNA:
  return _plan.node_at(dna, path)


def _same_way_in(parents: list[geno.DNA], path: tuple[int, ...]) -> bool:
  """Whether all parents reach `path` through the same decisions."""
  nodes = list(parents)
  for i in path:
    if len({n.value for n in nodes}) != 1:
      return False
    if i == _plan.SPLICED:
      continue  # The multi-choice's subchoices are these nodes' children.
    if any(len(n.children) <= i for n in nodes):
      return False
    nodes = [n.children[i] for n in nodes]
  return True


def _common_permutation_points(plan: _plan.Plan, parents: list[geno.DNA]
                               ) -> list[tuple[Any, tuple[int, ...]]]:
  return [(node.point, path)
          for node, _, path in _plan.active_decisions(plan, parents[0])
          if _is_permutation(node) and _same_way_in(parents, path)]


def _two_cuts(op: Permutation, size: int) -> tuple[int, int]:
  """Two cut points delimiting a segment shorter than the whole order."""
  rng = _randomness.rng_of(op)
  start, end = 0, size
  while end - start == size:
    start, end = sorted(rng.sample(range(size), 2))
  return start, end


class PartiallyMapped(Permutation):
  """Partially mapped crossover (PMX, Goldberg and Lingle, 1985).

  Each child takes the other parent's segment between two cuts; its other
  positions keep its own parent's values, remapped through the segment's
  value mapping when they clash.

  Example:
    >>> PartiallyMapped().partially_mapped_crossover(
    ...     [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0]], 1, 3)
    [[0, 3, 2, 1, 4], [4, 1, 2, 3, 0]]
  """

  NUM_PARENTS = 2

  def permutate(self, multi_choice_spec: geno.Choices,
                parents: list[list[int]]) -> list[list[int]]:
    if len(parents[0]) < 2:
      return [list(p) for p in parents]
    return self.partially_mapped_crossover(parents, *_two_cuts(self, len(parents[0])))

  def partially_mapped_crossover(self, parents: list[list[int]], start: int,
                                 end: int) -> list[list[int]]:
    """PMX of two orders with the segment [start, end)."""
    children = []
    for own, other in (parents, parents[::-1]):
      position_in_other = {v: i for i, v in enumerate(other)}
      segment = set(other[start:end])
      child = list(own)
      child[start:end] = other[start:end]
      for i in [*range(start), *range(end, len(own))]:
        value = own[i]
        while value in segment:
          value = own[position_in_other[value]]
        child[i] = value
      children.append(child)
    return children


class Order(Permutation):
  """Order crossover (OX, Davis, 1985).

  Each child takes the other parent's segment between two cuts and fills the
  rest, starting after the segment and wrapping around, with its own
  parent's remaining values in their order from the same position.

  Example:
    >>> Order().order_crossover([[0, 1, 2, 3, 4], [4, 3, 2, 1, 0]], 1, 3)
    [[1, 3, 2, 4, 0], [3, 1, 2, 0, 4]]
  """

  NUM_PARENTS = 2

  def permutate(self, multi_choice_spec: geno.Choices,
                parents: list[list[int]]) -> list[list[int]]:
    if len(parents[0]) < 2:
      return [list(p) for p in parents]
    return self.order_crossover(parents, *_two_cuts(self, len(parents[0])))

  def order_crossover(self, parents: list[list[int]], start: int,
                      end: int) -> list[list[int]]:
    """OX of two orders with the segment [start, end)."""
    children = []
    size = len(parents[0])
    for own, other in (parents, parents[::-1]):
      segment = set(other[start:end])
      rest = [own[(end + i) % size] for i in range(size)]
      rest = [v for v in rest if v not in segment]
      child = [None] * size
      child[start:end] = other[start:end]
      for i, value in zip([*range(end, size), *range(start)], rest):
        child[i] = value
      children.append(child)
    return children


class Cycle(Permutation):
  """Cycle crossover (CX, Oliver, Smith and Holland, 1987).

  The positions split into cycles (position i leads to where the first
  parent holds the second parent's value at i); each cycle goes, at random,
  whole to one child from the first parent and to the other from the second,
  so every value keeps a position it had in a parent.

  Example:
    >>> Cycle(seed=4).cycle_crossover([[0, 1, 2, 3], [1, 0, 3, 2]])
    [[0, 1, 3, 2], [1, 0, 2, 3]]
  """

  NUM_PARENTS = 2

  def permutate(self, multi_choice_spec: geno.Choices,
                parents: list[list[int]]) -> list[list[int]]:
    return self.cycle_crossover(parents)

  def cycle_crossover(self, parents: list[list[int]]) -> list[list[int]]:
    """CX of two orders."""
    first, second = parents
    size = len(first)
    position_in_first = {v: i for i, v in enumerate(first)}
    children: list[list[Any]] = [[None] * size, [None] * size]
    rng = _randomness.rng_of(self)
    for start in range(size):
      if children[0][start] is not None:
        continue
      taker = rng.choice([0, 1])
      i = start
      while children[0][i] is None:
        children[taker][i] = first[i]
        children[1 - taker][i] = second[i]
        i = position_in_first[second[i]]
    return children
