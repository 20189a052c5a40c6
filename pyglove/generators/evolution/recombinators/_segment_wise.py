"""Segment-wise recombinators: two parents cut into segments, taken alternately.

The DNA is read as a sequence of independent units: the top-level decisions
(each with the conditional sub-space it activates), where a multi-choice
without constraints counts one unit per subchoice and a `distinct` or
`sorted` multi-choice counts as one unit. Cutting the sequence at some
indices gives segments; the first child takes even segments from the first
parent and odd ones from the second, the second child the opposite::

    parent 1:   1  2  | 3  4  5  | 6  7         child 1:   1  2  | 30 40 50 | 6  7
    parent 2:   10 20 | 30 40 50 | 60 70        child 2:   10 20 | 3  4  5  | 60 70

`KPoint` cuts at k random indices (k=1: single-point crossover), `Segmented`
where a user function says.
"""
from __future__ import annotations

import abc
from typing import Any

from pyglove import geno
from pyglove import typing as pg_typing
from pyglove.generators import _plan
from pyglove.generators.evolution import _randomness
from pyglove.generators.evolution._callables import accepted_keywords
from pyglove.scalars import scalar_spec
from pyglove.scalars import scalar_value
from pyglove.generators.evolution._operation_kinds import Recombinator
from pyglove.generators.evolution.mutators._mutators import finish
from pyglove.generators.evolution.mutators._mutators import plan_of


def _units(plan: _plan.Plan) -> list[tuple[int, int | None, Any]]:
  """The independent units: (element index, subchoice index or None, decision point)."""
  units = []
  for e, node in enumerate(plan.root.elements):
    if (type(node) is _plan.MultiNode
        and not (node.distinct or node.sorted)):
      units.extend((e, j, sub.point) for j, sub in enumerate(node.subs))
    else:
      units.append((e, None, node.point))
  return units


class SegmentWise(Recombinator):
  """Base of segment-wise recombinators (see the module docstring).

  Subclasses implement `cutting_indices(independent_decision_points)`,
  returning the sorted indices (in 1..len-1) where segments start.
  """

  NUM_PARENTS = 2

  def recombine(self, parents: list[geno.DNA], global_state: geno.AttributeDict,
                step: int) -> list[geno.DNA]:
    x, y = parents
    plan = plan_of(self, x)
    units = _units(plan)
    points = [point for _, _, point in units]
    kwargs = {}
    keywords = accepted_keywords(self.cutting_indices)
    if 'global_state' in keywords:
      kwargs['global_state'] = global_state
    if 'step' in keywords:
      kwargs['step'] = step
    cuts = list(self.cutting_indices(points, **kwargs))
    _check_cuts(self, cuts, len(units))
    # The parent each unit comes from, for the first child.
    source = []
    start = 0
    for segment, end in enumerate(cuts + [len(units)]):
      source.extend([segment % 2] * (end - start))
      start = end
    elements = [_plan.space_children(plan.root, p) for p in parents]
    return [_assemble(plan, units, elements, [s ^ flip for s in source])
            for flip in (0, 1)]

  @abc.abstractmethod
  def cutting_indices(self, independent_decision_points: list[Any],
                      global_state: geno.AttributeDict, step: int) -> list[int]:
    """The indices where segments start (subclasses may omit the state arguments)."""


def _check_cuts(op: Any, cuts: list[int], num_units: int) -> None:
  if any(not isinstance(c, int) or not 0 <= c <= num_units for c in cuts) or cuts != sorted(cuts):
    raise ValueError(
        f'{type(op).__name__} cutting indices must be sorted ints in [0, {num_units}]; '
        f'got {cuts!r}.')


def _assemble(plan: _plan.Plan, units: list[tuple[int, int | None, Any]],
              elements: list[list[geno.DNA]], source: list[int]) -> geno.DNA:
  """A child whose unit i comes from parent `source[i]`."""
  children: list[geno.DNA] = []
  subchoices: list[geno.DNA] = []
  for (e, j, _), s in zip(units, source):
    element = elements[s][e]
    if j is None:
      children.append(element.clone())
      continue
    subchoices.append(element.children[j].clone())
    if j == len(plan.root.elements[e].subs) - 1:
      children.append(geno.DNA(None, subchoices))
      subchoices = []
  return finish(_plan.space_dna(children), plan.spec)


class KPoint(SegmentWise):
  """K-point crossover: cuts at k random indices (k=1 is single-point, k=2 two-point).

  With k at least the number of units minus one, it cuts everywhere: an
  alternating-position crossover.

  Example:
    >>> spec = geno.Space([geno.Int(0, 1, location=f'x{i}') for i in range(6)])
    >>> parents = [geno.DNA([0] * 6).use_spec(spec), geno.DNA([1] * 6).use_spec(spec)]
    >>> KPoint(2, seed=1)(parents)
    [DNA([0, 1, 0, 0, 0, 0]), DNA([1, 0, 1, 1, 1, 1])]

  Args:
    k: the number of cuts, or a function of the step giving it.
    seed: the seed of the cuts.
  """

  draws_random = True

  k: scalar_spec(pg_typing.Int(min_value=1))
  seed: int | None = None

  def cutting_indices(self, independent_decision_points: list[Any],
                      global_state: geno.AttributeDict, step: int) -> list[int]:
    del global_state
    n = len(independent_decision_points)
    k = scalar_value(self.k, step)
    if n > k + 1:
      return sorted(_randomness.rng_of(self).sample(range(1, n), k))
    return list(range(1, n))


class Segmented(SegmentWise):
  """Segment-wise crossover cutting where a function of the decision points says.

  Example:
    >>> spec = geno.Space([geno.Int(0, 1, location=f'x{i}') for i in range(4)])
    >>> parents = [geno.DNA([0] * 4).use_spec(spec), geno.DNA([1] * 4).use_spec(spec)]
    >>> Segmented(lambda points: [len(points) // 2])(parents)
    [DNA([0, 0, 1, 1]), DNA([1, 1, 0, 0])]

  Args:
    cutting_points: a function of the list of independent decision points
      returning the sorted indices where segments start.
  """

  cutting_points: pg_typing.Callable(
      [pg_typing.List(pg_typing.Any())],
      returns=pg_typing.List(pg_typing.Int(min_value=0)))

  def cutting_indices(self, independent_decision_points: list[Any],
                      global_state: geno.AttributeDict, step: int) -> list[int]:
    del global_state, step
    return self.cutting_points(independent_decision_points)
