"""Tests of `pyglove.geno._dna_generator`: the bookkeeping every search algorithm shares."""
import math

import pytest

import pyglove as pg
from pyglove.geno import Choices
from pyglove.geno import DNA
from pyglove.geno import DNAGenerator
from pyglove.geno import Int
from pyglove.geno import Space


class _Counter(DNAGenerator):
  """Proposes 0, 1, 2, ... and records feedback."""

  def __init__(self):
    self.seen = []

  def _setup(self):
    self.seen = []

  def _propose(self):
    return DNA(self.num_proposals)

  def _feedback(self, dna, reward):
    self.seen.append((dna, reward))


class _MultiObjective(_Counter):
  multi_objective = True


def _spec():
  return Space([Int(0, 100, location='a')])


def test_setup_propose_feedback_bookkeeping():
  """Counters follow proposals and feedbacks; setup resets them."""
  algo = _Counter()
  algo.setup(_spec())
  dna = algo.propose()
  assert dna == DNA(0) and dna.spec is algo.dna_spec
  algo.feedback(dna, 1)
  assert (algo.num_proposals, algo.num_feedbacks) == (1, 1)
  assert algo.seen == [(DNA(0), 1.0)]
  algo.setup(_spec())
  assert (algo.num_proposals, algo.num_feedbacks, algo.seen) == (0, 0, [])


def test_capabilities_are_class_attributes():
  """multi_objective and needs_feedback are declared on the class."""
  assert DNAGenerator.multi_objective is False and DNAGenerator.needs_feedback is True
  assert pg.DNAGenerator is DNAGenerator


def test_propose_validates_unattached_dna():
  """A proposal that does not fit the spec raises ValueError."""
  algo = _Counter()
  algo.setup(Space([Choices(1, [Space(), Space()], location='c')]))
  algo.propose()
  algo.propose()
  with pytest.raises(ValueError, match=r'path=c'):
    algo.propose()


def test_propose_validates_attached_dna_too():
  """A proposal carrying a spec is still checked against the generator's spec."""
  class _Mutant(_Counter):
    def _propose(self):
      dna = DNA(0, spec=self.dna_spec).clone()
      dna.value = 7
      return dna
  algo = _Mutant()
  algo.setup(Space([Int(0, 3, location='i')]))
  with pytest.raises(ValueError, match=r'Value 7 is out of range \(min=0, max=3\)\. \(path=i\)'):
    algo.propose()


def test_propose_must_return_a_dna():
  """An algorithm returning a non-DNA raises TypeError."""
  class _Bad(_Counter):
    def _propose(self):
      return [0]
  algo = _Bad()
  algo.setup(_spec())
  with pytest.raises(TypeError, match=r'_Bad._propose\(\) must return a DNA; got \[0\]'):
    algo.propose()


def test_setup_needs_a_spec():
  """setup() of a non-spec raises TypeError."""
  with pytest.raises(TypeError, match=r'_Counter.setup\(\) expects a DNASpec; got 1'):
    _Counter().setup(1)


def test_calls_before_setup_raise():
  """propose/feedback before setup raise ValueError."""
  with pytest.raises(ValueError, match=r'_Counter.propose\(\) was called before setup'):
    _Counter().propose()
  with pytest.raises(ValueError, match=r'_Counter.feedback\(\) was called before setup'):
    _Counter().feedback(DNA(0), 1.0)


def test_propose_hook_is_required():
  """A subclass without _propose raises NotImplementedError."""
  algo = DNAGenerator()
  algo.setup(_spec())
  with pytest.raises(NotImplementedError, match=r'DNAGenerator must implement _propose\(\)'):
    algo.propose()


@pytest.mark.parametrize('reward,error,message', [
    ('1', TypeError, r"A reward must be a number; got '1' of type str"),
    (True, TypeError, r'got True of type bool'),
    (math.nan, ValueError, r'A reward must be finite; got nan'),
    (math.inf, ValueError, r'A reward must be finite; got inf'),
    ((1.0, 2.0), ValueError, r'_Counter is single-objective and expects one number as reward; got \(1.0, 2.0\)'),
])
def test_single_objective_reward_checks(reward, error, message):
  """Rewards must be finite numbers; tuples need a multi-objective generator."""
  algo = _Counter()
  algo.setup(_spec())
  dna = algo.propose()
  with pytest.raises(error, match=message):
    algo.feedback(dna, reward)
  assert algo.num_feedbacks == 0


def test_multi_objective_rewards():
  """A multi-objective generator takes tuples of finite numbers, not a number."""
  algo = _MultiObjective()
  algo.setup(_spec())
  dna = algo.propose()
  algo.feedback(dna, (1, 2.5))
  assert algo.seen == [(DNA(0), (1.0, 2.5))]
  with pytest.raises(ValueError, match=r'is multi-objective and expects a tuple of numbers as reward; got 1.0'):
    algo.feedback(dna, 1.0)
  with pytest.raises(ValueError, match=r'A reward must be finite; got nan in reward \(1.0, nan\)'):
    algo.feedback(dna, (1.0, math.nan))


def test_feedback_needs_a_dna():
  """feedback() of a non-DNA raises TypeError."""
  algo = _Counter()
  algo.setup(_spec())
  with pytest.raises(TypeError, match=r'feedback\(\) expects a DNA; got 0 of type int'):
    algo.feedback(0, 1.0)


def test_recover_replays_history():
  """recover() proposes once per entry and feeds back logged rewards."""
  algo = _Counter()
  algo.setup(_spec())
  algo.recover([(DNA(0), 1.0), (DNA(1), None), (DNA(2), 3.0)])
  assert algo.num_proposals == 3 and algo.num_feedbacks == 2
  assert algo.seen == [(DNA(0), 1.0), (DNA(2), 3.0)]
  assert algo.propose() == DNA(3)
