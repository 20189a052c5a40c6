"""Generator replicas: replaying the log reaches the state of a sequential run."""
from __future__ import annotations

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
import pytest

import pyglove as pg
from pyglove import geno
from pyglove.tuning.backends import _codec
from pyglove.tuning.backends._replica import DROP
from pyglove.tuning.backends._replica import FEEDBACK
from pyglove.tuning.backends._replica import PROPOSE
from pyglove.tuning.backends._replica import Replica
from tests.tuning.backends.conftest import reward_of
from tests.tuning.backends.conftest import small_spec


def _fresh(seed: int) -> Replica:
  algorithm = pg.evolution.regularized_evolution(population_size=3,
                                                 tournament_size=2, seed=seed)
  algorithm.setup(small_spec())
  return Replica(algorithm, {}, 0)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(['propose', 'feedback', 'drop']), max_size=25),
       st.integers(0, 25))
def test_replay_reaches_the_writer_state(ops, snapshot_at):
  """Any log replayed, from the start or a snapshot, gives the writer's state."""
  writer, log, open_trials, snapshot = _fresh(1), [], [], None
  for op in ops:
    if op == 'propose':
      trial_id = len([e for e in log if e[1] == PROPOSE]) + 1
      dna = writer.propose(trial_id)
      log.append((writer.seq, PROPOSE, trial_id, _codec.dumps(dna), None))
      open_trials.append(trial_id)
    elif open_trials:
      trial_id = open_trials.pop(0)
      if op == 'feedback':
        reward = reward_of(writer.proposed[trial_id])
        writer.feedback(trial_id, reward)
        log.append((writer.seq, FEEDBACK, trial_id, None, _codec.dumps(reward)))
      else:
        writer.seq += 1
        writer.proposed.pop(trial_id)
        log.append((writer.seq, DROP, trial_id, None, None))
    if len(log) == snapshot_at:
      snapshot = (writer.snapshot(), writer.seq)
  replica = _fresh(1)
  if snapshot is not None:
    replica = Replica.from_snapshot(*snapshot)
  replica.replay([e for e in log if e[0] > replica.seq], small_spec(), 's')
  assert replica.seq == writer.seq
  assert sorted(replica.proposed) == sorted(writer.proposed)
  assert replica.algorithm.propose() == writer.algorithm.propose()


def test_diverging_proposal_raises_value_error():
  """A replayed proposal unlike the logged one raises, naming the entry."""
  writer = _fresh(1)
  entry = (1, PROPOSE, 1, _codec.dumps(writer.propose(1)), None)
  with pytest.raises(ValueError, match='replaying log entry 1.*not deterministic'):
    _fresh(2).replay([entry], small_spec(), 's')


def test_propose_on_exhausted_generator_changes_nothing():
  """StopIteration from the generator leaves the replica's position as it was."""
  spec = geno.Space([geno.Choices(1, [geno.Space()], location='a')])
  algorithm = geno.Sweeping()
  algorithm.setup(spec)
  replica = Replica(algorithm, {}, 0)
  replica.propose(1)
  with pytest.raises(StopIteration):
    replica.propose(2)
  assert (replica.seq, sorted(replica.proposed)) == (1, [1])
