"""The one trial lifecycle: what every backend shares."""
from __future__ import annotations

import fcntl
import importlib
import os

from pyglove import geno
from pyglove.tuning import Measurement
from pyglove.tuning.backends import _replica
from tests.tuning.backends.conftest import reward_of
from tests.tuning.conftest import MultiRecorder
from tests.tuning.conftest import Recorder


# The algorithm sees what a sequential run would (this needs a generator
# outside the library's, hence trusted snapshots: the conftest's open_study).

def test_feedback_reaches_the_algorithm_in_order(backend_args, open_study):
  """Rewards reach the algorithm in completion order, with the proposed DNA."""
  study = open_study(backend_args, algorithm=Recorder(seed=3))
  trials = [study.next_trial(g) for g in 'abc']
  for t in reversed(trials):
    study.complete_trial(t.id, Measurement(reward_of(t.dna)))
  assert study.algorithm.fed == [(t.dna, reward_of(t.dna))
                                 for t in reversed(trials)]


def test_multi_objective_rewards_are_tuples(backend_args, open_study):
  """Several metrics are fed back as a tuple."""
  study = open_study(backend_args, algorithm=MultiRecorder(seed=1),
                     metrics_to_optimize=('reward', 'speed'))
  trial = study.next_trial('a')
  study.complete_trial(trial.id, Measurement(0.5, {'speed': 2.0}))
  assert study.algorithm.fed == [(trial.dna, (0.5, 2.0))]


def test_skipped_and_failed_trials_are_not_fed(backend_args, open_study):
  """Skips and failures never reach the algorithm; completions do, once."""
  study = open_study(backend_args, algorithm=Recorder(seed=2))
  a, b, c = (study.next_trial(g) for g in 'abc')
  study.skip_trial(a.id)
  study.fail_trial(b.id, 'boom')
  study.complete_trial(c.id, Measurement(1.0))
  assert study.algorithm.fed == [(c.dna, 1.0)]


def test_one_algorithm_per_kind_of_space(backend_args, open_study):
  """A sweep proposes every point once across groups."""
  spec = geno.Space([geno.Choices(1, [geno.Space() for _ in range(3)],
                                  location='a')])
  study = open_study(backend_args, dna_spec=spec, algorithm=geno.Sweeping())
  dnas = [study.next_trial(g).dna for g in 'abc']
  assert len(set(map(repr, dnas))) == 3


def test_the_loop_holds_the_trial_object_it_was_handed(backend_args,
                                                        open_study):
  """Measurements and completions show on the Trial object the loop holds."""
  study = open_study(backend_args)
  trial = study.next_trial('a')
  study.add_measurement(trial.id, Measurement(0.1, step=1))
  study.set_metadata('host', 'w1', trial.id)
  assert [m.step for m in trial.measurements] == [1]
  assert trial.metadata == {'host': 'w1'}
  study.fail_trial(trial.id, 'boom')
  assert trial.status == 'FAILED' and trial.metadata['error'] == 'boom'


def test_no_heartbeat_when_leases_never_expire(spec):
  """The in-memory store's claims never expire, so no thread renews them."""
  from pyglove.tuning import InMemoryBackend  # pylint: disable=g-import-not-at-top
  study = InMemoryBackend().open_study(
      name=None, dna_spec=spec, algorithm=None, early_stopping_policy=None,
      num_examples=None, metrics_to_optimize=['reward'])
  study.next_trial('a')
  assert study._stop_heartbeat is None  # pylint: disable=protected-access


def test_a_long_replay_happens_outside_the_lock(tmp_path, open_study,
                                                monkeypatch):
  """A worker far behind the log replays it while other workers may write."""
  sqlite_path = os.fspath(tmp_path / 'late.db')
  args = {'backend': 'sqlite', 'path': sqlite_path}
  busy = open_study(args)
  for _ in range(80):
    trial = busy.next_trial('a')
    busy.complete_trial(trial.id, Measurement(1.0))
  late = open_study(args)
  lock_free_during_replays = []
  replay = _replica.Replica.replay

  def spying_replay(self, entries, dna_spec, study):
    entries = list(entries)
    if len(entries) > 1:
      fd = os.open(f'{sqlite_path}-lock', os.O_RDONLY)
      try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        lock_free_during_replays.append(True)
      except BlockingIOError:
        lock_free_during_replays.append(False)
      finally:
        os.close(fd)
    return replay(self, entries, dna_spec, study)

  monkeypatch.setattr(_replica.Replica, 'replay', spying_replay)
  assert late.next_trial('b').id == 81
  assert lock_free_during_replays == [True]


def test_doc_examples(run_doctests):
  """The module's examples run."""
  run_doctests(importlib.import_module('pyglove.tuning._lifecycle'))
