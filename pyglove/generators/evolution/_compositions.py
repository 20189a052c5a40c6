"""Operations that combine other operations: pipelines, repetition, choice, conditions.

They are what the operators and fluent methods of `Operation` build (see
`_operation`), and can be written out directly, e.g.
``Pipeline([selectors.Random(10), selectors.Top(1), mutators.Uniform()])``.
"""
from __future__ import annotations

from typing import Any

from pyglove import geno
from pyglove import typing as pg_typing
from pyglove.generators.evolution import _randomness
from pyglove.generators.evolution._callables import list_callable_spec
from pyglove.scalars import scalar_spec
from pyglove.scalars import scalar_value
from pyglove.generators.evolution._operation import Operation
from pyglove.generators.evolution._operation import invoke

# A field holding an operation or any callable taking a list.
any_op = list_callable_spec


class Identity(Operation):
  """Returns its inputs.

  Example:
    >>> Identity()([1, 2])
    [1, 2]
  """

  def call(self, inputs: list[Any]) -> list[Any]:
    return inputs


class Lambda(Operation):
  """An operation made of a function ``fn(inputs[, global_state][, step])``.

  Example:
    >>> Lambda(lambda xs: xs[1:])([1, 2, 3])
    [2, 3]
    >>> Lambda(lambda xs, step: xs[:step])([1, 2, 3], step=1)
    [1]

  Args:
    fn: the function; it receives `global_state` and `step` by keyword only
      if its signature names them (or takes ``**kwargs``).
  """

  fn: any_op()

  def call(self, inputs: list[Any], global_state: geno.AttributeDict,
           step: int = 0) -> list[Any]:
    return invoke(self.fn, inputs, global_state, step)


class Pipeline(Operation):
  """Applies operations in sequence, each to the previous one's output (`x >> y`).

  Example:
    >>> (Lambda(lambda xs: xs[1:]) >> Lambda(lambda xs: xs[1:]))([1, 2, 3])
    [3]

  Args:
    ops: the operations (or callables), at least two.
  """

  ops: pg_typing.List(any_op(), min_size=2)

  def call(self, inputs: list[Any], global_state: geno.AttributeDict,
           step: int = 0) -> list[Any]:
    for op in self.ops:
      if getattr(op, 'takes_evolution_state', False):
        # Inline `invoke` for operations: pipelines are on the hot path.
        inputs = op(inputs, global_state, step)
      else:
        inputs = invoke(op, inputs, global_state, step)
    return inputs


class Power(Operation):
  """Pipelines an operation k times: ``x ** 3`` is ``x >> x >> x``.

  Example:
    >>> (Lambda(lambda xs: xs[1:]) ** 2)([1, 2, 3])
    [3]

  Args:
    op: the operation (or callable).
    k: how many times, or a function of the step giving it.
  """

  op: any_op()
  k: scalar_spec(pg_typing.Int(min_value=0))

  def call(self, inputs: list[Any], global_state: geno.AttributeDict,
           step: int = 0) -> list[Any]:
    for _ in range(scalar_value(self.k, step)):
      inputs = invoke(self.op, inputs, global_state, step)
    return inputs


class Concatenation(Operation):
  """Applies operations to the same inputs and concatenates their outputs (`x + y`).

  Duplicates are kept (see `Union` for the set version).

  Example:
    >>> (Lambda(lambda xs: xs[:1]) + Lambda(lambda xs: xs[-1:]))([1, 2, 3])
    [1, 3]

  Args:
    ops: the operations (or callables), at least two.
  """

  ops: pg_typing.List(any_op(), min_size=2)

  def call(self, inputs: list[Any], global_state: geno.AttributeDict,
           step: int = 0) -> list[Any]:
    outputs: list[Any] = []
    for op in self.ops:
      outputs.extend(invoke(op, inputs, global_state, step))
    return outputs


class Repeat(Operation):
  """Applies an operation k times to the same inputs, concatenating (`x * k`).

  Unlike ``x ** k``, which chains, ``x * 3`` makes three outputs from one input.

  Example:
    >>> (Lambda(lambda xs: xs[:1]) * 3)([1, 2])
    [1, 1, 1]

  Args:
    op: the operation (or callable).
    k: how many times, or a function of the step giving it.
  """

  op: any_op()
  k: scalar_spec(pg_typing.Int(min_value=0))

  def call(self, inputs: list[Any], global_state: geno.AttributeDict,
           step: int = 0) -> list[Any]:
    outputs: list[Any] = []
    for _ in range(scalar_value(self.k, step)):
      outputs.extend(invoke(self.op, inputs, global_state, step))
    return outputs


class Slice(Operation):
  """An index or a slice of an operation's output (`x[i]`, `x[m:n:p]`).

  An index selects one item, returned in a list (an item that is itself a
  list, as from `ElementWise`, is returned as is).

  Example:
    >>> Identity()[1:]([1, 2, 3]), Identity()[-1]([1, 2, 3])
    ([2, 3], [3])

  Args:
    op: the operation (or callable).
    index: an int, a `slice`, or a function of the step giving one.

  Raises:
    IndexError: at call time, an int index is out of the output's range.
  """

  op: any_op()
  index: scalar_spec(pg_typing.Union([pg_typing.Int(), pg_typing.Object(slice)]))

  def call(self, inputs: list[Any], global_state: geno.AttributeDict,
           step: int = 0) -> list[Any]:
    outputs = invoke(self.op, inputs, global_state, step)
    index = scalar_value(self.index, step)
    if isinstance(index, slice):
      return outputs[index]
    if not -len(outputs) <= index < len(outputs):
      raise IndexError(
          f'Slice index {index} is out of range for an output of '
          f'{len(outputs)} item(s).')
    # One item that is not itself a list comes back in a list.
    item = outputs[index]
    return item if isinstance(item, list) else [item]


class ElementWise(Operation):
  """Applies an operation to each input item; the output lists its results.

  Example:
    >>> ElementWise(lambda x: x[::-1])([[1, 2], [3, 4]])
    [[2, 1], [4, 3]]

  Args:
    op: the operation (or callable) applied to each item.
  """

  op: any_op()

  def call(self, inputs: list[Any], global_state: geno.AttributeDict,
           step: int = 0) -> list[Any]:
    op = self.op
    return [invoke(op, item, global_state, step) for item in inputs]


class Flatten(Operation):
  """Flattens nested lists in its inputs, up to `max_level` levels deep.

  Example:
    >>> Flatten()([1, [2, [3, [4]]]]), Flatten(1)([1, [2, [3, [4]]]])
    ([1, 2, 3, 4], [1, 2, [3, [4]]])

  Args:
    max_level: how many levels of nesting to remove; None for all.
  """

  max_level: pg_typing.Int(min_value=1).noneable() = None

  def call(self, inputs: list[Any]) -> list[Any]:
    outputs: list[Any] = []
    self._flatten(inputs, 0, outputs)
    return outputs

  def _flatten(self, items: list[Any], level: int, outputs: list[Any]) -> None:
    for item in items:
      if isinstance(item, list) and (self.max_level is None or level < self.max_level):
        self._flatten(item, level + 1, outputs)
      else:
        outputs.append(item)


class UntilChange(Operation):
  """Repeats an operation until its output differs from its input.

  Useful around a mutation that may return its input unchanged.

  Example:
    >>> from pyglove.generators.evolution import selectors
    >>> UntilChange(selectors.Random(2, seed=1), max_attempts=5)([1, 2])
    [2, 1]

  Args:
    op: the operation (or callable) to repeat.
    max_attempts: the most attempts (or a function of the step giving it);
      None for no limit. The last output is returned either way.
  """

  op: any_op()
  max_attempts: scalar_spec(pg_typing.Int(min_value=1)).noneable() = None

  def call(self, inputs: list[Any], global_state: geno.AttributeDict,
           step: int = 0) -> list[Any]:
    max_attempts = scalar_value(self.max_attempts, step)
    attempts = 0
    while True:
      outputs = invoke(self.op, inputs, global_state, step)
      attempts += 1
      if outputs != inputs or (max_attempts is not None and attempts >= max_attempts):
        return outputs


class Choice(Operation):
  """Applies each operation with its probability, in order, chaining the outputs.

  Each `(op, probability)` is an independent draw: with ``[(a, 0.5), (b,
  0.5)]`` both apply a quarter of the time. `limit` caps how many apply.

  Example:
    >>> from pyglove.generators.evolution import selectors
    >>> maybe_first = Choice([(selectors.First(1), 0.5)], seed=1)
    >>> [maybe_first([1, 2]) for _ in range(3)]
    [[1], [1, 2], [1, 2]]

  Args:
    ops: `(operation, probability)` pairs; a probability may be a function
      of the step.
    limit: the most operations applied per call; None for no limit.
    seed: the seed of the draws.
  """

  draws_random = True

  ops: pg_typing.List(pg_typing.Tuple([
      any_op(), scalar_spec(pg_typing.Float(min_value=0.0, max_value=1.0))]))
  limit: scalar_spec(pg_typing.Int(min_value=0)).noneable() = None
  seed: int | None = None

  def call(self, inputs: list[Any], global_state: geno.AttributeDict,
           step: int = 0) -> list[Any]:
    rng = _randomness.rng_of(self)
    limit = scalar_value(self.limit, step)
    applied = 0
    for op, probability in self.ops:
      if limit is not None and applied >= limit:
        break
      if rng.random() < scalar_value(probability, step):
        inputs = invoke(op, inputs, global_state, step)
        applied += 1
    return inputs


class Conditional(Operation):
  """Applies `true_op` when ``predicate(inputs)`` holds, else `false_op`.

  A missing branch returns the inputs unchanged. `x.if_true(p)` and
  `x.if_false(p)` build one.

  Example:
    >>> from pyglove.generators.evolution import selectors
    >>> op = Conditional(lambda xs: len(xs) > 2, selectors.First(2), selectors.Last(1))
    >>> op([1, 2, 3]), op([1, 2])
    ([1, 2], [2])

  Args:
    predicate: a function of the inputs (and optionally `global_state` and
      `step`, by keyword) returning a bool.
    true_op: the operation applied when the predicate holds.
    false_op: the operation applied otherwise.
  """

  predicate: list_callable_spec()
  true_op: any_op().noneable() = None
  false_op: any_op().noneable() = None

  def call(self, inputs: list[Any], global_state: geno.AttributeDict,
           step: int = 0) -> list[Any]:
    if invoke(self.predicate, inputs, global_state, step):
      branch = self.true_op
    else:
      branch = self.false_op
    return inputs if branch is None else invoke(branch, inputs, global_state, step)
