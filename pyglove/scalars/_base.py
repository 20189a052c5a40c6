"""Step-dependent scalars: values of a hyper-parameter as a function of the step.

A `Scalar` is a symbolic object called with a step (``lr(step)``). Scalars
combine with Python operators into expression trees (``0.1 * 0.5 ** (STEP //
1000)``) that print, serialize and rebind like any symbolic value, so a
schedule is part of the searchable, shareable program. Plain numbers and
plain ``fn(step)`` functions mix in freely (see `make_scalar`).
"""
from __future__ import annotations

import abc
import math
from typing import Any

from pyglove import typing as pg_typing
from pyglove.symbolic import Object
from pyglove.symbolic import members

Number = int | float


def scalar_spec(value_spec: pg_typing.ValueSpec) -> pg_typing.ValueSpec:
  """Returns a spec accepting a value of `value_spec`, or a function of the step producing one.

  Args:
    value_spec: the spec of the scheduled value.

  Returns:
    ``Union([value_spec, Callable([Int()], returns=value_spec)])``.

  Example:
    >>> spec = pg.scalars.scalar_spec(pg.typing.Float())
    >>> spec.apply(0.1), spec.apply(pg.scalars.linear(10))(5)
    (0.1, 0.5)
  """
  return pg_typing.Union([
      value_spec, pg_typing.Callable([pg_typing.Int()], returns=value_spec)])


def scalar_value(value: Any, step: int) -> Any:
  """Returns `value` at `step`: ``value(step)`` if it is callable, else `value` itself.

  Example:
    >>> pg.scalars.scalar_value(0.1, 5), pg.scalars.scalar_value(pg.scalars.STEP * 2, 5)
    (0.1, 10)
  """
  return value(step) if callable(value) else value


def make_scalar(value: Any) -> 'Scalar':
  """Returns `value` as a `Scalar`: itself, a `Lambda` of a function, or a `Constant`.

  Example:
    >>> pg.scalars.make_scalar(1), pg.scalars.make_scalar(pg.scalars.STEP)
    (Constant(value=1), _Step())
  """
  if isinstance(value, Scalar):
    return value
  if callable(value):
    return Lambda(value)
  return Constant(value)


class Scalar(Object):
  """Base of step-dependent scalars: ``scalar(step)`` returns the value at `step`.

  Subclasses implement `call`. Arithmetic operators (``+ - * / // % **``,
  unary ``-``, `abs`) and `floor`/`ceil` build new scalars.

  Example:
    >>> lr = 0.1 * 0.5 ** (pg.scalars.STEP // 10)
    >>> lr(0), lr(10), lr(25)
    (0.1, 0.05, 0.025)
  """

  def __call__(self, step: int) -> Any:
    """Returns the value at `step`."""
    return self.call(step)

  @abc.abstractmethod
  def call(self, step: int) -> Any:
    """Computes the value at `step` (subclasses implement this)."""
    raise NotImplementedError(
        f'{type(self).__name__} must implement call(step).')

  def __add__(self, x: Any) -> 'Scalar':
    return Addition(self, x)

  def __radd__(self, x: Any) -> 'Scalar':
    return Addition(x, self)

  def __sub__(self, x: Any) -> 'Scalar':
    return Substraction(self, x)

  def __rsub__(self, x: Any) -> 'Scalar':
    return Substraction(x, self)

  def __mul__(self, x: Any) -> 'Scalar':
    return Multiplication(self, x)

  def __rmul__(self, x: Any) -> 'Scalar':
    return Multiplication(x, self)

  def __truediv__(self, x: Any) -> 'Scalar':
    return Division(self, x)

  def __rtruediv__(self, x: Any) -> 'Scalar':
    return Division(x, self)

  def __floordiv__(self, x: Any) -> 'Scalar':
    return Floor(Division(self, x))

  def __rfloordiv__(self, x: Any) -> 'Scalar':
    return Floor(Division(x, self))

  def __mod__(self, x: Any) -> 'Scalar':
    return Mod(self, x)

  def __rmod__(self, x: Any) -> 'Scalar':
    return Mod(x, self)

  def __pow__(self, x: Any) -> 'Scalar':
    return Power(self, x)

  def __rpow__(self, x: Any) -> 'Scalar':
    return Power(x, self)

  def __neg__(self) -> 'Scalar':
    return Negation(self)

  def __abs__(self) -> 'Scalar':
    return Absolute(self)

  def floor(self) -> 'Scalar':
    """Returns the scalar rounding this one down to an int."""
    return Floor(self)

  def ceil(self) -> 'Scalar':
    """Returns the scalar rounding this one up to an int."""
    return Ceiling(self)


@members([
    ('fn', scalar_spec(pg_typing.Any()),
     'A function of the step (an int) returning the value.'),
], init_arg_list=['fn'])
class Lambda(Scalar):
  """A scalar computed by a function of the step.

  Example:
    >>> pg.scalars.Lambda(lambda step: step * step)(3)
    9
  """

  def call(self, step: int) -> Any:
    return self.fn(step)


@members([('value', pg_typing.Any(), 'The value at every step.')])
class Constant(Scalar):
  """A scalar with the same value at every step.

  Example:
    >>> pg.scalars.Constant(3)(100)
    3
  """

  def call(self, step: int) -> Any:
    del step
    return self.value


class _Step(Scalar):
  """The step itself (the one instance is `STEP`)."""

  def call(self, step: int) -> int:
    return step


STEP = _Step()



def _number_spec() -> pg_typing.ValueSpec:
  return scalar_spec(pg_typing.Union([pg_typing.Int(), pg_typing.Float()]))



@members([('x', _number_spec(), 'The operand: a number or a scalar.')])
class UnaryOp(Scalar):
  """Base of scalars computing ``operate(x(step))``; subclasses implement `operate`."""

  def _on_bound(self) -> None:
    super()._on_bound()
    self._x = make_scalar(self.x)

  def call(self, step: int) -> Any:
    return self.operate(self._x(step))

  @abc.abstractmethod
  def operate(self, x: Number) -> Number:
    """Applies the operation to the operand's value."""
    raise NotImplementedError(
        f'{type(self).__name__} must implement operate(x).')


class Negation(UnaryOp):
  """``-x``."""

  def operate(self, x: Number) -> Number:
    return -x


class Absolute(UnaryOp):
  """``abs(x)``."""

  def operate(self, x: Number) -> Number:
    return abs(x)


class Floor(UnaryOp):
  """``math.floor(x)`` (an int)."""

  def operate(self, x: Number) -> int:
    return math.floor(x)


class Ceiling(UnaryOp):
  """``math.ceil(x)`` (an int)."""

  def operate(self, x: Number) -> int:
    return math.ceil(x)


@members([
    ('x', _number_spec(), 'The left operand: a number or a scalar.'),
    ('y', _number_spec(), 'The right operand: a number or a scalar.'),
])
class BinaryOp(Scalar):
  """Base of scalars computing ``operate(x(step), y(step))``; subclasses implement `operate`."""

  def _on_bound(self) -> None:
    super()._on_bound()
    self._x = make_scalar(self.x)
    self._y = make_scalar(self.y)

  def call(self, step: int) -> Any:
    return self.operate(self._x(step), self._y(step))

  @abc.abstractmethod
  def operate(self, x: Number, y: Number) -> Number:
    """Applies the operation to the operands' values."""
    raise NotImplementedError(
        f'{type(self).__name__} must implement operate(x, y).')


class Addition(BinaryOp):
  """``x + y``."""

  def operate(self, x: Number, y: Number) -> Number:
    return x + y


class Substraction(BinaryOp):
  """``x - y``."""

  def operate(self, x: Number, y: Number) -> Number:
    return x - y


class Multiplication(BinaryOp):
  """``x * y``."""

  def operate(self, x: Number, y: Number) -> Number:
    return x * y


class Division(BinaryOp):
  """``x / y``."""

  def operate(self, x: Number, y: Number) -> Number:
    return x / y


class Mod(BinaryOp):
  """``x % y``."""

  def operate(self, x: Number, y: Number) -> Number:
    return x % y


class Power(BinaryOp):
  """``math.pow(x, y)`` (a float)."""

  def operate(self, x: Number, y: Number) -> float:
    return math.pow(x, y)
