"""Mutators: each input DNA becomes one new, valid child DNA.

Mutators read the search space from the DNA (`dna.spec`, attached by every
proposal) and compile it once per space into the light tree of
`pyglove.generators._plan`. A child shares no node with its parent and
carries no metadata (the parent's fitness is not the child's). Called on
their own, mutators return children with the spec attached, so they chain
(``Uniform() ** 3``); within an evolution the children's spec is the
evolution's, which attaches it (and validates them) once, on proposal.
"""
from __future__ import annotations

import random
from typing import Any

from pyglove import geno
from pyglove import typing as pg_typing
from pyglove.generators import _plan
from pyglove.generators.evolution import _randomness
from pyglove.generators.evolution._operation_kinds import Mutator


def where_fn_spec() -> pg_typing.ValueSpec:
  """The spec of a mutator's `where`: None, or a predicate on DNA nodes."""
  return pg_typing.Callable([pg_typing.Object(geno.DNA)],
                            returns=pg_typing.Bool()).noneable()


def plan_of(op: Any, dna: geno.DNA) -> _plan.Plan:
  """The compiled spec of `dna`, cached on `op` for the last space it met.

  The spec is the one attached to `dna`, else that of the evolution running
  `op`.

  Raises:
    ValueError: `dna` has no spec attached and no evolution runs `op`.
  """
  spec = dna.spec
  if spec is None:
    spec = _randomness.evolution_spec()
    if spec is None:
      raise ValueError(
          f'{type(op).__name__} needs DNA with a spec attached (proposals have '
          f'one; otherwise call dna.use_spec(spec)); got {dna!r}.')
  cached = op.__dict__.get('_plan')
  if cached is None or cached.spec is not spec:
    cached = op.__dict__['_plan'] = _plan.Plan(spec)
  return cached


def finish(child: geno.DNA, spec: geno.DNASpec) -> geno.DNA:
  """`child` with `spec` attached, unless the evolution running us attaches it."""
  if _randomness.evolution_spec() is spec:
    return child
  return child.use_spec(spec)


def with_points(dna: geno.DNA, spec: geno.DNASpec) -> geno.DNA:
  """`dna`, its nodes knowing their decision points (for `where` predicates)."""
  if dna.spec is None:
    dna.use_spec(spec)
  return dna


def fresh_child(dna: geno.DNA, spec: geno.DNASpec) -> geno.DNA:
  """A copy of `dna` without metadata."""
  copy = dna.clone()
  return finish(geno.DNA(copy.value, copy.children), spec)


class Uniform(Mutator):
  """Re-samples one active decision, chosen uniformly among those that can change.

  A categorical decision gets a different candidate, whose conditional
  sub-space is sampled afresh; a subchoice of a multi-choice keeps it
  `distinct` (an unused candidate, or a swap with a sibling when all are in
  use) and `sorted`; a float gets a new value drawn under its scale, an int a
  different integer, a custom decision point a new value from its
  `random_dna_fn`. A DNA without a decision that can change (or that `where`
  accepts) comes back as an unchanged copy.

  Example:
    >>> spec = geno.Space([geno.Choices(1, [geno.Space(), geno.Space()], location='x')])
    >>> Uniform(seed=1)([geno.DNA(0).use_spec(spec)])
    [DNA(1)]

  Args:
    where: a predicate on DNA nodes (whose `spec` is their decision point;
      for a multi-choice, each subchoice's node) selecting the mutable
      decisions; None for all.
    seed: the seed of the mutations (see `Evolution` for seeds inside a
      search).
  """

  draws_random = True

  where: where_fn_spec() = None
  seed: int | None = None

  def mutate(self, dna: geno.DNA, step: int = 0) -> geno.DNA:
    del step  # The mutation does not depend on it.
    plan = plan_of(self, dna)
    options = []
    where = self.where
    if where is not None:
      with_points(dna, plan.spec)
    for node, sub, path in _plan.active_decisions(plan, dna):
      if type(node) is _plan.MultiNode:
        if _multi_mutable(node):
          options.extend((node, sub, path, j) for j in range(len(node.subs))
                         if where is None or where(sub.children[j]))
      elif _mutable(node) and (where is None or where(sub)):
        options.append((node, sub, path, None))
    if not options:
      return fresh_child(dna, plan.spec)
    rng = _randomness.rng_of(self)
    node, sub, path, position = options[rng.randrange(len(options))]
    child = _plan.replace_at(dna.clone(), path, _resample(node, sub, position, rng))
    return finish(child, plan.spec)


def _mutable(node: Any) -> bool:
  kind = type(node)
  if kind is _plan.ChoiceNode:
    return len(node.candidates) > 1
  if kind is _plan.FloatNode or kind is _plan.IntNode:
    return node.max_value > node.min_value
  return node.point.random_dna_fn is not None


def _multi_mutable(node: _plan.MultiNode) -> bool:
  if node.num_candidates < 2:
    return False
  # A sorted permutation has exactly one valid value.
  return not (node.distinct and node.sorted and len(node.subs) == node.num_candidates)


def _other_index(current: int, n: int, rng: random.Random) -> int:
  i = rng.randrange(n - 1)
  return i + 1 if i >= current else i


def _resample(node: Any, dna: geno.DNA, position: int | None,
              rng: random.Random) -> geno.DNA:
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


def _resample_subchoice(node: _plan.MultiNode, dna: geno.DNA, p: int,
                        rng: random.Random) -> geno.DNA:
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
  """Exchanges two different subchoices of one unsorted multi-choice (with their sub-spaces).

  Only multi-choices whose order is free (not `sorted`), that hold two
  different candidates and whose node `where` accepts qualify; a DNA without
  any comes back as an unchanged copy.

  Example:
    >>> spec = geno.Space([geno.Choices(2, [geno.Space(), geno.Space()], location='x')])
    >>> Swap(seed=0)([geno.DNA([0, 1]).use_spec(spec)])
    [DNA([1, 0])]

  Args:
    where: a predicate on DNA nodes (for a multi-choice: the node grouping
      its subchoices, whose `spec` is the multi-choice) selecting those that
      may be reordered; None for all.
    seed: the seed of the swaps.
  """

  draws_random = True

  where: where_fn_spec() = None
  seed: int | None = None

  def mutate(self, dna: geno.DNA, step: int = 0) -> geno.DNA:
    del step  # The mutation does not depend on it.
    plan = plan_of(self, dna)
    where = self.where
    if where is not None:
      with_points(dna, plan.spec)
    options = [
        (sub, path)
        for node, sub, path in _plan.active_decisions(plan, dna)
        if type(node) is _plan.MultiNode and not node.sorted
        and len({s.value for s in sub.children}) > 1
        and (where is None or where(sub))]
    if not options:
      return fresh_child(dna, plan.spec)
    rng = _randomness.rng_of(self)
    sub, path = options[rng.randrange(len(options))]
    subs = list(sub.children)
    pairs = [(p, q) for p in range(len(subs)) for q in range(p + 1, len(subs))
             if subs[p].value != subs[q].value]
    p, q = pairs[rng.randrange(len(pairs))]
    subs[p], subs[q] = subs[q], subs[p]
    swapped = geno.DNA(None, [s.clone() for s in subs])
    return finish(_plan.replace_at(dna.clone(), path, swapped), plan.spec)
