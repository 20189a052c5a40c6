"""Tests for the PPO generator."""
from __future__ import annotations

import statistics
import sys

import pytest

from pyglove import generators
from pyglove import geno
from tests.generators import spaces

S, C, F = geno.Space, geno.Choices, geno.Float


def _run(algo, spec, reward_fn, num_trials):
  algo.setup(spec)
  rewards = []
  for _ in range(num_trials):
    dna = algo.propose()
    rewards.append(reward_fn(dna))
    algo.feedback(dna, rewards[-1])
  return rewards


def test_ppo_learns_categorical_decisions():
  """On 20 decisions of 4 candidates (reward = number of zeros), late proposals beat random ones."""
  spec = spaces.flat_space(num_points=20, num_candidates=4)

  def zeros(dna):
    return float(sum(v == 0 for v in dna.to_numbers()))

  rewards = _run(generators.PPO(batch_size=16, seed=0), spec, zeros, 480)
  assert statistics.mean(rewards[:32]) < 7
  assert statistics.mean(rewards[-64:]) > 12


def test_ppo_learns_a_float():
  """The Gaussian's mean moves towards the rewarded end of a float's range."""
  spec = S([F(0.0, 10.0, location='x')])
  rewards = _run(generators.PPO(batch_size=8, seed=1), spec, lambda d: -abs(d.value - 8.0), 320)
  assert statistics.mean(rewards[-40:]) > -1.0


def test_ppo_updates_once_per_batch():
  """The policy updates after every batch_size feedbacks."""
  algo = generators.PPO(batch_size=4, seed=0)
  _run(algo, spaces.mixed_space(), spaces.score, 10)
  assert algo.num_updates == 2


def test_ppo_rejects_dna_of_another_spec():
  """Feedback on a DNA that doesn't fit the spec is a ValueError naming the decision."""
  algo = generators.PPO(seed=0)
  algo.setup(spaces.flat_space())
  with pytest.raises(ValueError, match='x0'):
    algo.feedback(geno.DNA([7] + [0] * 9), 1.0)


def test_ppo_stores_its_hyper_parameters():
  """Hyper-parameters are kept under their argument names."""
  algo = generators.PPO(batch_size=3, num_epochs=2, learning_rate=0.1, entropy_coef=0.0,
                        clip_ratio=0.3, baseline_decay=0.5, seed=9)
  assert (algo.batch_size, algo.num_epochs, algo.learning_rate, algo.entropy_coef,
          algo.clip_ratio, algo.baseline_decay, algo.seed) == (3, 2, 0.1, 0.0, 0.3, 0.5, 9)


@pytest.mark.parametrize('kwargs, message', [
    (dict(batch_size=0), r'Value 0 is out of range \(min=1, max=None\)\. \(path=batch_size\)'),
    (dict(learning_rate=0.0), r'PPO learning_rate must be in \(0, inf\), but got 0.0\. \(path=learning_rate\)'),
    (dict(learning_rate=-1.0), r'Value -1.0 is out of range .*\(path=learning_rate\)'),
    (dict(entropy_coef=-0.1), r'Value -0.1 is out of range .*\(path=entropy_coef\)'),
    (dict(clip_ratio=1.0), r'PPO clip_ratio must be in \(0, 1\), but got 1.0\. \(path=clip_ratio\)'),
    (dict(clip_ratio=0.0), r'PPO clip_ratio must be in \(0, 1\), but got 0.0'),
    (dict(baseline_decay=1.0), r'PPO baseline_decay must be in \[0, 1\), but got 1.0\. \(path=baseline_decay\)'),
])
def test_ppo_rejects_out_of_range_hyper_parameters(kwargs, message):
  """Each hyper-parameter is range-checked with a message naming it."""
  with pytest.raises(ValueError, match=message):
    generators.PPO(**kwargs)


@pytest.mark.parametrize('kwargs, message', [
    (dict(learning_rate='0.1'), r"Expected float \(or int\) but got '0.1' \(str\)\. \(path=learning_rate\)"),
    (dict(num_epochs=1.5), r'Expected int but got 1.5 \(float\)\. \(path=num_epochs\)'),
])
def test_ppo_rejects_a_non_number_hyper_parameter(kwargs, message):
  """A hyper-parameter of the wrong type is a TypeError naming it."""
  with pytest.raises(TypeError, match=message):
    generators.PPO(**kwargs)


def test_ppo_rejected_rebind_keeps_the_old_value():
  """An open-range violation on rebind raises and rolls the field back."""
  algo = generators.PPO(clip_ratio=0.3)
  with pytest.raises(ValueError, match='PPO clip_ratio must be in'):
    algo.rebind(clip_ratio=1.0)
  assert algo.clip_ratio == 0.3


def test_ppo_without_numpy_says_what_to_install(monkeypatch):
  """Setting up PPO where numpy is missing raises ImportError naming numpy."""
  monkeypatch.setitem(sys.modules, 'numpy', None)
  monkeypatch.delitem(sys.modules, 'pyglove.generators._policy', raising=False)
  monkeypatch.delattr(generators, '_policy', raising=False)
  with pytest.raises(ImportError, match='PPO needs numpy'):
    generators.PPO().setup(spaces.flat_space())
