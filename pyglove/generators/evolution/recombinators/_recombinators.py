"""Recombinators: operations that cross their inputs (the parents) into one child."""
from __future__ import annotations

import abc
import random
from typing import Any

from pyglove import geno
from pyglove import typing as pg_typing
from pyglove.generators import _plan
from pyglove.generators.evolution._base import EvolutionState
from pyglove.generators.evolution._base import Operation


class Recombinator(Operation):
  """Base of recombinators: all inputs are the parents of one child."""

  def call(self, inputs: list[geno.DNA], state: EvolutionState) -> list[geno.DNA]:
    if not inputs:
      return []
    return [self.recombine(inputs, state)]

  @abc.abstractmethod
  def recombine(self, parents: list[geno.DNA], state: EvolutionState) -> geno.DNA:
    """Returns a child DNA built from `parents` (a valid DNA of `state.dna_spec`)."""


class Uniform(Recombinator):
  """Uniform crossover: each decision is inherited from a parent chosen uniformly.

  Where all parents made the same categorical choice, the decisions of its
  sub-space are crossed one by one too; where they differ, the chosen parent's
  whole sub-tree is inherited, so conditional sub-spaces stay consistent. A
  multi-choice is inherited as a whole, which keeps distinct/sorted intact.

  Example:
    >>> spec = geno.Space([geno.Float(0.0, 1.0, location='a'), geno.Float(0.0, 1.0, location='b')])
    >>> state = EvolutionState(spec, random.Random(4))
    >>> Uniform()([geno.DNA([0.0, 0.0]), geno.DNA([1.0, 1.0])], state)
    [DNA([0.0, 1.0])]
  """

  def recombine(self, parents: list[geno.DNA], state: EvolutionState) -> geno.DNA:
    return _fresh_root(_plan.space_dna(_cross_space(state.plan.root, parents, state.rng)))


def _cross_space(space: _plan.SpaceNode, parents: list[geno.DNA],
                 rng: random.Random) -> list[geno.DNA]:
  per_parent = [_plan.space_children(space, p) for p in parents]
  return [_cross_point(e, [c[j] for c in per_parent], rng) for j, e in enumerate(space.elements)]


def _cross_point(node: Any, parents: list[geno.DNA], rng: random.Random) -> geno.DNA:
  if type(node) is _plan.ChoiceNode:
    value = parents[0].value
    if all(p.value == value for p in parents):
      space = node.candidates[value]
      children = [_cross_point(e, [p.children[j] for p in parents], rng)
                  for j, e in enumerate(space.elements)]
      return geno.DNA(value, children)
  # Nodes have one parent, so an inherited sub-tree is copied.
  return parents[rng.randrange(len(parents))].clone()


class KPoint(Recombinator):
  """K-point crossover over the top-level decisions of the space.

  The top-level elements are cut at `k` random points; the segments are taken
  from the parents in turn (cycling when there are more than two). Each
  element is inherited whole, with its conditional sub-space.

  Example:
    >>> import random
    >>> spec = geno.Space([geno.Int(0, 1, location=f'x{i}') for i in range(6)])
    >>> state = EvolutionState(spec, random.Random(0))
    >>> KPoint(1)([geno.DNA([0] * 6), geno.DNA([1] * 6)], state)
    [DNA([0, 0, 0, 0, 1, 1])]

  Args:
    k: the number of cut points.

  Raises:
    TypeError: `k` is not an int.
    ValueError: `k` is below 1.
  """

  k: pg_typing.Int(min_value=1) = 2

  def recombine(self, parents: list[geno.DNA], state: EvolutionState) -> geno.DNA:
    root = state.plan.root
    per_parent = [_plan.space_children(root, p) for p in parents]
    n = len(root.elements)
    cuts = sorted(state.rng.sample(range(1, n), min(self.k, n - 1))) if n > 1 else []
    children, source, start = [], 0, 0
    for end in cuts + [n]:
      children.extend(c.clone() for c in per_parent[source % len(parents)][start:end])
      source, start = source + 1, end
    return geno.DNA(None, children) if n != 1 else _fresh_root(children[0])


def _fresh_root(dna: geno.DNA) -> geno.DNA:
  # A fresh root without a parent's metadata (its fitness).
  return geno.DNA(dna.value, dna.children)
