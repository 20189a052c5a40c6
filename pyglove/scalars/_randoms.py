"""Random scalars: a new draw from a distribution at every call.

Each object owns its `random.Random`, seeded by its `seed` field (a fresh,
unpredictable one when `seed` is None), and restarts it whenever its fields
change; a clone restarts from the same seed.
"""
from __future__ import annotations

import abc
import random

from pyglove import typing as pg_typing
from pyglove.scalars._base import Number
from pyglove.scalars._base import Scalar
from pyglove.symbolic import members



def _number() -> pg_typing.ValueSpec:
  return pg_typing.Union([pg_typing.Int(), pg_typing.Float()])



@members([('seed', pg_typing.Int().noneable(), 'The random seed (None: unseeded).')])
class RandomScalar(Scalar):
  """Base of random scalars: the value ignores the step and is a new draw (`next_value`)."""

  def _on_bound(self) -> None:
    super()._on_bound()
    self._random = random.Random(self.seed)

  def call(self, step: int) -> Number:
    del step
    return self.next_value()

  @abc.abstractmethod
  def next_value(self) -> Number:
    """Draws the next value."""
    raise NotImplementedError(
        f'{type(self).__name__} must implement next_value().')


@members([
    ('low', _number().set_default(0.0), 'The lower bound (inclusive).'),
    ('high', _number().set_default(1.0), 'The upper bound (inclusive).'),
], init_arg_list=['low', 'high', 'seed'])
class Uniform(RandomScalar):
  """A uniform draw in [low, high]: an int when both bounds are ints.

  Raises:
    ValueError: ``high < low``.

  Example:
    >>> u = pg.scalars.Uniform(1, 6, seed=1)
    >>> [u(step) for step in range(5)]
    [2, 5, 1, 3, 1]
  """

  def _on_bound(self) -> None:
    super()._on_bound()
    if self.high < self.low:
      raise ValueError(
          f'`low` must be less or equal than `high`; got low={self.low}, '
          f'high={self.high}.')

  def next_value(self) -> Number:
    if isinstance(self.low, int) and isinstance(self.high, int):
      return self._random.randint(self.low, self.high)
    return self._random.uniform(self.low, self.high)


@members([
    ('low', _number().set_default(0.0), 'The lower bound.'),
    ('high', _number().set_default(1.0), 'The upper bound.'),
    ('mode', _number().noneable(),
     'The peak of the distribution (None: the middle of low and high).'),
], init_arg_list=['low', 'high', 'mode', 'seed'])
class Triangular(RandomScalar):
  """A draw from the triangular distribution on [low, high]: an int (truncated) when both bounds are ints."""

  def next_value(self) -> Number:
    mode = (self.low + self.high) / 2 if self.mode is None else self.mode
    value = self._random.triangular(self.low, self.high, mode)
    if isinstance(self.low, int) and isinstance(self.high, int):
      return int(value)
    return value


def _gaussian_fields() -> list[tuple[str, pg_typing.ValueSpec, str]]:
  return [('mean', pg_typing.Float(), 'The mean.'),
          ('std', pg_typing.Float(), 'The standard deviation.')]


@members(_gaussian_fields(), init_arg_list=['mean', 'std', 'seed'])
class Gaussian(RandomScalar):
  """A draw from the normal distribution N(mean, std) (`random.gauss`, faster)."""

  def next_value(self) -> float:
    return self._random.gauss(self.mean, self.std)


@members(_gaussian_fields(), init_arg_list=['mean', 'std', 'seed'])
class Normal(RandomScalar):
  """A draw from the normal distribution N(mean, std) (`random.normalvariate`, thread-safe)."""

  def next_value(self) -> float:
    return self._random.normalvariate(self.mean, self.std)


@members(_gaussian_fields(), init_arg_list=['mean', 'std', 'seed'])
class LogNormal(RandomScalar):
  """A draw whose logarithm follows N(mean, std)."""

  def next_value(self) -> float:
    return self._random.lognormvariate(self.mean, self.std)
