"""Math functions over scalars (`sqrt`, `exp`, `log`, `cos`, `sin`) and the common schedules built from them."""
from __future__ import annotations

import math

from pyglove import typing as pg_typing
from pyglove.scalars._base import STEP
from pyglove.scalars._base import Scalar
from pyglove.scalars._base import UnaryOp
from pyglove.scalars._base import make_scalar
from pyglove.scalars._base import scalar_spec
from pyglove.symbolic import members


class SquareRoot(UnaryOp):
  """``math.sqrt(x)``.

  Example:
    >>> pg.scalars.sqrt(pg.scalars.STEP)(16)
    4.0
  """

  def operate(self, x: float) -> float:
    return math.sqrt(x)


class Exp(UnaryOp):
  """``math.exp(x)`` (more accurate than ``math.e ** x``)."""

  def operate(self, x: float) -> float:
    return math.exp(x)




def _log_operand() -> pg_typing.ValueSpec:
  return scalar_spec(pg_typing.Union([
      pg_typing.Int(min_value=2), pg_typing.Float(min_value=0.0)]))



@members([
    ('x', _log_operand(), 'The operand: a number or a scalar.'),
    ('base', _log_operand().set_default(math.e), 'The base of the logarithm.'),
])
class Log(Scalar):
  """``math.log(x, base)``, natural by default.

  Example:
    >>> pg.scalars.log(pg.scalars.STEP, 2)(8)
    3.0
  """

  def _on_bound(self) -> None:
    super()._on_bound()
    self._x = make_scalar(self.x)
    self._base = make_scalar(self.base)

  def call(self, step: int) -> float:
    return math.log(self._x(step), self._base(step))


class Cosine(UnaryOp):
  """``math.cos(x)``."""

  def operate(self, x: float) -> float:
    return math.cos(x)


class Sine(UnaryOp):
  """``math.sin(x)``."""

  def operate(self, x: float) -> float:
    return math.sin(x)


def linear(total_steps: int, start: float = 1.0, end: float = 0.0) -> Scalar:
  """Returns a scalar going linearly from `start` (step 0) to `end` (step `total_steps`).

  Example:
    >>> s = pg.scalars.linear(4, start=1.0, end=0.0)
    >>> [s(i) for i in range(5)]
    [1.0, 0.75, 0.5, 0.25, 0.0]
  """
  return start + STEP * ((end - start) / total_steps)


def cosine_decay(total_steps: int, start: float = 1.0,
                 end: float = 0.0) -> Scalar:
  """Returns a scalar decaying from `start` to `end` along half a cosine over `total_steps`.

  Example:
    >>> s = pg.scalars.cosine_decay(10)
    >>> [round(s(i), 4) for i in (0, 5, 10)]
    [1.0, 0.5, 0.0]
  """
  return 0.5 * (start - end) * (1 + Cosine(math.pi * STEP / total_steps)) + end


def exponential_decay(decay_rate: float, decay_interval: int,
                      start: float = 1.0, staircase: bool = True) -> Scalar:
  """Returns ``start * decay_rate ** (step / decay_interval)``, the exponent floored if `staircase`.

  Example:
    >>> s = pg.scalars.exponential_decay(0.5, 2)
    >>> [s(i) for i in range(6)]
    [1.0, 1.0, 0.5, 0.5, 0.25, 0.25]
  """
  exponent = STEP / float(decay_interval)
  if staircase:
    exponent = exponent.floor()
  return start * (decay_rate ** exponent)


def cyclic(cycle: int, initial_radiant: float = 0.0, high: float = 1.0,
           low: float = 0.0) -> Scalar:
  """Returns a scalar oscillating between `high` and `low` (a cosine) with period `cycle` steps.

  Example:
    >>> s = pg.scalars.cyclic(4)
    >>> [round(s(i), 4) for i in range(5)]
    [1.0, 0.5, 0.0, 0.5, 1.0]
  """
  return 0.5 * (high - low) * (
      1 + Cosine(initial_radiant + math.pi * 2 * STEP / cycle)) + low
