"""Tests of `pyglove.geno._random`: the Random search algorithm."""
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from pyglove.geno import Float
from pyglove.geno import Int
from pyglove.geno import Random
from pyglove.geno import Space
from tests.geno import strategies


def _proposals(algo, spec, n):
  algo.setup(spec)
  return [algo.propose() for _ in range(n)]


@settings(deadline=None)
@given(strategies.spaces(), st.integers(0, 2**31))
def test_proposals_are_valid_and_repeatable(spec, seed):
  """Random proposes valid DNA, and the same seed twice gives the same proposals."""
  first = _proposals(Random(seed=seed), spec, 5)
  for dna in first:
    spec.validate(dna)
    assert dna.spec is spec
  assert _proposals(Random(seed=seed), spec, 5) == first


def test_setup_restarts_the_sequence():
  """setup() reseeds: the proposals start over."""
  spec = Space([Float(0.0, 1.0, location='x')])
  algo = Random(seed=1)
  first = _proposals(algo, spec, 3)
  assert _proposals(algo, spec, 3) == first


def test_random_needs_no_feedback():
  """Random declares needs_feedback = False and keeps its seed."""
  algo = Random(seed=3)
  assert algo.needs_feedback is False and algo.multi_objective is False
  assert algo.seed == 3 and repr(algo) == 'Random(seed=3)'


def test_recover_reaches_the_same_state():
  """Recovering a history continues exactly like the uninterrupted run."""
  spec = Space([Int(0, 1000, location='x')])
  straight = _proposals(Random(seed=9), spec, 6)
  resumed = Random(seed=9)
  resumed.setup(spec)
  resumed.recover([(d, 1.0) for d in straight[:4]])
  assert [resumed.propose(), resumed.propose()] == straight[4:]
