"""Tests for `pg.mutfun.Code`: printing, position in a function, data flow."""
from __future__ import annotations

import doctest

import pytest

import pyglove as pg
from pyglove.mutfun import _code

M = pg.mutfun


def _f():
  """The reference's documented example function."""
  return M.Function('f', [
      M.Assign('y', M.Var('x') + 1),
      M.Assign('z', M.Var('x') ** 2),
      M.Var('y') * M.Var('z'),
  ], args=['x'])


class TestPrinting:

  def test_str_is_python_repr_is_symbolic(self):
    f = _f()
    assert str(f) == 'def f(x):\n  y = x + 1\n  z = x ** 2\n  return y * z'
    assert repr(f).startswith("Function(name='f', body=[0: Assign(name='y'")

  def test_format_verbose_gives_symbolic_form(self):
    f = _f()
    assert f.format() == str(f)
    assert f.format(verbose=True) == repr(f)
    assert f.body[0].format(root_indent=1) == '  y = x + 1'

  def test_python_repr_helper(self):
    assert M.python_repr(M.Var('x') + 1) == 'x + 1'
    assert M.python_repr(1) == '1' and M.python_repr('a') == "'a'"
    assert M.python_repr(M.Var('x'), 2) == '    x'

  def test_abstract_base_is_not_instantiable(self):
    # As the reference: abstract methods refuse instantiation.
    with pytest.raises(TypeError, match=r'abstract class Code .*evaluate, python_repr'):
      M.Code()


class TestPosition:

  def test_parents_and_lines(self):
    f = _f()
    last = f.body[2]
    y_ref = last.x
    assert y_ref.parent_func() is f and y_ref.parent_code() is last
    assert y_ref.line() is last and y_ref.line_number() == 2
    assert f.body[1].value.x.line() is f.body[1]

  def test_neighbouring_lines(self):
    f = _f()
    last = f.body[2]
    assert [str(x) for x in last.preceding_lines()] == ['y = x + 1', 'z = x ** 2']
    assert [str(x) for x in last.preceding_lines_reversed()] == ['z = x ** 2', 'y = x + 1']
    assert [str(x) for x in f.body[0].succeeding_lines()] == ['z = x ** 2', 'y * z']

  def test_outside_a_function(self):
    v = M.Var('x')
    assert v.parent_func() is None and list(v.preceding_lines()) == []
    assert v.seen_vars() == set() and v.output_refs() == [] and v.input_defs() == []
    with pytest.raises(ValueError, match=r"'x' is not in the body of a function"):
      v.line_number()


class TestDataFlow:
  """Values the reference gives for its documented example."""

  def test_input_and_output_vars(self):
    f = _f()
    last = f.body[2]
    assert last.input_vars() == {'y', 'z'} and last.output_vars() == set()
    assert last.input_vars(transitive=True) == {'x', 'y', 'z'}
    assert f.body[0].output_vars() == {'y'}
    assert f.body[0].output_vars(transitive=True) == {'y'}
    assert last.seen_vars() == {'f', 'x', 'y', 'z'}

  def test_transitive_outputs_follow_uses(self):
    f = M.Function('f', [
        M.Assign('a', M.Var('x')),
        M.Assign('b', M.Var('a') + 1),
        M.Assign('c', M.Var('x')),
        M.Var('b'),
    ], args=['x'])
    assert f.body[0].output_vars(transitive=True) == {'a', 'b'}

  def test_input_defs_and_output_refs(self):
    f = _f()
    assert [str(d) for d in f.body[2].input_defs()] == ['y = x + 1', 'z = x ** 2']
    refs = f.body[0].output_refs()
    assert [r.name for r in refs] == ['y'] and refs[0].parent_instruction() is f.body[2]

  def test_input_defs_direct_only(self):
    f = M.Function('f', [
        M.Assign('a', M.Var('x')),
        M.Assign('b', M.Var('a') + 1),
        M.Var('b') * 2,
    ], args=['x'])
    assert [str(d) for d in f.body[2].input_defs(transitive=False)] == ['b = a + 1']
    assert [str(d) for d in f.body[2].input_defs()] == ['a = x', 'b = a + 1']

  def test_redefinition_hides_earlier_definition(self):
    f = M.Function('f', [
        M.Assign('x', 1),
        M.Assign('x', 2),
        M.Var('x'),
    ])
    assert f.body[0].output_refs() == []
    assert [r.name for r in f.body[1].output_refs()] == ['x']

  def test_undefined_variable_in_input_defs(self):
    f = M.Function('f', [M.Var('q')], args=['x'])
    with pytest.raises(ValueError, match=r"Undefined variable 'q' in function 'f', line 0"):
      f.body[0].input_defs()

  def test_nested_function_is_its_own_scope(self):
    main = M.Function('main', [
        M.Function('sq', [M.Assign('t', M.Var('a')), M.Var('t') * M.Var('t')],
                   args=['a']),
        M.FunctionCall('sq', [M.Var('x')]),
    ], args=['x'])
    assert main.body[0].output_vars() == {'sq'}
    assert main.body[0].input_vars() == set()
    assert main.body[1].input_vars() == {'sq', 'x'}
    assert main.body[1].seen_vars() == {'main', 'x', 'sq'}

  def test_compile(self):
    _f().body[2].compile()
    g = M.Function('g', [M.Assign('y', M.Var('q') + 1), M.Var('y')], args=['x'])
    with pytest.raises(ValueError, match=r"Undefined variables \['q'\] at body\[0\]"):
      g.body[0].compile()


def test_docstring_examples_run():
  results = doctest.testmod(_code, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.failed == 0 and results.attempted > 0
