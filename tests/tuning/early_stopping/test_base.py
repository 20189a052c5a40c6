"""Tests of EarlyStoppingPolicy and its combinators And, Or, Not."""
from __future__ import annotations

import importlib

import pytest

import pyglove as pg
from pyglove import geno
from pyglove.tuning import Measurement
from pyglove.tuning import Trial
from pyglove.tuning import early_stopping


class Fixed(early_stopping.EarlyStoppingPolicy):
  """Answers a fixed decision and counts the trials it saw."""
  decision: bool

  def _on_bound(self):
    super()._on_bound()
    self.seen = []

  def _setup(self):
    self.seen.clear()

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
  for combine in (early_stopping.And, early_stopping.Or):
    policy = combine(Fixed(False), Fixed(True))
    policy.should_stop_early(_trial(7))
    policy.should_stop_early(_trial(8))
    assert [c.seen for c in policy.children] == [[7, 8], [7, 8]]


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
  with pytest.raises(TypeError, match=r'children\[1\]'):
    early_stopping.And(Fixed(True), 3)


def test_not_takes_exactly_one_policy():
  """Not of two policies is a ValueError; -policy is Not(policy), as ~policy."""
  with pytest.raises(ValueError, match='Not takes exactly one policy; got 2'):
    early_stopping.Not(Fixed(True), Fixed(False))
  assert isinstance(-Fixed(True), early_stopping.Not)
  assert early_stopping.EarlyStopingPolicyBase is early_stopping.EarlyStoppingPolicy


def test_repr_shows_the_structure():
  """The repr of a combination lists its children."""
  policy = early_stopping.early_stop_by_value([(1, 0.5)])() & ~Fixed(True)
  text = repr(policy)
  assert text.startswith('And(children=[0: StopByValue(step_values=[0: (1, 0.5)]')
  assert 'Not(children=[0: Fixed(decision=True)])' in text


def test_policies_are_symbolic_objects():
  """A combination clones, rebinds and round-trips through JSON like any pg.Object."""
  policy = early_stopping.Or(Fixed(True), early_stopping.early_stop_by_rank([(1, 2, 3)])())
  assert pg.eq(pg.from_json_str(policy.to_json_str()), policy)
  copy = policy.clone(deep=True)
  copy.rebind({'children[0].decision': False})
  assert copy.children[0].decision is False and policy.children[0].decision is True
  assert policy.sym_init_args.children[1].step_ranks == [(1, 2, 3)]


def test_a_subclass_declares_its_parameters_as_fields():
  """Downstream policies subclass with fields, as with @pg.members in the reference."""

  @pg.members([('threshold', pg.typing.Float())])
  class Below(early_stopping.EarlyStoppingPolicy):

    def should_stop_early(self, trial):
      return trial.final_measurement.reward < self.threshold

  policy = Below(0.5) | Fixed(False)
  assert policy.should_stop_early(_trial(value=0.1)) is True
  assert policy.should_stop_early(_trial(value=0.9)) is False


def test_docstring_examples_run(run_doctests):
  """The module's docstring examples run as written."""
  run_doctests(importlib.import_module('pyglove.tuning.early_stopping._base'))
