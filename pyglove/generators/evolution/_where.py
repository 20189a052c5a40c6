"""Decision point filters: which decision points a recombinator works on (`where=`).

A filter takes the list of candidate decision points and returns the ones to
keep. `ALL` keeps every point, `ANY` keeps one at random, and any function
of the list (optionally taking `global_state` and `step` by keyword) can
stand in for a filter.
"""
from __future__ import annotations

import abc
import types
from typing import Any as AnyType
from typing import Callable

from pyglove import geno
from pyglove import typing as pg_typing
from pyglove.generators.evolution import _randomness
from pyglove.generators.evolution._callables import list_callable_spec
from pyglove.scalars import scalar_spec
from pyglove.scalars import scalar_value
from pyglove.generators.evolution._operation import invoke
from pyglove.symbolic import Object


class DecisionPointFilter(Object, metaclass=abc.ABCMeta):
  """Base of decision point filters: ``f(points, global_state=None, step=0) -> points``.

  Subclasses implement `call(decision_points, global_state, step)`, which
  may leave `global_state` and `step` out of its signature.
  """

  # Called like an operation: (items, global_state, step).
  takes_evolution_state = True
  draws_random = False

  def __call__(self, decision_points: list[AnyType],
               global_state: geno.AttributeDict | None = None,
               step: int = 0) -> list[AnyType]:
    """Returns the decision points to keep, in their input order."""
    return invoke(self.call, decision_points, global_state, step)

  def _on_bound(self) -> None:
    super()._on_bound()
    _randomness.forget(self)

  @abc.abstractmethod
  def call(self, decision_points: list[AnyType], global_state: geno.AttributeDict,
           step: int = 0) -> list[AnyType]:
    """The filter itself (subclasses may omit `global_state` and `step`)."""


class Lambda(DecisionPointFilter):
  """A filter made of a function of the decision points.

  Example:
    >>> Lambda(lambda points: points[:1])(['a', 'b'])
    ['a']

  Args:
    fn: the function; it receives `global_state` and `step` by keyword if its
      signature names them.
  """

  fn: list_callable_spec()

  def call(self, decision_points: list[AnyType], global_state: geno.AttributeDict,
           step: int = 0) -> list[AnyType]:
    return invoke(self.fn, decision_points, global_state, step)


# A plain function given where a filter is expected becomes a `Lambda`, as in
# the reference (so `where=lambda points: ...` reads back as a filter).
pg_typing.register_converter(types.FunctionType, DecisionPointFilter, Lambda)


class All(DecisionPointFilter):
  """Keeps every decision point (returns the list it is given).

  Example:
    >>> All()(['a', 'b'])
    ['a', 'b']
  """

  def call(self, decision_points: list[AnyType]) -> list[AnyType]:
    return decision_points


class Any(DecisionPointFilter):
  """Keeps k decision points chosen at random (all of them when there are at most k).

  Example:
    >>> Any(2, seed=1)(['a', 'b', 'c'])
    ['a', 'c']

  Args:
    k: how many points to keep, or a function of the step giving it.
    seed: the seed of the choice.
  """

  draws_random = True

  k: scalar_spec(pg_typing.Int(min_value=0)) = 1
  seed: int | None = None

  def call(self, decision_points: list[AnyType], step: int) -> list[AnyType]:
    k = scalar_value(self.k, step)
    if k >= len(decision_points):
      return decision_points
    chosen = _randomness.rng_of(self).sample(range(len(decision_points)), k)
    return [decision_points[i] for i in sorted(chosen)]


ALL = All()
ANY = Any()


def where_spec(default: DecisionPointFilter = ALL) -> pg_typing.ValueSpec:
  """The spec of a `where` field: a filter, or a function read as `Lambda(fn)`."""
  return pg_typing.Union(
      [pg_typing.Object(DecisionPointFilter),
       pg_typing.Callable(transform=_as_filter)],
      default=default)


def _as_filter(fn: Callable[..., list[AnyType]]) -> DecisionPointFilter:
  return fn if isinstance(fn, DecisionPointFilter) else Lambda(fn)


def apply_where(where: DecisionPointFilter | Callable[..., list[AnyType]],
                decision_points: list[AnyType], global_state: geno.AttributeDict,
                step: int) -> list[AnyType]:
  """Applies a `where` field's value (a filter or a function) to decision points."""
  return invoke(where, decision_points, global_state, step)
