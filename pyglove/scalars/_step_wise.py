"""`StepWise`: a schedule made of consecutive phases, each its own scalar."""
from __future__ import annotations

import bisect
from typing import Any

from pyglove import typing as pg_typing
from pyglove.scalars._base import Scalar
from pyglove.scalars._base import make_scalar
from pyglove.scalars._base import scalar_spec
from pyglove.symbolic import members


@members([
    ('phases', pg_typing.List(
        pg_typing.Tuple([
            pg_typing.Union([pg_typing.Int(min_value=0),
                             pg_typing.Float(min_value=0.0)]),
            scalar_spec(pg_typing.Any())]), min_size=1),
     'The phases, in order, as (length, value) pairs. A length is a number '
     'of steps (int), or a proportion of `total_steps` (float; proportions '
     'are normalized by their sum). A value is a constant, a scalar or a '
     'function of the step counted from the start of its phase.'),
    ('total_steps', pg_typing.Int(min_value=1).noneable(),
     'The length of the whole schedule, required with proportions.'),
])
class StepWise(Scalar):
  """A schedule of consecutive phases; each phase sees steps counted from its own start.

  After the last phase, the value stays what the last phase gives at its
  last step. The value at a step does not depend on the steps asked before.

  Raises:
    ValueError: proportions without `total_steps`, step counts with it, or
      proportions summing to 0.

  Example:
    >>> warmup_then_decay = pg.scalars.StepWise([
    ...     (2, pg.scalars.STEP * 0.5),       # steps 0-1: 0.0, 0.5
    ...     (3, 1.0),                         # steps 2-4: 1.0
    ...     (2, 1.0 - pg.scalars.STEP * 0.25) # steps 5-6: 1.0, 0.75
    ... ])
    >>> [warmup_then_decay(i) for i in range(9)]
    [0.0, 0.5, 1.0, 1.0, 1.0, 1.0, 0.75, 0.75, 0.75]
  """

  def _on_bound(self) -> None:
    super()._on_bound()
    lengths = [length for length, _ in self.phases]
    if self.total_steps is None:
      for length, value in self.phases:
        if isinstance(length, float):
          raise ValueError(
              f'`total_steps` must be specified when a phase length is a '
              f'float (a proportion); got phase ({length}, {value!r}).')
    else:
      for length, value in self.phases:
        if isinstance(length, int):
          raise ValueError(
              f'With `total_steps`, phase lengths are proportions (floats); '
              f'got phase ({length}, {value!r}).')
      total = sum(lengths)
      if total == 0:
        raise ValueError(
            f'The phase proportions must sum to more than 0; got '
            f'{lengths!r}.')
      lengths = [int(p / total * self.total_steps) for p in lengths]
    # _ends[i] is the last step of phase i; empty phases are never entered.
    ends, last = [], -1
    for length in lengths:
      last += length
      ends.append(last)
    self._ends = ends
    self._values = [make_scalar(value) for _, value in self.phases]

  def call(self, step: int) -> Any:
    ends = self._ends
    if step > ends[-1]:
      # Past the end: hold the value of the last non-empty phase's last step.
      step = ends[-1]
    phase = bisect.bisect_left(ends, step)
    start = ends[phase - 1] + 1 if phase else 0
    return self._values[phase](step - start)
