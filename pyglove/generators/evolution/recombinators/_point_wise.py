"""Point-wise recombinators: the parents' decisions merge decision point by decision point.

`Uniform` takes each decision from a random parent, `Sample` from a parent
drawn by weight, `Average` and `WeightedAverage` average float decisions.
Decision points that are not targeted (not applicable to the recombinator,
or filtered out by `where`) keep each parent's own decision, so N parents
give up to N children (duplicates removed); when every point is targeted
they all give the same child.

Conditional spaces stay consistent: a parent whose decision on a choice was
overridden stops contributing to the decisions under it, and an active
decision left without a value takes that of a parent that has one.
"""
from __future__ import annotations

import abc
import random
from typing import Any, Sequence

from pyglove import geno
from pyglove import typing as pg_typing
from pyglove.generators import _plan
from pyglove.generators.evolution import _randomness
from pyglove.generators.evolution import _where
from pyglove.generators.evolution._callables import accepted_keywords
from pyglove.generators.evolution._callables import list_callable_spec
from pyglove.generators.evolution._operation import invoke
from pyglove.generators.evolution._operation_kinds import Recombinator
from pyglove.generators.evolution.mutators._mutators import finish
from pyglove.generators.evolution.mutators._mutators import plan_of
from pyglove.generators.evolution.recombinators._layout import Slot
from pyglove.generators.evolution.recombinators._layout import layout_of
from pyglove.symbolic import members


def _weights_spec() -> pg_typing.ValueSpec:
  return list_callable_spec()


def _is_multi_choice(point: Any) -> bool:
  return isinstance(point, geno.Choices) and point.num_choices > 1


class PointWise(Recombinator):
  """Base of point-wise recombinators (see the module docstring).

  Subclasses implement `merge(decision_point, parent_decisions)`, and may
  narrow `applicable_decision_points(dna_spec)` (default: every decision
  point, a multi-choice as one point whose decision is a list).

  Args:
    where: a filter (or a function) of the applicable decision points
      choosing those to recombine; default `where.ALL`.
  """

  where: _where.where_spec()

  def recombine(self, parents: list[geno.DNA], global_state: geno.AttributeDict,
                step: int) -> list[geno.DNA]:
    if not parents:
      return []
    plan = plan_of(self, parents[0])
    layout = layout_of(self, plan)
    applicable = _call_with_state(self.applicable_decision_points, plan.spec,
                                  global_state, step)
    targets = {id(p) for p in _where.apply_where(self.where, list(applicable),
                                                 global_state, step)}
    originals = [layout.read(p) for p in parents]
    current = [list(values) for values in originals]
    merge = self.merge
    merge_keywords = accepted_keywords(merge, 2)
    for slot in layout.slots:
      if id(slot.point) not in targets:
        continue
      decisions = [values[slot.index] for values in current]
      if all(d is None for d in decisions):
        continue
      kwargs = _state_kwargs(merge_keywords, global_state, step)
      decision = merge(slot.point, decisions, **kwargs)
      if decision is None:
        continue
      for values, old in zip(current, decisions):
        _forget_overridden(slot, old, decision, values)
        values[slot.index] = decision
    children = []
    for values in current:
      fill = lambda slot, values=values: _fallback(slot, values, current, originals)
      children.append(finish(layout.write(values, fill), plan.spec))
    return _unique(children)

  def applicable_decision_points(self, dna_spec: geno.DNASpec,
                                 global_state: geno.AttributeDict,
                                 step: int) -> list[Any]:
    """The decision points this recombinator can merge (before `where`).

    The default: every decision point in preorder, a multi-choice as one.
    """
    return layout_of(self, _plan_for(self, dna_spec)).points()

  @abc.abstractmethod
  def merge(self, decision_point: Any, parent_decisions: list[Any],
            global_state: geno.AttributeDict, step: int) -> Any:
    """The child's decision on `decision_point` from the parents' decisions.

    Args:
      decision_point: the decision point.
      parent_decisions: each parent's decision: an int (a choice), a list of
        ints (a multi-choice), a float, a str (a custom point), or None where
        the point is inactive in that parent. Not all are None.
      global_state: the evolution's global state (subclasses may omit it).
      step: the number of proposals so far (subclasses may omit it).

    Returns:
      The decision, or None to leave each parent's own.
    """


def _plan_for(op: Any, dna_spec: geno.DNASpec) -> _plan.Plan:
  cached = op.__dict__.get('_plan')
  if cached is None or cached.spec is not dna_spec:
    cached = op.__dict__['_plan'] = _plan.Plan(dna_spec)
  return cached


def _state_kwargs(keywords: Sequence[str], global_state: Any, step: int) -> dict[str, Any]:
  kwargs = {}
  if 'global_state' in keywords:
    kwargs['global_state'] = global_state
  if 'step' in keywords:
    kwargs['step'] = step
  return kwargs


def _call_with_state(fn: Any, arg: Any, global_state: Any, step: int) -> Any:
  return fn(arg, **_state_kwargs(accepted_keywords(fn), global_state, step))


def _forget_overridden(slot: Slot, old: Any, new: Any, values: list[Any]) -> None:
  """Clears a parent's decisions under a decision it no longer makes."""
  if type(slot.node) is _plan.MultiNode:
    for j, (start, end) in enumerate(slot.subchoice_ranges):
      if old is None or old[j] != new[j]:
        values[start:end] = [None] * (end - start)
  elif old != new:
    values[slot.index + 1:slot.end] = [None] * (slot.end - slot.index - 1)


def _fallback(slot: Slot, values: list[Any], current: list[list[Any]],
              originals: list[list[Any]]) -> Any:
  """A value for an active slot a child has none for: the first parent's that has one."""
  for candidates in (current, originals):
    for other in candidates:
      if other[slot.index] is not None:
        return other[slot.index]
  raise ValueError(f'No parent decides {slot.point!r}; cannot build the child {values!r}.')


def _unique(children: list[geno.DNA]) -> list[geno.DNA]:
  unique: list[geno.DNA] = []
  for child in children:
    if child not in unique:
      unique.append(child)
  return unique


def merge_multi_choice(decision_point: geno.Choices, parent_decisions: list[Any],
                       weights: list[float], rng: random.Random,
                       max_attempts: int = 8) -> list[int]:
  """Merges multi-choice decisions subchoice by subchoice, keeping its constraints.

  Each subchoice is drawn from a parent (by weight; a parent without the
  decision weighs 0) until it keeps the multi-choice distinct and sorted as
  required. After `max_attempts` failed draws in all, one parent's whole
  decision is drawn instead.

  Example:
    >>> point = geno.Choices(2, [geno.Space()] * 3, location='x')
    >>> merge_multi_choice(point, [[0, 1], [1, 2]], [1.0, 1.0], random.Random(1))
    [0, 2]
  """
  weights = [0.0 if d is None else w for d, w in zip(parent_decisions, weights)]
  merged: list[int] = []
  attempts = 0
  for j in range(decision_point.num_choices):
    candidates = [None if d is None else d[j] for d in parent_decisions]
    while attempts < max_attempts:
      value = rng.choices(candidates, weights=weights, k=1)[0]
      if ((not decision_point.distinct or value not in merged)
          and (not decision_point.sorted or not merged or value >= merged[-1])):
        merged.append(value)
        break
      attempts += 1
    if attempts >= max_attempts:
      return list(rng.choices(parent_decisions, weights=weights, k=1)[0])
  return merged


class Uniform(PointWise):
  """Uniform crossover: each decision comes from a parent chosen uniformly.

  A multi-choice is merged subchoice by subchoice (see `merge_multi_choice`).

  Reference: G. Syswerda, Uniform crossover in genetic algorithms, ICGA 1989.

  Example:
    >>> F = geno.Float
    >>> spec = geno.Space([F(0.0, 1.0, location='a'), F(0.0, 1.0, location='b')])
    >>> parents = [geno.DNA([0.0, 0.0]).use_spec(spec), geno.DNA([1.0, 1.0]).use_spec(spec)]
    >>> Uniform(seed=4)(parents)
    [DNA([0.0, 1.0])]

  Args:
    where: a filter (or a function) of the decision points to recombine.
    seed: the seed of the draws.
  """

  draws_random = True

  seed: int | None = None

  def merge(self, decision_point: Any, parent_decisions: list[Any]) -> Any:
    rng = _randomness.rng_of(self)
    if _is_multi_choice(decision_point):
      return merge_multi_choice(decision_point, parent_decisions,
                                [1.0] * len(parent_decisions), rng)
    return rng.choice([d for d in parent_decisions if d is not None])


class _Weighted:
  """Mixin: parents' weights computed once per recombination from `weights`."""

  def _on_input(self, inputs: list[geno.DNA]) -> None:
    super()._on_input(inputs)
    weights = list(invoke(self.weights, inputs, None, 0))
    if len(weights) != len(inputs) or any(w < 0 for w in weights):
      raise ValueError(
          f'{type(self).__name__}.weights must return one non-negative weight per '
          f'parent; got {weights!r} for {len(inputs)} parents.')
    self.__dict__['_parent_weights'] = weights


@members([], init_arg_list=['weights', 'where', 'seed'])
class Sample(_Weighted, PointWise):
  """Point-wise crossover drawing each decision from a parent chosen by weight.

  ``Sample(lambda parents: [1.0] * len(parents))`` is `Uniform`; a weight
  that grows with fitness makes a greedy, less disruptive crossover.

  Example:
    >>> F = geno.Float
    >>> spec = geno.Space([F(0.0, 1.0, location='a'), F(0.0, 1.0, location='b')])
    >>> parents = [geno.DNA([0.0, 0.0]).use_spec(spec), geno.DNA([1.0, 1.0]).use_spec(spec)]
    >>> Sample(lambda parents: [1.0, 0.0], seed=1)(parents)
    [DNA([0.0, 0.0])]

  Args:
    weights: a function of the parents returning one non-negative weight
      per parent.
    where: a filter (or a function) of the decision points to recombine.
    seed: the seed of the draws.
  """

  draws_random = True

  weights: _weights_spec()
  seed: int | None = None

  def merge(self, decision_point: Any, parent_decisions: list[Any]) -> Any:
    rng = _randomness.rng_of(self)
    weights = [0.0 if d is None else w
               for d, w in zip(parent_decisions, self.__dict__['_parent_weights'])]
    if not sum(weights) > 0:
      # The parents that decide this point all weigh 0: draw among them.
      weights = [0.0 if d is None else 1.0 for d in parent_decisions]
    if _is_multi_choice(decision_point):
      return merge_multi_choice(decision_point, parent_decisions, weights, rng)
    return rng.choices(parent_decisions, weights=weights, k=1)[0]


class Numeric(PointWise):
  """Base of numeric recombinators: they merge float decision points only.

  Other decisions are copied from each parent to its own child, so N parents
  give N children unless the space has only floats (then one child).
  """

  def applicable_decision_points(self, dna_spec: geno.DNASpec) -> list[Any]:
    return [p for p in layout_of(self, _plan_for(self, dna_spec)).points()
            if isinstance(p, geno.Float)]


class Average(Numeric):
  """Averages the parents' float decisions.

  Reference: Ono et al., Real-coded genetic algorithms (Soft Computing, 2007).

  Example:
    >>> F = geno.Float
    >>> spec = geno.Space([F(0.0, 1.0, location='a'), F(0.0, 1.0, location='b')])
    >>> Average()([geno.DNA([0.0, 0.5]).use_spec(spec), geno.DNA([1.0, 1.0]).use_spec(spec)])
    [DNA([0.5, 0.75])]

  Args:
    where: a filter (or a function) of the float points to average.
  """

  def merge(self, decision_point: Any, parent_decisions: list[Any]) -> float:
    values = [d for d in parent_decisions if d is not None]
    return sum(values) / len(values)


@members([], init_arg_list=['weights', 'where'])
class WeightedAverage(_Weighted, Numeric):
  """Averages the parents' float decisions, weighted: ``sum(w * v) / sum(w)``.

  Example:
    >>> F = geno.Float
    >>> spec = geno.Space([F(0.0, 1.0, location='a')])
    >>> op = WeightedAverage(lambda parents: [1.0, 3.0])
    >>> op([geno.DNA(0.0).use_spec(spec), geno.DNA(1.0).use_spec(spec)])
    [DNA(0.75)]

  Args:
    weights: a function of the parents returning one non-negative weight
      per parent.
    where: a filter (or a function) of the float points to average.
  """

  weights: _weights_spec()

  def merge(self, decision_point: Any, parent_decisions: list[Any]) -> float:
    total = weight_sum = 0.0
    for d, w in zip(parent_decisions, self.__dict__['_parent_weights']):
      if d is not None:
        total += w * d
        weight_sum += w
    if weight_sum == 0:
      values = [d for d in parent_decisions if d is not None]
      return sum(values) / len(values)
    return total / weight_sum
