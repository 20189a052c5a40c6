"""Composable evolutionary operations: the building blocks of every evolution.

An `Operation` maps a list of DNA (a population, a sample, some parents) to a
new list, given an `EvolutionState` that carries the search space and the
generator's own random number generator. Operations compose:

  - `a >> b`: pipeline, b applied to a's output;
  - `a + b`: concatenation of both outputs on the same input;
  - `a * n`: `a` applied n times to the same input, outputs concatenated.

So regularized evolution's reproduction reads
`selectors.Random(10) >> selectors.Top(1) >> mutators.Uniform()`.
"""
from __future__ import annotations

import abc
import random
from typing import Any, Sequence

from pyglove import geno
from pyglove import typing as pg_typing
from pyglove.generators import _plan
from pyglove.geno import _state_json
from pyglove.symbolic import Object

_FITNESS_KEY = 'reward'


def get_fitness(dna: geno.DNA) -> Any:
  """Returns the reward fed back for `dna` (None before its feedback).

  Example:
    >>> get_fitness(set_fitness(geno.DNA(0), 1.5))
    1.5
  """
  return dna.metadata.get(_FITNESS_KEY)


def set_fitness(dna: geno.DNA, fitness: Any) -> geno.DNA:
  """Records `fitness` (a float, or a tuple for multiple objectives) on `dna`; returns it.

  Example:
    >>> get_fitness(set_fitness(geno.DNA(0), (1.0, 2.0)))
    (1.0, 2.0)
  """
  return dna.set_metadata(_FITNESS_KEY, fitness)


@_state_json.register
class EvolutionState:
  """What every operation may read: the space, the generator's RNG and the step.

  Attributes:
    dna_spec: the search space.
    rng: the generator's `random.Random`; operations draw all randomness here.
    step: the number of feedbacks so far.
    plan: the spec compiled for fast walks (shared by all operations).
  """
  __slots__ = ('dna_spec', 'rng', 'step', 'plan')

  def __init__(self, dna_spec: geno.DNASpec, rng: random.Random, step: int = 0):
    self.dna_spec = dna_spec
    self.rng = rng
    self.step = step
    self.plan = _plan.Plan(dna_spec)


class Operation(Object, metaclass=abc.ABCMeta):
  """Base of evolutionary operations: `op(inputs, state) -> list of DNA`.

  An operation is a symbolic object: its arguments are typed fields, so it
  prints, compares, hashes, clones and serializes by them. It keeps no state
  between calls; randomness comes from `state.rng`.
  """

  def __call__(self, inputs: Sequence[geno.DNA], state: EvolutionState) -> list[geno.DNA]:
    """Applies the operation.

    Args:
      inputs: the DNA to operate on.
      state: the evolution state (space, RNG, step).

    Returns:
      The output DNA list.
    """
    return self.call(list(inputs), state)

  @abc.abstractmethod
  def call(self, inputs: list[geno.DNA], state: EvolutionState) -> list[geno.DNA]:
    """The operation itself, on a list the caller may not reuse."""

  def __rshift__(self, other: Operation) -> Pipeline:
    return Pipeline([self, _as_operation(other)])

  def __add__(self, other: Operation) -> Concatenation:
    return Concatenation([self, _as_operation(other)])

  def __mul__(self, times: int) -> Repeat:
    return Repeat(self, times)


def _as_operation(value: Any) -> Operation:
  if isinstance(value, Operation):
    return value
  if callable(value):
    return Lambda(value)
  raise TypeError(
      f'An evolutionary operation or a callable is expected, but got {value!r} '
      f'of type {type(value).__name__}.')


def _flatten(operations: Sequence[Any], kind: type) -> list[Operation]:
  """The operations, callables wrapped, nested operations of `kind` inlined."""
  flat: list[Operation] = []
  for op in operations:
    op = _as_operation(op)
    flat.extend(op.operations if type(op) is kind else [op])
  return flat


class Lambda(Operation):
  """Wraps a function `fn(inputs, state) -> list of DNA` as an operation.

  Its JSON form holds the function as an opaque (pickled) payload, which
  `pg.from_json` loads only with ``trusted=True``.

  Example:
    >>> (Lambda(lambda xs, s: xs[:1]) >> Identity())([geno.DNA(0), geno.DNA(1)], None)
    [DNA(0)]

  Args:
    fn: the function, called with (inputs, state).
  """

  fn: pg_typing.Callable([pg_typing.Any(), pg_typing.Any()])

  def call(self, inputs: list[geno.DNA], state: EvolutionState) -> list[geno.DNA]:
    return list(self.fn(inputs, state))


class Identity(Operation):
  """Returns its inputs unchanged."""

  def call(self, inputs: list[geno.DNA], state: EvolutionState) -> list[geno.DNA]:
    return inputs


class Pipeline(Operation):
  """Applies operations in sequence, each to the previous one's output (`a >> b`).

  Args:
    operations: operations or callables (wrapped in `Lambda`); nested
      pipelines are inlined.
  """

  operations: list[Operation]

  def __init__(self, operations: Sequence[Any], **kwargs: Any):
    super().__init__(operations=_flatten(operations, Pipeline), **kwargs)

  def call(self, inputs: list[geno.DNA], state: EvolutionState) -> list[geno.DNA]:
    for op in self.operations:
      inputs = op.call(inputs, state)
    return inputs


class Concatenation(Operation):
  """Applies operations to the same inputs and concatenates their outputs (`a + b`).

  Args:
    operations: operations or callables (wrapped in `Lambda`); nested
      concatenations are inlined.
  """

  operations: list[Operation]

  def __init__(self, operations: Sequence[Any], **kwargs: Any):
    super().__init__(operations=_flatten(operations, Concatenation), **kwargs)

  def call(self, inputs: list[geno.DNA], state: EvolutionState) -> list[geno.DNA]:
    outputs: list[geno.DNA] = []
    for op in self.operations:
      outputs.extend(op.call(inputs, state))
    return outputs


class Repeat(Operation):
  """Applies an operation `times` times to the same inputs, concatenating (`a * n`).

  Args:
    operation: an operation or a callable (wrapped in `Lambda`).
    times: how many times to apply it.

  Raises:
    TypeError: `times` is not an int.
    ValueError: `times` is below 1.
  """

  operation: Operation
  times: pg_typing.Int(min_value=1)

  def __init__(self, operation: Any, times: int, **kwargs: Any):
    super().__init__(operation=_as_operation(operation), times=times, **kwargs)

  def call(self, inputs: list[geno.DNA], state: EvolutionState) -> list[geno.DNA]:
    outputs: list[geno.DNA] = []
    for _ in range(self.times):
      outputs.extend(self.operation.call(inputs, state))
    return outputs
