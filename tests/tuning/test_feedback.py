"""Tests of Feedback: measurements, completion, skip, metadata and exception handling."""
from __future__ import annotations

import importlib

import pytest

from pyglove.tuning import Feedback
from pyglove.tuning import InMemoryBackend


def _feedback(spec, metrics=('reward',), algorithm=None):
  study = InMemoryBackend().open_study(
      name=None, dna_spec=spec, algorithm=algorithm, early_stopping_policy=None,
      num_examples=None, metrics_to_optimize=list(metrics))
  return Feedback(metrics, study, study.next_trial('g')), study


def test_id_dna_and_trial_come_from_the_study(spec):
  """id, dna and get_trial() describe the trial handed out."""
  feedback, study = _feedback(spec)
  trial = study.get_trial(1)
  assert (feedback.id, feedback.dna) == (1, trial.dna)
  assert feedback.get_trial() is trial
  assert feedback.metrics_to_optimize == ('reward',)


def test_add_measurement_records_values_and_elapsed_time(spec):
  """add_measurement stores reward, metrics, step, checkpoint and elapsed time."""
  feedback, _ = _feedback(spec)
  feedback.add_measurement(0.5, {'acc': 1}, step=3, checkpoint_path='/ckpt')
  m = feedback.get_trial().final_measurement
  assert (m.reward, m.metrics, m.step, m.checkpoint_path) == (
      0.5, {'acc': 1.0}, 3, '/ckpt')
  assert m.elapse_secs >= 0.0


def test_reward_may_be_given_in_metrics(spec):
  """metrics={'reward': x} stands for the reward."""
  feedback, _ = _feedback(spec)
  feedback(metrics={'reward': 0.25})
  assert feedback.get_trial().final_measurement.reward == 0.25


def test_call_defaults_the_step_to_the_last_measurement(spec):
  """feedback(reward) without a step reuses the last measurement's step."""
  feedback, _ = _feedback(spec)
  feedback.add_measurement(0.1, step=7)
  feedback(0.2, elapse_secs=4.0, metadata={'a': 1}, related_links={'x': 'y'})
  trial = feedback.get_trial()
  assert [m.step for m in trial.measurements] == [7, 7]
  assert trial.final_measurement.elapse_secs == 4.0
  assert (trial.metadata, trial.related_links) == ({'a': 1}, {'x': 'y'})


def test_call_without_values_completes_with_the_last_measurement(spec):
  """feedback() with no values is done()."""
  feedback, _ = _feedback(spec)
  feedback.add_measurement(0.4, step=1)
  feedback()
  trial = feedback.get_trial()
  assert trial.is_completed and len(trial.measurements) == 1


def test_done_without_a_measurement_is_a_value_error(spec):
  """done() on a trial that reported nothing raises ValueError."""
  feedback, _ = _feedback(spec)
  with pytest.raises(ValueError, match='has no measurement.*skip'):
    feedback.done()


@pytest.mark.parametrize('kwargs, error, message', [
    (dict(reward=1.0, step=1.5), TypeError, 'step must be an int; got 1.5'),
    (dict(reward=1.0, step=-1), ValueError, 'step must be >= 0; got -1'),
    (dict(reward=1.0, metrics=[1.0]), TypeError, 'metrics must be a dict'),
    (dict(reward=1.0, metrics={1: 1.0}), TypeError, 'Metric names must be str; got 1'),
    (dict(reward=1.0, metrics={'a': 'x'}), TypeError, "Metric 'a' must be a real number"),
    (dict(metrics={'acc': 1.0}), ValueError,
     r"reported no value for \['reward'\], which are metrics to optimize"),
])
def test_bad_measurements_raise_and_record_nothing(spec, kwargs, error, message):
  """Malformed measurements raise the documented error and leave the trial empty."""
  feedback, _ = _feedback(spec)
  with pytest.raises(error, match=message):
    feedback.add_measurement(**kwargs)
  assert feedback.get_trial().measurements == []


def test_missing_optimized_metric_is_a_value_error(spec, multi_recorder):
  """With two metrics to optimize, reporting only one raises ValueError."""
  feedback, _ = _feedback(spec, ('reward', 'speed'), multi_recorder)
  with pytest.raises(ValueError, match=r"no value for \['speed'\]"):
    feedback(1.0)
  with pytest.raises(ValueError, match="Metric 'speed' must be a finite number"):
    feedback(1.0, metrics={'speed': float('inf')})
  assert multi_recorder.num_feedbacks == 0


def test_skip_records_the_reason(spec):
  """skip(reason) completes the trial as infeasible with the reason as metadata."""
  feedback, _ = _feedback(spec)
  feedback.skip('diverged')
  trial = feedback.get_trial()
  assert trial.infeasible and trial.metadata['skip_reason'] == 'diverged'


def test_metadata_per_trial_and_per_study(spec):
  """set/get_metadata reach the trial by default and the study with per_trial=False."""
  feedback, study = _feedback(spec)
  feedback.set_metadata('k', 'trial')
  feedback.set_metadata('k', 'study', per_trial=False)
  assert feedback.get_metadata('k') == 'trial'
  assert feedback.get_metadata('k', per_trial=False) == 'study'
  assert study.result().metadata == {'k': 'study'}


def test_end_loop_ends_the_study_for_this_worker(spec):
  """end_loop() makes the study hand out no more trials."""
  feedback, study = _feedback(spec)
  feedback.end_loop()
  assert study.next_trial('other') is None


def test_skip_on_exceptions_skips_on_a_listed_type(spec):
  """A listed exception escaping the block is swallowed and skips the trial."""
  feedback, _ = _feedback(spec)
  with feedback.skip_on_exceptions(MemoryError):
    raise MemoryError('too big')
  trial = feedback.get_trial()
  assert trial.infeasible
  assert trial.metadata['skip_reason'] == 'MemoryError: too big'


def test_skip_on_exceptions_matches_the_message_regex(spec):
  """A (type, regex) pair skips only when the regex is found in the message."""
  feedback, _ = _feedback(spec)
  with pytest.raises(ValueError, match='other'):
    with feedback.skip_on_exceptions([(ValueError, 'NaN')]):
      raise ValueError('other')
  assert not feedback.get_trial().is_completed
  with feedback.skip_on_exceptions([KeyError, (ValueError, 'NaN')]):
    raise ValueError('loss is NaN')
  assert feedback.get_trial().infeasible


def test_skip_on_exceptions_lets_other_exceptions_through(spec):
  """An unlisted exception propagates and the trial stays pending."""
  feedback, _ = _feedback(spec)
  with pytest.raises(KeyError):
    with feedback.skip_on_exceptions((ValueError,)):
      raise KeyError('k')
  assert not feedback.get_trial().is_completed


def test_skip_on_exceptions_after_completion_swallows_without_skipping(spec):
  """A listed exception after the trial completed is swallowed; the trial stays done."""
  feedback, _ = _feedback(spec)
  with feedback.skip_on_exceptions(RuntimeError):
    feedback(1.0)
    raise RuntimeError('late')
  trial = feedback.get_trial()
  assert trial.is_completed and not trial.infeasible


@pytest.mark.parametrize('exceptions', [5, [ValueError, 'x'], [(int, 'x')]])
def test_skip_on_exceptions_rejects_non_exception_types(spec, exceptions):
  """Anything but exception types or (type, regex) pairs is a TypeError."""
  feedback, _ = _feedback(spec)
  with pytest.raises(TypeError, match='skip_on_exceptions takes'):
    with feedback.skip_on_exceptions(exceptions):
      pass


def test_docstring_examples_run(run_doctests, spec):
  """The module's docstring examples run as written, each on a fresh trial."""
  run_doctests(importlib.import_module('pyglove.tuning._feedback'),
               lambda: {'feedback': _feedback(spec)[0]})


def test_links_added_during_the_trial_are_saved_when_it_completes(spec):
  """add_link buffers a named link; completing the trial stores it with the others given."""
  feedback, study = _feedback(spec)
  feedback.add_link('logs', 'https://example.com/1')
  feedback(0.5, related_links={'board': 'https://example.com/b'})
  assert study.get_trial(1).related_links == {
      'logs': 'https://example.com/1', 'board': 'https://example.com/b'}
  with pytest.raises(TypeError, match='add_link takes a str name and a str url'):
    feedback.add_link('logs', 3)


def test_checkpoint_to_warm_start_from_reads_the_trial_metadata(spec):
  """None by default; the trial's 'checkpoint_to_warm_start_from' entry when set."""
  feedback, _ = _feedback(spec)
  assert feedback.checkpoint_to_warm_start_from is None
  feedback.set_metadata('checkpoint_to_warm_start_from', '/ckpt/7')
  assert feedback.checkpoint_to_warm_start_from == '/ckpt/7'


def test_a_subclass_may_follow_the_reference_interface():
  """Feedback(metrics_to_optimize) as in the reference; a subclass supplies id and dna."""

  class Fixed(Feedback):

    @property
    def id(self):
      return 7

    @property
    def dna(self):
      return 'dna'

  feedback = Fixed(['reward', 'acc'])
  assert (feedback.id, feedback.dna, feedback.metrics_to_optimize) == (7, 'dna', ('reward', 'acc'))
  with pytest.raises(TypeError, match='made without a study and trial'):
    Feedback(['reward']).id  # pylint: disable=expression-not-assigned
