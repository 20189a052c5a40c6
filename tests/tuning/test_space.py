"""Tests of resolve_space: DNA specs, hyper values, define-by-run functions and contexts."""
from __future__ import annotations

import functools
import importlib

import pytest

import pyglove as pg
from pyglove import geno
from pyglove.tuning import DynamicExample
from pyglove.tuning._space import resolve_space


def test_a_dna_spec_decodes_to_its_dna(spec):
  """A DNA spec is its own spec and examples are the DNA."""
  dna_spec, decode = resolve_space(spec, None)
  dna = geno.DNA([0, 0.5])
  assert dna_spec is spec and decode(dna) is dna


def test_a_hyper_value_decodes_through_its_template():
  """A symbolic value with hyper values decodes to a concrete copy."""
  space = pg.Dict(x=pg.oneof([1, 2]), y=pg.floatv(0.0, 1.0))
  dna_spec, decode = resolve_space(space, None)
  assert [str(i) for i in dna_spec.decision_ids] == ['x', 'y']
  assert decode(geno.DNA([1, 0.25])) == {'x': 2, 'y': 0.25}


def test_where_decides_only_the_selected_points():
  """With where, the example keeps the unselected hyper values."""
  space = pg.Dict(x=pg.oneof([1, 2], hints='op'), y=pg.oneof([3, 4]))
  dna_spec, decode = resolve_space(space, lambda v: v.hints == 'op')
  assert len(dna_spec.decision_points) == 1
  sub = decode(geno.DNA(1))
  assert sub.x == 2 and isinstance(sub.y, pg.hyper.OneOf)


@pytest.mark.parametrize('wrap', [
    lambda fn: fn, lambda fn: functools.partial(fn)])
def test_a_function_is_a_define_by_run_space(wrap):
  """A plain function (or partial) is run once to collect its hyper values."""
  def fn():
    return pg.oneof([1, 2, 3]) * pg.oneof([10, 100])

  dna_spec, decode = resolve_space(wrap(fn), None)
  assert len(dna_spec.decision_points) == 2
  example = decode(geno.DNA([2, 1]))
  assert isinstance(example, DynamicExample) and example.dna == geno.DNA([2, 1])
  with example():
    assert fn() == 300
  with example:
    assert fn() == 300


def test_a_collected_context_is_used_as_is():
  """A DynamicEvaluationContext that has collected a space is searched directly."""
  context = pg.hyper.DynamicEvaluationContext()
  def fn():
    return pg.oneof(['a', 'b'])
  with context.collect():
    fn()
  dna_spec, decode = resolve_space(context, None)
  assert dna_spec is context.dna_spec
  with decode(geno.DNA(1)):
    assert fn() == 'b'


@pytest.mark.parametrize('make', [
    lambda s: s, lambda s: pg.hyper.DynamicEvaluationContext()])
def test_where_with_a_dna_spec_or_context_is_a_value_error(spec, make):
  """where= cannot apply to a DNA spec or a ready context."""
  with pytest.raises(ValueError, match='where= selects hyper values of a symbolic value'):
    resolve_space(make(spec), lambda v: True)


def test_a_symbolic_callable_is_a_template_not_a_function():
  """A functor with hyper values is a search space, not a define-by-run function."""
  @pg.symbolize
  def f(a):
    return a

  dna_spec, decode = resolve_space(f(a=pg.oneof([5, 6])), None)
  assert decode(geno.DNA(1))() == 6
  assert len(dna_spec.decision_points) == 1


def test_docstring_examples_run(run_doctests):
  """The module's docstring examples run as written."""
  run_doctests(importlib.import_module('pyglove.tuning._space'))
