"""Tests for `If` and `While`."""
from __future__ import annotations

import doctest

import pytest

import pyglove as pg
from pyglove.mutfun import _control_flow

M = pg.mutfun


class TestIf:

  def test_runs_the_branch_the_predicate_selects(self):
    branch = M.If(M.Var('x'), [M.Assign('y', 1)], [M.Assign('y', 2)])
    for x, y in [(1, 1), (0, 2)]:
      context = {'x': x}
      assert branch.evaluate(context) is None and context['y'] == y

  def test_without_false_branch_does_nothing_when_false(self):
    context = {'y': 3}
    M.If(False, [M.Assign('y', 1)]).evaluate(context)
    assert context == {'y': 3}

  def test_predicate_may_assign(self):
    context = {}
    M.If(M.Assign('x', 1), [M.Assign('z', M.Var('x') + 1)]).evaluate(context)
    assert context == {'x': 1, 'z': 2}

  def test_source(self):
    inner = M.If(True, [M.Assign('x', 1)])
    outer = M.If(M.Var('b') > 2, [inner], [M.Assign('x', 2)])
    assert str(inner) == 'if True:\n  x = 1'
    assert str(outer) == (
        'if b > 2:\n'
        '  if True:\n'
        '    x = 1\n'
        'else:\n'
        '  x = 2')
    assert outer.python_repr(1).split('\n')[0] == '  if b > 2:'

  def test_branches_hold_code(self):
    with pytest.raises(TypeError, match=r'path=true_branch\[0\]'):
      M.If(True, [1])


class TestWhile:

  def test_loops_while_the_predicate_holds(self):
    loop = M.While(M.Var('n') < 3, [M.Assign('n', M.Var('n') + 1)])
    context = {'n': 0}
    assert loop.evaluate(context) is None and context['n'] == 3
    context = {'n': 5}
    loop.evaluate(context)
    assert context['n'] == 5

  def test_source(self):
    loop = M.While(M.Var('n') < 3, [M.Assign('n', M.Var('n') + 1),
                                   M.Assign('m', M.Var('n'))])
    assert str(loop) == 'while n < 3:\n  n = n + 1\n  m = n'


def test_control_flow_in_a_function():
  """Lines inside branches and loops are lines of the function, for data flow too."""
  f = M.Function('f', [
      M.Assign('y', 0),
      M.While(M.Var('x') > 0, [
          M.Assign('y', M.Var('y') + M.Var('x')),
          M.Assign('x', M.Var('x') - 1)]),
      M.If(M.Var('y') > 5, [M.Assign('y', 100)]),
      M.Var('y'),
  ], args=['x'])
  assert f(2) == 3 and f(3) == 100
  assert str(f).split('\n')[2] == '  while x > 0:'
  assert f.body[1].input_vars() == {'x', 'y'}
  assert isinstance(f.body[1], M.ControlFlow) and isinstance(f.body[1], M.Instruction)


def test_docstring_examples_run():
  results = doctest.testmod(_control_flow, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.attempted and not results.failed
