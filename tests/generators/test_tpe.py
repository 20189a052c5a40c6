"""Tests for the TPE generator (the shared contract is in test_generator_contract.py)."""
from __future__ import annotations

import random
import statistics

import numpy as np
import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

import pyglove as pg
from pyglove import generators
from pyglove import geno
from pyglove.generators import _parzen
from tests.generators import spaces
from tests.geno import strategies

S, C, F, I = geno.Space, geno.Choices, geno.Float, geno.Int


def _run(algo, spec, reward_fn, num_trials):
  algo.setup(spec)
  rewards = []
  for _ in range(num_trials):
    dna = algo.propose()
    rewards.append(reward_fn(dna))
    algo.feedback(dna, rewards[-1])
  return rewards


@settings(max_examples=40, deadline=None)
@given(strategies.spaces(), st.integers(0, 1000), st.sampled_from([True, False, 'subtree']))
def test_every_proposal_is_valid_for_its_spec(space, seed, multivariate):
  """Whatever the spec (nesting, multi-choice flavours, scales, custom points), proposals validate."""
  algo = generators.TPE(num_startup=3, num_candidates=8, multivariate=multivariate, seed=seed)
  algo.setup(space)
  rng = random.Random(seed)
  for _ in range(12):
    dna = algo.propose()
    space.validate(dna)
    algo.feedback(dna, rng.random())


@pytest.mark.parametrize('multivariate', [True, False, 'subtree'])
def test_models_from_the_first_trial_on(multivariate):
  """num_startup=1: the model starts from one trial (good set of one, g the prior alone)."""
  algo = generators.TPE(num_startup=1, multivariate=multivariate, seed=0)
  rewards = _run(algo, spaces.mixed_space(), spaces.score, 8)
  assert len(rewards) == algo.num_feedbacks == 8


def test_same_seed_and_history_give_the_same_proposals():
  """Two TPEs with one seed, fed the same rewards, propose the same DNA."""
  runs = [_run(generators.TPE(num_startup=4, seed=9), spaces.mixed_space(), spaces.score, 30)
          for _ in range(2)]
  assert runs[0] == runs[1]


def test_recover_from_another_generators_history():
  """recover() accepts DNA it did not propose and then proposes like a TPE fed live."""
  spec = spaces.mixed_space()
  donor = generators.Random(seed=1)
  donor.setup(spec)
  history = [(dna, spaces.score(dna)) for dna in (donor.propose() for _ in range(25))]
  live = generators.TPE(num_startup=5, seed=2)
  live.setup(spec)
  for dna, reward in history:
    live.propose()
    live.feedback(dna, reward)
  resumed = generators.TPE(num_startup=5, seed=2)
  resumed.setup(spec)
  resumed.recover(history)
  assert resumed.num_proposals == resumed.num_feedbacks == 25
  assert [resumed.propose() for _ in range(5)] == [live.propose() for _ in range(5)]


def test_runtime_state_is_plain_data():
  """Everything the search learned is numbers, lists, dicts, arrays, an RNG and the spec."""
  spec = spaces.mixed_space()
  algo = generators.TPE(num_startup=3, seed=0)
  _run(algo, spec, spaces.score, 10)
  fields = set(algo.sym_init_args)
  state = {k: v for k, v in vars(algo).items() if k not in fields and not k.startswith('_sym_')}
  plain = (int, float, str, bool, type(None), list, dict, np.ndarray, random.Random)
  for key, value in state.items():
    assert value is spec or isinstance(value, plain), key
    if isinstance(value, (list, dict)):
      items = value.values() if isinstance(value, dict) else value
      assert all(isinstance(v, (int, float, str, bool)) for v in items), key


def test_models_at_most_max_good_plus_max_bad_trials(monkeypatch):
  """The per-proposal model is bounded by max_good + max_bad rows, however long the history."""
  sizes = []
  original = _parzen.Mixture.__init__

  def spy(self, layout, rows, weights, prior_weight):
    sizes.append(len(rows))
    original(self, layout, rows, weights, prior_weight)

  monkeypatch.setattr(_parzen.Mixture, '__init__', spy)
  _run(generators.TPE(num_startup=5, max_good=4, max_bad=10, seed=0),
       spaces.flat_space(), spaces.score, 120)
  assert sizes and max(sizes) <= 10 and len(sizes) == 2 * 115


def test_skips_repeats_in_a_small_space():
  """In a space of 16 programs, 16 proposals with feedback are 16 different programs."""
  spec = spaces.flat_space(num_points=2, num_candidates=4)
  rewards = _run(generators.TPE(num_startup=4, num_candidates=64, seed=3), spec,
                 spaces.score, 16)
  assert len(rewards) == 16
  algo = generators.TPE(num_startup=4, num_candidates=64, seed=3)
  algo.setup(spec)
  seen = set()
  for _ in range(16):
    dna = algo.propose()
    seen.add(tuple(dna.to_numbers()))
    algo.feedback(dna, spaces.score(dna))
  assert len(seen) >= 15


def _conditional_reward(dna):
  """Branch 1 with x near 0.8 is best; branch 0 is flat."""
  branch = dna.value
  if branch == 0:
    return 0.3
  return 1.0 - abs(dna.children[0].value - 0.8)


@pytest.mark.parametrize('multivariate', [True, False, 'subtree'])
def test_learns_a_conditional_float(multivariate):
  """The branch that pays is found, and the float under it is tuned from that branch's trials."""
  spec = S([C(1, [S(), S([F(0.0, 1.0, location='x')])], location='a')])
  rewards = _run(generators.TPE(num_startup=5, multivariate=multivariate, seed=1), spec,
                 _conditional_reward, 60)
  assert max(rewards) > 0.97
  assert statistics.mean(rewards[-20:]) > 0.85


def test_learns_a_subset():
  """A 3-of-10 subset (manyof, sorted): the target members are found faster than at random."""
  spec = S([C(3, [S() for _ in range(10)], sorted=True, location='s')])
  target = {1, 4, 7}

  def overlap(dna):
    return float(len(target & {c.value for c in dna.children}))

  found = []
  for seed in range(3):
    rewards = _run(generators.TPE(num_startup=5, seed=seed), spec, overlap, 40)
    found.append(rewards.index(3.0) if 3.0 in rewards else 40)
  assert statistics.mean(found) < 30  # random search needs 120 trials on average


def _quality_problem(dna):
  """A small mixed problem: an additive cell, a log-scale rate with a cliff, a conditional knob."""
  ops, lr, opt = dna.children[:4], dna.children[4].value, dna.children[5]
  score = sum([0.0, 0.5, 1.0][o.value] for o in ops) / 4.0
  if lr > 0.3:
    return 0.0
  score *= max(0.2, 1.0 - abs(np.log10(lr) + 2.0) / 3.0)
  if opt.value == 1:
    score *= 1.0 - abs(opt.children[0].value - 0.9)
  else:
    score *= 0.8
  return float(score)


QUALITY_SPEC = S([C(1, [S(), S(), S()], location=f'op{i}') for i in range(4)] + [
    F(1e-5, 1.0, scale='log', location='lr'),
    C(1, [S(), S([F(0.0, 1.0, location='momentum')])], location='optimizer')])


def test_quality_beats_random_search_on_a_small_mixed_problem():
  """Within 60 trials, TPE's best is clearly better than random search's, on average over seeds."""
  def mean_best(make):
    return statistics.mean(max(_run(make(s), QUALITY_SPEC, _quality_problem, 60))
                           for s in range(6))

  tpe = mean_best(lambda s: generators.TPE(seed=s))
  rand = mean_best(lambda s: generators.Random(seed=s))
  assert tpe > rand + 0.08


def test_hyper_parameters_are_checked():
  """Out-of-range hyper-parameters are errors naming the field."""
  with pytest.raises(ValueError, match='gamma'):
    generators.TPE(gamma=0.0)
  with pytest.raises(ValueError, match='num_candidates'):
    generators.TPE(num_candidates=0)
  with pytest.raises(ValueError, match='multivariate'):
    generators.TPE(multivariate='yes')


def test_json_round_trip_keeps_every_hyper_parameter():
  """pg.to_json / pg.from_json give back an equal TPE."""
  algo = generators.TPE(num_startup=7, gamma=0.2, max_good=9, max_bad=50, num_candidates=30,
                        multivariate=False, prior_weight=0.5, seed=4)
  assert pg.from_json(pg.to_json(algo)) == algo
