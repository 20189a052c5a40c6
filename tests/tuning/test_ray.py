"""Tests for pyglove.tuning._ray: the Ray Tune searcher and `ray_example`."""
from __future__ import annotations

import importlib.util
import json
import logging
import math
import os
import signal
import subprocess
import sys
import time
from typing import Any

import hypothesis
from hypothesis import strategies as st
import pytest

ray = pytest.importorskip('ray')
tune = pytest.importorskip('ray.tune')
from ray import cloudpickle

import pyglove as pg
from pyglove import geno
from pyglove.tuning import _ray
from tests.tuning.conftest import MultiRecorder
from tests.tuning.conftest import Recorder

SPACE = pg.Dict(x=pg.oneof([1, 2, 3]), y=pg.floatv(0.0, 1.0))


class CountingSearcher(_ray.RaySearcher):
  """Records each completion Ray reports and the most trials pending at a suggestion."""

  def __init__(self, *args: Any, **kwargs: Any) -> None:
    super().__init__(*args, **kwargs)
    self.completions = []
    self.most_pending = 0

  def suggest(self, trial_id: str) -> Any:
    config = super().suggest(trial_id)
    self.most_pending = max(self.most_pending, len(self.pending_trial_ids))
    return config

  def on_trial_complete(self, trial_id: str, result: Any = None,
                        error: bool = False) -> None:
    self.completions.append((trial_id, error))
    super().on_trial_complete(trial_id, result, error)


class StopOnce(tune.Callback):
  """Interrupts the run (as Ctrl+C would) after n completions, once per marker file."""

  def __init__(self, n: int, marker: str) -> None:
    self.n = n
    self.marker = marker
    self.seen = 0

  def on_trial_complete(self, iteration: int, trials: Any, trial: Any,
                        **info: Any) -> None:
    self.seen += 1
    if self.seen == self.n and not os.path.exists(self.marker):
      with open(self.marker, 'w', encoding='utf-8'):
        pass
      os.kill(os.getpid(), signal.SIGUSR1)


def trainable(config: dict[str, Any]) -> dict[str, float]:
  """A trivial trial: the reward is x * y of the decoded example."""
  example = pg.tuning.ray_example(config, SPACE)
  return {'reward': example.x * example.y}


def gated_trainable(config: dict[str, Any], gate: str) -> dict[str, float]:
  """Like `trainable`, but holds once the run is being stopped, until it is resumed.

  So the interrupted run ends with work left however slowly Tune handles
  the interrupt, and the resumed run finishes it.
  """
  stopped = os.path.join(gate, 'stopped')
  resumed = os.path.join(gate, 'resumed')
  deadline = time.monotonic() + 120
  while (os.path.exists(stopped) and not os.path.exists(resumed)
         and time.monotonic() < deadline):
    time.sleep(0.05)  # Tune ends this trial (the run stops) meanwhile.
  return trainable(config)


def crashing_trainable(config: dict[str, Any]) -> dict[str, float]:
  """Like `trainable`, but crashes for x == 3."""
  example = pg.tuning.ray_example(config, SPACE)
  if example.x == 3:
    raise RuntimeError('x == 3 crashes')
  return {'reward': float(example.x)}


@pytest.fixture(scope='module')
def ray_session():
  """One small local Ray instance for the Tuner tests of this module."""
  ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
           configure_logging=False)
  yield
  ray.shutdown()


def run_config(path: str, **kwargs: Any) -> tune.RunConfig:
  """A quiet RunConfig writing under `path`."""
  return tune.RunConfig(name='exp', storage_path=path, verbose=0, **kwargs)


def first_proposals(algorithm: geno.DNAGenerator, n: int) -> list[geno.DNA]:
  """The first n proposals of `algorithm` on SPACE, run on its own."""
  algorithm.setup(pg.dna_spec(SPACE))
  return [algorithm.propose() for _ in range(n)]


# --- suggestions and ray_example ---


def test_suggest_gives_dna_json_and_decisions_by_name():
  """A suggestion holds the DNA's JSON and its decisions' literal values by name."""
  searcher = _ray.RaySearcher(SPACE, pg.geno.Random(seed=1))
  config = searcher.suggest('t1')
  dna = searcher.history[0][0]
  assert pg.DNA.from_json(config['dna']) == dna
  assert config['decisions'] == {'x': [1, 2, 3][dna[0].value],
                                 'y': dna[1].value}
  assert searcher.pending_trial_ids == ['t1']


def test_ray_example_decodes_the_child_program():
  """ray_example turns a suggestion back into the concrete value."""
  searcher = _ray.RaySearcher(SPACE, pg.geno.Random(seed=3))
  config = searcher.suggest('t1')
  example = pg.tuning.ray_example(config, SPACE)
  dna = searcher.history[0][0]
  assert example == pg.template(SPACE).decode(dna)
  assert pg.is_deterministic(example)


def test_ray_example_gives_the_dna_for_a_dna_spec():
  """For a DNASpec space the example is the DNA itself."""
  spec = pg.dna_spec(SPACE)
  config = {'dna': pg.DNA([1, 0.25]).to_json()}
  assert pg.tuning.ray_example(config, spec) == pg.DNA([1, 0.25])


def test_ray_example_gives_a_dynamic_example_for_a_function():
  """For a define-by-run function the example applies the DNA when entered."""

  def fn():
    return pg.oneof([10, 20]) + 1

  searcher = _ray.RaySearcher(fn, pg.geno.Sweeping())
  searcher.suggest('t1')
  example = pg.tuning.ray_example(searcher.suggest('t2'), fn)
  assert isinstance(example, pg.tuning.DynamicExample)
  with example():
    assert fn() == 21


def test_ray_example_without_dna_raises_key_error():
  """A config not made by a RaySearcher is refused, naming its keys."""
  with pytest.raises(KeyError, match=r"no 'dna' entry.*\['lr'\]"):
    pg.tuning.ray_example({'lr': 0.1}, SPACE)


def test_ray_example_with_a_dna_of_another_space_raises_value_error():
  """A DNA that does not fit the space is refused."""
  with pytest.raises(ValueError):
    pg.tuning.ray_example({'dna': pg.DNA([7, 0.5]).to_json()}, SPACE)


def test_an_exhausted_generator_finishes_the_search():
  """Once Sweeping has enumerated the space, suggest returns FINISHED."""
  searcher = _ray.RaySearcher(pg.oneof([1, 2]), pg.geno.Sweeping())
  assert isinstance(searcher.suggest('a'), dict)
  assert isinstance(searcher.suggest('b'), dict)
  assert searcher.suggest('c') == tune.search.Searcher.FINISHED


def test_default_algorithm_is_random():
  """Without an algorithm the searcher samples at random."""
  assert isinstance(_ray.RaySearcher(SPACE).algorithm, pg.geno.Random)


# --- feedback ---


def test_completion_feeds_the_metric_back_once():
  """A trial's metric reaches the generator once, however often Ray reports it."""
  algorithm = Recorder(seed=1)
  searcher = _ray.RaySearcher(SPACE, algorithm)
  searcher.suggest('t1')
  searcher.on_trial_complete('t1', {'reward': 0.5})
  searcher.on_trial_complete('t1', {'reward': 0.9})
  assert [r for _, r in algorithm.fed] == [0.5]
  assert searcher.history[0][1] == 0.5
  assert not searcher.pending_trial_ids


def test_mode_min_negates_the_metric():
  """Generators maximize, so a minimized metric is fed negated."""
  algorithm = Recorder(seed=1)
  searcher = _ray.RaySearcher(SPACE, algorithm, metric='loss', mode='min')
  searcher.suggest('t1')
  searcher.on_trial_complete('t1', {'loss': 2.0})
  assert algorithm.fed[0][1] == -2.0


def test_errored_trial_is_recorded_without_reward():
  """An errored trial is done, feeds nothing, and later trials still work."""
  algorithm = Recorder(seed=1)
  searcher = _ray.RaySearcher(SPACE, algorithm)
  searcher.suggest('t1')
  searcher.suggest('t2')
  searcher.on_trial_complete('t1', None, error=True)
  searcher.on_trial_complete('t2', {'reward': 1.0})
  assert [r for _, r in searcher.history] == [None, 1.0]
  assert len(algorithm.fed) == 1 and not searcher.pending_trial_ids


def test_completion_without_result_feeds_nothing():
  """A trial completing without a result is done with no reward."""
  algorithm = Recorder(seed=1)
  searcher = _ray.RaySearcher(SPACE, algorithm)
  searcher.suggest('t1')
  searcher.on_trial_complete('t1')
  assert not algorithm.fed and not searcher.pending_trial_ids


def test_unknown_trial_is_ignored():
  """A completion for a trial this searcher never suggested changes nothing."""
  algorithm = Recorder(seed=1)
  searcher = _ray.RaySearcher(SPACE, algorithm)
  searcher.on_trial_complete('other', {'reward': 1.0})
  assert not algorithm.fed and not searcher.history


def test_missing_metric_warns_and_feeds_nothing(caplog):
  """A result without the metric is logged and not fed back."""
  algorithm = Recorder(seed=1)
  searcher = _ray.RaySearcher(SPACE, algorithm)
  searcher.suggest('t1')
  with caplog.at_level(logging.WARNING, logger=_ray.__name__):
    searcher.on_trial_complete('t1', {'accuracy': 0.5})
  assert "trial t1 completed without metric 'reward'" in caplog.text
  assert "['accuracy']" in caplog.text
  assert not algorithm.fed and searcher.history[0][1] is None


@pytest.mark.parametrize('value', [math.nan, math.inf])
def test_non_finite_metric_warns_and_feeds_nothing(caplog, value):
  """A NaN or infinite metric is logged and not fed back."""
  algorithm = Recorder(seed=1)
  searcher = _ray.RaySearcher(SPACE, algorithm)
  searcher.suggest('t1')
  with caplog.at_level(logging.WARNING, logger=_ray.__name__):
    searcher.on_trial_complete('t1', {'reward': value})
  assert f"trial t1 reported metric 'reward' = {value!r}" in caplog.text
  assert not algorithm.fed


@pytest.mark.parametrize('value', ['high', True, None])
def test_non_number_metric_raises_type_error(value):
  """A metric that is not a number is a programming error and says where."""
  searcher = _ray.RaySearcher(SPACE, Recorder(seed=1))
  searcher.suggest('t1')
  with pytest.raises(TypeError,
                     match=r"trial t1 reported metric 'reward' = .*expected a number"):
    searcher.on_trial_complete('t1', {'reward': value})


def test_multi_objective_reward_is_a_tuple_with_min_metrics_negated():
  """Several metrics give a tuple reward, each in its own mode's direction."""
  algorithm = MultiRecorder(seed=1)
  searcher = _ray.RaySearcher(SPACE, algorithm, metric=['acc', 'latency'],
                              mode=['max', 'min'])
  searcher.suggest('t1')
  searcher.on_trial_complete('t1', {'acc': 0.9, 'latency': 3.0})
  assert algorithm.fed[0][1] == (0.9, -3.0)


def test_one_mode_applies_to_every_metric():
  """A single mode string is used for all metrics of a multi-objective search."""
  searcher = _ray.RaySearcher(SPACE, MultiRecorder(seed=1),
                              metric=('a', 'b'), mode='min')
  assert searcher.metric == ['a', 'b'] and searcher.mode == ['min', 'min']


# --- argument checks ---


def test_algorithm_must_be_a_dna_generator():
  """Anything but a DNAGenerator as algorithm is a TypeError naming it."""
  with pytest.raises(TypeError, match="algorithm must be a pg.DNAGenerator; got 'random'"):
    _ray.RaySearcher(SPACE, 'random')


def test_metric_list_for_a_single_objective_generator_raises_value_error():
  """Several metrics need a multi-objective generator."""
  with pytest.raises(ValueError, match=r"single-objective generator takes "
                     r"one metric; got metric=\['a', 'b'\]"):
    _ray.RaySearcher(SPACE, Recorder(seed=1), metric=['a', 'b'])


def test_one_metric_for_a_multi_objective_generator_raises_value_error():
  """A multi-objective generator needs a list of metrics."""
  with pytest.raises(ValueError, match="needs a list of metrics; got metric='reward'"):
    _ray.RaySearcher(SPACE, MultiRecorder(seed=1))


def test_unknown_mode_raises_value_error():
  """Only 'max' and 'min' are modes."""
  with pytest.raises(ValueError, match="mode must be 'max' or 'min'; got 'up'"):
    _ray.RaySearcher(SPACE, mode='up')


@pytest.mark.parametrize('mode', [['max'], ['max', 'down'], 3])
def test_bad_mode_list_raises_value_error(mode):
  """Modes for several metrics must be one per metric, each 'max' or 'min'."""
  with pytest.raises(ValueError, match=r"one per metric \['a', 'b'\]; got"):
    _ray.RaySearcher(SPACE, MultiRecorder(seed=1), metric=['a', 'b'], mode=mode)


@pytest.mark.parametrize('metric', [3, [], ['a', 2]])
def test_bad_metric_type_raises_type_error(metric):
  """A metric is a str or a non-empty list of str."""
  with pytest.raises(TypeError, match='metric must be a str or a non-empty list of str; got'):
    _ray.RaySearcher(SPACE, MultiRecorder(seed=1), metric=metric)


def test_search_properties_take_the_tuners_metric_and_mode():
  """TuneConfig's metric and mode replace the constructor's; None keeps them."""
  searcher = _ray.RaySearcher(SPACE)
  assert searcher.set_search_properties(None, 'min', {'lr': 0.1})
  assert (searcher.metric, searcher.mode) == ('reward', 'min')
  assert searcher.set_search_properties('acc', None, {})
  assert (searcher.metric, searcher.mode) == ('acc', 'min')


def test_search_properties_check_the_metric():
  """A TuneConfig mode that is not a mode is refused as in the constructor."""
  with pytest.raises(ValueError, match="mode must be 'max' or 'min'"):
    _ray.RaySearcher(SPACE).set_search_properties(None, 'best', {})


@pytest.mark.parametrize('config', [
    {'lr': tune.choice([0.1, 0.2])},
    {'opt': {'lr': tune.uniform(0.0, 1.0)}},
    {'layers': [1, tune.randint(1, 3)]},
])
def test_search_properties_refuse_tune_domains(config):
  """A param_space holding Tune domains is refused so Ray reports the conflict."""
  assert not _ray.RaySearcher(SPACE).set_search_properties(None, None, config)


# --- save and restore ---


@hypothesis.settings(max_examples=30, deadline=None)
@hypothesis.given(
    seed=st.integers(0, 2**16),
    outcomes=st.lists(st.one_of(st.none(), st.just('error'),
                                st.floats(-10, 10)), max_size=12),
    more=st.integers(1, 5))
def test_restore_continues_like_an_uninterrupted_run(tmp_path_factory, seed,
                                                     outcomes, more):
  """After save/restore a fresh searcher proposes exactly what the original would next."""
  searcher = _ray.RaySearcher(SPACE, pg.geno.Random(seed=seed))
  for i, outcome in enumerate(outcomes):
    searcher.suggest(f't{i}')
    if outcome == 'error':
      searcher.on_trial_complete(f't{i}', None, error=True)
    elif outcome is not None:
      searcher.on_trial_complete(f't{i}', {'reward': outcome})
  path = str(tmp_path_factory.mktemp('ckpt') / 'state.json')
  searcher.save(path)
  restored = _ray.RaySearcher(SPACE, pg.geno.Random(seed=seed))
  restored.restore(path)
  assert restored.history == searcher.history
  assert restored.pending_trial_ids == searcher.pending_trial_ids
  assert restored.algorithm.num_feedbacks == searcher.algorithm.num_feedbacks
  for j in range(more):
    assert (restored.suggest(f'n{j}') == searcher.suggest(f'n{j}'))
  expected = first_proposals(pg.geno.Random(seed=seed), len(outcomes) + more)
  assert [dna for dna, _ in restored.history] == expected


GENERATORS = {
    'random': lambda: pg.geno.Random(seed=1),
    'regularized_evolution': lambda: pg.evolution.regularized_evolution(
        population_size=4, tournament_size=2, seed=1),
    'hill_climb': lambda: pg.evolution.hill_climb(batch_size=2, seed=1),
    'ppo': lambda: pg.generators.PPO(batch_size=3, seed=1),
    'nsga2': lambda: pg.evolution.nsga2(population_size=4, seed=1),
}


def drive(searcher: _ray.RaySearcher, first: int, count: int) -> None:
  """Runs `count` trials two at a time, each pair completing in reverse order."""
  metric = searcher.metric
  for i in range(first, first + count, 2):
    ids = [f't{i}', f't{i + 1}']
    for trial_id in ids:
      searcher.suggest(trial_id)
    for trial_id in reversed(ids):
      value = float(len(trial_id))
      result = ({'reward': value} if isinstance(metric, str)
                else {m: value for m in metric})
      searcher.on_trial_complete(trial_id, result)


@pytest.mark.parametrize('name', sorted(GENERATORS))
def test_every_generator_runs_and_restores_alike(tmp_path, name):
  """Any generator runs two trials at a time; two restores of one checkpoint continue alike."""
  metric = ['a', 'b'] if GENERATORS[name]().multi_objective else 'reward'
  searcher = _ray.RaySearcher(SPACE, GENERATORS[name](), metric=metric)
  drive(searcher, 0, 12)
  searcher.suggest('p1')
  searcher.suggest('p2')
  searcher.save(str(tmp_path / 's.json'))
  runs = []
  for _ in range(2):
    restored = _ray.RaySearcher(SPACE, GENERATORS[name](), metric=metric)
    restored.restore(str(tmp_path / 's.json'))
    assert restored.pending_trial_ids == ['p1', 'p2']
    restored.on_trial_complete('p2', {'reward': 1.0, 'a': 1.0, 'b': 1.0})
    restored.on_trial_complete('p1', {'reward': 2.0, 'a': 2.0, 'b': 2.0})
    drive(restored, 100, 8)
    assert restored.algorithm.num_feedbacks == 12 + 2 + 8
    runs.append(restored.history)
  assert runs[0] == runs[1] and len(runs[0]) == 22


@pytest.mark.parametrize('name', sorted(GENERATORS))
def test_restore_is_exact_with_trials_in_flight(tmp_path, name):
  """A restored searcher continues exactly as the uninterrupted one, trials in flight included."""
  metric = ['a', 'b'] if GENERATORS[name]().multi_objective else 'reward'
  original = _ray.RaySearcher(SPACE, GENERATORS[name](), metric=metric)
  drive(original, 0, 12)
  for trial_id in ('p1', 'p2', 'p3'):
    original.suggest(trial_id)
  original.on_trial_complete('p2', {'reward': 5.0, 'a': 5.0, 'b': 1.0})
  original.save(str(tmp_path / 's.json'))
  restored = _ray.RaySearcher(SPACE, GENERATORS[name](), metric=metric)
  restored.restore(str(tmp_path / 's.json'))
  assert restored.pending_trial_ids == original.pending_trial_ids == ['p1', 'p3']
  for searcher in (original, restored):
    searcher.on_trial_complete('p3', {'reward': 1.0, 'a': 1.0, 'b': 3.0})
    searcher.suggest('p4')
    searcher.on_trial_complete('p1', {'reward': 2.0, 'a': 2.0, 'b': 2.0})
    drive(searcher, 100, 10)
  assert restored.history == original.history


def test_an_unseeded_generator_restores_from_the_logged_history(tmp_path,
                                                                caplog):
  """A generator that proposes otherwise on replay keeps the logged DNA, with a warning."""
  searcher = _ray.RaySearcher(SPACE, pg.geno.Random(seed=1))
  drive(searcher, 0, 4)
  searcher.save(str(tmp_path / 's.json'))
  restored = _ray.RaySearcher(SPACE, pg.geno.Random(seed=2))
  with caplog.at_level(logging.WARNING):
    restored.restore(str(tmp_path / 's.json'))
  assert 'give it a seed for an exact restore' in caplog.text
  assert restored.history == searcher.history


def test_restore_refuses_events_out_of_order(tmp_path):
  """A checkpoint whose events do not fit its trials is a ValueError."""
  path = tmp_path / 's.json'
  searcher = _ray.RaySearcher(SPACE, pg.geno.Random(seed=1))
  drive(searcher, 0, 2)
  searcher.save(str(path))
  state = json.loads(path.read_text())
  state['events'] = [['feedback', 0]] + state['events']
  path.write_text(json.dumps(state))
  with pytest.raises(ValueError, match=r"has event \['feedback', 0\] out of "
                     'order with its 2 trials'):
    _ray.RaySearcher(SPACE, pg.geno.Random(seed=1)).restore(str(path))


@pg.symbolize
class Conv:
  """A stand-in layer with a searchable width."""

  def __init__(self, filters, act='relu'):
    self.filters = filters
    self.act = act


def test_conditional_decisions_have_readable_names():
  """Result tables show layers[1].filters, not layers[1][=0/2].filters, and literal values."""
  space = pg.Dict(layers=[
      pg.oneof(['identity', Conv(filters=pg.oneof([16, 32]))]),
      pg.oneof([Conv(filters=pg.oneof([8, 64]), act=pg.oneof(['relu', 'tanh'])),
                'pool'])])
  dna = pg.DNA([(1, 1), (0, [1, 0])])
  decisions = _ray.readable_decisions(dna.use_spec(pg.dna_spec(space)))
  assert decisions == {'layers[0]': 'Conv(...)', 'layers[0].filters': 32,
                       'layers[1]': 'Conv(...)', 'layers[1].filters': 64,
                       'layers[1].act': 'relu'}


def test_pending_trial_is_fed_back_after_restore(tmp_path):
  """A trial still running at the checkpoint is fed back when it completes later."""
  searcher = _ray.RaySearcher(SPACE, Recorder(seed=1))
  searcher.suggest('t1')
  searcher.save(str(tmp_path / 's.json'))
  algorithm = Recorder(seed=1)
  restored = _ray.RaySearcher(SPACE, algorithm)
  restored.restore(str(tmp_path / 's.json'))
  restored.on_trial_complete('t1', {'reward': 4.0})
  assert algorithm.fed == [(searcher.history[0][0], 4.0)]
  assert restored.pending_trial_ids == []


def test_multi_objective_rewards_survive_save_and_restore(tmp_path):
  """Tuple rewards come back as tuples."""
  searcher = _ray.RaySearcher(SPACE, MultiRecorder(seed=1), metric=['a', 'b'])
  searcher.suggest('t1')
  searcher.on_trial_complete('t1', {'a': 1.0, 'b': 2.0})
  searcher.save(str(tmp_path / 's.json'))
  restored = _ray.RaySearcher(SPACE, MultiRecorder(seed=1), metric=['a', 'b'])
  restored.restore(str(tmp_path / 's.json'))
  assert restored.history[0][1] == (1.0, 2.0)
  assert restored.algorithm.fed[0][1] == (1.0, 2.0)


@pytest.mark.parametrize('content, version', [
    ('{"version": 0, "trials": []}', '0'),
    ('{"version": 1}', '1'),
    ('[1, 2]', 'None'),
])
def test_restore_refuses_a_file_of_another_version(tmp_path, content, version):
  """A file that is not a checkpoint of this version is a ValueError."""
  path = tmp_path / 's.json'
  path.write_text(content)
  with pytest.raises(ValueError, match='not a RaySearcher checkpoint of '
                     f'version 2; got version {version}'):
    _ray.RaySearcher(SPACE).restore(str(path))


def test_restore_refuses_a_file_that_is_not_json(tmp_path):
  """A file that is not JSON (e.g. a pickle) is a ValueError, never unpickled."""
  path = tmp_path / 's.pkl'
  path.write_bytes(cloudpickle.dumps({'version': 1}))
  with pytest.raises(ValueError):
    _ray.RaySearcher(SPACE).restore(str(path))


def test_restore_refuses_another_kind_of_generator(tmp_path):
  """A checkpoint of a Random search does not restore into a Sweeping one."""
  path = str(tmp_path / 's.json')
  _ray.RaySearcher(SPACE, pg.geno.Random(seed=1)).save(path)
  with pytest.raises(ValueError, match='written by a Random search; this searcher runs Sweeping'):
    _ray.RaySearcher(pg.oneof([1, 2]), pg.geno.Sweeping()).restore(path)


def test_restore_refuses_another_space(tmp_path):
  """A checkpoint for other decisions is a ValueError listing both."""
  path = str(tmp_path / 's.json')
  _ray.RaySearcher(SPACE, pg.geno.Random(seed=1)).save(path)
  other = pg.Dict(z=pg.oneof([1, 2]))
  with pytest.raises(ValueError, match=r"decisions \['x', 'y'\]; this "
                     r"searcher's space has \['z'\]"):
    _ray.RaySearcher(other, pg.geno.Random(seed=1)).restore(path)


def test_searcher_pickles_with_its_state():
  """Tuner pickles the searcher (tuner.pkl): the copy keeps history and generator."""
  searcher = _ray.RaySearcher(SPACE, pg.geno.Random(seed=1))
  searcher.suggest('t1')
  searcher.on_trial_complete('t1', {'reward': 1.0})
  copy = cloudpickle.loads(cloudpickle.dumps(searcher))
  assert copy.history == searcher.history
  assert copy.suggest('t2') == searcher.suggest('t2')


# --- lazy import ---


def test_import_pyglove_does_not_import_ray():
  """`import pyglove` never needs Ray; pg.tuning.RaySearcher loads it on use."""
  code = ('import sys, pyglove as pg; assert "ray" not in sys.modules; '
          'pg.tuning.RaySearcher; assert "ray" in sys.modules')
  subprocess.run([sys.executable, '-c', code], check=True)


def test_unknown_tuning_attribute_raises_attribute_error():
  """The lazy lookup still refuses names that do not exist."""
  with pytest.raises(AttributeError, match="'pyglove.tuning' has no attribute 'Nope'"):
    getattr(pg.tuning, 'Nope')


def test_missing_ray_raises_import_error_naming_the_extra(monkeypatch):
  """Without Ray the module says which extra to install."""
  monkeypatch.setitem(sys.modules, 'ray.tune.search', None)
  spec = importlib.util.spec_from_file_location('_ray_without_ray', _ray.__file__)
  with pytest.raises(ImportError, match=r"install the 'ray' extra: pip install 'pyglove\[ray\]'"):
    spec.loader.exec_module(importlib.util.module_from_spec(spec))


# --- with Ray Tune ---


def test_ten_trials_under_concurrency_limiter_of_two(ray_session, tmp_path):
  """Ten trials run with at most two pending, each fed back once, none repeated."""
  searcher = CountingSearcher(SPACE, pg.geno.Random(seed=5))
  tuner = tune.Tuner(
      trainable,
      tune_config=tune.TuneConfig(
          search_alg=tune.search.ConcurrencyLimiter(searcher, 2),
          num_samples=10),
      run_config=run_config(str(tmp_path)))
  results = tuner.fit()
  assert len(results) == 10 and not results.errors
  assert searcher.most_pending == 2
  assert len(searcher.completions) == 10 and searcher.algorithm.num_feedbacks == 10
  dnas = [pg.DNA.from_json(r.config['dna']) for r in results]
  assert sorted(dnas) == sorted(first_proposals(pg.geno.Random(seed=5), 10))
  rewards = {pg.DNA.from_json(r.config['dna']): r.metrics['reward'] for r in results}
  assert all(rewards[dna] == reward for dna, reward in searcher.history)


def test_crashed_trial_gives_one_completion_and_no_reward(ray_session, tmp_path):
  """A trial that raises is completed once, as an error, and fed nothing."""
  searcher = CountingSearcher(SPACE, Recorder(seed=2))
  tuner = tune.Tuner(
      crashing_trainable,
      tune_config=tune.TuneConfig(
          search_alg=tune.search.ConcurrencyLimiter(searcher, 2),
          num_samples=6),
      run_config=run_config(str(tmp_path)))
  results = tuner.fit()
  crashed = [dna for dna, _ in searcher.history if pg.template(SPACE).decode(dna).x == 3]
  assert crashed and len(results.errors) == len(crashed)
  assert len(searcher.completions) == 6
  assert len({trial_id for trial_id, _ in searcher.completions}) == 6
  assert sum(error for _, error in searcher.completions) == len(crashed)
  assert len(searcher.algorithm.fed) == 6 - len(crashed)
  assert all(reward is None for dna, reward in searcher.history if dna in crashed)


def test_tuner_restore_after_interrupt_has_no_duplicates(ray_session, tmp_path):
  """An interrupted run restored with Tuner.restore finishes its trials, none twice."""
  searcher = _ray.RaySearcher(SPACE, pg.geno.Random(seed=7))
  stop = StopOnce(4, str(tmp_path / 'stopped'))
  gated = tune.with_parameters(gated_trainable, gate=str(tmp_path))
  tuner = tune.Tuner(
      gated,
      tune_config=tune.TuneConfig(
          search_alg=tune.search.ConcurrencyLimiter(searcher, 2),
          num_samples=10),
      run_config=run_config(str(tmp_path), callbacks=[stop]))
  tuner.fit()
  assert len(searcher.history) < 10  # interrupted early, with work left
  (tmp_path / 'resumed').touch()
  results = tune.Tuner.restore(str(tmp_path / 'exp'), gated).fit()
  assert len(results) == 10 and not results.errors
  dnas = [pg.DNA.from_json(r.config['dna']) for r in results]
  assert sorted(dnas) == sorted(first_proposals(pg.geno.Random(seed=7), 10))
  final = _ray.RaySearcher(SPACE, pg.geno.Random(seed=7))
  final.restore_from_dir(str(tmp_path / 'exp'))
  assert len(final.history) == 10 and not final.pending_trial_ids
  assert final.algorithm.num_feedbacks == 10


def test_docstring_examples_run(ray_session, run_doctests, monkeypatch):
  """The examples in the module's docstrings run as shown."""
  # Ray's newer console output prints a banner even with verbose=0; the
  # classic reporter honours it, so the example's output is only its result.
  monkeypatch.setenv('RAY_AIR_NEW_OUTPUT', '0')
  run_doctests(_ray)
