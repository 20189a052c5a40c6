"""Tests for the TPE's Parzen estimators: densities, blocks and sampling."""
from __future__ import annotations

import math
import random

import numpy as np
import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from pyglove import geno
from pyglove.generators import _parzen
from pyglove.generators import _tpe_space
from tests.generators import spaces

S, C, F, I = geno.Space, geno.Choices, geno.Float, geno.Int


def _rows(spec, count, seed=0):
  encoding = _tpe_space.Encoding(spec)
  rng = random.Random(seed)
  return encoding, np.array([encoding.encode(spec.random_dna(rng)) for _ in range(count)])


def _kernel_log_density(mixture, encoding, rows, x, k, dims):
  """One kernel's log density over `dims`, written out dimension by dimension."""
  total = 0.0
  for d in dims:
    if math.isnan(x[d]):
      continue
    inactive = k == len(rows) or math.isnan(rows[k, d])
    if encoding.kinds[d] == _tpe_space.CATEGORICAL:
      n = encoding.sizes[d]
      if inactive:
        total -= math.log(n)
        continue
      eps = 1.0 / max((~np.isnan(rows[:, d])).sum(), 1)
      total += math.log(((1 + eps) if x[d] == rows[k, d] else eps) / (1 + eps * n))
    elif not inactive:
      j = list(encoding.num_dims_index).index(d)
      mu, sigma = rows[k, d], mixture.sigma[k, j]
      mass = 0.5 * (math.erf((1 - mu) / (sigma * 2 ** 0.5)) - math.erf(-mu / (sigma * 2 ** 0.5)))
      total += -0.5 * ((x[d] - mu) / sigma) ** 2 - math.log(sigma * math.sqrt(2 * math.pi) * mass)
  return total


def _reference_log_density(mixture, layout, encoding, rows, x):
  """Sum over blocks of log(sum over the block's kernels of weight * kernel density)."""
  total = 0.0
  for dims, root in zip(layout.blocks, layout.roots):
    kernels = [k for k in range(len(rows) + 1)
               if root < 0 or k == len(rows) or not math.isnan(rows[k, root])]
    mass = sum(math.exp(_kernel_log_density(mixture, encoding, rows, x, k, dims))
               for k in kernels) / len(kernels)
    total += math.log(mass)
  return total


@pytest.mark.parametrize('blocking', _parzen.BLOCKINGS)
def test_log_density_matches_the_mixture_written_out(blocking):
  """The matrix-product densities equal the per-kernel, per-dimension formula."""
  spec = spaces.mixed_space()
  encoding, rows = _rows(spec, 12)
  layout = _parzen.Layout(encoding, blocking)
  mixture = _parzen.Mixture(layout, rows, np.ones(len(rows)), 1.0)
  np_rng = np.random.default_rng(1)
  candidates = mixture.sample(6, np_rng)
  encoding.repair(candidates, np_rng)
  encoding.mask_inactive(candidates)
  got = mixture.log_density(candidates, layout.features(candidates))
  expected = [_reference_log_density(mixture, layout, encoding, rows, x) for x in candidates]
  np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-6)


def test_blocks_of_each_blocking():
  """Joint: one block; subtree: one per root-level decision; independent: one per dimension."""
  encoding, _ = _rows(spaces.mixed_space(), 1)
  assert len(_parzen.Layout(encoding, 'joint').blocks) == 1
  assert _parzen.Layout(encoding, 'subtree').blocks[0] == [0, 1, 2, 3]
  independent = _parzen.Layout(encoding, 'independent')
  assert independent.blocks == [[d] for d in range(encoding.num_dims)]
  assert independent.roots == list(range(encoding.num_dims))


@settings(max_examples=60, deadline=None)
@given(st.floats(-6.0, 6.0))
def test_erf_matches_math_erf(x):
  """The numpy erf approximation is within 2e-7 of math.erf."""
  assert abs(float(_parzen.erf(np.array([x]))[0]) - math.erf(x)) < 2e-7


def test_a_numerical_density_integrates_to_one():
  """A float's mixture (truncated Gaussians plus the uniform prior) has mass 1 on [0, 1]."""
  spec = S([F(0.0, 1.0, location='x')])
  encoding = _tpe_space.Encoding(spec)
  rows = np.array([[0.02], [0.3], [0.35], [0.9]])
  layout = _parzen.Layout(encoding, 'joint')
  mixture = _parzen.Mixture(layout, rows, np.ones(4), 1.0)
  grid = (np.arange(20000) + 0.5) / 20000
  density = np.exp(mixture.log_density(grid[:, None], layout.features(grid[:, None])))
  assert abs(density.mean() - 1.0) < 1e-3


def test_a_categorical_density_sums_to_one():
  """Over every category of a choice, the mixture's probabilities add up to 1."""
  spec = S([C(1, [S() for _ in range(5)], location='a')])
  encoding = _tpe_space.Encoding(spec)
  layout = _parzen.Layout(encoding, 'joint')
  mixture = _parzen.Mixture(layout, np.array([[0.0], [0.0], [3.0]]), np.ones(3), 1.0)
  probs = np.exp(mixture.log_density(np.arange(5.0)[:, None], layout.features(np.arange(5.0)[:, None])))
  assert abs(probs.sum() - 1.0) < 1e-9
  assert probs.argmax() == 0 and probs[3] > probs[1]


def test_samples_follow_the_observations():
  """Draws concentrate where the observed rows are, within the ranges."""
  spec = S([C(1, [S() for _ in range(4)], location='a'), F(0.0, 1.0, location='x'),
            I(0, 10, location='n')])
  encoding = _tpe_space.Encoding(spec)
  rows = np.array([[2.0, 0.8, 0.3]] * 5 + [[2.0, 0.82, 0.3]] * 5)
  mixture = _parzen.Mixture(_parzen.Layout(encoding, 'subtree'), rows, np.ones(10), 1.0)
  draws = mixture.sample(2000, np.random.default_rng(0))
  assert (draws[:, 0] == 2.0).mean() > 0.7
  assert ((draws[:, 1] >= 0.0) & (draws[:, 1] <= 1.0)).all()
  assert abs(np.median(draws[:, 1]) - 0.81) < 0.05
  assert np.allclose(draws[:, 2] * 10, np.round(draws[:, 2] * 10))


def test_a_conditional_dimension_is_modelled_from_the_rows_where_it_was_active():
  """Rows that never took the branch change the branch's choice, not the density below it."""
  spec = S([C(1, [S(), S([F(0.0, 1.0, location='x')])], location='a')])
  encoding = _tpe_space.Encoding(spec)
  layout = _parzen.Layout(encoding, 'independent')
  active_rows = np.array([[1.0, 0.9], [1.0, 0.7]])
  with_others = _parzen.Mixture(layout, np.vstack([[[0.0, np.nan]] * 8, active_rows]),
                                np.ones(10), 1.0)
  alone = _parzen.Mixture(layout, active_rows, np.ones(2), 1.0)
  x = np.column_stack([np.ones(50), np.linspace(0.0, 1.0, 50)])
  difference = (with_others.log_density(x, layout.features(x))
                - alone.log_density(x, layout.features(x)))
  np.testing.assert_allclose(difference, difference[0], atol=1e-9)
