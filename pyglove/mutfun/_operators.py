"""Operator instructions: ``-x`` and the binary arithmetic and comparison operators.

Each operator class declares its Python spelling (`OPERATOR_STR`), its
precedence (`ORDER`: higher binds tighter, used to place parentheses) and
its function (`OPERATOR_FN`, called as a method with the operand values).
"""
from __future__ import annotations

import numbers
from typing import Any, Callable

from pyglove import typing as pg_typing
from pyglove.mutfun._code import evaluate
from pyglove.mutfun._code import indent
from pyglove.mutfun._code import python_repr
from pyglove.mutfun._instruction import OPERATOR_CLASSES
from pyglove.mutfun._instruction import Instruction
from pyglove.symbolic import members

# pylint: disable=unnecessary-lambda-assignment


class Operator(Instruction):
  """Base of operators."""

  # Precedence: higher binds tighter (``*`` is higher than ``+``).
  ORDER: int | None = None
  # The Python spelling, e.g. '+'.
  OPERATOR_STR: str | None = None

  def maybe_parenthesize(self, child: Any) -> str:
    """Returns the source of operand `child`, parenthesized if it binds no tighter than this operator.

    Example:
      >>> a, b = pg.mutfun.Var('a'), pg.mutfun.Var('b')
      >>> print(a * (b + 1), (a * b) + 1, a - (b - 1))
      a * (b + 1) a * b + 1 a - (b - 1)
    """
    source = python_repr(child)
    if isinstance(child, Operator):
      if self.ORDER >= child.ORDER or (
          # Python chains comparisons: a == b > c is not (a == b) > c.
          isinstance(self, _COMPARISONS) and isinstance(child, _COMPARISONS)):
        return f'({source})'
    elif (isinstance(child, numbers.Real) and child < 0
          and self.ORDER >= Power.ORDER):
      return f'({source})'   # -1 ** 2 would read as -(1 ** 2).
    return source


@members([('x', pg_typing.Any(), 'The operand: an instruction or a constant.')])
class UnaryOperator(Operator):
  """Base of unary operators: ``OPERATOR_STR x``."""

  OPERATOR_FN: Callable[[Any, Any], Any] | None = None

  def python_repr(self, block_indent: int = 0) -> str:
    return indent(self.OPERATOR_STR + self.maybe_parenthesize(self.x),
                  block_indent)

  def evaluate(self, context: dict[str, Any]) -> Any:
    return self.OPERATOR_FN(evaluate(self.x, context))  # pylint: disable=not-callable


class Negate(UnaryOperator):
  """``-x``."""
  ORDER = 7
  OPERATOR_STR = '-'
  OPERATOR_FN = lambda cls, x: -x


@members([
    ('x', pg_typing.Any(), 'The left operand: an instruction or a constant.'),
    ('y', pg_typing.Any(), 'The right operand: an instruction or a constant.'),
])
class BinaryOperator(Operator):
  """Base of binary operators: ``x OPERATOR_STR y``.

  Example:
    >>> expr = (pg.mutfun.Var('x') + 1) * 2
    >>> print(expr), expr.evaluate({'x': 3})
    (x + 1) * 2
    (None, 8)
  """

  OPERATOR_FN: Callable[[Any, Any, Any], Any] | None = None

  def python_repr(self, block_indent: int = 0) -> str:
    return indent(f'{self.maybe_parenthesize(self.x)} {self.OPERATOR_STR} '
                  f'{self.maybe_parenthesize(self.y)}', block_indent)

  def evaluate(self, context: dict[str, Any]) -> Any:
    return self.OPERATOR_FN(evaluate(self.x, context),  # pylint: disable=not-callable
                            evaluate(self.y, context))


class Add(BinaryOperator):
  """``x + y``."""
  ORDER = 3
  OPERATOR_STR = '+'
  OPERATOR_FN = lambda cls, x, y: x + y


class Substract(BinaryOperator):
  """``x - y``."""
  ORDER = 3
  OPERATOR_STR = '-'
  OPERATOR_FN = lambda cls, x, y: x - y


class Multiply(BinaryOperator):
  """``x * y``."""
  ORDER = 4
  OPERATOR_STR = '*'
  OPERATOR_FN = lambda cls, x, y: x * y


class Divide(BinaryOperator):
  """``x / y``."""
  ORDER = 4
  OPERATOR_STR = '/'
  OPERATOR_FN = lambda cls, x, y: x / y


class FloorDivide(BinaryOperator):
  """``x // y``."""
  ORDER = 4
  OPERATOR_STR = '//'
  OPERATOR_FN = lambda cls, x, y: x // y


class Mod(BinaryOperator):
  """``x % y``."""
  ORDER = 4
  OPERATOR_STR = '%'
  OPERATOR_FN = lambda cls, x, y: x % y


class Power(BinaryOperator):
  """``x ** y``."""
  ORDER = 6
  OPERATOR_STR = '**'
  OPERATOR_FN = lambda cls, x, y: x ** y

  def maybe_parenthesize(self, child: Any) -> str:
    if child is self.x and isinstance(child, Negate):
      # ** binds tighter than a unary minus on its left: -a ** b is -(a ** b).
      return f'({python_repr(child)})'
    return super().maybe_parenthesize(child)


class GreaterThan(BinaryOperator):
  """``x > y``."""
  ORDER = 2
  OPERATOR_STR = '>'
  OPERATOR_FN = lambda cls, x, y: x > y


class LessThan(BinaryOperator):
  """``x < y``."""
  ORDER = 2
  OPERATOR_STR = '<'
  OPERATOR_FN = lambda cls, x, y: x < y


class Equals(BinaryOperator):
  """``x == y`` (build it explicitly: ``==`` on instructions compares identity)."""
  ORDER = 3
  OPERATOR_STR = '=='
  OPERATOR_FN = lambda cls, x, y: x == y


class NotEquals(BinaryOperator):
  """``x != y`` (build it explicitly: ``!=`` on instructions compares identity)."""
  ORDER = 3
  OPERATOR_STR = '!='
  OPERATOR_FN = lambda cls, x, y: x != y


_COMPARISONS = (GreaterThan, LessThan, Equals, NotEquals)

OPERATOR_CLASSES.update(
    neg=Negate, add=Add, sub=Substract, mul=Multiply, truediv=Divide,
    floordiv=FloorDivide, mod=Mod, pow=Power, gt=GreaterThan, lt=LessThan)
