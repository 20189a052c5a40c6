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
    replica = Replica.from_snapshot(snapshot[0], snapshot[1], small_spec())
  replica.replay([e for e in log if e[0] > replica.seq], small_spec(), 's')
  assert replica.seq == writer.seq
  assert sorted(replica.proposed) == sorted(writer.proposed)
  assert replica.algorithm.propose() == writer.algorithm.propose()


def test_the_replica_knows_the_latest_proposal_it_applied():
  """`last_trial` follows proposals, replayed or made; a snapshot leaves it unknown."""
  writer = _fresh(1)
  entries = [(1, PROPOSE, 1, _codec.dumps(writer.propose(1)), None),
             (2, PROPOSE, 2, _codec.dumps(writer.propose(2)), None)]
  writer.feedback(1, 0.5)
  entries.append((3, FEEDBACK, 1, None, _codec.dumps(0.5)))
  assert writer.last_trial == 2
  replica = _fresh(1)
  assert replica.last_trial == 0
  replica.replay(entries, small_spec(), 's')
  assert replica.last_trial == 2
  restored = Replica.from_snapshot(writer.snapshot(), writer.seq, small_spec())
  assert restored.last_trial is None
  restored.propose(3)
  assert restored.last_trial == 3


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


class _UserRandom(geno.Random):
  """A generator class of the user's own module (not of this library)."""


def _set_up(algorithm, spec, steps=6):
  algorithm.setup(spec)
  for i in range(steps):
    dna = algorithm.propose()
    if algorithm.needs_feedback:
      algorithm.feedback(dna, (1.0, float(i)) if algorithm.multi_objective else float(i))
  return algorithm


def _big_spec(discrete=False):
  return pg.dna_spec(pg.Dict(a=pg.oneof([1, 2, 3]),
                             b=pg.oneof([0.5, 1.5]) if discrete else pg.floatv(0.0, 1.0),
                             c=pg.manyof(2, [1, 2, 3]), d=pg.intv(1, 5)))


@pytest.mark.parametrize('make', [
    lambda: geno.Random(seed=1),
    lambda: geno.Sweeping(),
    lambda: pg.evolution.regularized_evolution(population_size=4, tournament_size=2, seed=1),
    lambda: pg.evolution.hill_climb(seed=1),
    lambda: pg.evolution.nsga2(seed=1),
    lambda: pg.generators.PPO(batch_size=2, seed=1),
    lambda: geno.Deduping(geno.Random(seed=1)),
], ids=['random', 'sweeping', 'evolution', 'hill_climb', 'nsga2', 'ppo', 'deduping'])
def test_snapshot_is_json_and_restores_without_trust(make):
  """A library generator's snapshot is JSON text; restored, it continues alike."""
  import json  # pylint: disable=g-import-not-at-top
  algorithm = make()
  spec = _big_spec(discrete=isinstance(algorithm, geno.Sweeping))
  algorithm = _set_up(algorithm, spec)
  pending = algorithm.propose()
  state = Replica(algorithm, {7: pending}, 12).snapshot()
  assert json.loads(state.decode('utf-8'))['format'] == 'pyglove.state'
  restored = Replica.from_snapshot(state, 12, spec)
  assert restored.seq == 12 and restored.proposed == {7: pending}
  assert restored.algorithm.dna_spec is spec
  assert restored.algorithm.propose() == algorithm.propose()


def test_snapshot_of_a_user_generator_needs_trust():
  """A class outside the library is refused by name, and loads with trusted=True."""
  spec = geno.Space([geno.Float(0.0, 1.0, location='x')])
  state = Replica(_set_up(_UserRandom(seed=2), spec), {}, 0).snapshot()
  with pytest.raises(pg.UnsafeLoadError, match=r'_UserRandom.*trusted=True'):
    Replica.from_snapshot(state, 0, spec)
  assert isinstance(Replica.from_snapshot(state, 0, spec, trusted=True).algorithm,
                    _UserRandom)


def test_snapshot_holding_functions_needs_trust():
  """An evolution with a Lambda operation stores its function; loading it needs trust."""
  spec = _big_spec()
  algorithm = pg.evolution.Evolution(
      pg.evolution.selectors.Top(1) >> pg.evolution.mutators.Uniform(),
      population_init=2,
      population_update=pg.evolution.Lambda(_keep_last_two), seed=1)
  state = Replica(_set_up(algorithm, spec), {}, 0).snapshot()
  with pytest.raises(pg.UnsafeLoadError, match=r'_keep_last_two.*trusted=True'):
    Replica.from_snapshot(state, 0, spec)
  restored = Replica.from_snapshot(state, 0, spec, trusted=True).algorithm
  assert restored.propose() == algorithm.propose()


def _keep_last_two(population):
  return population[-2:]


@pytest.mark.parametrize('state', [
    b'\x80\x04\x95\x05\x00\x00\x00\x00\x00\x00\x00K\x01.',  # A pickle.
    b'not json', b'[1, 2]', b'{"format": "pyglove.state", "version": 99, "value": 1}',
    b'{"format": "pyglove.state", "version": 1, "value": {"$": "dict", "items": []}}',
])
def test_anything_but_a_current_snapshot_is_refused(state):
  """Old pickles, other JSON and other versions: a ValueError saying what is expected."""
  with pytest.raises(ValueError, match='generator state|generator snapshot'):
    Replica.from_snapshot(state, 0, small_spec())


def test_sqlite_join_refuses_a_user_generator_unless_trusted(tmp_path):
  """A worker joining a study whose generator is a user class needs trusted=True on the backend."""
  from pyglove.tuning.backends import SqliteBackend  # pylint: disable=g-import-not-at-top
  spec = geno.Space([geno.Float(0.0, 1.0, location='x')])
  path = str(tmp_path / 'study.db')
  first = SqliteBackend(path=path).open_study(
      name='s', dna_spec=spec, algorithm=_UserRandom(seed=1),
      early_stopping_policy=None, num_examples=None, metrics_to_optimize=['reward'])
  try:
    with pytest.raises(pg.UnsafeLoadError, match='_UserRandom'):
      joined = SqliteBackend(path=path).open_study(
          name='s', dna_spec=spec, algorithm=None, early_stopping_policy=None,
          num_examples=None, metrics_to_optimize=['reward'])
      joined.next_trial('g')
    trusted = SqliteBackend(path=path, trusted=True).open_study(
        name='s', dna_spec=spec, algorithm=None, early_stopping_policy=None,
        num_examples=None, metrics_to_optimize=['reward'])
    assert trusted.next_trial('g').id == 1
  finally:
    first.close()


@pytest.mark.parametrize('entry, message', [
    ((1, 'exec', 1, None, None), "unknown kind 'exec'"),
    ((1, FEEDBACK, 9, None, '1.0'), 'which no earlier entry proposed'),
])
def test_malformed_log_entries_raise_value_error(entry, message):
  """An entry of an unknown kind, or feedback for no proposal, is a ValueError."""
  replica = _fresh(1)
  with pytest.raises(ValueError, match=message):
    replica.replay([entry], replica.algorithm.dna_spec, 's')
