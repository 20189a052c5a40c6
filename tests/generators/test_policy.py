"""Tests for the PPO policy: sampling, encoding, exact probabilities and gradients."""
from __future__ import annotations

import math
import random

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
import numpy as np
import pytest

from pyglove import geno
from pyglove.generators import _plan
from pyglove.generators import _policy
from tests.generators import spaces

S, C, F, I = geno.Space, geno.Choices, geno.Float, geno.Int


def _policy_for(spec, seed=0):
  policy = _policy.Policy(_plan.Plan(spec))
  rng = np.random.default_rng(seed)
  policy.logits[...] = rng.normal(size=policy.logits.shape)
  policy.mean[...] = rng.uniform(0.2, 0.8, size=policy.mean.shape)
  policy.log_std[...] = rng.uniform(-2.0, -0.5, size=policy.log_std.shape)
  policy.refresh()
  return policy


def _log_prob(policy, dna):
  batch = _policy.Batch(policy, [policy.encode(dna)], np.zeros(1))
  log_probs, _ = _policy.surrogate_gradients(policy, batch, None, 0.2, 0.0)
  return float(log_probs[0])


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6))
def test_samples_fit_the_spec(seed):
  """Every sampled DNA is valid, conditionals and multi-choice rules included."""
  spec = spaces.mixed_space()
  policy = _policy_for(spec, seed % 100)
  spec.validate(policy.sample(random.Random(seed)))


@pytest.mark.parametrize('distinct, sorted_', [(True, False), (True, True), (False, True), (False, False)])
def test_categorical_probabilities_are_exact(distinct, sorted_):
  """Over every DNA of a multi-choice space, the encoded probabilities sum to one."""
  spec = S([C(3, [S() for _ in range(4)], distinct=distinct, sorted=sorted_, location='m'),
            C(1, [S(), S([C(1, [S(), S()], location='q')])], location='a')])
  policy = _policy_for(spec)
  total = sum(math.exp(_log_prob(policy, dna)) for dna in spec.iter_dna())
  assert total == pytest.approx(1.0)


def test_sampling_frequencies_match_the_probabilities():
  """Empirical frequencies of a sorted multi-choice follow the encoded probabilities."""
  spec = S([C(2, [S() for _ in range(4)], sorted=True, location='m')])
  policy = _policy_for(spec, 3)
  rng = random.Random(0)
  counts = {}
  for _ in range(20000):
    dna = policy.sample(rng)
    counts[dna] = counts.get(dna, 0) + 1
  for dna in spec.iter_dna():
    assert counts.get(dna, 0) / 20000 == pytest.approx(math.exp(_log_prob(policy, dna)), abs=0.015)


def test_encode_lists_each_active_draw():
  """A DNA encodes as its categorical draws (with masks) and its unit-scaled numbers."""
  spec = S([C(2, [S(), S([F(0.0, 2.0, location='f')]), S()], location='m'), I(0, 4, location='i')])
  policy = _policy.Policy(_plan.Plan(spec))
  actions = policy.encode(geno.DNA([[2, (1, 1.0)], 3]))
  assert actions.choices == [(0, 2, (0, 1, 2)), (1, 1, (0, 1))]
  assert actions.numbers == [(0, 0.5), (1, 0.75)]


def _objective(policy, batch, old, clip, entropy_coef):
  """The clipped surrogate plus the entropy bonus, computed directly."""
  log_probs, _ = _policy.surrogate_gradients(policy, batch, old, clip, 0.0)
  ratio = np.exp(log_probs - old)
  adv = batch.advantages
  surrogate = np.minimum(ratio * adv, np.clip(ratio, 1 - clip, 1 + clip) * adv).mean()
  probs = _policy._masked_softmax(policy.logits[batch.rows], batch.masks)
  logs = np.log(np.where(batch.masks, probs, 1.0))
  entropy = -(probs * logs).sum() + (policy.log_std[batch.points] + 0.5 * math.log(2 * math.pi * math.e)).sum()
  return surrogate + entropy_coef * entropy / batch.size


def test_gradients_match_finite_differences():
  """The analytic gradients of the objective agree with numerical ones."""
  spec = S([C(2, [S(), S([F(0.0, 1.0, location='f')]), S()], location='m'),
            C(1, [S([I(0, 9, location='i')]), S()], location='a'), F(0.1, 1.0, scale='log', location='g')])
  policy = _policy_for(spec, 1)
  rng = random.Random(2)
  dnas = [policy.sample(rng) for _ in range(6)]
  batch = _policy.Batch(policy, [policy.encode(d) for d in dnas], np.array([1.0, -0.5, 0.3, -1.2, 0.8, 0.1]))
  old, _ = _policy.surrogate_gradients(policy, batch, None, 0.2, 0.0)
  old = old + np.array([0.05, -0.05, 0.3, -0.3, 0.0, 0.1])  # Some ratios land outside the clip.
  _, grads = _policy.surrogate_gradients(policy, batch, old, 0.2, 0.1)
  for param, grad in zip(policy.parameters, grads):
    for index in np.ndindex(param.shape):
      saved = param[index]
      param[index] = saved + 1e-6
      up = _objective(policy, batch, old, 0.2, 0.1)
      param[index] = saved - 1e-6
      down = _objective(policy, batch, old, 0.2, 0.1)
      param[index] = saved
      assert grad[index] == pytest.approx((up - down) / 2e-6, abs=1e-5)


def test_adam_ascends():
  """Adam steps move parameters up their gradients, by about the learning rate."""
  x = np.zeros(2)
  adam = _policy.Adam([x], learning_rate=0.1)
  adam.step([x], [np.array([1.0, -2.0])])
  assert x == pytest.approx([0.1, -0.1])


def test_refresh_keeps_numbers_in_bounds():
  """After an update, means stay in [0, 1] and standard deviations in [0.01, 1]."""
  policy = _policy.Policy(_plan.Plan(S([F(0.0, 1.0, location='f')])))
  policy.mean[...] = 3.0
  policy.log_std[...] = -50.0
  policy.refresh()
  assert policy.mean[0] == 1.0 and np.exp(policy.log_std[0]) == pytest.approx(0.01)


def test_a_spec_without_categorical_points_still_works():
  """A purely numerical spec samples and trains."""
  spec = S([F(0.0, 1.0, location='f'), I(0, 3, location='i')])
  policy = _policy_for(spec)
  dna = policy.sample(random.Random(0))
  batch = _policy.Batch(policy, [policy.encode(dna)], np.ones(1))
  _, grads = _policy.surrogate_gradients(policy, batch, None, 0.2, 0.01)
  assert grads[0].shape == (0, 1)
