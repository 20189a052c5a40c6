"""Mutators: operations that turn each input DNA into one new, valid child DNA.

A child shares no node with its parent: DNA nodes know their parent, and the
parent's fitness lives in its root's metadata, which the child must not inherit.
"""
from __future__ import annotations

import abc
from typing import Any, Callable

from pyglove import geno
from pyglove.generators import _plan
from pyglove.generators.evolution._base import EvolutionState
from pyglove.generators.evolution._base import Operation


class Mutator(Operation):
  """Base of mutators: `mutate(dna, state)` applied to every input."""

  def call(self, inputs: list[geno.DNA], state: EvolutionState) -> list[geno.DNA]:
    return [self.mutate(dna, state) for dna in inputs]

  @abc.abstractmethod
  def mutate(self, dna: geno.DNA, state: EvolutionState) -> geno.DNA:
    """Returns a mutated copy of `dna` (a valid DNA of `state.dna_spec`)."""


def _unchanged(dna: geno.DNA) -> geno.DNA:
  # A fresh root without the parent's metadata (its fitness).
  copy = dna.clone()
  return geno.DNA(copy.value, copy.children)


class Uniform(Mutator):
  """Re-samples one active decision point, chosen uniformly.

  A categorical decision gets a different candidate, whose conditional
  sub-space is sampled fresh; a subchoice of a multi-choice respects
  `distinct` (picking an unused candidate, or swapping with a sibling when all
  are used) and `sorted` (subchoices are re-sorted); a float gets a new value
  drawn under its scale; an int a different integer; a custom decision point
  a new value from its `random_dna_fn`. Points that cannot change (a single
  candidate, an empty range) are never chosen, nor those `where` rejects; a
  DNA without any is returned as an unchanged copy.

  Example:
    >>> import random
    >>> spec = geno.Space([geno.Choices(1, [geno.Space(), geno.Space()])])
    >>> state = EvolutionState(spec, random.Random(1))
    >>> Uniform()([geno.DNA(0)], state)
    [DNA(1)]

  Args:
    where: a predicate on decision points (`geno.Choices` - the multi-choice
      itself for its subchoices -, `Float`, `Int`, `CustomDecisionPoint`)
      selecting those that may mutate; None for all.
  """

  where: Callable[[geno.DNASpec], bool] | None = None

  def mutate(self, dna: geno.DNA, state: EvolutionState) -> geno.DNA:
    options = []
    where = self.where
    for node, sub, path in _plan.active_decisions(state.plan, dna):
      if where is not None and not where(node.point):
        continue
      if type(node) is _plan.MultiNode:
        if _multi_mutable(node):
          options.extend((node, sub, path, p) for p in range(len(node.subs)))
      elif _mutable(node):
        options.append((node, sub, path, None))
    if not options:
      return _unchanged(dna)
    rng = state.rng
    node, sub, path, position = options[rng.randrange(len(options))]
    new = _resample(node, sub, position, rng)
    return _plan.replace_at(dna.clone(), path, new)


def _mutable(node: Any) -> bool:
  kind = type(node)
  if kind is _plan.ChoiceNode:
    return len(node.candidates) > 1
  if kind is _plan.FloatNode:
    return node.max_value > node.min_value
  if kind is _plan.IntNode:
    return node.max_value > node.min_value
  return node.point.random_dna_fn is not None


def _multi_mutable(node: _plan.MultiNode) -> bool:
  if node.num_candidates < 2:
    return False
  # A sorted permutation has exactly one valid value.
  return not (node.distinct and node.sorted and len(node.subs) == node.num_candidates)


def _other_index(current: int, n: int, rng) -> int:
  i = rng.randrange(n - 1)
  return i + 1 if i >= current else i


def _resample(node: Any, dna: geno.DNA, position: int | None, rng) -> geno.DNA:
  kind = type(node)
  if kind is _plan.ChoiceNode:
    i = _other_index(dna.value, len(node.candidates), rng)
    return geno.DNA(i, _plan.random_space(node.candidates[i], rng))
  if kind is _plan.MultiNode:
    return _resample_subchoice(node, dna, position, rng)
  if kind is _plan.FloatNode:
    return geno.DNA(node.from_unit(rng.random()))
  if kind is _plan.IntNode:
    span = node.max_value - node.min_value + 1
    return geno.DNA(node.min_value + _other_index(dna.value - node.min_value, span, rng))
  return node.point.random_dna(rng, attach_spec=False, previous_dna=dna)


def _resample_subchoice(node: _plan.MultiNode, dna: geno.DNA, p: int, rng) -> geno.DNA:
  subs = [s.clone() for s in dna.children]
  if node.distinct:
    used = {s.value for s in subs}
    free = [i for i in range(node.num_candidates) if i not in used]
    if not free:
      # A permutation: every candidate is taken, so exchange with a sibling.
      q = _other_index(p, len(subs), rng)
      subs[p], subs[q] = subs[q], subs[p]
      return geno.DNA(None, subs)
    i = free[rng.randrange(len(free))]
  else:
    i = _other_index(subs[p].value, node.num_candidates, rng)
  subs[p] = geno.DNA(i, _plan.random_space(node.subs[p].candidates[i], rng))
  if node.sorted:
    subs.sort(key=lambda s: s.value)
  return geno.DNA(None, subs)


class Swap(Mutator):
  """Exchanges two subchoices of one unsorted multi-choice (with their sub-spaces).

  Only multi-choices whose order is free (not `sorted`), that hold two
  different candidates and that `where` accepts qualify; a DNA without any is
  returned unchanged (a copy).

  Example:
    >>> import random
    >>> spec = geno.Space([geno.Choices(2, [geno.Space(), geno.Space()])])
    >>> Swap()([geno.DNA([0, 1])], EvolutionState(spec, random.Random(0)))
    [DNA([1, 0])]

  Args:
    where: a predicate on multi-choice specs selecting those that may be
      reordered; None for all.
  """

  where: Callable[[geno.DNASpec], bool] | None = None

  def mutate(self, dna: geno.DNA, state: EvolutionState) -> geno.DNA:
    where = self.where
    options = [
        (node, sub, path)
        for node, sub, path in _plan.active_decisions(state.plan, dna)
        if type(node) is _plan.MultiNode and not node.sorted
        and (where is None or where(node.point))
        and len({s.value for s in sub.children}) > 1]
    if not options:
      return _unchanged(dna)
    rng = state.rng
    node, sub, path = options[rng.randrange(len(options))]
    subs = list(sub.children)
    pairs = [(p, q) for p in range(len(subs)) for q in range(p + 1, len(subs))
             if subs[p].value != subs[q].value]
    p, q = pairs[rng.randrange(len(pairs))]
    subs[p], subs[q] = subs[q], subs[p]
    swapped = geno.DNA(None, [s.clone() for s in subs])
    return _plan.replace_at(dna.clone(), path, swapped)
