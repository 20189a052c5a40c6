"""The PPO controller's policy: a factorized distribution over a DNA spec, in numpy.

Parameters:
  - one logits row per categorical decision point (single choices and each
    subchoice of a multi-choice), padded to the widest one;
  - one (mean, log-std) pair per float/int decision point, a Gaussian over
    the point's range normalized to [0, 1] (its scale applied first).

A DNA is sampled top-down in preorder, so a conditional point is drawn only
when its parent chooses it. Multi-choices are k sequential draws: a distinct
one masks the candidates already taken; a sorted one masks those that would
break the order (and, when distinct, those that leave too few for the rest),
so the sampled DNA's probability is exactly the product of its draws.
Gaussian draws are clipped to [0, 1]; their log-density is taken at the
clipped value (a standard simplification).

Sampling uses plain Python floats cached after each update, so proposing is
cheap; training works on whole batches with a few array operations.
"""
from __future__ import annotations

import bisect
import math
import random
from typing import Any

import numpy as np

from pyglove import geno
from pyglove.generators import _plan
from pyglove.geno import _state_json

_INIT_STD = 0.3
_MIN_LOG_STD = math.log(0.01)
_MAX_LOG_STD = math.log(1.0)
_HALF_LOG_2PI = 0.5 * math.log(2 * math.pi)


@_state_json.register
class Actions:
  """The decisions of one DNA, encoded against the policy's parameters.

  Attributes:
    choices: (choice point index, chosen index, allowed indices) per
      categorical draw.
    numbers: (numerical point index, value in [0, 1]) per Gaussian draw.
  """
  __slots__ = ('choices', 'numbers')

  def __init__(self):
    self.choices: list[tuple[int, int, tuple[int, ...] | None]] = []
    self.numbers: list[tuple[int, float]] = []


def _multi_allowed(node: _plan.MultiNode, taken: list[int],
                   position: int) -> tuple[int, ...] | None:
  """The indices a subchoice may take after `taken`, or None when all may."""
  n, k = node.num_candidates, len(node.subs)
  if not node.distinct and not node.sorted:
    return None
  lo = 0
  hi = n
  if node.sorted and taken:
    lo = taken[-1] + 1 if node.distinct else taken[-1]
  if node.sorted and node.distinct:
    # Leave room for the subchoices still to come.
    hi = n - (k - position - 1)
  used = set(taken) if node.distinct else ()
  return tuple(i for i in range(lo, hi) if i not in used)


@_state_json.register
class Policy:
  """A learnable distribution over the DNA of one spec."""

  def __init__(self, plan: _plan.Plan):
    self.plan = plan
    widths = [len(c.candidates) for c in plan.choices]
    self.width = max(widths, default=1)
    self.logits = np.zeros((len(widths), self.width))
    self.valid = np.zeros((len(widths), self.width), dtype=bool)
    for row, w in enumerate(widths):
      self.valid[row, :w] = True
    q = len(plan.numericals)
    self.mean = np.full(q, 0.5)
    self.log_std = np.full(q, math.log(_INIT_STD))
    self.refresh()

  @property
  def parameters(self) -> list[np.ndarray]:
    """The learnable arrays, in a fixed order (the optimizer's view)."""
    return [self.logits, self.mean, self.log_std]

  def refresh(self) -> None:
    """Recomputes the Python-side sampling tables after the parameters changed."""
    np.clip(self.log_std, _MIN_LOG_STD, _MAX_LOG_STD, out=self.log_std)
    np.clip(self.mean, 0.0, 1.0, out=self.mean)
    probs = _masked_softmax(self.logits, self.valid)
    self._probs = [row[:len(c.candidates)].tolist() for row, c in zip(probs, self.plan.choices)]
    self._cumulative = [_cumsum(p) for p in self._probs]
    self._means = self.mean.tolist()
    self._stds = np.exp(self.log_std).tolist()

  # ----- Sampling -----

  def sample(self, rng: random.Random) -> geno.DNA:
    """Draws a DNA of the spec; all randomness from `rng`."""
    return _plan.space_dna(self._sample_space(self.plan.root, rng))

  def _sample_space(self, space: _plan.SpaceNode, rng: random.Random) -> list[geno.DNA]:
    return [self._sample_point(e, rng) for e in space.elements]

  def _sample_point(self, node: Any, rng: random.Random) -> geno.DNA:
    kind = type(node)
    if kind is _plan.ChoiceNode:
      i = self._draw(node.index, None, rng)
      return geno.DNA(i, self._sample_space(node.candidates[i], rng))
    if kind is _plan.MultiNode:
      taken: list[int] = []
      subs = []
      for position, sub in enumerate(node.subs):
        i = self._draw(sub.index, _multi_allowed(node, taken, position), rng)
        taken.append(i)
        subs.append(geno.DNA(i, self._sample_space(sub.candidates[i], rng)))
      return geno.DNA(None, subs)
    if kind is _plan.FloatNode or kind is _plan.IntNode:
      u = rng.gauss(self._means[node.index], self._stds[node.index])
      return geno.DNA(node.from_unit(min(max(u, 0.0), 1.0)))
    return node.point.random_dna(rng, attach_spec=False)

  def _draw(self, row: int, allowed: tuple[int, ...] | None, rng: random.Random) -> int:
    if allowed is None:
      cumulative = self._cumulative[row]
      i = bisect.bisect_right(cumulative, rng.random() * cumulative[-1])
      return min(i, len(cumulative) - 1)
    probs = self._probs[row]
    total = sum(probs[i] for i in allowed)
    target = rng.random() * total
    for i in allowed:
      target -= probs[i]
      if target < 0:
        return i
    return allowed[-1]

  # ----- Encoding -----

  def encode(self, dna: geno.DNA) -> Actions:
    """Lists the draws that produce `dna` (a DNA valid for the spec)."""
    actions = Actions()
    self._encode_space(self.plan.root, _plan.space_children(self.plan.root, dna), actions)
    return actions

  def _encode_space(self, space: _plan.SpaceNode, children: list[geno.DNA],
                    actions: Actions) -> None:
    for element, child in zip(space.elements, children):
      self._encode_point(element, child, actions)

  def _encode_point(self, node: Any, dna: geno.DNA, actions: Actions) -> None:
    kind = type(node)
    if kind is _plan.ChoiceNode:
      actions.choices.append((node.index, dna.value, None))
      space = node.candidates[dna.value]
      self._encode_space(space, _plan.candidate_children(space, dna.children), actions)
    elif kind is _plan.MultiNode:
      taken: list[int] = []
      for position, (sub, child) in enumerate(zip(node.subs, dna.children)):
        actions.choices.append((sub.index, child.value, _multi_allowed(node, taken, position)))
        taken.append(child.value)
        space = sub.candidates[child.value]
        self._encode_space(space, _plan.candidate_children(space, child.children), actions)
    elif kind is _plan.FloatNode or kind is _plan.IntNode:
      actions.numbers.append((node.index, node.to_unit(dna.value)))


def _cumsum(values: list[float]) -> list[float]:
  out, total = [], 0.0
  for v in values:
    total += v
    out.append(total)
  return out


def _masked_softmax(logits: np.ndarray, mask: np.ndarray) -> np.ndarray:
  masked = np.where(mask, logits, -np.inf)
  top = masked.max(axis=1, keepdims=True)
  top = np.where(np.isfinite(top), top, 0.0)
  e = np.where(mask, np.exp(masked - top), 0.0)
  total = e.sum(axis=1, keepdims=True)
  return e / np.where(total > 0, total, 1.0)


class Batch:
  """A batch of encoded DNA as flat arrays, ready for vectorized training."""

  def __init__(self, policy: Policy, actions: list[Actions], advantages: np.ndarray):
    self.size = len(actions)
    self.advantages = advantages
    rows, picks, owners, masks = [], [], [], []
    points, values, number_owners = [], [], []
    for b, a in enumerate(actions):
      for row, pick, allowed in a.choices:
        rows.append(row)
        picks.append(pick)
        owners.append(b)
        if allowed is None:
          masks.append(policy.valid[row])
        else:
          m = np.zeros(policy.width, dtype=bool)
          m[list(allowed)] = True
          masks.append(m)
      for point, value in a.numbers:
        points.append(point)
        values.append(value)
        number_owners.append(b)
    self.rows = np.asarray(rows, dtype=np.int64)
    self.picks = np.asarray(picks, dtype=np.int64)
    self.owners = np.asarray(owners, dtype=np.int64)
    self.masks = np.asarray(masks, dtype=bool).reshape(len(rows), policy.width)
    self.points = np.asarray(points, dtype=np.int64)
    self.values = np.asarray(values, dtype=np.float64)
    self.number_owners = np.asarray(number_owners, dtype=np.int64)


def surrogate_gradients(policy: Policy, batch: Batch, old_log_probs: np.ndarray | None,
                        clip_ratio: float, entropy_coef: float
                        ) -> tuple[np.ndarray, list[np.ndarray]]:
  """The clipped PPO objective's gradients (to ascend) for every parameter.

  Args:
    policy: the current policy.
    batch: the encoded DNA with their advantages.
    old_log_probs: the batch's log-probabilities under the policy that
      sampled it, or None when that is the current policy (first epoch).
    clip_ratio: PPO's epsilon: ratios beyond 1 +/- epsilon stop pulling.
    entropy_coef: the weight of the entropy bonus.

  Returns:
    (log-probabilities of the batch under the current policy, gradients in
    the order of `policy.parameters`).
  """
  n = batch.size
  m = len(batch.rows)
  probs = _masked_softmax(policy.logits[batch.rows], batch.masks)
  log_probs = np.log(np.where(batch.masks, probs, 1.0))
  chosen = log_probs[np.arange(m), batch.picks]
  entropy = -(probs * log_probs).sum(axis=1)

  mean = policy.mean[batch.points]
  log_std = policy.log_std[batch.points]
  std = np.exp(log_std)
  z = (batch.values - mean) / std
  number_log_probs = -0.5 * z * z - log_std - _HALF_LOG_2PI

  total = (_scatter(batch.owners, chosen, n)
           + _scatter(batch.number_owners, number_log_probs, n))
  old = total if old_log_probs is None else old_log_probs
  ratio = np.exp(total - old)
  adv = batch.advantages
  unclipped = ratio * adv
  clipped = np.clip(ratio, 1 - clip_ratio, 1 + clip_ratio) * adv
  # d objective / d log-prob of each sample: zero where the clipped term binds.
  pull = np.where(unclipped <= clipped, unclipped, 0.0) / n

  onehot = np.zeros_like(probs)
  onehot[np.arange(m), batch.picks] = 1.0
  row_grads = pull[batch.owners][:, None] * (onehot - probs)
  row_grads -= (entropy_coef / n) * probs * (log_probs + entropy[:, None])
  logits_grad = np.zeros_like(policy.logits)
  np.add.at(logits_grad, batch.rows, row_grads)

  q = len(policy.mean)
  number_pull = pull[batch.number_owners]
  mean_grad = _scatter(batch.points, number_pull * z / std, q)
  # The entropy of a Gaussian grows with its log-std at rate 1 per draw.
  log_std_grad = _scatter(batch.points, number_pull * (z * z - 1.0) + entropy_coef / n, q)
  return total, [logits_grad, mean_grad, log_std_grad]


def _scatter(indices: np.ndarray, weights: np.ndarray, size: int) -> np.ndarray:
  """Sums `weights` into `size` bins by index (float even when empty)."""
  return np.bincount(indices, weights, minlength=size).astype(np.float64, copy=False)


@_state_json.register
class Adam:
  """Adam (Kingma & Ba, 2015) ascending a list of numpy arrays in place."""

  def __init__(self, parameters: list[np.ndarray], learning_rate: float,
               beta1: float = 0.9, beta2: float = 0.999, epsilon: float = 1e-8):
    self.learning_rate = learning_rate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.step_count = 0
    self.first = [np.zeros_like(p) for p in parameters]
    self.second = [np.zeros_like(p) for p in parameters]

  def step(self, parameters: list[np.ndarray], gradients: list[np.ndarray]) -> None:
    """Moves each parameter up its gradient by one Adam step."""
    self.step_count += 1
    t = self.step_count
    scale = self.learning_rate * math.sqrt(1 - self.beta2 ** t) / (1 - self.beta1 ** t)
    for p, g, m, v in zip(parameters, gradients, self.first, self.second):
      m *= self.beta1
      m += (1 - self.beta1) * g
      v *= self.beta2
      v += (1 - self.beta2) * g * g
      p += scale * m / (np.sqrt(v) + self.epsilon)
