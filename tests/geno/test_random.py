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
    assert dna.__dict__['_checked'] is spec
  assert _proposals(Random(seed=seed), spec, 5) == first


def test_setup_restarts_the_sequence():
  """setup() reseeds: the proposals start over."""
  spec = Space([Float(0.0, 1.0, location='x')])
  algo = Random(seed=1)
  first = _proposals(algo, spec, 3)
  assert _proposals(algo, spec, 3) == first


def test_random_needs_no_feedback():
  """Random needs no feedback and keeps its seed."""
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


def test_clone_has_its_own_rng():
  """A clone of a set-up Random is un-set-up and, once set up, repeats the original's start."""
  spec = Space([Int(0, 1000, location='x')])
  algo = Random(seed=4)
  first = _proposals(algo, spec, 3)
  copy = algo.clone(deep=True)
  assert copy == algo and copy.num_proposals == 0
  assert _proposals(copy, spec, 3) == first
  # The original's RNG did not move with the clone's draws.
  assert algo.propose() == _proposals(Random(seed=4), spec, 4)[3]


def test_rebind_seed_restarts_with_the_new_seed():
  """rebind(seed=...) changes the hyper-parameter; the next setup uses it."""
  spec = Space([Int(0, 10**6, location='x')])
  algo = Random(seed=1)
  _proposals(algo, spec, 2)
  algo.rebind(seed=2)
  assert algo == Random(seed=2) and algo.dna_spec is None
  assert _proposals(algo, spec, 3) == _proposals(Random(seed=2), spec, 3)


def test_json_round_trip():
  """Random serializes to its seed and back."""
  import pyglove as pg  # pylint: disable=g-import-not-at-top
  assert pg.to_json(Random(seed=5)) == {'_type': 'pyglove.geno._random.Random', 'seed': 5}
  assert pg.from_json(pg.to_json(Random(seed=5))) == Random(seed=5)
