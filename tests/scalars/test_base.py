"""Tests for scalar basics: conversion helpers, Lambda/Constant/STEP, arithmetic."""
from __future__ import annotations

import doctest
import math

from hypothesis import given
from hypothesis import strategies as st
import pytest

import pyglove as pg
from pyglove.scalars import _base

S = pg.scalars


class TestHelpers:

  def test_scalar_spec_accepts_values_and_step_functions(self):
    spec = S.scalar_spec(pg.typing.Int())
    assert spec.apply(3) == 3
    assert spec.apply(S.STEP)(4) == 4
    with pytest.raises(TypeError):
      spec.apply('x')

  def test_scalar_value(self):
    assert S.scalar_value(1, 2) == 1
    assert S.scalar_value(lambda s: s * 2, 2) == 4

  def test_make_scalar(self):
    assert S.make_scalar(S.STEP) is S.STEP
    assert S.make_scalar(1) == S.Constant(1)
    fn = lambda s: s  # pylint: disable=unnecessary-lambda-assignment
    assert isinstance(S.make_scalar(fn), S.Lambda) and S.make_scalar(fn).fn is fn


class TestLeaves:

  def test_step_constant_lambda(self):
    assert [S.STEP(i) for i in range(3)] == [0, 1, 2]
    assert S.Constant(3)(100) == 3
    assert S.Lambda(lambda x: x + 1)(2) == 3

  def test_reprs_match_reference(self):
    assert repr(S.STEP) == '_Step()'
    assert repr(S.make_scalar(1)) == 'Constant(value=1)'
    assert repr(S.linear(10)) == 'Addition(x=1.0, y=Multiplication(x=_Step(), y=-0.1))'

  def test_base_call_must_be_implemented(self):
    with pytest.raises(TypeError, match=r'abstract class Scalar .*call'):
      S.Scalar()


class TestOperators:
  """Operators build symbolic trees; the values are those of the reference."""

  def test_values(self):
    step = S.STEP
    assert (step * 2 + 1)(3) == 7
    assert (step // 2)(5) == 2 and isinstance((step // 2)(5), int)
    assert (-step)(3) == -3 and abs(-step)(3) == 3
    assert (step % 3)(7) == 1
    assert (2 ** step)(3) == 8.0 and (step ** 2)(3) == 9.0
    assert (10 - step)(3) == 7 and (1 / (step + 1))(1) == 0.5
    assert (7 // (step + 1))(2) == 2
    assert (10 % (step + 1))(2) == 1
    assert (step / 2).ceil()(3) == 2 and (step / 2).floor()(3) == 1

  def test_tree_shape(self):
    assert (S.STEP * 2 + 1) == S.Addition(S.Multiplication(S.STEP, 2), 1)
    assert (S.STEP // 2) == S.Floor(S.Division(S.STEP, 2))

  def test_symbolic_rebind_changes_schedule(self):
    lr = 0.1 * S.STEP
    lr.rebind(x=0.2)
    assert lr(5) == 1.0

  def test_json_round_trip(self):
    schedule = S.exponential_decay(0.5, 10, start=0.1)
    restored = pg.from_json(schedule.to_json())
    assert restored == schedule and restored(25) == schedule(25)
    assert pg.from_json(S.STEP.to_json())(3) == 3

  def test_operand_type_error_names_field(self):
    with pytest.raises(TypeError, match=r"got 'a' \(str\). \(path=y\)"):
      S.Constant(1) + 'a'  # pylint: disable=expression-not-assigned
    with pytest.raises(TypeError, match=r'path=x'):
      S.Negation('a')

  def test_unary_and_binary_base_operate_must_be_implemented(self):
    with pytest.raises(TypeError, match=r'abstract class UnaryOp .*operate'):
      S.UnaryOp(1)
    with pytest.raises(TypeError, match=r'abstract class BinaryOp .*operate'):
      S.BinaryOp(1, 2)


_OPS = [
    (lambda a, b: a + b), (lambda a, b: a - b), (lambda a, b: a * b),
    (lambda a, b: a / b), (lambda a, b: a // b), (lambda a, b: a % b),
]


@given(st.integers(min_value=0, max_value=10**6),
       st.integers(min_value=1, max_value=1000),
       st.sampled_from(range(len(_OPS))),
       st.booleans())
def test_expression_equals_python_arithmetic(step, c, op_index, scalar_left):
  """An expression over STEP evaluates at `step` as Python does on the numbers."""
  op = _OPS[op_index]
  expr = op(S.STEP + 1, c) if scalar_left else op(c, S.STEP + 1)
  expected = op(step + 1, c) if scalar_left else op(c, step + 1)
  if op_index == 4:
    # Floor division goes through true division, like the reference.
    expected = math.floor((step + 1) / c if scalar_left else c / (step + 1))
  assert expr(step) == pytest.approx(expected)


def test_docstring_examples_run():
  results = doctest.testmod(_base, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.failed == 0 and results.attempted > 0
