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


def test_capabilities():
  """multi_objective is declared on the class; needs_feedback follows `_feedback`."""
  assert DNAGenerator.multi_objective is False and pg.DNAGenerator is DNAGenerator

  class _NoFeedback(DNAGenerator):
    def _propose(self):
      return DNA(0)

  class _Declared(_Counter):
    needs_feedback = False

  assert _Counter().needs_feedback and not _NoFeedback().needs_feedback
  assert not _Declared().needs_feedback


def test_feedback_skips_the_hook_when_rewards_do_not_matter():
  """A generator that does not need feedback still counts it."""
  class _Declared(_Counter):
    needs_feedback = False
  algo = _Declared()
  algo.setup(_spec())
  algo.feedback(algo.propose(), 1.0)
  assert algo.num_feedbacks == 1 and algo.seen == []


def test_feedback_rejects_dna_that_does_not_fit_the_spec():
  """Feedback with a DNA of another space raises ValueError naming the decision."""
  algo = _Counter()
  algo.setup(_spec())
  with pytest.raises(ValueError, match=r'feedback\(\) got a DNA that does not fit its DNA spec.*path=a'):
    algo.feedback(DNA(500), 1.0)
  algo.feedback(DNA(5), 1.0)  # Not proposed, but it fits.
  assert algo.num_feedbacks == 1


def test_iteration_yields_proposals_with_feedback_functions():
  """Iterating yields (dna, feedback) while rewards matter, plain DNA otherwise."""
  algo = _Counter()
  algo.setup(Space([Choices(1, [Space(), Space()], location='c')]))
  items = []
  with pytest.raises(ValueError, match=r'path=c'):
    for dna, feedback in algo:
      feedback(1.0)
      items.append(dna)
  assert items == [DNA(0), DNA(1)] and algo.num_feedbacks == 2
  sweep = pg.geno.Sweeping()
  sweep.setup(Space([Choices(1, [Space(), Space()], location='c')]))
  assert list(sweep) == [DNA(0), DNA(1)]


def test_dna_generator_decorator():
  """@dna_generator turns a function yielding DNA into a generator class."""
  @pg.geno.dna_generator
  def evens(spec):
    for dna in spec.iter_dna():
      if dna.value % 2 == 0:
        yield dna

  algo = evens()
  algo.setup(Space([Int(0, 4, location='a')]))
  assert [algo.propose() for _ in range(3)] == [DNA(0), DNA(2), DNA(4)]
  assert not algo.needs_feedback
  with pytest.raises(StopIteration):
    algo.propose()


def test_dna_generator_remembers_an_error():
  """After the function raised, proposing again names that error."""
  @pg.geno.dna_generator
  def broken(spec):
    raise KeyError('boom')
    yield  # pylint: disable=unreachable

  algo = broken()
  algo.setup(_spec())
  with pytest.raises(KeyError):
    algo.propose()
  with pytest.raises(ValueError, match=r'broken raised earlier'):
    algo.propose()


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


class _Offset(_Counter):
  """A generator with a typed hyper-parameter: proposals start at `start`."""

  start: pg.typing.Int(min_value=0) = 0

  def _propose(self):
    return DNA(self.start + self.num_proposals)


def _set_up(algo, proposals=2):
  algo.setup(_spec())
  for _ in range(proposals):
    algo.feedback(algo.propose(), 1.0)
  return algo


class TestSymbolic:
  """A generator is a symbolic object whose fields are its hyper-parameters."""

  def test_hyper_parameters_are_typed_fields(self):
    """Fields validate their values; the error names the field."""
    assert _Offset(3).start == 3 and _Offset.partial().sym_init_args == {'start': 0}
    with pytest.raises(ValueError, match=r'Value -1 is out of range \(min=0, max=None\)\. \(path=start\)'):
      _Offset(start=-1)

  @pytest.mark.parametrize('deep', [False, True])
  def test_clone_is_a_fresh_unset_generator(self, deep):
    """A clone of a set-up generator keeps the fields and none of the search state."""
    algo = _set_up(_Offset(start=5))
    copy = algo.clone(deep=deep)
    assert copy == algo and hash(copy) == hash(algo)
    assert (copy.dna_spec, copy.num_proposals, copy.num_feedbacks) == (None, 0, 0)
    assert not hasattr(copy, 'seen')
    with pytest.raises(ValueError, match='before setup'):
      copy.propose()
    assert algo.num_proposals == 2 and len(algo.seen) == 2

  def test_clone_runs_the_same_search_independently(self):
    """A clone set up on the same spec repeats the original from the start."""
    algo = _set_up(_Offset(start=5))
    copy = _set_up(algo.clone())
    assert copy.seen == [(DNA(5), 1.0), (DNA(6), 1.0)]
    assert algo.propose() == DNA(7) and copy.num_proposals == 2

  def test_rebind_discards_the_search_state(self):
    """Changing a hyper-parameter makes the generator un-set-up."""
    algo = _set_up(_Offset())
    algo.rebind(start=10)
    assert algo.start == 10 and algo.dna_spec is None and algo.num_proposals == 0
    assert _set_up(algo, 1).seen == [(DNA(10), 1.0)]

  def test_rejected_rebind_keeps_the_search_state(self):
    """A rebind that fails validation changes nothing, the state included."""
    algo = _set_up(_Offset())
    with pytest.raises(ValueError, match=r'\(path=start\)'):
      algo.rebind(start=-1)
    assert algo.start == 0 and algo.num_proposals == 2 and algo.propose() == DNA(2)

  def test_equality_and_hash_follow_hyper_parameters(self):
    """Generators compare by type and fields, not by their state."""
    assert _Offset(1) == _set_up(_Offset(1)) and _Offset(1) != _Offset(2)
    assert _Offset() != _Counter() and hash(_Offset(1)) == hash(_Offset(1))

  def test_json_round_trip_gives_an_equal_unset_generator(self):
    """to_json/from_json keep the fields only."""
    algo = _set_up(_Offset(start=4))
    restored = pg.from_json(pg.to_json(algo))
    assert restored == algo and restored.num_proposals == 0

  def test_pickle_keeps_the_search_state(self):
    """A pickled generator resumes where it stopped, with its own state."""
    import pickle  # pylint: disable=g-import-not-at-top
    algo = _set_up(_Offset(start=1))
    restored = pickle.loads(pickle.dumps(algo))
    assert restored.num_proposals == 2 and restored.seen is not algo.seen
    assert restored.propose() == algo.propose() == DNA(3)

  def test_str_shows_the_hyper_parameters(self):
    """str() and repr() print the class and its fields."""
    assert repr(_Offset(start=2)) == '_Offset(start=2)'
