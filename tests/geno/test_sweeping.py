"""Tests of `pyglove.geno._sweeping`: grid search over a discrete space."""
from hypothesis import given
from hypothesis import settings
import pytest

from pyglove.geno import Choices
from pyglove.geno import CustomDecisionPoint
from pyglove.geno import DNA
from pyglove.geno import Float
from pyglove.geno import Int
from pyglove.geno import Space
from pyglove.geno import Sweeping
from tests.geno import strategies


def _all(algo, spec):
  algo.setup(spec)
  result = []
  while True:
    try:
      result.append(algo.propose())
    except StopIteration:
      return result


@settings(max_examples=50, deadline=None)
@given(strategies.spaces(discrete=True, allow_custom=False))
def test_sweeps_every_dna_once(spec):
  """Sweeping proposes each DNA of a discrete space once, then stops."""
  if spec.space_size > 2000:
    return
  proposals = _all(Sweeping(), spec)
  assert proposals == list(spec.iter_dna())
  for dna in proposals:
    spec.validate(dna)


def test_sweeps_custom_decision_points_through_their_functions():
  """A custom point is enumerated by its next_dna_fn (its size is unknown)."""
  spec = Space([Int(0, 1, location='a'), strategies.custom_point(2, location='w')])
  assert _all(Sweeping(), spec) == [
      DNA([0, 'w0']), DNA([0, 'w1']), DNA([1, 'w0']), DNA([1, 'w1'])]


def test_stop_iteration_message():
  """Exhaustion raises StopIteration saying how many were proposed."""
  algo = Sweeping()
  algo.setup(Space([Int(0, 1, location='a')]))
  algo.propose()
  algo.propose()
  with pytest.raises(StopIteration, match=r'Sweeping has proposed all 2 DNA of the space'):
    algo.propose()


def test_continuous_space_is_rejected_at_setup():
  """A Float anywhere in the space makes setup raise ValueError naming it."""
  spec = Space([Choices(1, [Space([Float(0.0, 1.0, location='f')]), Space()], location='c')])
  with pytest.raises(ValueError, match=r'Sweeping needs a discrete space, but this Float decision point is continuous\. \(path=c\[=0/2\]\.f\)'):
    Sweeping().setup(spec)


def test_custom_point_without_next_dna_fn_is_rejected():
  """A custom point without next_dna_fn makes setup raise ValueError naming it."""
  with pytest.raises(ValueError, match=r'custom decision point has no next_dna_fn\. \(path=u\)'):
    Sweeping().setup(Space([CustomDecisionPoint(location='u')]))


def test_recover_continues_the_sweep():
  """After recover, the sweep continues where the history stopped."""
  spec = Space([Int(0, 5, location='a')])
  algo = Sweeping()
  algo.setup(spec)
  algo.recover([(d, None) for d in list(spec.iter_dna())[:3]])
  assert algo.propose().value == 3
  assert algo.needs_feedback is False


def test_clone_restarts_the_sweep():
  """A clone of a sweep in progress is un-set-up and sweeps from the first DNA."""
  spec = Space([Int(1, 3, location='x')])
  algo = Sweeping()
  algo.setup(spec)
  algo.propose()
  copy = algo.clone()
  assert copy == algo and copy.dna_spec is None
  copy.setup(spec)
  assert copy.propose() == DNA(1) and algo.propose() == DNA(2)
