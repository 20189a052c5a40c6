"""Tests for operator instructions: values, precedence-aware source."""
from __future__ import annotations

import doctest

from hypothesis import given
from hypothesis import strategies as st

import pyglove as pg
from pyglove.mutfun import _operators

M = pg.mutfun


class TestOperators:

  def test_class_attributes_as_reference(self):
    assert (M.Negate.ORDER, M.Power.ORDER, M.Multiply.ORDER, M.Add.ORDER,
            M.Equals.ORDER, M.GreaterThan.ORDER) == (7, 6, 4, 3, 3, 2)
    assert M.BinaryOperator.OPERATOR_FN is None and M.Operator.ORDER is None
    assert M.Add(1, 2).OPERATOR_FN(1, 2) == 3

  def test_evaluate(self):
    context = {'x': 7, 'y': 2}
    x, y = M.Var('x'), M.Var('y')
    assert [e.evaluate(context) for e in (
        x + y, x - y, x * y, x / y, x // y, x % y, x ** y, -x, x > y, x < y,
        M.Equals(x, 7), M.NotEquals(x, 7))] == [
            9, 5, 14, 3.5, 3, 1, 49, -7, True, False, True, False]

  def test_parentheses_as_reference(self):
    a, b, c = M.Var('a'), M.Var('b'), M.Var('c')
    assert [str(e) for e in (
        a - (b - c), a * (b + 1), -(a + 1), -a, (1 - a) / 2, a // 2 % 3,
        M.Equals(a, 1), M.NotEquals(1, a))] == [
            'a - (b - c)', 'a * (b + 1)', '-(a + 1)', '-a', '(1 - a) / 2',
            '(a // 2) % 3', 'a == 1', '1 != a']

  def test_parentheses_where_python_would_misread(self):
    a, b, c = M.Var('a'), M.Var('b'), M.Var('c')
    assert str((-a) ** b) == '(-a) ** b'
    assert str(M.Power(-1, 2)) == '(-1) ** 2'
    assert str(M.GreaterThan(M.Equals(a, b), c)) == '(a == b) > c'


_LEAVES = st.one_of(st.sampled_from([M.Var('x'), M.Var('y')]),
                    st.integers(-3, 3))
_BINARY = [M.Add, M.Substract, M.Multiply, M.Divide, M.FloorDivide, M.Mod,
           M.Power, M.GreaterThan, M.LessThan, M.Equals, M.NotEquals]


def _tree(children):
  return st.one_of(
      st.builds(M.Negate, children),
      st.builds(lambda cls, x, y: cls(x, y), st.sampled_from(_BINARY),
                children, children))


def _outcome(fn):
  try:
    return ('value', fn())
  except (ZeroDivisionError, OverflowError, ValueError, TypeError) as e:
    return ('error', type(e))


@given(st.recursive(_LEAVES, _tree, max_leaves=6),
       st.integers(-3, 3), st.integers(-3, 3))
def test_source_means_what_evaluate_computes(expr, x, y):
  """Python evaluating an expression's printed source gets the value `evaluate` does."""
  if not isinstance(expr, M.Code):
    return
  source = M.python_repr(expr)
  expected = _outcome(lambda: expr.evaluate({'x': x, 'y': y}))
  actual = _outcome(lambda: eval(source, {}, {'x': x, 'y': y}))  # pylint: disable=eval-used
  assert actual == expected, source


def test_docstring_examples_run():
  results = doctest.testmod(_operators, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.failed == 0 and results.attempted > 0
