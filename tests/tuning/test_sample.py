"""Tests of pg.sample and pg.poll_result on DNA specs (the loop's contract)."""
from __future__ import annotations

import importlib
import itertools
import math

import hypothesis
from hypothesis import strategies as st
import pytest

import pyglove as pg
from pyglove import geno
from pyglove.tuning import sample, poll_result


def test_trial_ids_start_at_one_and_num_examples_is_honoured(spec):
  """Trials are numbered 1..n and exactly num_examples are handed out."""
  ids = []
  for dna, feedback in sample(spec, geno.Random(seed=1), num_examples=7):
    assert isinstance(dna, geno.DNA)
    ids.append(feedback.id)
    feedback(1.0)
  assert ids == list(range(1, 8))


def test_examples_of_a_dna_spec_are_the_trial_dna(spec):
  """For a DNA spec, the example is the DNA the algorithm proposed."""
  for dna, feedback in sample(spec, num_examples=2):
    assert dna is feedback.dna
    assert dna.spec is not None
    feedback(0.0)


def test_default_algorithm_is_random(spec, study_name):
  """Without an algorithm, pg.sample uses pg.geno.Random."""
  for _, feedback in sample(spec, num_examples=1, name=study_name):
    feedback(1.0)
  study = pg.tuning.InMemoryBackend._studies[study_name]
  assert isinstance(study.algorithm, geno.Random)


def test_paper_aliases_are_accepted(spec):
  """search_space=, trials= and partition_fn=None (paper spellings) work."""
  seen = [f.id for _, f in sample(search_space=spec, algorithm=geno.Random(seed=2),
                                  trials=3, partition_fn=None)
          if f(1.0) is None]
  assert seen == [1, 2, 3]


def test_hyper_value_keyword_is_accepted(spec):
  """hyper_value= (the reference's first parameter) names the space too."""
  assert len([f(1.0) for _, f in sample(hyper_value=spec, num_examples=2)]) == 2


@pytest.mark.parametrize('kwargs, names', [
    (dict(space=1, search_space=2), 'search_space and space'),
    (dict(space=1, num_examples=1, trials=2), 'num_examples and trials'),
    (dict(space=1, where=len, partition_fn=len), 'partition_fn and where'),
])
def test_an_argument_given_twice_is_a_type_error(kwargs, names):
  """Giving an argument and its alias raises TypeError naming both."""
  with pytest.raises(TypeError, match=f'got {names}, which are the same'):
    sample(**kwargs)


def test_missing_space_is_a_type_error():
  """pg.sample without a search space raises TypeError."""
  with pytest.raises(TypeError, match='needs a search space'):
    sample()


def test_loop_without_num_examples_ends_when_the_algorithm_is_exhausted(
    discrete_spec):
  """Sweeping over 6 points yields exactly 6 trials, then the loop ends."""
  dnas = []
  for dna, feedback in sample(discrete_spec, geno.Sweeping()):
    dnas.append(dna)
    feedback(0.0)
  assert len(dnas) == 6 == len(set(dnas))


def test_an_iteration_without_feedback_raises_and_fails_the_trial(
    spec, recorder, study_name):
  """Asking for the next example before reporting is an error naming feedback() and skip()."""
  loop = sample(spec, recorder, num_examples=3, name=study_name)
  next(loop)
  with pytest.raises(RuntimeError, match=r'trial 1 neither fed back nor '
                     r'skipped; call feedback\(reward\).*feedback.skip\(\)'):
    next(loop)
  trial = poll_result(study_name).trials[0]
  assert trial.status == 'FAILED' and 'neither fed back' in trial.metadata['error']
  assert recorder.fed == []


def test_skip_completes_the_trial_as_infeasible_and_feeds_nothing(
    spec, recorder, study_name):
  """skip() marks the trial infeasible and the algorithm never hears of it."""
  for _, feedback in sample(spec, recorder, num_examples=4, name=study_name):
    if feedback.id % 2:
      feedback.skip('odd')
    else:
      feedback(float(feedback.id))
  trials = poll_result(study_name).trials
  assert [t.infeasible for t in trials] == [True, False, True, False]
  assert trials[0].metadata['skip_reason'] == 'odd'
  assert [r for _, r in recorder.fed] == [2.0, 4.0]


def test_done_after_measurements_feeds_the_last_one(spec, recorder):
  """done() completes the trial with its last measurement's reward."""
  for _, feedback in sample(spec, recorder, num_examples=1):
    feedback.add_measurement(0.1, step=1)
    feedback.add_measurement(0.7, step=2)
    feedback.done()
  assert [r for _, r in recorder.fed] == [0.7]


def test_end_loop_ends_every_loop_on_the_study(spec, study_name):
  """end_loop() stops this loop and any other loop on the same study."""
  other = sample(spec, name=study_name, num_examples=10)
  seen = []
  for _, feedback in sample(spec, name=study_name, num_examples=10):
    seen.append(feedback.id)
    feedback(1.0)
    if feedback.id == 3:
      feedback.end_loop()
  assert seen == [1, 2, 3]
  with pytest.warns(UserWarning, match=f"study '{study_name}' is already "
                    r'finished, with 3 trial\(s\)'):
    assert list(other) == []
  result = poll_result(study_name)
  assert len(result.trials) == 3 and not result.is_active


def test_end_loop_leaves_the_current_trial_pending(spec, study_name):
  """A trial that called end_loop() without feedback stays pending."""
  for _, feedback in sample(spec, name=study_name, num_examples=5):
    feedback.end_loop()
  assert poll_result(study_name).trials[0].status == 'PENDING'


def test_named_loops_join_one_study(spec, study_name):
  """A second loop with the same name continues the study's trials and ids."""
  first = []
  for _, feedback in sample(spec, name=study_name, num_examples=4):
    first.append(feedback.id)
    feedback(1.0)
    if feedback.id == 2:
      break
  second = [f.id for _, f in sample(spec, name=study_name) if f(1.0) is None]
  assert (first, second) == ([1, 2], [3, 4])
  assert len(poll_result(study_name).trials) == 4


def test_interleaved_loops_with_default_groups_get_different_trials(
    spec, study_name):
  """Each pg.sample call is its own group: an open trial is not shared."""
  a = sample(spec, name=study_name, num_examples=4)
  b = sample(spec, name=study_name)
  _, fa = next(a)
  _, fb = next(b)
  assert (fa.id, fb.id) == (1, 2)


def test_a_loop_dropped_before_feedback_fails_its_trial(spec, study_name):
  """A loop left mid-trial (here: dropped) fails that trial; the group's next loop gets a new one."""
  _, abandoned = next(sample(spec, name=study_name, group='w1', num_examples=3))
  loop = sample(spec, name=study_name, group='w1')
  _, fresh = next(loop)
  assert (abandoned.id, fresh.id) == (1, 2)
  assert abandoned.get_trial().status == 'FAILED'
  assert 'left the loop' in abandoned.get_trial().metadata['error']


def test_joining_with_a_different_space_is_rejected(spec, discrete_spec,
                                                    study_name):
  """A named study joined with another DNA spec raises ValueError."""
  sample(spec, name=study_name)
  with pytest.raises(ValueError, match='its DNA spec is'):
    sample(discrete_spec, name=study_name)


@pytest.mark.parametrize('num_examples, error, message', [
    (0, ValueError, 'num_examples must be >= 1; got 0'),
    (-3, ValueError, 'num_examples must be >= 1; got -3'),
    (2.0, TypeError, 'num_examples must be an int or None; got 2.0'),
    (True, TypeError, 'num_examples must be an int or None; got True'),
])
def test_bad_num_examples_is_rejected_and_creates_no_study(
    spec, study_name, num_examples, error, message):
  """num_examples < 1 or not an int raises before any study exists."""
  with pytest.raises(error, match=message):
    sample(spec, num_examples=num_examples, name=study_name)
  with pytest.raises(KeyError):
    poll_result(study_name)


def test_several_metrics_need_a_multi_objective_algorithm(spec, study_name):
  """Two metrics for a single-objective algorithm is a ValueError, no study."""
  with pytest.raises(ValueError, match='Random optimizes a single objective'):
    sample(spec, geno.Random(), metrics_to_optimize=['reward', 'size'],
           name=study_name)
  with pytest.raises(KeyError):
    poll_result(study_name)


def test_an_algorithm_that_rejects_the_space_creates_no_study(spec, study_name):
  """Sweeping over a float raises its ValueError and leaves no study."""
  algorithm = geno.Sweeping()
  for _ in range(2):  # A retry with the same algorithm fails the same way.
    with pytest.raises(ValueError, match='Sweeping needs a discrete space'):
      sample(spec, algorithm, name=study_name)
  with pytest.raises(KeyError):
    poll_result(study_name)


@pytest.mark.parametrize('kwargs, message', [
    (dict(algorithm='evolution'), 'algorithm must be a pg.DNAGenerator'),
    (dict(early_stopping_policy=lambda t: True),
     'early_stopping_policy must be a pg.tuning.EarlyStoppingPolicy'),
    (dict(early_stopping_policy=pg.early_stopping.early_stop_by_value([(1, 0.5)])),
     'return functors: call them to get the policy'),
    (dict(name=3), 'name must be a str or None; got 3'),
    (dict(group=1.5), 'group must be a str, an int or None; got 1.5'),
    (dict(metrics_to_optimize='reward'), 'must be a list of metric names'),
    (dict(metrics_to_optimize=['reward', 1]), 'must hold str names; got 1'),
])
def test_wrong_argument_types_are_type_errors(spec, kwargs, message):
  """Arguments of the wrong type raise TypeError naming them."""
  with pytest.raises(TypeError, match=message):
    sample(spec, **kwargs)


@pytest.mark.parametrize('metrics', [[], ['reward', 'reward']])
def test_metrics_to_optimize_must_be_non_empty_and_distinct(spec, metrics):
  """An empty or repeated metrics_to_optimize raises ValueError."""
  with pytest.raises(ValueError, match='must be non-empty and distinct'):
    sample(spec, metrics_to_optimize=metrics)


def test_unknown_backend_is_a_value_error(spec):
  """An unregistered backend name raises ValueError listing the valid ones."""
  with pytest.raises(ValueError, match="Unknown backend 'nowhere'.*in-memory"):
    sample(spec, backend='nowhere')


@pytest.mark.parametrize('kwargs, message', [
    ({'num_example': 3}, r"unexpected keyword argument 'num_example'; did you "
     r"mean 'num_examples'\? pg.sample's parameters: space, algorithm, "
     r"num_examples, .*; backend 'in-memory' takes no keywords"),
    ({'n_trials': 3}, r"'n_trials'; did you mean 'num_examples'\?"),
    ({'colour': 'red'}, r"unexpected keyword argument 'colour'\. pg.sample's"),
    ({'backend': 'sqlite', 'path': 'x.db', 'num_exemples': 3},
     r"'num_exemples'; did you mean 'num_examples'\?.*backend 'sqlite' takes "
     r'path, timeout, lease_secs'),
    ({'backend': 'postgres'}, r"backend 'postgres' needs url=; pg.sample\(\) "
     r'got none of its keywords'),
])
def test_an_unknown_keyword_names_itself_and_the_closest_match(spec, kwargs,
                                                              message):
  """A keyword neither pg.sample nor the backend takes is pg.sample's TypeError, never the backend's."""
  with pytest.raises(TypeError, match=message):
    sample(spec, **kwargs)


def test_poll_result_names_its_own_parameters(tmp_path):
  """pg.poll_result's keyword errors list its parameters and the backend's."""
  with pytest.raises(TypeError, match=r"pg.poll_result\(\) got an unexpected "
                     r"keyword argument 'pth'; did you mean 'path'\?"):
    poll_result('s', backend='sqlite', pth=str(tmp_path / 'x.db'))


def test_poll_result_of_an_unknown_study_is_a_key_error():
  """pg.poll_result names a study that does not exist in its KeyError."""
  with pytest.raises(KeyError, match="No in-memory study is named 'nope'"):
    poll_result('nope')


def test_a_bad_reward_changes_nothing(spec, recorder, study_name):
  """A non-number or NaN reward raises and leaves the trial and algorithm as they were."""
  loop = sample(spec, recorder, num_examples=2, name=study_name)
  _, feedback = next(loop)
  with pytest.raises(TypeError, match="Metric 'reward' must be a real number"):
    feedback('high')
  with pytest.raises(ValueError, match="must be a finite number.*nan"):
    feedback(math.nan)
  trial = poll_result(study_name).trials[0]
  assert trial.status == 'PENDING' and not trial.measurements
  assert recorder.num_feedbacks == 0
  feedback(1.0)
  assert recorder.num_feedbacks == 1


def test_feedback_twice_is_rejected_and_changes_nothing(spec, recorder,
                                                        study_name):
  """Reporting on a completed trial raises ValueError; the first report stands."""
  for _, feedback in sample(spec, recorder, num_examples=1, name=study_name):
    feedback(0.5)
    with pytest.raises(ValueError, match='already completed'):
      feedback(0.9)
    with pytest.raises(ValueError, match='already completed'):
      feedback.skip()
  trial = poll_result(study_name).trials[0]
  assert [m.reward for m in trial.measurements] == [0.5]
  assert not trial.infeasible and recorder.num_feedbacks == 1


def test_a_single_named_metric_is_fed_to_the_algorithm(spec, recorder):
  """metrics_to_optimize=['accuracy'] feeds metrics['accuracy']."""
  for _, feedback in sample(spec, recorder, num_examples=1,
                            metrics_to_optimize=['accuracy']):
    feedback(metrics={'accuracy': 0.8, 'latency': 3})
  assert [r for _, r in recorder.fed] == [0.8]


def test_several_metrics_are_fed_as_a_tuple(spec, multi_recorder, study_name):
  """With a multi-objective algorithm, rewards are tuples in metric order."""
  rewards = iter([(1.0, 5.0), (2.0, 1.0), (0.5, 0.5)])
  for _, feedback in sample(spec, multi_recorder, num_examples=3,
                            metrics_to_optimize=['reward', 'speed'],
                            name=study_name):
    reward, speed = next(rewards)
    feedback(reward, metrics={'speed': speed})
  assert [r for _, r in multi_recorder.fed] == [(1.0, 5.0), (2.0, 1.0),
                                                (0.5, 0.5)]
  result = poll_result(study_name)
  assert [t.id for t in result.pareto_front] == [1, 2]
  assert result.best_trial.id == 2


def test_an_algorithm_set_up_on_the_same_space_continues(discrete_spec):
  """Reusing an algorithm on the same space continues its search (paper Fig. 25)."""
  algo = geno.Sweeping()
  first = [d for d, f in sample(discrete_spec, algo, num_examples=2)
           if f(0.0) is None]
  rest = [d for d, f in sample(discrete_spec, algo) if f(0.0) is None]
  assert len(first) == 2 and len(rest) == 4
  assert not set(first) & set(rest)


def test_an_algorithm_reused_on_another_space_is_set_up_again(
    spec, discrete_spec):
  """An algorithm set up on a different space starts over on the new one."""
  algo = geno.Random(seed=1)
  for _, feedback in sample(spec, algo, num_examples=2):
    feedback(0.0)
  for _, feedback in sample(discrete_spec, algo, num_examples=1):
    feedback(0.0)
  assert algo.dna_spec == discrete_spec and algo.num_proposals == 1


def test_early_stopping_policy_is_consulted(spec, study_name):
  """should_stop_early() applies the study's policy to the latest measurement."""
  policy = pg.early_stopping.early_stop_by_value([(1, 0.5)])()
  decisions = []
  for _, feedback in sample(spec, num_examples=2, name=study_name,
                            early_stopping_policy=policy):
    feedback.add_measurement(0.2 if feedback.id == 1 else 0.8, step=1)
    decisions.append(feedback.should_stop_early())
    feedback.skip() if decisions[-1] else feedback.done()
  assert decisions == [True, False]


def test_progress_bar_reports_trials_and_best(spec, capsys):
  """progress=True writes a bar with the number of trials and the best reward."""
  for _, feedback in sample(spec, num_examples=3, progress=True, name=None):
    feedback(float(feedback.id))
  err = capsys.readouterr().err
  assert '3/3' in err and 'best reward=3' in err


class Boom(Exception):
  """What the loop bodies of the property test raise."""


@hypothesis.settings(max_examples=40, deadline=None)
@hypothesis.given(num_examples=st.integers(1, 25),
                  outcomes=st.lists(st.sampled_from(
                      ['feedback', 'skip', 'raise', 'interrupt', 'forget']),
                                    min_size=1, max_size=60))
def test_loop_invariants_hold_for_any_feedback_pattern(num_examples, outcomes):
  """Re-running a loop after any failures ends with num_examples reported trials, none pending."""
  spec = geno.Space([geno.Float(0.0, 1.0, location='x')])
  algo = geno.Random(seed=0)
  name = f'invariants-{next(_RUNS)}'
  moves = iter(outcomes)
  handed, failures = [], 0
  while True:
    try:
      for _, feedback in sample(spec, algo, num_examples=num_examples,
                                name=name):
        handed.append(feedback.id)
        move = next(moves, 'feedback')
        if move == 'feedback':
          feedback(1.0)
        elif move == 'skip':
          feedback.skip()
        elif move == 'raise':
          raise Boom()
        elif move == 'interrupt':
          raise KeyboardInterrupt()
      break
    except (Boom, KeyboardInterrupt, RuntimeError):
      failures += 1
  trials = poll_result(name).trials
  assert handed == list(range(1, len(handed) + 1)) == [t.id for t in trials]
  assert sum(t.status == 'FAILED' for t in trials) == failures
  assert sum(t.is_completed for t in trials) == num_examples
  assert not any(t.status == 'PENDING' for t in trials)
  assert algo.num_feedbacks == sum(
      t.is_completed and not t.infeasible for t in trials)


_RUNS = itertools.count()


# The paper's search flows (Fig. 19, 24, 25) end to end on a synthetic reward.

OP_HINT, EDGE_HINT = 'op', 'edge'
_OP_SCORES = {'conv3x3': 1.0, 'conv1x1': 0.6, 'maxpool': 0.2}


@pg.symbolize
def train(learning_rate, units):
  """A stand-in trainer whose reward peaks at lr=0.3 and 64 units."""
  return 1.0 - (learning_rate - 0.3) ** 2 - abs(units - 64) / 128


class Cell(pg.Object):
  """A NAS-Bench-101-shaped cell: an op per node and a 0/1 flag per edge."""
  ops: list
  edges: list


def nas_space():
  return Cell(ops=[pg.oneof(list(_OP_SCORES), hints=OP_HINT) for _ in range(3)],
              edges=[pg.oneof([0, 1], hints=EDGE_HINT) for _ in range(4)])


def nas_reward(cell):
  """Edges pay off only next to a conv3x3: the two sub-spaces interact."""
  ops = sum(_OP_SCORES[o] for o in cell.ops)
  edges = sum(e * (1.0 if cell.ops[i % 3] == 'conv3x3' else -0.5)
              for i, e in enumerate(cell.edges))
  return ops + edges


def top5_average(rewards):
  return sum(sorted(rewards, reverse=True)[:5]) / min(5, len(rewards))


def test_paper_fig19_search_a_trainer_with_evolution(study_name):
  """Fig. 19: sample concrete trainers, call them and feed the reward back."""
  hyper_trainer = train(learning_rate=pg.floatv(0.0, 1.0),
                        units=pg.oneof([16, 32, 64, 128]))
  algo = pg.generators.RegularizedEvolution(population_size=10,
                                            tournament_size=3, seed=1)
  for trainer, feedback in pg.sample(hyper_trainer, algo, 60,
                                     partition_fn=None, name=study_name):
    assert pg.is_deterministic(trainer)
    feedback(trainer())
  best = pg.poll_result(study_name).best_trial
  assert algo.num_feedbacks == 60
  assert best.final_measurement.reward > 0.9


def test_paper_fig24_factorized_search():
  """Fig. 24: ops in the outer loop, edges in inner loops over its sub-spaces."""
  bests = []
  for seed in (1, 2, 3):
    best_example, best_reward, outer = None, None, 0
    for edge_space, ops_feedback in pg.sample(
        nas_space(), pg.generators.RegularizedEvolution(
            population_size=5, tournament_size=2, seed=seed),
        trials=12, partition_fn=lambda v: v.hints == OP_HINT):
      outer += 1
      assert all(isinstance(o, str) for o in edge_space.ops)
      assert not pg.is_deterministic(edge_space)
      rewards = []
      for example, edges_feedback in pg.sample(
          edge_space, pg.generators.RegularizedEvolution(
              population_size=4, tournament_size=2, seed=100 * seed + outer),
          trials=8):
        assert list(example.ops) == list(edge_space.ops)
        reward = nas_reward(example)
        edges_feedback(reward)
        rewards.append(reward)
        if best_reward is None or best_reward < reward:
          best_example, best_reward = example, reward
      assert len(rewards) == 8
      ops_feedback(top5_average(rewards))
    assert outer == 12
    assert pg.is_deterministic(best_example)
    assert best_reward == nas_reward(best_example)
    bests.append(best_reward)
  # A search of 96 trials finds a cell scoring 5 or more (the optimum is 7) in
  # about 85% of seeds, whichever evolution streams the seeds give: over three
  # seeds, one at least does.
  assert max(bests) >= 5.0


def test_paper_fig25_hybrid_search():
  """Fig. 25: a factorized phase, then the best edge sub-space searched on with its own algorithm."""
  ops_attempts = []
  for edge_space, ops_feedback in pg.sample(
      nas_space(), pg.generators.RegularizedEvolution(
          population_size=4, tournament_size=2, seed=2),
      trials=6, partition_fn=lambda v: v.hints == OP_HINT):
    rewards = []
    algo = pg.generators.RegularizedEvolution(population_size=3,
                                              tournament_size=2, seed=3)
    for example, edges_feedback in pg.sample(edge_space, algo, trials=5):
      reward = nas_reward(example)
      edges_feedback(reward)
      rewards.append(reward)
    ops_reward = top5_average(rewards)
    ops_attempts.append((edge_space, ops_reward, algo))
    ops_feedback(ops_reward)

  edge_space, phase1_reward, edge_algo = sorted(
      ops_attempts, key=lambda x: x[1], reverse=True)[0]
  best_example, best_reward = None, None
  for example, edges_feedback in pg.sample(edge_space, edge_algo, 6 * 5):
    reward = nas_reward(example)
    edges_feedback(reward)
    if best_reward is None or best_reward < reward:
      best_example, best_reward = example, reward
  assert edge_algo.num_proposals == 5 + 30   # phase 2 continued phase 1's search
  assert list(best_example.ops) == list(edge_space.ops)
  assert best_reward >= phase1_reward


def test_define_by_run_function_is_searched():
  """A plain function's hyper values are searched; each example applies a DNA."""
  def fn():
    return pg.oneof([1, 2, 3]) + pg.oneof([10, 20])

  seen = set()
  for example, feedback in pg.sample(fn, pg.geno.Sweeping()):
    with example():
      value = fn()
    seen.add(value)
    feedback(float(value))
  assert seen == {11, 12, 13, 21, 22, 23}


def test_docstring_examples_run(run_doctests):
  """The module's docstring examples run as written."""
  run_doctests(importlib.import_module('pyglove.tuning._sample'))


@pytest.mark.parametrize('make', [
    lambda: geno.Random(seed=1),
    lambda: pg.generators.RegularizedEvolution(population_size=5,
                                               tournament_size=2, seed=1),
    lambda: pg.generators.hill_climb(seed=1),
    lambda: pg.generators.PPO(batch_size=4, seed=1),
], ids=['random', 'regularized_evolution', 'hill_climb', 'ppo'])
def test_every_generator_runs_the_loop_with_skips(make):
  """Each search algorithm runs 40 trials of a hyper space, some of them skipped."""
  space = pg.Dict(a=pg.oneof([0, 1, 2, 3]), b=pg.floatv(0.0, 1.0))
  algo = make()
  rewards = []
  for x, feedback in pg.sample(space, algo, num_examples=40):
    if feedback.id % 7 == 0:
      feedback.skip('every seventh')
      continue
    rewards.append(x.a + x.b)
    feedback(rewards[-1])
  assert len(rewards) == 40 - 5
  assert algo.num_proposals == 40 and algo.num_feedbacks == 35


def test_a_multi_objective_generator_gets_tuples():
  """NSGA-II receives one value per metric to optimize, through pg.sample."""
  space = pg.Dict(a=pg.oneof([0, 1, 2, 3]), b=pg.oneof([0, 1, 2, 3]))
  algo = pg.generators.nsga2(population_size=4, seed=1)
  for x, feedback in pg.sample(space, algo, num_examples=12,
                               metrics_to_optimize=['a', 'b']):
    feedback(metrics={'a': float(x.a), 'b': float(3 - x.a + x.b)})
  assert algo.num_feedbacks == 12


def test_history_is_frozen_during_the_loop_and_released_after(spec):
  """The loop keeps its settled history out of the collector's scans, then hands it back."""
  import gc  # pylint: disable=g-import-not-at-top
  from pyglove.utils import _gc  # pylint: disable=g-import-not-at-top
  if not gc.isenabled():
    pytest.skip('the collector is disabled')
  frozen_during = 0
  for i, (_, feedback) in enumerate(sample(spec, geno.Random(seed=1),
                                           num_examples=1200)):
    feedback(0.0)
    if i == 1100:
      frozen_during = gc.get_freeze_count()
  assert frozen_during > 0
  assert gc.get_freeze_count() == 0 and _gc.open_scopes() == 0
