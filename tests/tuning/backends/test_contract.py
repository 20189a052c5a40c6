"""The backend contract: every backend (in-memory, sqlite, postgres) behaves the same."""
from __future__ import annotations

import pytest

import pyglove as pg
from pyglove import geno
from pyglove.tuning import Measurement
from tests.tuning.backends.conftest import reward_of
from tests.tuning.conftest import Recorder


def test_trial_ids_count_from_one_across_groups(backend_args, open_study):
  """Trials are numbered 1, 2, 3 in the order they are handed out."""
  study = open_study(backend_args)
  assert [study.next_trial(g).id for g in ('a', 'b', 'c')] == [1, 2, 3]


def test_group_gets_its_pending_trial_again(backend_args, open_study):
  """A group that asks again before reporting gets the same trial."""
  study = open_study(backend_args)
  first = study.next_trial('a')
  again = study.next_trial('a')
  assert (again.id, again.dna) == (first.id, first.dna)


def test_completion_feeds_back_once(backend_args, open_study):
  """A completed trial is fed back once; completing it again raises."""
  study = open_study(backend_args, algorithm=Recorder(seed=1))
  trial = study.next_trial('a')
  study.complete_trial(trial.id, Measurement(0.5))
  with pytest.raises(ValueError, match='already completed'):
    study.complete_trial(trial.id, Measurement(0.7))
  assert study.algorithm.fed == [(trial.dna, 0.5)]
  assert study.get_trial(trial.id).final_measurement.reward == 0.5


def test_completion_updates_the_trial_handed_out(backend_args, open_study):
  """The Trial object a loop holds shows its completion."""
  study = open_study(backend_args)
  trial = study.next_trial('a')
  study.add_measurement(trial.id, Measurement(0.1, step=1))
  study.complete_trial(trial.id, Measurement(0.2, step=2), metadata={'k': 1},
                       related_links={'log': 'http://x'})
  assert trial.is_completed and [m.step for m in trial.measurements] == [1, 2]
  stored = study.get_trial(trial.id)
  assert stored.metadata == {'k': 1}
  assert stored.related_links == {'log': 'http://x'}


def test_completion_without_measurement_raises(backend_args, open_study):
  """Completing a trial that reported nothing raises and leaves it pending."""
  study = open_study(backend_args)
  trial = study.next_trial('a')
  with pytest.raises(ValueError, match='no measurement'):
    study.complete_trial(trial.id)
  assert not study.get_trial(trial.id).is_completed


def test_done_uses_last_measurement(backend_args, open_study):
  """Completing without a new measurement feeds the last one added."""
  study = open_study(backend_args, algorithm=Recorder(seed=1))
  trial = study.next_trial('a')
  study.add_measurement(trial.id, Measurement(0.3, step=3))
  study.complete_trial(trial.id)
  assert study.algorithm.fed == [(trial.dna, 0.3)]


def test_skip_feeds_nothing(backend_args, open_study):
  """A skipped trial is infeasible, keeps its reason, and is not fed back."""
  study = open_study(backend_args, algorithm=Recorder(seed=1))
  trial = study.next_trial('a')
  study.skip_trial(trial.id, 'too big')
  stored = study.get_trial(trial.id)
  assert stored.infeasible and stored.metadata['skip_reason'] == 'too big'
  assert study.algorithm.fed == []
  with pytest.raises(ValueError, match='already completed'):
    study.skip_trial(trial.id)


def test_measurement_after_completion_raises(backend_args, open_study):
  """A completed trial takes no more measurements."""
  study = open_study(backend_args)
  trial = study.next_trial('a')
  study.complete_trial(trial.id, Measurement(1.0))
  with pytest.raises(ValueError, match='add a measurement to'):
    study.add_measurement(trial.id, Measurement(2.0))


def test_unknown_trial_raises_key_error(backend_args, open_study):
  """Asking for a trial that does not exist raises KeyError naming it."""
  study = open_study(backend_args)
  study.next_trial('a')
  with pytest.raises(KeyError, match='no trial 7'):
    study.get_trial(7)


def test_num_examples_ends_the_loop(backend_args, open_study):
  """After num_examples trials no more are handed out; the study then ends."""
  study = open_study(backend_args, num_examples=2)
  trials = [study.next_trial('a'), study.next_trial('b')]
  assert study.next_trial('c') is None
  assert study.result().is_active
  for t in trials:
    study.complete_trial(t.id, Measurement(1.0))
  assert not study.result().is_active


def test_exhausted_algorithm_ends_the_loop(backend_args, open_study):
  """A sweep over a finite space ends when every point was proposed."""
  spec = geno.Space([geno.Choices(1, [geno.Space(), geno.Space()],
                                  location='a')])
  study = open_study(backend_args, dna_spec=spec, algorithm=geno.Sweeping())
  for group in ('a', 'b'):
    study.complete_trial(study.next_trial(group).id, Measurement(1.0))
  assert study.next_trial('c') is None
  assert not study.result().is_active


def test_end_loop_stops_handing_out(backend_args, open_study):
  """After end_loop() this worker gets no trial."""
  study = open_study(backend_args)
  study.end_loop()
  assert study.next_trial('a') is None


def test_metadata_of_study_and_trial(backend_args, open_study):
  """Metadata entries are stored per study and per trial; unset reads None."""
  study = open_study(backend_args)
  trial = study.next_trial('a')
  study.set_metadata('owner', 'me')
  study.set_metadata('host', 'w1', trial.id)
  assert study.get_metadata('owner') == 'me'
  assert study.get_metadata('host', trial.id) == 'w1'
  assert study.get_metadata('absent') is None
  assert study.result().metadata == {'owner': 'me'}


def test_joining_shares_trials(backend_args, open_study):
  """Two handles on one named study share its trials."""
  first = open_study(backend_args, num_examples=5)
  second = open_study(backend_args)
  assert first.next_trial('a').id == 1
  assert second.next_trial('b').id == 2
  assert second.get_trial(1).dna == first.get_trial(1).dna


def test_joining_with_another_spec_raises(backend_args, open_study):
  """Joining a study with a different DNA spec raises ValueError."""
  open_study(backend_args)
  other = geno.Space([geno.Float(0.0, 2.0, location='x')])
  with pytest.raises(ValueError, match='Cannot join study .* DNA spec'):
    open_study(backend_args, dna_spec=other)


def test_joining_with_another_algorithm_raises(backend_args, open_study):
  """Joining with another kind of algorithm raises ValueError."""
  open_study(backend_args, algorithm=geno.Random(seed=1))
  with pytest.raises(ValueError, match='algorithm'):
    open_study(backend_args, algorithm=geno.Sweeping())


def test_should_stop_early_without_policy_is_false(backend_args, open_study):
  """Without a policy no trial stops early."""
  study = open_study(backend_args)
  trial = study.next_trial('a')
  study.add_measurement(trial.id, Measurement(0.1, step=1))
  assert not study.should_stop_early(trial.id)


def test_should_stop_early_asks_the_policy(backend_args, open_study):
  """The policy stops a trial whose value is below its threshold."""
  policy = pg.early_stopping.early_stop_by_value([(1, 0.5)])
  study = open_study(backend_args, early_stopping_policy=policy)
  low, high = study.next_trial('a'), study.next_trial('b')
  study.add_measurement(low.id, Measurement(0.1, step=1))
  study.add_measurement(high.id, Measurement(0.9, step=1))
  assert study.should_stop_early(low.id)
  assert not study.should_stop_early(high.id)


def test_sample_and_poll_result(backend_args, name):
  """pg.sample runs a loop on the backend and pg.poll_result reads it."""
  space = pg.Dict(x=pg.oneof([1, 2, 3]))
  for value, feedback in pg.sample(space, geno.Sweeping(), name=name,
                                   **backend_args):
    feedback(float(value.x))
  result = pg.poll_result(name, **backend_args)
  assert [t.id for t in result.trials] == [1, 2, 3]
  assert result.best_trial.final_measurement.reward == 3.0


def test_poll_result_of_unknown_study_raises(backend_args):
  """Polling a study that does not exist raises KeyError naming it."""
  with pytest.raises(KeyError, match='no-such-study'):
    pg.poll_result('no-such-study', **backend_args)


def test_multi_objective_rewards(backend_args, open_study):
  """Several metrics are fed back as a tuple."""
  from tests.tuning.conftest import MultiRecorder  # pylint: disable=g-import-not-at-top
  study = open_study(backend_args, algorithm=MultiRecorder(seed=1),
                     metrics_to_optimize=('reward', 'speed'))
  trial = study.next_trial('a')
  study.complete_trial(trial.id, Measurement(0.5, {'speed': 2.0}))
  assert study.algorithm.fed == [(trial.dna, (0.5, 2.0))]


def test_feedback_reaches_algorithm_in_order(backend_args, open_study):
  """Rewards reach the algorithm in completion order, with the proposed DNA."""
  study = open_study(backend_args, algorithm=Recorder(seed=3))
  trials = [study.next_trial(g) for g in 'abc']
  for t in reversed(trials):
    study.complete_trial(t.id, Measurement(reward_of(t.dna)))
  assert study.algorithm.fed == [(t.dna, reward_of(t.dna))
                                 for t in reversed(trials)]
