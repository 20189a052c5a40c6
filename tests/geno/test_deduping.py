"""Tests of `pyglove.geno._deduping`: dropping duplicate proposals."""
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
import pytest

from pyglove.geno import Choices
from pyglove.geno import DNA
from pyglove.geno import DNAGenerator
from pyglove.geno import Deduping
from pyglove.geno import Random
from pyglove.geno import Space
from tests.geno import strategies


def _spec(n=4):
  return Space([Choices(1, [Space() for _ in range(n)], location='a')])


class _Repeater(DNAGenerator):
  """Proposes DNA(0), DNA(0), DNA(1), DNA(1), ... and records feedback."""

  multi_objective = False

  def _setup(self):
    self.seen = []

  def _propose(self):
    return DNA(min(self.num_proposals // 2, 3))

  def _feedback(self, dna, reward):
    self.seen.append((dna, reward))


def test_drops_duplicates():
  """Only first occurrences are proposed."""
  algo = Deduping(_Repeater())
  algo.setup(_spec())
  assert [algo.propose() for _ in range(3)] == [DNA(0), DNA(1), DNA(2)]
  assert algo.generator.num_proposals == 5


def test_max_duplicates_allows_that_many_copies():
  """max_duplicates=2 lets each DNA through twice (as the reference's field), then drops it."""
  algo = Deduping(_Repeater(), max_duplicates=2)
  algo.setup(_spec())
  assert [algo.propose() for _ in range(4)] == [DNA(0), DNA(0), DNA(1), DNA(1)]
  assert Deduping(Random()).max_duplicates == 1
  with pytest.raises(ValueError):
    Deduping(Random(), max_duplicates=0)


def test_gives_up_after_max_attempts():
  """max_proposal_attempts consecutive duplicates raise StopIteration."""
  algo = Deduping(Random(seed=1), max_proposal_attempts=10)
  algo.setup(_spec(2))
  proposals = []
  with pytest.raises(StopIteration, match=r'Deduping got 10 duplicate proposals in a row from Random\(seed=1\)'):
    while True:
      proposals.append(algo.propose())
  assert sorted(proposals) == [DNA(0), DNA(1)]


def test_auto_reward_feeds_duplicates_back():
  """With auto_reward_fn a duplicate of a rewarded DNA is fed back, not proposed."""
  inner = _Repeater()
  algo = Deduping(inner, auto_reward_fn=lambda rewards: max(rewards) + 1)
  algo.setup(_spec())
  first = algo.propose()
  algo.feedback(first, 5.0)
  assert algo.propose() == DNA(1)
  assert inner.seen == [(DNA(0), 5.0), (DNA(0), 6.0)]


def test_hash_fn_decides_duplicates():
  """hash_fn maps DNA to the key compared."""
  algo = Deduping(_Repeater(), hash_fn=lambda dna: dna.value % 2)
  algo.setup(_spec())
  assert [algo.propose(), algo.propose()] == [DNA(0), DNA(1)]
  with pytest.raises(StopIteration):
    algo.propose()


def test_capabilities_follow_the_wrapped_generator():
  """multi_objective and needs_feedback come from the inner generator."""
  algo = Deduping(Random())
  assert algo.needs_feedback is False and algo.multi_objective is False
  assert Deduping(_Repeater()).needs_feedback is True


def test_constructor_checks():
  """Bad arguments raise TypeError/ValueError."""
  with pytest.raises(TypeError, match=r'Expected DNAGenerator but got 1 \(int\)\. \(path=generator\)'):
    Deduping(1)
  with pytest.raises(TypeError, match=r'Expected a callable but got 2 \(int\)\. \(path=hash_fn\)'):
    Deduping(Random(), hash_fn=2)
  with pytest.raises(TypeError, match=r'takes at most 0 positional arguments.*\(path=auto_reward_fn\)'):
    Deduping(Random(), auto_reward_fn=lambda: 1)
  with pytest.raises(ValueError, match=r'Value 0 is out of range \(min=1, max=None\)\. \(path=max_proposal_attempts\)'):
    Deduping(Random(), max_proposal_attempts=0)


@settings(deadline=None, max_examples=50)
@given(strategies.spaces(), st.integers(0, 2**31))
def test_proposals_are_valid_distinct_and_repeatable(spec, seed):
  """Deduping(Random(seed)) proposes valid distinct DNA, the same for one seed."""
  def run():
    algo = Deduping(Random(seed=seed), max_proposal_attempts=20)
    algo.setup(spec)
    out = []
    try:
      for _ in range(6):
        out.append(algo.propose())
    except StopIteration:
      pass
    return out
  first = run()
  assert len(set(first)) == len(first) and first == run()
  for dna in first:
    spec.validate(dna)


def test_clone_copies_the_wrapped_generator_unset():
  """A clone wraps its own un-set-up copy of the inner generator."""
  algo = Deduping(Random(seed=2), max_proposal_attempts=5)
  algo.setup(_spec())
  first = [algo.propose(), algo.propose()]
  inner_proposals = algo.generator.num_proposals
  copy = algo.clone()
  assert copy == algo and copy.generator is not algo.generator
  assert copy.generator.num_proposals == 0 and copy.dna_spec is None
  copy.setup(_spec())
  assert [copy.propose(), copy.propose()] == first
  assert algo.generator.num_proposals == inner_proposals


def _first_number(dna):
  return dna.to_numbers()[0]


def test_json_round_trip_of_functions_needs_trust():
  """Deduping with a function round-trips only when the loader trusts the payload."""
  import pyglove as pg  # pylint: disable=g-import-not-at-top
  algo = Deduping(Random(seed=1), hash_fn=_first_number)
  json_value = pg.to_json(algo)
  with pytest.raises(pg.UnsafeLoadError):
    pg.from_json(json_value)
  restored = pg.from_json(json_value, trusted=True)
  assert restored == algo and restored.hash_fn is _first_number
  plain = Deduping(Random(seed=1), max_proposal_attempts=7)
  assert pg.from_json(pg.to_json(plain)) == plain
