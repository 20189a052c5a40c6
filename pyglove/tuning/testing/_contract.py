"""The backend contract: what every backend must do, as a pytest suite to inherit.

A backend passes when a subclass that supplies its `pg.sample` keywords
passes every test (pytest collects the inherited methods)::

    import pytest
    from pyglove.tuning.testing import BackendContract

    class TestMyBackend(BackendContract):

      @pytest.fixture
      def backend_args(self, tmp_path):
        return {'backend': 'my-backend', 'root': str(tmp_path)}

The suite drives studies through `Backend.open_study` and loops through
`pg.sample`, and observes only public results (trials, `pg.poll_result`,
the algorithm's counters), so it holds for in-memory and shared storage
alike. It needs pytest, which `import pyglove` never imports.
"""
from __future__ import annotations

import itertools
from typing import Any

import pytest

from pyglove import geno
from pyglove.tuning import _sample
from pyglove.tuning._backend import resolve_backend
from pyglove.tuning._measurement import Measurement
from pyglove.tuning.early_stopping import early_stop_by_value

_NAMES = itertools.count()


def small_spec() -> geno.Space:
  """The space of the suite: a 4-way choice and a float."""
  return geno.Space([
      geno.Choices(1, [geno.Space() for _ in range(4)], location='a'),
      geno.Float(0.0, 1.0, location='b')])


class Failure(Exception):
  """What the suite's loop bodies raise."""


class BackendContract:
  """The contract of a backend, inherited by a test class per backend.

  Subclasses define the fixture `backend_args`: the keywords that select
  the backend in `pg.sample` and `pg.poll_result` (fresh storage per test).
  """

  @pytest.fixture
  def study_name(self) -> str:
    """A study name no other test uses."""
    return f'contract-{id(self)}-{next(_NAMES)}'

  def open(self, backend_args: dict[str, Any], name: str, *,
           dna_spec: Any = None, algorithm: Any = None,
           num_examples: int | None = None, policy: Any = None) -> Any:
    """Opens (or joins) study `name` on the backend."""
    kwargs = dict(backend_args)
    backend = resolve_backend(kwargs.pop('backend'), kwargs, 'the contract',
                              ())
    return backend.open_study(
        name=name, dna_spec=dna_spec or small_spec(), algorithm=algorithm,
        early_stopping_policy=policy, num_examples=num_examples,
        metrics_to_optimize=('reward',))

  # --- handing out -------------------------------------------------------

  def test_trial_ids_count_from_one_across_groups(self, backend_args,
                                                  study_name):
    """Trials are numbered 1, 2, 3 in the order they are handed out."""
    study = self.open(backend_args, study_name)
    assert [study.next_trial(g).id for g in 'abc'] == [1, 2, 3]

  def test_group_gets_its_pending_trial_again(self, backend_args, study_name):
    """A group that asks again before reporting gets the same trial."""
    study = self.open(backend_args, study_name)
    first = study.next_trial('a')
    again = study.next_trial('a')
    assert (again.id, again.dna) == (first.id, first.dna)

  def test_num_examples_ends_the_supply(self, backend_args, study_name):
    """After num_examples trials none is handed out; the study then ends."""
    study = self.open(backend_args, study_name, num_examples=2)
    trials = [study.next_trial('a'), study.next_trial('b')]
    assert study.next_trial('c') is None
    assert study.result().is_active
    for trial in trials:
      study.complete_trial(trial.id, Measurement(1.0))
    assert not study.result().is_active

  def test_an_exhausted_algorithm_ends_the_supply(self, backend_args,
                                                   study_name):
    """A sweep over a finite space ends when every point was proposed."""
    spec = geno.Space([geno.Choices(1, [geno.Space(), geno.Space()],
                                    location='a')])
    study = self.open(backend_args, study_name, dna_spec=spec,
                      algorithm=geno.Sweeping())
    for group in 'ab':
      study.complete_trial(study.next_trial(group).id, Measurement(1.0))
    assert study.next_trial('c') is None
    assert not study.result().is_active

  def test_end_loop_stops_handing_out(self, backend_args, study_name):
    """After end_loop() this worker gets no trial."""
    study = self.open(backend_args, study_name)
    study.end_loop()
    assert study.next_trial('a') is None

  # --- ending trials -----------------------------------------------------

  def test_completion_is_fed_once(self, backend_args, study_name):
    """A completed trial is fed back once; completing it again raises and changes nothing."""
    study = self.open(backend_args, study_name, algorithm=geno.Random(seed=1))
    trial = study.next_trial('a')
    study.complete_trial(trial.id, Measurement(0.5))
    with pytest.raises(ValueError, match='already completed'):
      study.complete_trial(trial.id, Measurement(0.7))
    assert study.algorithm.num_feedbacks == 1
    assert study.get_trial(trial.id).final_measurement.reward == 0.5

  def test_completion_updates_the_trial_handed_out(self, backend_args,
                                                   study_name):
    """The Trial object a loop holds shows its completion, metadata and links."""
    study = self.open(backend_args, study_name)
    trial = study.next_trial('a')
    study.add_measurement(trial.id, Measurement(0.1, step=1))
    study.complete_trial(trial.id, Measurement(0.2, step=2), metadata={'k': 1},
                         related_links={'log': 'http://x'})
    assert trial.is_completed and [m.step for m in trial.measurements] == [1, 2]
    stored = study.get_trial(trial.id)
    assert (stored.metadata, stored.related_links) == ({'k': 1},
                                                       {'log': 'http://x'})

  def test_completion_without_a_measurement_raises(self, backend_args,
                                                   study_name):
    """Completing a trial that reported nothing raises and leaves it pending."""
    study = self.open(backend_args, study_name)
    trial = study.next_trial('a')
    with pytest.raises(ValueError, match='no measurement'):
      study.complete_trial(trial.id)
    assert study.get_trial(trial.id).status == 'PENDING'

  def test_a_refused_reward_changes_nothing(self, backend_args, study_name):
    """A NaN reward raises; the trial stays pending and can still complete."""
    study = self.open(backend_args, study_name)
    trial = study.next_trial('a')
    with pytest.raises(ValueError, match='must be a finite number'):
      study.complete_trial(trial.id, Measurement(float('nan')))
    assert study.get_trial(trial.id).status == 'PENDING'
    study.complete_trial(trial.id, Measurement(1.0))
    assert study.algorithm.num_feedbacks == 1

  def test_done_uses_the_last_measurement(self, backend_args, study_name):
    """Completing without a new measurement keeps the last one as final."""
    study = self.open(backend_args, study_name)
    trial = study.next_trial('a')
    study.add_measurement(trial.id, Measurement(0.3, step=3))
    study.complete_trial(trial.id)
    assert study.get_trial(trial.id).final_measurement.reward == 0.3

  def test_skip_feeds_nothing(self, backend_args, study_name):
    """A skipped trial is completed and infeasible, keeps its reason, and is not fed back."""
    study = self.open(backend_args, study_name)
    trial = study.next_trial('a')
    study.skip_trial(trial.id, 'too big')
    stored = study.get_trial(trial.id)
    assert stored.is_completed and stored.infeasible
    assert stored.metadata['skip_reason'] == 'too big'
    assert study.algorithm.num_feedbacks == 0
    with pytest.raises(ValueError, match='already completed'):
      study.skip_trial(trial.id)

  def test_a_failed_trial_is_fed_nothing_and_not_counted(self, backend_args,
                                                         study_name):
    """fail_trial records the error; the study proposes another trial in its place."""
    study = self.open(backend_args, study_name, num_examples=1)
    trial = study.next_trial('a')
    study.fail_trial(trial.id, 'ValueError: boom')
    stored = study.get_trial(trial.id)
    assert stored.status == 'FAILED' and not stored.is_completed
    assert stored.metadata['error'] == 'ValueError: boom'
    assert trial.status == 'FAILED'
    replacement = study.next_trial('a')
    assert replacement.id == 2
    study.complete_trial(replacement.id, Measurement(1.0))
    assert study.next_trial('a') is None
    assert study.algorithm.num_feedbacks == 1
    with pytest.raises(ValueError, match=r'already failed \(ValueError: boom\)'):
      study.complete_trial(trial.id, Measurement(1.0))

  def test_a_measurement_after_completion_raises(self, backend_args,
                                                 study_name):
    """A completed trial takes no more measurements."""
    study = self.open(backend_args, study_name)
    trial = study.next_trial('a')
    study.complete_trial(trial.id, Measurement(1.0))
    with pytest.raises(ValueError, match='add a measurement to'):
      study.add_measurement(trial.id, Measurement(2.0))

  def test_an_unknown_trial_is_a_key_error(self, backend_args, study_name):
    """Asking for a trial that does not exist raises KeyError naming it."""
    study = self.open(backend_args, study_name)
    study.next_trial('a')
    with pytest.raises(KeyError, match='no trial 7; trial ids run from 1 to 1'):
      study.get_trial(7)
    with pytest.raises(KeyError, match="no trial '1'; trial ids are ints"):
      study.get_trial('1')

  # --- early stopping, metadata, joining ----------------------------------

  def test_should_stop_early_asks_the_policy(self, backend_args, study_name):
    """The policy stops a trial below its threshold; without one, nothing stops."""
    policy = early_stop_by_value([(1, 0.5)])()
    study = self.open(backend_args, study_name, policy=policy)
    low, high = study.next_trial('a'), study.next_trial('b')
    study.add_measurement(low.id, Measurement(0.1, step=1))
    study.add_measurement(high.id, Measurement(0.9, step=1))
    assert study.should_stop_early(low.id)
    assert not study.should_stop_early(high.id)
    plain = self.open(backend_args, f'{study_name}-plain')
    trial = plain.next_trial('a')
    plain.add_measurement(trial.id, Measurement(-100.0, step=1))
    assert not plain.should_stop_early(trial.id)
    plain.complete_trial(trial.id, Measurement(1.0))
    with pytest.raises(ValueError, match='Cannot early-stop trial 1'):
      plain.should_stop_early(trial.id)

  def test_metadata_of_study_and_trial(self, backend_args, study_name):
    """Metadata entries are stored per study and per trial; unset reads None."""
    study = self.open(backend_args, study_name)
    trial = study.next_trial('a')
    study.set_metadata('owner', 'me')
    study.set_metadata('host', 'w1', trial.id)
    assert study.get_metadata('owner') == 'me'
    assert study.get_metadata('host', trial.id) == 'w1'
    assert study.get_metadata('absent') is None
    assert study.result().metadata == {'owner': 'me'}

  def test_joining_shares_trials(self, backend_args, study_name):
    """Two handles on one named study share its trials."""
    first = self.open(backend_args, study_name, num_examples=5)
    second = self.open(backend_args, study_name)
    assert first.next_trial('a').id == 1
    assert second.next_trial('b').id == 2
    assert second.get_trial(1).dna == first.get_trial(1).dna

  def test_joining_with_other_settings_raises(self, backend_args, study_name):
    """Joining with another DNA spec or kind of algorithm raises ValueError."""
    self.open(backend_args, study_name, algorithm=geno.Random(seed=1))
    other = geno.Space([geno.Float(0.0, 2.0, location='x')])
    with pytest.raises(ValueError, match='Cannot join study .* DNA spec'):
      self.open(backend_args, study_name, dna_spec=other)
    with pytest.raises(ValueError, match='Cannot join study .* algorithm'):
      self.open(backend_args, study_name, algorithm=geno.Sweeping())

  # --- the loop ------------------------------------------------------------

  def test_sample_and_poll_result(self, backend_args, study_name):
    """pg.sample runs a loop on the backend and pg.poll_result reads it."""
    spec = geno.Space([geno.Choices(1, [geno.Space() for _ in range(3)],
                                    location='x')])
    for dna, feedback in _sample.sample(spec, geno.Sweeping(), name=study_name,
                                        **backend_args):
      feedback(float(dna.value))
    result = _sample.poll_result(study_name, **backend_args)
    assert [t.id for t in result.trials] == [1, 2, 3]
    assert result.best_trial.final_measurement.reward == 2.0

  def test_poll_result_of_an_unknown_study_raises(self, backend_args,
                                                  study_name):
    """Polling a study that does not exist raises KeyError naming it."""
    self.open(backend_args, study_name)
    with pytest.raises(KeyError, match='no-such-study'):
      _sample.poll_result('no-such-study', **backend_args)

  @pytest.mark.parametrize('error', [Failure, KeyboardInterrupt])
  def test_a_failing_loop_body_fails_its_trial_and_resumes(
      self, backend_args, study_name, error):
    """An exception in the body fails the trial and propagates; re-running continues at once."""
    with pytest.raises(error):
      for _, feedback in _sample.sample(small_spec(), name=study_name,
                                        num_examples=3, **backend_args):
        if feedback.id == 2:
          raise error('in the body')
        feedback(1.0)
    failed = _sample.poll_result(study_name, **backend_args).trials[1]
    assert failed.status == 'FAILED' and 'trial 2' in failed.metadata['error']
    ids = []
    for _, feedback in _sample.sample(small_spec(), name=study_name,
                                      **backend_args):
      ids.append(feedback.id)
      feedback(1.0)
    assert ids == [3, 4]
    trials = _sample.poll_result(study_name, **backend_args).trials
    assert [t.status for t in trials] == [
        'COMPLETED', 'FAILED', 'COMPLETED', 'COMPLETED']

  def test_an_iteration_without_feedback_raises(self, backend_args,
                                                study_name):
    """The loop names feedback() and skip() when an iteration reported nothing."""
    with pytest.raises(RuntimeError, match=r'neither fed back nor skipped; '
                       r'call feedback\(reward\)'):
      for _ in _sample.sample(small_spec(), name=study_name, num_examples=2,
                              **backend_args):
        pass
    trial = _sample.poll_result(study_name, **backend_args).trials[0]
    assert trial.status == 'FAILED'

  def test_reusing_a_finished_study_warns(self, backend_args, study_name):
    """A loop on a finished study warns with its name and number of trials."""
    for _, feedback in _sample.sample(small_spec(), name=study_name,
                                      num_examples=2, **backend_args):
      feedback(1.0)
    with pytest.warns(UserWarning, match=f"study '{study_name}' is already "
                      r'finished, with 2 trial\(s\)'):
      assert not list(_sample.sample(small_spec(), name=study_name,
                                     num_examples=2, **backend_args))
