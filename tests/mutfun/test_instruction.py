"""Tests for `pg.mutfun.Instruction`: operators, identity comparison, type selection."""
from __future__ import annotations

import doctest

import pyglove as pg
from pyglove.mutfun import _instruction

M = pg.mutfun


class TestOperators:

  def test_python_operators_build_operator_instructions(self):
    x = M.Var('x')
    cases = [
        (-x, M.Negate), (x + 1, M.Add), (1 + x, M.Add), (x - 1, M.Substract),
        (1 - x, M.Substract), (x * 2, M.Multiply), (2 * x, M.Multiply),
        (x / 2, M.Divide), (2 / x, M.Divide), (x // 2, M.FloorDivide),
        (2 // x, M.FloorDivide), (x % 2, M.Mod), (2 % x, M.Mod),
        (x ** 2, M.Power), (2 ** x, M.Power), (x > 1, M.GreaterThan),
        (x < 1, M.LessThan)]
    for expr, cls in cases:
      assert type(expr) is cls, (expr, cls)
    assert str(1 - x) == '1 - x' and str(2 ** x) == '2 ** x'

  def test_equality_is_identity(self):
    a, b = M.Var('x'), M.Var('x')
    assert a != b and a == a and pg.eq(a, b)
    assert len({a, b}) == 2

  def test_parent_instruction(self):
    expr = (M.Var('x') + 1) * 2
    assert expr.x.x.parent_instruction() is expr.x
    assert expr.parent_instruction() is None


class TestSelectTypes:

  def test_all_subclasses(self):
    names = {t.__name__ for t in M.Instruction.select_types()}
    assert {'Var', 'FunctionCall', 'Add', 'Negate', 'SymbolReference',
            'BinaryOperator'} <= names
    assert 'Instruction' not in names and 'Assign' not in names

  def test_where(self):
    ops = list(M.Instruction.select_types(
        lambda t: issubclass(t, M.BinaryOperator) and t.OPERATOR_STR))
    assert sorted(t.OPERATOR_STR for t in ops) == sorted(
        ['+', '-', '*', '/', '//', '%', '**', '>', '<', '==', '!='])

  def test_new_subclass_is_found(self):

    class Abs(M.UnaryOperator):
      ORDER = 7
      OPERATOR_STR = 'abs'
      OPERATOR_FN = lambda cls, x: abs(x)  # pylint: disable=unnecessary-lambda-assignment

    assert Abs in list(M.Instruction.select_types())
    assert Abs(-3).evaluate({}) == 3


def test_docstring_examples_run():
  results = doctest.testmod(_instruction, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.failed == 0 and results.attempted > 0
