"""Tests of EarlyStoppingPolicy and its combinators And, Or, Not."""
from __future__ import annotations

import importlib

import pytest

from pyglove import geno
from pyglove.tuning import Measurement
from pyglove.tuning import Trial
from pyglove.tuning import early_stopping


class Fixed(early_stopping.EarlyStoppingPolicy):
  """Answers a fixed decision and counts the trials it saw."""

  def __init__(self, decision):
    self.decision = decision
    self.seen = []

  def _setup(self):
    self.seen = []

  def should_stop_early(self, trial):
    self.seen.append(trial.id)
    return self.decision


def _trial(i=1, value=0.5, step=1):
  return Trial(i, geno.DNA(0), 0.0, measurements=[Measurement(value, step=step)])


@pytest.mark.parametrize('a, b, both, either', [
    (True, True, True, True), (True, False, False, True),
    (False, True, False, True), (False, False, False, False)])
def test_and_or_combine_decisions(a, b, both, either):
  """& stops when both stop; | when either does."""
  assert (Fixed(a) & Fixed(b)).should_stop_early(_trial()) is both
  assert (Fixed(a) | Fixed(b)).should_stop_early(_trial()) is either


def test_not_inverts_the_decision():
  """~policy stops exactly when the policy would not."""
  assert (~Fixed(True)).should_stop_early(_trial()) is False
  assert early_stopping.Not(Fixed(False)).should_stop_early(_trial()) is True


def test_every_child_sees_every_trial():
  """Combinators do not short-circuit: each child records each trial."""
  first, second = Fixed(False), Fixed(True)
  early_stopping.And(first, second).should_stop_early(_trial(7))
  early_stopping.Or(second, first).should_stop_early(_trial(8))
  assert first.seen == second.seen == [7, 8]


def test_setup_reaches_every_child():
  """Setting up a combination sets up its children with the same spec."""
  a, b = Fixed(True), Fixed(False)
  a.seen.append(0)
  policy = ~(a | b)
  policy.setup('spec')
  assert (policy.dna_spec, a.dna_spec, b.dna_spec) == ('spec',) * 3
  assert a.seen == []


def test_recover_replays_measured_trials():
  """recover() asks about every trial that has a measurement, in order."""
  policy = Fixed(False)
  policy.recover([_trial(1), Trial(2, geno.DNA(0), 0.0), _trial(3)])
  assert policy.seen == [1, 3]


def test_combining_a_non_policy_is_a_type_error():
  """And/Or/Not of something that is not a policy raises TypeError naming it."""
  with pytest.raises(TypeError, match='And combines EarlyStoppingPolicy objects; '
                     'argument 1 is 3 of type int'):
    early_stopping.And(Fixed(True), 3)


def test_repr_shows_the_structure():
  """The repr of a combination lists its children."""
  policy = early_stopping.early_stop_by_value([(1, 0.5)]) & ~Fixed(True)
  assert repr(policy).startswith('And(StopByValue([(1, 0.5)]')
  assert 'Not(' in repr(policy)


def test_docstring_examples_run(run_doctests):
  """The module's docstring examples run as written."""
  run_doctests(importlib.import_module('pyglove.tuning.early_stopping._base'))
