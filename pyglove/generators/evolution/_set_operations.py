"""Set algebra over operations' outputs: union, intersection, differences, inversion.

Every operand runs on the same inputs. Items are compared by identity (two
equal DNA are two individuals), and outputs keep the order in which items
first appear.
"""
from __future__ import annotations

from typing import Any

from pyglove import geno
from pyglove import typing as pg_typing
from pyglove.generators.evolution._compositions import any_op
from pyglove.generators.evolution._operation import Operation
from pyglove.generators.evolution._operation import invoke


class Union(Operation):
  """Items output by any operand, once each (`x | y`).

  Example:
    >>> from pyglove.generators.evolution import selectors
    >>> (selectors.First(2) | selectors.Last(2))([1, 2, 3])
    [1, 2, 3]

  Args:
    ops: the operations (or callables), at least one.
  """

  ops: pg_typing.List(any_op(), min_size=1)

  def call(self, inputs: list[Any], global_state: geno.AttributeDict,
           step: int = 0) -> list[Any]:
    seen: set[int] = set()
    outputs: list[Any] = []
    for op in self.ops:
      for item in invoke(op, inputs, global_state, step):
        if id(item) not in seen:
          seen.add(id(item))
          outputs.append(item)
    return outputs


class Intersection(Operation):
  """Items of the first operand's output that every other operand outputs too (`x & y`).

  Example:
    >>> from pyglove.generators.evolution import selectors
    >>> (selectors.First(2) & selectors.Last(2))([1, 2, 3])
    [2]

  Args:
    ops: the operations (or callables), at least two.
  """

  ops: pg_typing.List(any_op(), min_size=2)

  def call(self, inputs: list[Any], global_state: geno.AttributeDict,
           step: int = 0) -> list[Any]:
    first = invoke(self.ops[0], inputs, global_state, step)
    others = [{id(item) for item in invoke(op, inputs, global_state, step)}
              for op in self.ops[1:]]
    return _unique(item for item in first
                   if all(id(item) in ids for ids in others))


class Difference(Operation):
  """Items of the first operand's output that no other operand outputs (`x - y`).

  Example:
    >>> from pyglove.generators.evolution import selectors
    >>> (selectors.First(2) - selectors.Last(2))([1, 2, 3])
    [1]

  Args:
    ops: the operations (or callables), at least two.
  """

  ops: pg_typing.List(any_op(), min_size=2)

  def call(self, inputs: list[Any], global_state: geno.AttributeDict,
           step: int = 0) -> list[Any]:
    first = invoke(self.ops[0], inputs, global_state, step)
    excluded = {id(item) for op in self.ops[1:]
                for item in invoke(op, inputs, global_state, step)}
    return [item for item in first if id(item) not in excluded]


class SymmetricDifference(Operation):
  """Items output by exactly one of the operands (`x ^ y`).

  An item an operand outputs twice is kept twice.

  Example:
    >>> from pyglove.generators.evolution import selectors
    >>> (selectors.First(2) ^ selectors.Last(2))([1, 2, 3])
    [1, 3]

  Args:
    ops: the operations (or callables), at least two.
  """

  ops: pg_typing.List(any_op(), min_size=2)

  def call(self, inputs: list[Any], global_state: geno.AttributeDict,
           step: int = 0) -> list[Any]:
    outputs = [invoke(op, inputs, global_state, step) for op in self.ops]
    owners: dict[int, set[int]] = {}
    for i, items in enumerate(outputs):
      for item in items:
        owners.setdefault(id(item), set()).add(i)
    return [item for items in outputs for item in items if len(owners[id(item)]) == 1]


class Inversion(Operation):
  """The inputs an operation does not output (`~x`, `-x`): ``Identity() - x``.

  Example:
    >>> from pyglove.generators.evolution import selectors
    >>> (~selectors.First(1))([1, 2, 3])
    [2, 3]

  Args:
    op: the operation (or callable) to invert.
  """

  op: any_op()

  def call(self, inputs: list[Any], global_state: geno.AttributeDict,
           step: int = 0) -> list[Any]:
    excluded = {id(item) for item in invoke(self.op, inputs, global_state, step)}
    return [item for item in inputs if id(item) not in excluded]


def _unique(items: Any) -> list[Any]:
  seen: set[int] = set()
  outputs = []
  for item in items:
    if id(item) not in seen:
      seen.add(id(item))
      outputs.append(item)
  return outputs
