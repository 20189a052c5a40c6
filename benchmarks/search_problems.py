"""The problems of `search_quality.py`: DNA specs with seeded, deterministic rewards.

  - `hpo`: a NAS-Bench-201-shaped cell (6 edges x 5 ops) trained with mixed
    hyper-parameters: width (choice), depth (int), log-scale learning rate and
    weight decay, dropout, batch size, and an optimizer whose sub-space is
    conditional (SGD: momentum, Nesterov; Adam: beta1, epsilon; RMSProp: rho).
    The learning rate has a cliff (divergence: chance accuracy) that moves
    with the optimizer, momentum and batch size, and a plateau where it is
    too small to train; the best weight decay depends on the optimizer, the
    best dropout on the width; deep cells without a skip edge degrade; cells
    whose output is cut off from the input are at chance. Accuracies are
    quantized to 0.002, so small moves land on plateaus.
  - `pipeline`: an ML pipeline of another shape: a 4-of-12 feature subset
    (`manyof`, sorted), the order of 4 preprocessing steps (a permutation), a
    model choice with three conditional sub-spaces (boosted trees: ints and a
    log learning rate that trade off; SVM: log C and gamma and a kernel whose
    'poly' branch diverges at large C; MLP: two layer widths, non-distinct and
    ordered, a log learning rate with a cliff, dropout), and a 3-of-5
    ensemble multiset (`manyof`, sorted, repeats allowed).
  - `nas`: a NAS-Bench-101-shaped cell, all categorical (5 ops, 10 edges).
  - `trap`: a 20-bit deceptive trap (optimum 20).
"""
from __future__ import annotations

import itertools
import math
from typing import Callable

import numpy as np

from pyglove import geno

S, C, F, I = geno.Space, geno.Choices, geno.Float, geno.Int


class Problem:
  """A search problem: a spec and a reward on its DNA."""

  def __init__(self, name: str, spec: geno.Space, reward: Callable[[geno.DNA], float]):
    self.name = name
    self.spec = spec
    self.reward = reward


def _choice(n: int, location: str) -> C:
  return C(1, [S() for _ in range(n)], location=location)


# ---- hpo: NAS-Bench-201-shaped cell plus training hyper-parameters ----

CELL_EDGES = ((0, 1), (0, 2), (1, 2), (0, 3), (1, 3), (2, 3))
NONE, SKIP = 0, 1  # ops: none, skip, conv1x1, conv3x3, avgpool3x3
SGD, ADAM, RMSPROP = 0, 1, 2


def _cell_connected(ops: list[int]) -> bool:
  reached = {0}
  for (i, j), op in zip(CELL_EDGES, ops):
    if op != NONE and i in reached:
      reached.add(j)
  return 3 in reached


def _bump(x: float, centre: float, width: float) -> float:
  return math.exp(-0.5 * ((x - centre) / width) ** 2)


def hpo_problem(seed: int = 201) -> Problem:
  """The NAS-Bench-201-shaped HPO problem (see the module docstring)."""
  rng = np.random.default_rng(seed)
  op_gain = np.array([0.0, 0.45, 0.62, 1.0, 0.38])
  edge_op = rng.normal(0.0, 0.15, (6, 5))
  pairs = [(a, b) for a, b in itertools.combinations(range(6), 2)
           if set(CELL_EDGES[a]) & set(CELL_EDGES[b])]
  pair_op = rng.normal(0.0, 0.12, (len(pairs), 5, 5))
  spec = S([_choice(5, f'edge{e}') for e in range(6)] + [
      _choice(4, 'width'),
      I(1, 6, location='depth'),
      F(1e-5, 1.0, scale='log', location='lr'),
      F(1e-6, 1e-2, scale='log', location='weight_decay'),
      F(0.0, 0.8, location='dropout'),
      _choice(3, 'batch_size'),
      C(1, [S([F(0.0, 0.99, location='momentum'), _choice(2, 'nesterov')]),
            S([F(0.8, 0.999, location='beta1'), F(1e-10, 1e-6, scale='log', location='eps')]),
            S([F(0.5, 0.99, location='rho')])], location='optimizer'),
  ])

  def reward(dna: geno.DNA) -> float:
    x = dna.children
    ops = [c.value for c in x[:6]]
    width, depth = x[6].value, x[7].value
    lr, wd, dropout, batch = x[8].value, x[9].value, x[10].value, x[11].value
    optimizer = x[12]
    if not _cell_connected(ops):
      return 0.1
    s = sum(op_gain[o] + edge_op[e, o] for e, o in enumerate(ops))
    s += sum(pair_op[p, ops[a], ops[b]] for p, (a, b) in enumerate(pairs))
    arch = 1.0 / (1.0 + math.exp(-(s - 3.2) / 0.8))
    capacity = 1.0 - 0.3 * math.exp(-0.45 * (width + 0.6 * depth))
    if SKIP not in ops and depth > 3:
      capacity -= 0.06 * (depth - 3)
    log_lr = math.log10(lr)
    if optimizer.value == SGD:
      momentum, nesterov = optimizer.children[0].value, optimizer.children[1].value
      log_lr -= math.log10(1.0 - momentum)  # the effective step size
      best, cliff, best_wd, ceiling = -0.6 + 0.25 * batch, 0.4 + 0.2 * batch, -3.3, 1.0
      ceiling += 0.015 if nesterov and momentum > 0.8 else 0.0
    elif optimizer.value == ADAM:
      beta1 = optimizer.children[0].value
      best, cliff, best_wd = -3.0 + 0.2 * batch, -1.6, -4.6
      ceiling = 0.985 * (1.0 - 0.4 * (beta1 - 0.9) ** 2 / 0.01)
    else:
      rho = optimizer.children[0].value
      best, cliff, best_wd = -3.4 + 0.15 * batch, -2.2, -4.2
      ceiling = 0.97 * (1.0 - 0.1 * (rho - 0.9) ** 2 / 0.16)
    if log_lr > cliff:
      return 0.1  # diverged
    if log_lr < best - 1.8:
      lr_factor = 0.3  # too slow to train anything: a plateau
    else:
      lr_factor = max(_bump(log_lr, best, 0.6), 0.3)
    wd_factor = 1.0 - 0.2 * min(1.0, ((math.log10(wd) - best_wd) / 1.5) ** 2)
    do_factor = 1.0 - 0.25 * min(1.0, (dropout - 0.1 - 0.12 * width) ** 2 / 0.16)
    accuracy = 0.1 + 0.85 * arch * capacity * lr_factor * wd_factor * do_factor * ceiling
    return math.floor(accuracy * 500.0) / 500.0

  return Problem('hpo', spec, reward)


# ---- pipeline: subsets, permutations, multisets and three model branches ----

def pipeline_problem(seed: int = 7) -> Problem:
  """The ML pipeline problem (see the module docstring)."""
  rng = np.random.default_rng(seed)
  feature_value = rng.gamma(2.0, 0.5, 12)
  feature_pair = np.triu(rng.normal(0.0, 0.25, (12, 12)), 1)
  precedence = rng.normal(0.0, 0.4, (4, 4))  # bonus when step i runs before step j
  member_value = rng.normal(0.0, 0.3, 5)
  spec = S([
      C(4, [S() for _ in range(12)], sorted=True, location='features'),
      C(4, [S() for _ in range(4)], location='steps'),
      C(1, [S([I(10, 500, location='trees'), I(2, 12, location='depth'),
               F(1e-3, 1.0, scale='log', location='eta'), F(0.3, 1.0, location='subsample')]),
            S([F(1e-3, 1e3, scale='log', location='C'), F(1e-4, 10.0, scale='log', location='gamma'),
               _choice(3, 'kernel')]),
            S([C(2, [S() for _ in range(4)], distinct=False, location='layers'),
               F(1e-5, 1e-1, scale='log', location='lr'), F(0.0, 0.6, location='dropout')])],
        location='model'),
      C(3, [S() for _ in range(5)], distinct=False, sorted=True, location='ensemble'),
  ])

  def reward(dna: geno.DNA) -> float:
    features_dna, steps_dna, model, ensemble = dna.children
    features = [c.value for c in features_dna.children]
    value = sum(feature_value[f] for f in features)
    value += sum(feature_pair[a, b] for a, b in itertools.combinations(features, 2))
    feature_q = 1.0 / (1.0 + math.exp(-(value - 4.0)))
    steps = [c.value for c in steps_dna.children]
    order = sum(precedence[steps[i], steps[j]] for i, j in itertools.combinations(range(4), 2))
    steps_q = 1.0 / (1.0 + math.exp(-order))
    model_q = _model_quality(model)
    members = [c.value for c in ensemble.children]
    ensemble_q = 0.8 + 0.05 * len(set(members)) + 0.1 * max(member_value[m] for m in members)
    return 0.2 + 0.75 * feature_q * (0.6 + 0.4 * steps_q) * model_q * min(ensemble_q, 1.0)

  return Problem('pipeline', spec, reward)


def _model_quality(model: geno.DNA) -> float:
  p = [c.value for c in model.children] if model.value != 2 else None
  if model.value == 0:
    trees, depth, eta, subsample = p
    best_trees = math.log10(200.0) - 0.8 * (math.log10(eta) + 1.0)
    return (0.93 * _bump(math.log10(trees), best_trees, 0.35) ** 0.5 * _bump(depth, 6, 3.0)
            * _bump(math.log10(eta), -1.2, 0.8) ** 0.3 * (1.0 - 0.5 * (subsample - 0.8) ** 2))
  if model.value == 1:
    c_value, gamma, kernel = p
    if kernel == 2 and c_value > 100.0:
      return 0.2  # the polynomial kernel diverges
    if kernel == 0:
      return 0.8 * _bump(math.log10(c_value), 0.0, 1.5)
    return (0.9 if kernel == 1 else 0.85) * _bump(math.log10(c_value), 1.0, 1.0) * _bump(
        math.log10(gamma), -2.0, 0.8)
  layers_dna, lr_dna, dropout_dna = model.children
  layers = [c.value for c in layers_dna.children]
  log_lr, dropout = math.log10(lr_dna.value), dropout_dna.value
  if log_lr > -1.5:
    return 0.2  # diverged
  shape = 1.0 if layers[0] >= layers[1] else 0.85
  size = 0.85 + 0.05 * (layers[0] + layers[1]) / 2.0
  return 0.95 * shape * size * _bump(log_lr, -3.0, 0.5) * (1.0 - (dropout - 0.2) ** 2)


# ---- nas and trap: all-categorical ----

NAS_NODES, NAS_OPS = 5, 3
NAS_EDGES = list(itertools.combinations(range(NAS_NODES), 2))


def nas_problem(seed: int = 2020) -> Problem:
  """A NAS-Bench-101-shaped cell with a seeded reward table (at most 9 edges, connected)."""
  rng = np.random.default_rng(seed)
  op_weights = rng.normal(0.0, 1.0, size=(NAS_NODES, NAS_OPS))
  edge_weights = rng.normal(0.2, 0.5, size=len(NAS_EDGES))
  interactions = rng.normal(0.0, 1.0, size=(len(NAS_EDGES), NAS_OPS, NAS_OPS))
  widths = [NAS_OPS] * NAS_NODES + [2] * len(NAS_EDGES)
  spec = S([_choice(w, f'x{i}') for i, w in enumerate(widths)])

  def reward(dna: geno.DNA) -> float:
    x = dna.to_numbers()
    ops, edges = x[:NAS_NODES], x[NAS_NODES:]
    reached = {0}
    for e, (i, j) in enumerate(NAS_EDGES):
      if edges[e] and i in reached:
        reached.add(j)
    if sum(edges) > 9 or NAS_NODES - 1 not in reached:
      return 0.0
    total = sum(op_weights[i, op] for i, op in enumerate(ops))
    for e, (i, j) in enumerate(NAS_EDGES):
      if edges[e]:
        total += edge_weights[e] + interactions[e, ops[i], ops[j]]
    return float(min(max(0.5 + total / 30.0, 0.0), 1.0))

  return Problem('nas', spec, reward)


def trap_problem(num_blocks: int = 5, block: int = 4) -> Problem:
  """The deceptive trap: a block scores `block` when all ones, else block - 1 - its ones."""
  spec = S([_choice(2, f'x{i}') for i in range(num_blocks * block)])

  def reward(dna: geno.DNA) -> float:
    x = dna.to_numbers()
    total = 0
    for b in range(num_blocks):
      ones = sum(x[b * block:(b + 1) * block])
      total += block if ones == block else block - 1 - ones
    return float(total)

  return Problem('trap', spec, reward)


PROBLEMS = {'hpo': hpo_problem, 'pipeline': pipeline_problem, 'nas': nas_problem,
            'trap': trap_problem}
