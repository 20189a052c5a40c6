"""Tests of the in-memory backend's study (the Study contract on its default implementation)."""
from __future__ import annotations

import importlib
import threading

import pytest

from pyglove import geno
from pyglove.tuning import InMemoryBackend
from pyglove.tuning import Measurement
from pyglove.tuning import early_stopping


def _open(spec, name=None, num_examples=None, algorithm=None, policy=None):
  return InMemoryBackend().open_study(
      name=name, dna_spec=spec, algorithm=algorithm,
      early_stopping_policy=policy, num_examples=num_examples,
      metrics_to_optimize=['reward'])


def test_next_trial_hands_out_new_trials_per_group(spec):
  """Each group gets its own trial; a group's pending trial comes back."""
  study = _open(spec)
  a, b = study.next_trial('a'), study.next_trial('b')
  assert (a.id, b.id) == (1, 2)
  assert study.next_trial('a') is a


def test_next_trial_is_none_once_num_examples_exist(spec):
  """After num_examples trials, a group without a pending trial gets None."""
  study = _open(spec, num_examples=1)
  trial = study.next_trial('a')
  assert study.next_trial('b') is None
  assert study.next_trial('a') is trial


def test_next_trial_is_none_when_the_algorithm_is_exhausted(discrete_spec):
  """A StopIteration from propose() ends the study's supply of trials."""
  study = _open(discrete_spec, algorithm=geno.Sweeping())
  for _ in range(6):
    study.complete_trial(study.next_trial('g').id, Measurement(0.0))
  assert study.next_trial('g') is None
  assert not study.result().is_active


def test_get_trial_with_an_unknown_id_is_a_key_error(spec):
  """An id outside 1..n raises KeyError naming the valid range."""
  study = _open(spec, name=None)
  study.next_trial('g')
  with pytest.raises(KeyError, match='has no trial 2; trial ids run from 1 to 1'):
    study.get_trial(2)


def test_complete_without_a_measurement_is_a_value_error(spec):
  """Completing a trial that reported nothing raises and leaves it pending."""
  study = _open(spec)
  trial = study.next_trial('g')
  with pytest.raises(ValueError, match='has no measurement'):
    study.complete_trial(trial.id)
  assert trial.status == 'PENDING'


class Picky(geno.Random):
  """Random search that refuses negative rewards."""

  def _feedback(self, dna, reward):
    if reward < 0:
      raise ValueError('Picky takes no negative reward')


def test_a_rejected_reward_leaves_the_trial_pending(spec):
  """If the algorithm rejects the reward, the study does not change."""
  study = _open(spec, algorithm=Picky(seed=1))
  trial = study.next_trial('g')
  with pytest.raises(ValueError, match='no negative reward'):
    study.complete_trial(trial.id, Measurement(-1.0))
  assert trial.status == 'PENDING' and trial.measurements == []
  study.complete_trial(trial.id, Measurement(1.0))
  assert study.algorithm.num_feedbacks == 1


@pytest.mark.parametrize('action', [
    lambda s, i: s.add_measurement(i, Measurement(1.0)),
    lambda s, i: s.complete_trial(i, Measurement(1.0)),
    lambda s, i: s.skip_trial(i),
    lambda s, i: s.should_stop_early(i),
])
def test_acting_on_a_completed_trial_is_a_value_error(spec, action):
  """Every change to a completed trial raises ValueError naming it."""
  study = _open(spec)
  trial_id = study.next_trial('g').id
  study.complete_trial(trial_id, Measurement(0.5))
  with pytest.raises(ValueError, match='trial 1 of study None: it is already completed'):
    action(study, trial_id)
  assert study.get_trial(trial_id).measurements == [Measurement(0.5)]


def test_metadata_lives_on_the_trial_or_the_study(spec):
  """set_metadata with a trial id targets the trial, without it the study."""
  study = _open(spec)
  trial_id = study.next_trial('g').id
  study.set_metadata('k', 1, trial_id)
  study.set_metadata('k', 2)
  assert (study.get_metadata('k', trial_id), study.get_metadata('k')) == (1, 2)
  assert study.get_metadata('other') is None
  assert study.result().metadata == {'k': 2}


def test_complete_records_metadata_and_links(spec):
  """complete_trial adds metadata and related links to the trial."""
  study = _open(spec)
  trial_id = study.next_trial('g').id
  trial = study.complete_trial(trial_id, Measurement(1.0), {'note': 'ok'},
                               {'log': 'http://log'})
  assert trial.metadata == {'note': 'ok'}
  assert trial.related_links == {'log': 'http://log'}
  assert trial.completed_time >= trial.created_time


def test_should_stop_early_without_a_policy_is_false(spec):
  """A study without a policy never stops trials early."""
  study = _open(spec)
  trial_id = study.next_trial('g').id
  study.add_measurement(trial_id, Measurement(-100.0, step=10))
  assert study.should_stop_early(trial_id) is False


def test_the_policy_is_set_up_with_the_spec(spec):
  """open_study sets the early-stopping policy up on the study's spec."""
  policy = early_stopping.early_stop_by_value([(0, 0.0)])()
  _open(spec, policy=policy)
  assert policy.dna_spec is spec


def test_result_is_active_until_every_trial_is_done(spec):
  """is_active stays True while trials can be proposed or are pending."""
  study = _open(spec, num_examples=2)
  first, second = study.next_trial('a'), study.next_trial('b')
  study.complete_trial(first.id, Measurement(1.0))
  assert study.result().is_active
  study.skip_trial(second.id)
  assert not study.result().is_active


def test_end_loop_stops_handing_out_trials(spec):
  """After end_loop(), next_trial returns None, even for a pending trial."""
  study = _open(spec)
  study.next_trial('g')
  study.end_loop()
  assert study.next_trial('g') is None and not study.result().is_active


def test_concurrent_threads_get_distinct_trials(spec):
  """Threads sharing one study never get the same trial or id."""
  study = _open(spec, num_examples=200)
  ids = []

  def work(group):
    while (trial := study.next_trial(group)) is not None:
      ids.append(trial.id)
      study.complete_trial(trial.id, Measurement(1.0))

  threads = [threading.Thread(target=work, args=(f'g{i}',)) for i in range(4)]
  for t in threads:
    t.start()
  for t in threads:
    t.join()
  assert sorted(ids) == list(range(1, 201))
  assert study.algorithm.num_proposals == 200


def test_docstring_examples_run(run_doctests):
  """The module's docstring examples run as written."""
  run_doctests(importlib.import_module('pyglove.tuning._in_memory'))
