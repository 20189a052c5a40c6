"""Parzen estimators over the rows of `_tpe_space.Encoding`: the TPE's densities.

A `Mixture` puts one kernel on each observed row plus a prior kernel (uniform
over every dimension):

  - categorical: the observed category keeps most of the mass, the rest is
    spread evenly; the spread shrinks as the dimension is observed more
    (`prior_weight / observations` per category, as in Optuna);
  - numerical: a Gaussian truncated to [0, 1], centred on the observation,
    whose width is the larger gap to its neighbours among the observations
    (Hyperopt's rule), clipped to [1 / min(100, 1 + observations), 1].

The dimensions are grouped in *blocks* (see `Layout`): within a block a
kernel is the product of its dimensions' kernels (a dimension the kernel's
row left inactive falls back to the uniform prior), and the density is the
product over blocks of each block's mixture. One block of everything is a
fully multivariate TPE; one block per dimension is the independent TPE of
Hyperopt and Optuna's default; one block per root-level decision and its
subtree keeps a choice together with the decisions below it while letting
unrelated decisions recombine freely.
"""
from __future__ import annotations

import math

import numpy as np

from pyglove.generators import _tpe_space

_LOG_SQRT_2PI = 0.5 * math.log(2.0 * math.pi)
# Abramowitz & Stegun 7.1.26: |error| < 1.5e-7, plenty for kernel masses.
_ERF_P = 0.3275911
_ERF_A = (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429)

BLOCKINGS = ('joint', 'subtree', 'independent')


def erf(x: np.ndarray) -> np.ndarray:
  """The error function, elementwise (numpy has none and scipy is not a dependency)."""
  s = np.sign(x)
  a = np.abs(x)
  t = 1.0 / (1.0 + _ERF_P * a)
  a1, a2, a3, a4, a5 = _ERF_A
  poly = ((((a5 * t + a4) * t + a3) * t + a2) * t + a1) * t
  return s * (1.0 - poly * np.exp(-a * a))


def _logsumexp(x: np.ndarray, axis: int) -> np.ndarray:
  top = np.max(x, axis=axis, keepdims=True)
  top = np.where(np.isfinite(top), top, 0.0)
  return np.log(np.sum(np.exp(x - top), axis=axis)) + np.squeeze(top, axis=axis)


class Layout:
  """Blocks of dimensions and the feature columns that make densities matrix products.

  A kernel's log density over a block is linear in per-candidate features:
  for a categorical dimension, "active" and the one-hot category; for a
  numerical one, x^2, x and "active". Columns are ordered block by block, so
  a block's log densities for all candidates and kernels are one product of
  two column slices.

  Attributes:
    blocks: the dimensions of each block.
    roots: per block, the dimension whose activity decides which kernels
      belong to the block's mixture (-1: every kernel).
    slices: per block, its (start, stop) feature columns.
  """

  def __init__(self, encoding: _tpe_space.Encoding, blocking: str):
    self.encoding = encoding
    if blocking == 'joint':
      self.blocks = [list(range(encoding.num_dims))] if encoding.num_dims else []
      self.roots = [-1] * len(self.blocks)
    elif blocking == 'subtree':
      self.blocks = encoding.subtrees
      self.roots = [-1] * len(self.blocks)  # root-level decisions are always active
    else:
      self.blocks = [[d] for d in range(encoding.num_dims)]
      self.roots = list(range(encoding.num_dims))
    self.block_of_dim = np.zeros(encoding.num_dims, dtype=np.int64)
    sizes, kinds = encoding.sizes, encoding.kinds
    act_col = np.zeros(encoding.num_dims, dtype=np.int64)
    onehot_col = np.zeros(encoding.num_dims, dtype=np.int64)
    square_col = np.zeros(encoding.num_dims, dtype=np.int64)
    self.slices = []
    column = 0
    for b, dims in enumerate(self.blocks):
      start = column
      for d in dims:
        self.block_of_dim[d] = b
        act_col[d] = column
        column += 1
        if kinds[d] == _tpe_space.CATEGORICAL:
          onehot_col[d] = column
          column += sizes[d]
        else:
          square_col[d] = column  # x^2, then x in the next column
          column += 2
      self.slices.append((start, column))
    self.num_features = column
    cat, num = encoding.cat_dims, encoding.num_dims_index
    self.act_col = act_col
    self.onehot_col = onehot_col[cat]
    self.square_col = square_col[num]
    self.square_col_of_dim = square_col
    # Blocks of one dimension have closed forms (a probability table for a
    # categorical one, broadcast Gaussians for a numerical one); the others
    # take a matrix product each.
    single = [b for b, dims in enumerate(self.blocks) if len(dims) == 1]
    self.single_cat = np.asarray(
        [b for b in single if kinds[self.blocks[b][0]] == _tpe_space.CATEGORICAL], dtype=np.int64)
    self.single_num = np.asarray(
        [b for b in single if kinds[self.blocks[b][0]] == _tpe_space.NUMERICAL], dtype=np.int64)
    self.single_cat_dims = np.asarray([self.blocks[b][0] for b in self.single_cat], dtype=np.int64)
    self.single_num_dims = np.asarray([self.blocks[b][0] for b in self.single_num], dtype=np.int64)
    self.multi = [b for b, dims in enumerate(self.blocks) if len(dims) > 1]
    self.roots_are_dims = self.roots == list(range(encoding.num_dims))
    self.roots_are_absent = all(r < 0 for r in self.roots)
    # Each one-hot column of a single categorical block, and that block's position in `single_cat`.
    cat_cols = [onehot_col[d] + np.arange(sizes[d]) for d in self.single_cat_dims]
    self.single_cat_cols = np.concatenate(cat_cols).astype(np.int64) if cat_cols else (
        np.zeros(0, dtype=np.int64))
    self.single_cat_owner = np.repeat(np.arange(len(cat_cols)),
                                      [len(c) for c in cat_cols]).astype(np.int64)
    # Where each single categorical dimension's categories start among those columns.
    self.single_cat_starts = np.cumsum([0] + [len(c) for c in cat_cols])[:-1].astype(np.int64)

  def features(self, x: np.ndarray) -> np.ndarray:
    """Candidates x feature columns."""
    enc = self.encoding
    out = np.zeros((len(x), self.num_features))
    act = ~np.isnan(x)
    out[:, self.act_col] = act
    if enc.cat_dims.size:
      xc = x[:, enc.cat_dims]
      rows, dims = np.nonzero(act[:, enc.cat_dims])
      out[rows, self.onehot_col[dims] + xc[rows, dims].astype(np.int64)] = 1.0
    if enc.num_dims_index.size:
      xn = np.where(act[:, enc.num_dims_index], x[:, enc.num_dims_index], 0.0)
      out[:, self.square_col] = xn * xn
      out[:, self.square_col + 1] = xn
    return out


class Mixture:
  """The kernel mixture of some observed rows (plus the prior) over a layout."""

  def __init__(self, layout: Layout, rows: np.ndarray, weights: np.ndarray,
               prior_weight: float):
    encoding = layout.encoding
    self.layout = layout
    self.encoding = encoding
    self.cat = encoding.cat_dims
    self.num = encoding.num_dims_index
    active = ~np.isnan(rows)
    self.active = active
    counts = active.sum(axis=0).astype(np.float64)
    num_rows, num_dims = rows.shape
    self.num_rows = num_rows
    all_weights = np.append(weights, prior_weight)
    # Per dimension and per block, the kernels of its mixture (the prior's
    # last), weighted and normalized: a kernel whose row leaves a dimension
    # (a block's root) inactive is not in that dimension's (block's) mixture.
    with_prior = np.ones((num_rows + 1, num_dims), dtype=bool)
    with_prior[:-1] = active
    self.with_prior = with_prior
    self.all_weights = all_weights
    if layout.roots_are_dims:
      per_block = with_prior * all_weights[:, None]
    elif layout.roots_are_absent:
      per_block = np.repeat(all_weights[:, None], len(layout.blocks), axis=1)
    else:
      roots = np.asarray(layout.roots, dtype=np.int64)
      per_block = np.where(roots >= 0, with_prior[:, np.maximum(roots, 0)], True)
      per_block = per_block * all_weights[:, None]
    self.block_weights = per_block / per_block.sum(axis=0, keepdims=True)
    with np.errstate(divide='ignore'):
      self.log_block_weights = np.log(self.block_weights)
    self.coefficients = np.zeros((num_rows + 1, layout.num_features))
    self._fit_categorical(rows[:, self.cat], active[:, self.cat], counts[self.cat], prior_weight)
    self._fit_numerical(rows[:, self.num], active[:, self.num], counts[self.num])
    self._fit_single_categorical()

  def _fit_single_categorical(self) -> None:
    """Per category of each one-dimension categorical block, log(mixture probability)."""
    layout = self.layout
    if not layout.single_cat.size:
      return
    act = layout.act_col[layout.single_cat_dims][layout.single_cat_owner]
    coefficients = self.coefficients
    probs = np.exp(coefficients[:, act] + coefficients[:, layout.single_cat_cols])
    weights = self.block_weights[:, layout.single_cat][:, layout.single_cat_owner]
    self.single_cat_table = np.log((probs * weights).sum(axis=0))

  def _fit_categorical(self, values: np.ndarray, active: np.ndarray, counts: np.ndarray,
                       prior_weight: float) -> None:
    if not self.cat.size:
      return
    sizes = self.encoding.sizes_array[self.cat]
    eps = prior_weight / np.maximum(counts, 1.0)
    norm = 1.0 + eps * sizes
    self.keep = 1.0 / norm  # the chance a draw keeps the observed category outright
    log_own, log_other, log_uniform = np.log((1.0 + eps) / norm), np.log(eps / norm), -np.log(sizes)
    self.cat_values = np.where(active, values, 0.0)
    coefficients = self.coefficients
    # Every category scores "other" (uniform where the row is inactive),
    # plus a bonus on the observed one.
    coefficients[:-1, self.layout.act_col[self.cat]] = np.where(active, log_other, log_uniform)
    coefficients[-1, self.layout.act_col[self.cat]] = log_uniform
    rows, dims = np.nonzero(active)
    columns = self.layout.onehot_col[dims] + values[rows, dims].astype(np.int64)
    coefficients[rows, columns] = (log_own - log_other)[dims]

  def _fit_numerical(self, values: np.ndarray, active: np.ndarray, counts: np.ndarray) -> None:
    if not self.num.size:
      return
    self.mu = np.where(active, values, 0.5)
    self.sigma = _bandwidths(values, counts, self.encoding.int_spans_array[self.num])
    ends = erf(np.stack([1.0 - self.mu, -self.mu]) / (self.sigma * math.sqrt(2.0)))
    log_norm = np.log(0.5 * (ends[0] - ends[1])) + np.log(self.sigma) + _LOG_SQRT_2PI
    # -0.5 ((x - mu) / sigma)^2 - log_norm, expanded in x^2, x and 1; inactive rows: 0 (uniform).
    inv_var = active / (self.sigma * self.sigma)
    coefficients = self.coefficients
    columns = self.layout.square_col
    coefficients[:-1, columns] = -0.5 * inv_var
    coefficients[:-1, columns + 1] = inv_var * self.mu
    coefficients[:-1, self.layout.act_col[self.num]] = -(active * (
        0.5 * self.mu * self.mu / (self.sigma * self.sigma) + log_norm))

  def log_density(self, x: np.ndarray, features: np.ndarray) -> np.ndarray:
    """The log density of each candidate row `x`, given its `Layout.features`."""
    layout = self.layout
    out = np.zeros(len(x))
    if layout.single_cat.size:
      values = x[:, layout.single_cat_dims]
      active = ~np.isnan(values)
      index = layout.single_cat_starts + np.where(active, values, 0.0).astype(np.int64)
      out += np.where(active, self.single_cat_table[index], 0.0).sum(axis=1)
    if layout.single_num.size:
      dims = layout.single_num_dims
      columns = layout.square_col_of_dim[dims]
      coefficients = self.coefficients
      xn = features[:, columns + 1]
      log_kernels = (xn[:, None, :] * (xn[:, None, :] * coefficients[None, :, columns]
                                       + coefficients[None, :, columns + 1])
                     + coefficients[None, :, layout.act_col[dims]])
      log_kernels += self.log_block_weights[None, :, layout.single_num]
      per_dim = _logsumexp(log_kernels, axis=1)
      out += np.where(np.isnan(x[:, dims]), 0.0, per_dim).sum(axis=1)
    for b in layout.multi:
      start, stop = layout.slices[b]
      log_kernels = features[:, start:stop] @ self.coefficients[:, start:stop].T
      out += _logsumexp(log_kernels + self.log_block_weights[None, :, b], axis=1)
    return out

  def sample(self, count: int, rng: np.random.Generator) -> np.ndarray:
    """Draws `count` rows (every dimension filled; the caller repairs and masks)."""
    num_rows, num_dims = self.active.shape
    # A kernel per (candidate, block), then per dimension: the block's kernel,
    # or where its row leaves the dimension inactive, one of the dimension's own.
    kernels = _draw(self.block_weights, count, rng)[:, self.layout.block_of_dim]
    usable = np.take_along_axis(self.with_prior, kernels, axis=0)
    if not usable.all():
      per_dim = self.with_prior * self.all_weights[:, None]
      dim_weights = per_dim / per_dim.sum(axis=0, keepdims=True)
      kernels = np.where(usable, kernels, _draw(dim_weights, count, rng))
    out = np.empty((count, num_dims))
    prior = kernels == num_rows
    if self.cat.size:
      k = kernels[:, self.cat]
      observed = np.vstack([self.cat_values, np.zeros((1, self.cat.size))])
      own = np.take_along_axis(observed, k, axis=0)
      keep = (rng.random(k.shape) < self.keep) & ~prior[:, self.cat]
      fresh = np.floor(rng.random(k.shape) * self.encoding.sizes_array[self.cat])
      out[:, self.cat] = np.where(keep, own, fresh)
    if self.num.size:
      k = kernels[:, self.num]
      mu = np.take_along_axis(np.vstack([self.mu, np.full((1, self.num.size), 0.5)]), k, axis=0)
      sigma = np.take_along_axis(np.vstack([self.sigma, np.ones((1, self.num.size))]), k, axis=0)
      values = _truncated_normal(mu, sigma, rng)
      out[:, self.num] = np.where(prior[:, self.num], rng.random(k.shape), values)
      spans = self.encoding.int_spans_array[self.num]
      ints = spans > 0
      if ints.any():
        out[:, self.num[ints]] = np.round(out[:, self.num[ints]] * spans[ints]) / spans[ints]
    return out


def _draw(weights: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
  """`count` draws of a row index from each column's distribution (count x columns)."""
  cumulative = np.cumsum(weights, axis=0)
  u = rng.random((count, weights.shape[1]))
  return np.minimum((u[:, None, :] > cumulative[None, :, :]).sum(axis=1), len(weights) - 1)


def _bandwidths(values: np.ndarray, counts: np.ndarray, spans: np.ndarray) -> np.ndarray:
  """Per kernel and numerical dimension, the larger gap to a neighbouring observation.

  The range's ends count as neighbours; inactive (NaN) rows get sigma 1.
  """
  num_rows, num_dims = values.shape
  filled = np.where(np.isnan(values), np.inf, values)
  order = np.argsort(filled, axis=0, kind='stable')
  columns = np.arange(num_dims)
  padded = np.empty((num_rows + 2, num_dims))
  padded[0] = 0.0
  padded[1:-1] = filled[order, columns]
  padded[-1] = 1.0
  ranked = padded[1:-1]
  with np.errstate(invalid='ignore'):
    gaps = np.maximum(ranked - padded[:-2], np.minimum(padded[2:], 1.0) - ranked)
  sigma = np.empty_like(gaps)
  sigma[order, columns] = gaps
  low = 1.0 / np.minimum(100.0, 1.0 + counts)
  # An int's kernel spans at least about one step, so neighbouring ints stay reachable.
  low = np.maximum(low, np.where(spans > 0, 0.5 / np.maximum(spans, 1.0), 0.0))
  return np.clip(np.where(np.isfinite(sigma), sigma, 1.0), low, 1.0)


def _truncated_normal(mu: np.ndarray, sigma: np.ndarray, rng: np.random.Generator) -> np.ndarray:
  """Gaussian draws restricted to [0, 1] by redrawing the ones outside."""
  values = mu + sigma * rng.standard_normal(mu.shape)
  for _ in range(8):
    outside = (values < 0.0) | (values > 1.0)
    if not outside.any():
      break
    values[outside] = mu[outside] + sigma[outside] * rng.standard_normal(int(outside.sum()))
  return np.clip(values, 0.0, 1.0)
