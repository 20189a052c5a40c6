"""Tests for `Assign`, `Var` and `FunctionCall`."""
from __future__ import annotations

import doctest

import pytest

import pyglove as pg
from pyglove.mutfun import _symbols

M = pg.mutfun


class TestAssign:

  def test_evaluate_and_source(self):
    context = {'x': 2}
    a = M.Assign('y', M.Var('x') * 3)
    assert a.evaluate(context) == 6 and context['y'] == 6
    assert str(a) == 'y = x * 3' and a.python_repr(1) == '  y = x * 3'
    assert str(M.Assign('s', 'text')) == "s = 'text'"

  def test_name_must_be_str(self):
    with pytest.raises(TypeError, match=r'path=name'):
      M.Assign(1, 2)


class TestVar:

  def test_evaluate(self):
    assert M.Var('x').evaluate({'x': 1}) == 1
    assert M.evaluate(M.Var('x'), {'x': 3}) == 3 and M.evaluate(1, {}) == 1

  def test_undefined(self):
    with pytest.raises(KeyError, match=r"Undefined variable 'y'; defined: a, b"):
      M.Var('y').evaluate({'b': 1, 'a': 2})


class TestFunctionCall:

  def _main(self):
    return M.Function('main', [
        M.Function('square', [M.Var('a') * M.Var('a')], args=['a']),
        M.FunctionCall('square', [M.Var('x') + 1]),
    ], args=['x'])

  def test_call(self):
    assert self._main()(2) == 9
    assert str(M.FunctionCall('f', [1, M.Var('x')])) == 'f(1, x)'

  def test_function_from_context(self):
    sq = M.Function('sq', [M.Var('a') * M.Var('a')], args=['a'])
    assert M.FunctionCall('sq', [3]).evaluate({'sq': sq}) == 9

  def test_undefined_function(self):
    with pytest.raises(ValueError, match=r"Undefined function 'nope'"):
      M.FunctionCall('nope', []).evaluate({})

  def test_not_a_function(self):
    with pytest.raises(ValueError, match=r"'x' is not a pg.mutfun.Function but 1"):
      M.FunctionCall('x', []).evaluate({'x': 1})

  def test_argument_count(self):
    sq = M.Function('sq', [M.Var('a')], args=['a'])
    with pytest.raises(ValueError, match=r"'sq' takes 1 argument\(s\) \(a\) but the call passes 2"):
      M.FunctionCall('sq', [1, 2]).evaluate({'sq': sq})


def test_docstring_examples_run():
  results = doctest.testmod(_symbols, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.failed == 0 and results.attempted > 0
