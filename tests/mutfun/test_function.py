"""Tests for `pg.mutfun.Function`: calling, printing, compiling, pruning."""
from __future__ import annotations

import doctest

import pytest

import pyglove as pg
from pyglove.mutfun import _function

M = pg.mutfun


class TestCall:

  def test_documented_example(self):
    f = M.Function('f', [
        M.Assign('y', M.Var('x') + 1),
        M.Assign('z', M.Var('x') ** 2),
        M.Var('y') * M.Var('z'),
    ], args=['x'])
    assert f(2) == (2 + 1) * 2 ** 2

  def test_arguments_win_over_context(self):
    f = M.Function('f', [M.Var('x') + M.Var('k')], args=['x'])
    assert f(1, context={'x': 100, 'k': 10}) == 11

  def test_wrong_number_of_arguments(self):
    f = M.Function('f', [M.Var('x')], args=['x'])
    with pytest.raises(ValueError, match=r"'f' expects 1 argument\(s\) \(x\) but got 2: \(1, 2\)"):
      f(1, 2)

  def test_empty_body_returns_none(self):
    f = M.Function('noop', [])
    assert f() is None and str(f) == 'def noop():\n  pass'

  def test_evaluate_defines_the_function(self):
    f = M.Function('f', [M.Var('x')], args=['x'])
    context = {}
    assert f.evaluate(context) is f and context == {'f': f}


class TestSource:

  def test_nested_function_is_indented(self):
    main = M.Function('main', [
        M.Function('sq', [M.Var('a') * M.Var('a')], args=['a']),
        M.FunctionCall('sq', [M.Var('x')]),
    ], args=['x'])
    source = str(main)
    assert source == ('def main(x):\n  def sq(a):\n    return a * a\n'
                      '  return sq(x)')
    namespace = {}
    exec(source, namespace)  # pylint: disable=exec-used
    assert namespace['main'](3) == main(3) == 9

  def test_last_definition_is_not_returned_in_source(self):
    f = M.Function('f', [M.Assign('y', 1)])
    assert str(f) == 'def f():\n  y = 1'
    assert f() == 1


class TestSymbolic:
  """A function is a symbolic value: serializable, clonable, rebindable."""

  def test_json_round_trip_and_clone(self):
    f = M.Function('f', [M.Assign('y', M.Var('x') + 1), M.Var('y') * 2],
                   args=['x'])
    restored = pg.from_json(f.to_json())
    assert pg.eq(restored, f) and restored is not f and restored(3) == 8
    assert pg.eq(f.clone(deep=True), f)

  def test_rebind_mutates_program(self):
    f = M.Function('f', [M.Assign('y', M.Var('x') + 1), M.Var('y') * 2],
                   args=['x'])
    f.rebind({'body[1].y': 5})
    assert str(f) == 'def f(x):\n  y = x + 1\n  return y * 5' and f(1) == 10


class TestCompileAndPrune:

  def test_compile(self):
    M.Function('f', [M.Assign('y', M.Var('x')), M.Var('y')], args=['x']).compile()
    g = M.Function('g', [M.Assign('y', M.Var('q') + 1), M.Var('y')], args=['x'])
    with pytest.raises(ValueError, match=r"Undefined variables \['q'\] at body\[0\]"):
      g.compile()

  def test_prune_keeps_lines_the_result_needs(self):
    h = M.Function('h', [
        M.Assign('a', M.Var('x') + 1),
        M.Assign('b', M.Var('x') * 2),
        M.Assign('c', M.Var('a') + 1),
        M.Var('c') + M.Var('x'),
    ], args=['x'])
    before = h(3)
    h.prune()
    assert str(h) == 'def h(x):\n  a = x + 1\n  c = a + 1\n  return c + x'
    assert h(3) == before

  def test_prune_empty(self):
    f = M.Function('f', [])
    f.prune()
    assert len(f.body) == 0


def test_docstring_examples_run():
  results = doctest.testmod(_function, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.failed == 0 and results.attempted > 0
