"""Tests for pyglove.hyper._dynamic_evaluation: define-by-run spaces (paper, Appendix B.4)."""
from __future__ import annotations

import doctest

import pytest

import pyglove as pg
from pyglove import geno
from pyglove.hyper import DynamicEvaluationContext


def _program():
  return pg.oneof([1, 2]) + pg.oneof([lambda: pg.oneof([10, 20]), 0])


class TestCollect:

  def test_collect_evaluates_to_the_first_choices(self):
    """While collecting, each hyper value is its first choice."""
    ctx = DynamicEvaluationContext()
    with ctx.collect():
      assert _program() == 11

  def test_collect_builds_a_hierarchical_spec(self):
    """A lambda candidate's hyper values form a conditional sub-space."""
    ctx = pg.hyper.trace(_program)
    assert [str(i) for i in ctx.dna_spec.decision_ids] == ['[0]', '[1]', '[1][=0/2][0]']
    assert ctx.dna_spec.space_size == 2 * 3

  def test_dna_spec_is_empty_before_collect(self):
    """A fresh context has an empty space."""
    assert len(DynamicEvaluationContext().dna_spec.decision_points) == 0

  def test_names_become_locations_and_are_reused(self):
    """A named hyper value is one decision, however often it is created."""

    def fn():
      return pg.oneof([1, 2], name='a') + pg.oneof([1, 2], name='a')

    ctx = pg.hyper.trace(fn)
    assert [str(i) for i in ctx.dna_spec.decision_ids] == ['a']
    with ctx.apply(geno.DNA(1)):
      assert fn() == 4
    assert list(ctx.hyper_dict) == ['a']

  def test_same_name_different_definition_raises(self):
    """Reusing a name for another definition raises ValueError."""
    with pytest.raises(ValueError, match="name 'a' is used by two"):
      pg.hyper.trace(lambda: (pg.oneof([1], name='a'), pg.oneof([2], name='a')))

  def test_require_hyper_name(self):
    """With require_hyper_name, an unnamed hyper value raises ValueError."""
    with pytest.raises(ValueError, match='requires every hyper value to have a name'):
      pg.hyper.trace(lambda: pg.oneof([1, 2]), require_hyper_name=True)

  def test_where_leaves_unselected_values_alone(self):
    """Hyper values not selected by where evaluate to themselves."""
    ctx = DynamicEvaluationContext(where=lambda h: isinstance(h, pg.hyper.OneOf))
    with ctx.collect():
      x = pg.floatv(0.0, 1.0)
      y = pg.oneof([1, 2])
    assert isinstance(x, pg.hyper.Float) and y == 1
    assert len(ctx.dna_spec.decision_points) == 1

  def test_numerical_and_multi_choices_collect_first_values(self):
    """floatv/intv give min_value; manyof gives its first distinct choices."""
    ctx = DynamicEvaluationContext()
    with ctx.collect():
      assert pg.floatv(0.5, 1.0) == 0.5
      assert pg.intv(3, 5) == 3
      assert pg.manyof(2, ['a', 'b', 'c']) == ['a', 'b']
      assert pg.manyof(2, ['a', 'b'], distinct=False) == ['a', 'a']
    assert len(ctx.dna_spec.elements) == 4

  def test_continuous_decisions_inside_lambdas_are_collected(self):
    """A floatv inside a lambda candidate joins the conditional sub-space."""
    ctx = pg.hyper.trace(lambda: pg.oneof([lambda: pg.floatv(0.5, 1.0), 2]))
    assert [str(i) for i in ctx.dna_spec.decision_ids] == ['[0]', '[0][=0/2][0]']
    with ctx.apply(geno.DNA((0, 0.75))):
      assert pg.oneof([lambda: pg.floatv(0.5, 1.0), 2]) == 0.75

  def test_outside_a_context_hyper_values_stay_symbolic(self):
    """Without a context, pg.oneof returns a hyper value."""
    assert isinstance(pg.oneof([1, 2]), pg.hyper.OneOf)


class TestApply:

  def test_apply_evaluates_to_the_dna_choices(self):
    """The DNA decides each hyper value in order of creation."""
    ctx = pg.hyper.trace(_program)
    with ctx.apply(geno.DNA([1, (0, 1)])):
      assert _program() == 22
    with ctx.apply(geno.DNA([0, 1])):
      assert _program() == 1

  def test_apply_accepts_a_literal(self):
    """A DNA literal is accepted."""
    ctx = pg.hyper.trace(lambda: pg.oneof([1, 2]))
    with ctx.apply(1):
      assert pg.oneof([1, 2]) == 2

  def test_apply_decides_numbers_and_lists(self):
    """floatv, intv and manyof take their DNA values."""

    def fn():
      return pg.floatv(0.0, 1.0), pg.intv(1, 5), pg.manyof(2, [lambda: 'x', 'y'])

    ctx = pg.hyper.trace(fn)
    with ctx.apply(geno.DNA([0.5, 4, [1, 0]])):
      assert fn() == (0.5, 4, ['y', 'x'])

  def test_apply_rejects_dna_that_does_not_fit(self):
    """A DNA out of the collected space raises ValueError naming the id."""
    ctx = pg.hyper.trace(_program)
    with pytest.raises(ValueError, match=r'\[0\]'):
      with ctx.apply(geno.DNA([5, 1])):
        pass

  def test_a_program_that_changed_raises(self):
    """Creating another kind of hyper value than collected raises ValueError."""
    ctx = pg.hyper.trace(lambda: pg.oneof([1, 2]))
    with pytest.raises(ValueError, match='same hyper values in the same order'):
      with ctx.apply(geno.DNA(0)):
        pg.floatv(0.0, 1.0)

  def test_nested_lambdas_nest_spaces(self):
    """A lambda inside a lambda makes a two-level conditional space."""

    def fn():
      return pg.oneof([lambda: pg.oneof([lambda: pg.oneof([1, 2]), 3]), 4])

    ctx = pg.hyper.trace(fn)
    assert ctx.dna_spec.space_size == 4
    with ctx.apply(geno.DNA((0, (0, 1)))):
      assert fn() == 2


def test_docstring_examples_hold():
  """The examples in the module's docstrings run as written."""
  from pyglove.hyper import _dynamic_evaluation as module
  result = doctest.testmod(module, extraglobs={'pg': pg})
  assert result.attempted > 0 and result.failed == 0


class TestReferenceOptions:
  """per_thread, a given dna_spec, dynamic_evaluate and trace(fun, per_thread=)."""

  def test_given_dna_spec_applies_without_collecting(self):
    """A context built with the space applies DNA directly; it cannot collect."""
    fn = lambda: pg.oneof([1, 2]) + pg.oneof([10, 20])  # pylint: disable=unnecessary-lambda-assignment
    spec = pg.hyper.trace(fn).dna_spec
    ctx = pg.hyper.DynamicEvaluationContext(dna_spec=spec)
    with ctx.apply([1, 0]):
      assert fn() == 12
    with pytest.raises(ValueError, match='cannot collect'):
      with ctx.collect():
        pass

  def test_per_thread_false_reaches_other_threads(self):
    """A process-wide context also evaluates hyper values created by other threads."""
    import threading
    ctx = pg.hyper.trace(lambda: pg.oneof([1, 2]), per_thread=False)
    assert not ctx.per_thread
    seen = []
    with ctx.apply([1]):
      t = threading.Thread(target=lambda: seen.append(pg.oneof([1, 2])))
      t.start()
      t.join()
    assert seen == [2]

  def test_dynamic_evaluate(self):
    """dynamic_evaluate maps each hyper value through a function in the block."""
    exits = []
    with pg.hyper.dynamic_evaluate(lambda h: h.candidates[-1], yield_value='y',
                                   exit_fn=lambda: exits.append(1)) as y:
      assert pg.oneof([1, 2, 3]) == 3 and y == 'y'
    assert exits == [1] and isinstance(pg.oneof([1]), pg.hyper.OneOf)
    with pytest.raises(ValueError, match='evaluate_fn must be None or callable'):
      with pg.hyper.dynamic_evaluate(1):
        pass
