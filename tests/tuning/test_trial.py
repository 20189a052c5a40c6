"""Tests of Trial."""
from __future__ import annotations

import importlib
import time

import pytest

import pyglove as pg
from pyglove import geno
from pyglove.symbolic._compact import is_compact
from pyglove.tuning import Measurement
from pyglove.tuning import Trial
from pyglove.utils import from_json
from pyglove.utils import to_json


def test_a_new_trial_is_pending_without_measurements():
  """A trial starts PENDING, feasible, with no final measurement."""
  t = Trial(1, geno.DNA(0), created_time=10.0)
  assert (t.status, t.is_completed, t.infeasible) == ('PENDING', False, False)
  assert t.final_measurement is None and t.measurements == []


def test_final_measurement_is_the_last_one():
  """final_measurement is the last measurement appended."""
  t = Trial(1, geno.DNA(0), 0.0, measurements=[Measurement(0.1, step=1),
                                                Measurement(0.2, step=2)])
  assert t.final_measurement.step == 2


def test_reward_for_feedback_is_none_when_infeasible_or_unmeasured():
  """Skipped or unmeasured trials have no reward for feedback."""
  measured = [Measurement(0.3, {'acc': 0.9})]
  assert Trial(1, geno.DNA(0), 0.0).get_reward_for_feedback() is None
  assert Trial(1, geno.DNA(0), 0.0, infeasible=True,
               measurements=measured).get_reward_for_feedback() is None
  t = Trial(1, geno.DNA(0), 0.0, measurements=measured)
  assert t.get_reward_for_feedback() == 0.3
  assert t.get_reward_for_feedback(['reward', 'acc']) == (0.3, 0.9)


def test_repr_shows_id_dna_status_and_reward():
  """The repr names the id, DNA, status and final reward."""
  t = Trial(2, geno.DNA(1), 0.0, measurements=[Measurement(0.5)])
  assert repr(t) == ("Trial(id=2, dna=DNA(1), status='PENDING', "
                     'infeasible=False, reward=0.5)')


def test_json_round_trip_keeps_every_field():
  """A trial survives to_json/from_json, DNA and measurements included."""
  t = Trial(3, geno.DNA([0, 0.5]), 1.0, status='COMPLETED',
            measurements=[Measurement(0.7, {'acc': 0.8}, 5)],
            metadata={'host': 'w1', 'sizes': (1, 2), '_type': 'mine'},
            related_links={'log': 'http://x'}, completed_time=2.0)
  back = from_json(to_json(t))
  assert isinstance(back, Trial)
  assert (back.id, back.dna, back.status, back.infeasible) == (
      3, geno.DNA([0, 0.5]), 'COMPLETED', False)
  assert back.measurements == t.measurements
  assert back.metadata == {'host': 'w1', 'sizes': (1, 2), '_type': 'mine'}
  assert back.related_links == {'log': 'http://x'}
  assert (back.created_time, back.completed_time) == (1.0, 2.0)


def test_from_json_with_missing_keys_is_a_value_error():
  """Malformed trial JSON names the missing keys in a ValueError."""
  json_value = to_json(Trial(1, geno.DNA(0), 0.0))
  del json_value['status'], json_value['dna']
  with pytest.raises(ValueError, match=r"lacks \['dna', 'status'\]"):
    from_json(json_value)


def test_docstring_examples_run(run_doctests):
  """The module's docstring examples run as written."""
  run_doctests(importlib.import_module('pyglove.tuning._trial'))


def test_a_trial_and_its_measurements_display_as_trees():
  """A trial shows its fields in notebooks; a measurement shows its reward and metrics."""
  trial = Trial(3, geno.DNA(1), 0.0, status='COMPLETED',
                measurements=[Measurement(0.5, {'acc': 1.0})])
  html = trial._repr_html_()  # pylint: disable=protected-access
  for path in ('id', 'dna', 'status', 'measurements[0].reward', 'measurements[0].metrics.acc'):
    assert f'data-path="{path}"' in html, path
  measurement = Measurement(0.5, {'acc': 1.0})
  assert 'data-path="metrics.acc"' in measurement._repr_html_()  # pylint: disable=protected-access


def test_reference_constructor_arguments():
  """dna and created_time are optional; description and final_measurement are accepted."""
  before = time.time()
  trial = Trial(3, description='warm start', final_measurement=Measurement(0.7))
  assert trial.dna is None and trial.created_time >= before
  assert trial.description == 'warm start'
  assert trial.final_measurement == Measurement(0.7) and trial.reward == 0.7


def test_reward_reads_the_final_measurement():
  """trial.reward is the final measurement's reward; an explicit final one wins over the last."""
  trial = Trial(1, geno.DNA(0), 0.0, measurements=[Measurement(0.2), Measurement(0.4)])
  assert trial.reward == 0.4
  trial.final_measurement = Measurement(0.3)
  assert trial.reward == 0.3
  assert Trial(2, geno.DNA(0), 0.0).reward is None
  assert trial.get_reward_for_feedback() == 0.3
  assert trial.get_reward_for_feedback(metric_names=['reward']) == 0.3


def test_a_final_measurement_that_is_not_a_measurement_is_a_type_error():
  """Given or assigned, a wrong final_measurement raises TypeError naming the trial."""
  with pytest.raises(TypeError, match='final_measurement of trial 1 must be a Measurement'):
    Trial(1, final_measurement=0.5)
  trial = Trial(2)
  with pytest.raises(TypeError, match='final_measurement of trial 2 must be a Measurement'):
    trial.final_measurement = {'reward': 1.0}
  assert trial.final_measurement is None


def test_json_keeps_description_and_final_measurement():
  """Both round-trip through JSON; a trial without them writes neither key."""
  trial = Trial(1, geno.DNA(0), 0.0, measurements=[Measurement(0.1)], description='d',
                final_measurement=Measurement(0.9))
  restored = from_json(to_json(trial))
  assert restored.description == 'd' and restored.final_measurement == Measurement(0.9)
  assert 'description' not in to_json(Trial(2, geno.DNA(0), 0.0))


def test_a_trial_with_a_bad_reward_in_json_is_rejected():
  """A damaged file (reward 'high') fails to load with a TypeError naming the metric."""
  data = to_json(Trial(1, geno.DNA(0), 0.0, measurements=[Measurement(0.5)]))
  data['measurements'][0]['reward'] = 'high'
  with pytest.raises(TypeError, match="Metric 'reward' must be a real number; got 'high'"):
    from_json(data)


def test_a_trial_is_a_symbolic_object():
  """rebind, clone, sym_init_args and symbolic JSON work as on any pg.Object (as in the reference)."""
  trial = Trial(1, geno.DNA(0), 0.0, measurements=[Measurement(0.5)], metadata={'a': 1})
  assert isinstance(trial, pg.Object) and trial.sym_init_args.metadata.a == 1
  trial.rebind({'status': 'COMPLETED', 'measurements[0].reward': 0.7})
  assert trial.status == 'COMPLETED' and trial.reward == 0.7
  copy = trial.clone(deep=True)
  copy.rebind(description='copy')
  assert copy.description == 'copy' and trial.description is None
  restored = pg.from_json_str(trial.to_json_str())
  assert (restored.id, restored.status, restored.reward) == (1, 'COMPLETED', 0.7)


def test_loop_writes_keep_a_trial_plain_data():
  """Writing fields of a trial made by the constructor builds no symbolic state."""
  trial = Trial(1, geno.DNA(0), 0.0)
  trial.status, trial.completed_time = 'COMPLETED', 5.0
  trial.measurements.append(Measurement(0.2))
  trial.final_measurement = Measurement(0.3)
  assert is_compact(trial) and trial.reward == 0.3
  assert trial.sym_init_args.final_measurement == Measurement(0.3) and not is_compact(trial)
  trial.status = 'PENDING'  # Once symbolic, a write is a rebind.
  assert trial.sym_init_args.status == 'PENDING'


def test_a_symbolic_trial_checks_assigned_values():
  """Once symbolic, assigning a wrong type is refused and leaves the trial as it was."""
  trial = Trial(1, geno.DNA(0), 0.0)
  trial.rebind(description='x')
  with pytest.raises(TypeError):
    trial.infeasible = 'yes'
  assert trial.infeasible is False
