"""Tests for pyglove.generators.evolution._callables."""
from __future__ import annotations

import pytest

from pyglove import geno
from pyglove import typing as pg_typing
from pyglove.generators.evolution import Identity
from pyglove.generators.evolution import base
from pyglove.generators.evolution import nsga2_lib
from pyglove.generators.evolution import scalar_spec
from pyglove.generators.evolution import scalar_value
from pyglove.generators.evolution._callables import accepted_keywords
from pyglove.generators.evolution._callables import list_callable_spec


class TestAcceptedKeywords:
  """accepted_keywords: which of global_state/step a callable takes by name."""

  def test_named_parameters_are_accepted(self):
    """Parameters named global_state or step are accepted, in that order."""
    assert accepted_keywords(lambda xs: xs) == ()
    assert accepted_keywords(lambda xs, step: xs) == ('step',)
    assert accepted_keywords(lambda xs, global_state: xs) == ('global_state',)
    assert accepted_keywords(lambda xs, step=0, *, global_state=None: xs) == (
        'global_state', 'step')

  def test_var_keywords_accept_both(self):
    """A **kwargs takes both keywords."""
    assert accepted_keywords(lambda xs, **kw: xs) == ('global_state', 'step')

  def test_methods_skip_self_and_builtins_take_the_inputs_only(self):
    """A bound method is read without self; a builtin without signature gets no keyword."""

    class Holder:
      def select(self, inputs, step):
        return inputs[:step]

    assert accepted_keywords(Holder().select) == ('step',)
    assert accepted_keywords(len) == ()

  def test_more_positional_arguments_can_be_asked(self):
    """num_positional counts the positional arguments passed before the keywords."""
    assert accepted_keywords(lambda point, decisions, step: 0, 2) == ('step',)

  def test_a_callable_requiring_another_argument_is_rejected(self):
    """A required argument that is neither passed nor a known keyword raises TypeError."""
    with pytest.raises(TypeError, match=r"cannot be called with 1 positional argument\(s\).*"
                                        r"it requires argument 's'"):
      accepted_keywords(lambda xs, s: xs)

  def test_a_callable_without_positional_arguments_is_rejected(self):
    """A callable taking too few positional arguments raises TypeError."""
    with pytest.raises(TypeError, match=r'it takes 0 positional arguments, not 1'):
      accepted_keywords(lambda *, step: step)
    with pytest.raises(TypeError, match=r'it takes 1 positional arguments, not 2'):
      accepted_keywords(lambda point: point, 2)

  def test_functors_are_read_per_instance(self):
    """A functor's remaining arguments decide what it accepts."""
    assert accepted_keywords(nsga2_lib.next_elite()) == ('global_state',)


class TestMakeOperationCompatible:
  """make_operation_compatible: any callable as (inputs, global_state=, step=)."""

  def test_operations_and_none_pass_through(self):
    """An Operation and None come back as they are."""
    op = Identity()
    assert base.make_operation_compatible(op) is op
    assert base.make_operation_compatible(None) is None

  @pytest.mark.parametrize('fn, expected', [
      (lambda xs: xs[:1], [1]),
      (lambda xs, step: xs[:step], [1, 2]),
      (lambda xs, global_state: [global_state['k']], ['v']),
      (lambda xs, global_state, step: [global_state['k'], step], ['v', 2]),
  ])
  def test_callables_get_only_what_they_name(self, fn, expected):
    """Each wrapped callable receives exactly the keywords it declares."""
    wrapped = base.make_operation_compatible(fn)
    assert wrapped([1, 2, 3], global_state=geno.AttributeDict(k='v'), step=2) == expected

  def test_non_callables_are_rejected(self):
    """A value that is not callable raises TypeError naming it."""
    with pytest.raises(TypeError, match=r'An operation or a callable is expected, but got 1 of type int\.'):
      base.make_operation_compatible(1)


def test_operation_spec_checks_list_signatures():
  """operation_spec accepts callables from a list and rejects others."""
  spec = base.operation_spec()
  assert spec.apply(Identity()) == Identity()
  with pytest.raises(TypeError):
    spec.apply(1)


def test_list_callable_spec_takes_any_callable():
  """The fields' spec accepts any callable (signatures are checked on use)."""
  spec = list_callable_spec()
  fn = lambda xs, global_state: xs  # pylint: disable=unnecessary-lambda-assignment
  assert spec.apply(fn) is fn
  with pytest.raises(TypeError):
    spec.apply('not callable')


def test_scalars_are_values_or_schedules():
  """scalar_spec takes a value or a function of the step; scalar_value evaluates it."""
  spec = scalar_spec(pg_typing.Int(min_value=1))
  assert spec.apply(2) == 2
  with pytest.raises(ValueError):
    spec.apply(0)
  assert scalar_value(3, 10) == 3
  assert scalar_value(lambda step: step * 2, 10) == 20


def test_docstring_examples(run_doctests):
  """The module's examples run."""
  run_doctests('pyglove.generators.evolution._callables')
