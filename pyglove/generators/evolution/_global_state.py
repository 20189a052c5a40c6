"""Operations that read and write the evolution's global state.

The global state is an `AttributeDict` that an `Evolution` hands to every
operation it runs (it holds `num_generations`); operations keep data there
across calls, e.g. NSGA-II's elites or NEAT's species.
"""
from __future__ import annotations

from typing import Any

from pyglove import geno
from pyglove import typing as pg_typing
from pyglove.generators.evolution._operation import Operation
from pyglove.utils import MISSING_VALUE

# The default of `GlobalStateSetter.value`: set the inputs themselves.
_INPUTS = (MISSING_VALUE,)


class GlobalStateGetter(Operation):
  """Outputs the global state's value at `key` (ignoring its inputs).

  Example:
    >>> state = geno.AttributeDict(elites=[1, 2])
    >>> GlobalStateGetter('elites')([], state), GlobalStateGetter('x', [])([], state)
    ([1, 2], [])

  Args:
    key: the key to read.
    default: what to output when the key is absent; None to raise KeyError.

  Raises:
    KeyError: at call time, the key is absent and there is no default.
  """

  key: str
  default: pg_typing.List(pg_typing.Any()).noneable() = None

  def call(self, inputs: list[Any], global_state: geno.AttributeDict) -> list[Any]:
    del inputs
    if self.key in global_state:
      return global_state[self.key]
    if self.default is None:
      known = ', '.join(repr(k) for k in global_state) or 'none'
      raise KeyError(
          f'The global state has no key {self.key!r} and GlobalStateGetter has no '
          f'default; its keys are: {known}.')
    return list(self.default)


class GlobalStateSetter(Operation):
  """Stores its inputs (or a constant `value`) in the global state at `key`; outputs [].

  Example:
    >>> state = geno.AttributeDict()
    >>> GlobalStateSetter('best')([3], state), GlobalStateSetter('cursor', 0)([3], state)
    ([], [])
    >>> state
    {'best': [3], 'cursor': 0}

  Args:
    key: the key to write.
    value: a constant to store; by default the inputs are stored.
  """

  key: str
  value: pg_typing.Any() = _INPUTS

  def call(self, inputs: list[Any], global_state: geno.AttributeDict) -> list[Any]:
    value = self.value
    global_state[self.key] = inputs if value == _INPUTS else value
    return []
