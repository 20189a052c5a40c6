"""Search flows on a NAS-Bench-101-shaped space (paper Sec. 4.3, App. C.2, Fig. 13, 24-25).

The space is NAS-Bench-101's cell (Fig. 12-top): 7 nodes (input, 5
operations, output), each operation one of conv3x3, conv1x1 and maxpool3x3,
and the 21 forward edges each on or off. NAS-Bench-101's table of trained
accuracies is not bundled with any package, so a deterministic surrogate
stands in for it: it prunes the cell to the nodes on an input-to-output path,
scores each operation by its type and depth, rewards parallel paths, and
rejects cells with more than 9 edges (as NAS-Bench-101 does).

Three flows search it with regularized evolution, each for the same number of
evaluations (the budget):

- joint: one loop over ops and edges together (Fig. 10-left);
- factorized (Fig. 24): an outer loop over the ops (`where=` selects the
  decision points hinted 'op'); each outer example is an edge sub-space that an
  inner loop searches; the outer reward is the mean of the inner top 5;
- hybrid (Fig. 25): the factorized flow for half the budget, then the edges of
  the best ops found, continuing that inner search's algorithm.

The mean (and standard deviation) over seeds of each flow's best-so-far
accuracy is printed and plotted, like the paper's Fig. 13. On this surrogate
the joint flow stays ahead: as the paper observes for the factorized flow, 20
inner trials explore each op setting's edges too little (most random cells are
invalid), and the hybrid flow's second phase recovers only part of the gap.

Run:
    python examples/search_flows.py                             # 3000 evaluations x 10 seeds
    python examples/search_flows.py --budget 400 --seeds 3      # a quick run
"""
from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import zlib

import pyglove as pg

OPS = ['conv3x3', 'conv1x1', 'maxpool3x3']
NUM_NODES = 7
MAX_EDGES = 9
OP_HINT, EDGE_HINT = 'op', 'edge'
# Each operation's worth by the depth of its node (longest path from input).
OP_VALUE = {'conv3x3': [0.0, 0.55, 0.8, 0.95, 1.0, 1.0],
            'conv1x1': [0.0, 0.7, 0.45, 0.35, 0.3, 0.3],
            'maxpool3x3': [0.0, 0.15, 0.5, 0.3, 0.1, 0.1]}


@pg.symbolize
class ModelSpec:
  """A NAS-Bench-101 cell: interior node ops and the upper-triangular adjacency, row by row."""

  def __init__(self, ops: list, edges: list):
    self.ops, self.edges = ops, edges


def search_space() -> ModelSpec:
  """Returns the NAS-Bench-101-shaped space: 5 op choices and 21 edge choices."""
  num_edges = NUM_NODES * (NUM_NODES - 1) // 2
  return ModelSpec(
      ops=[pg.oneof(OPS, hints=OP_HINT) for _ in range(NUM_NODES - 2)],
      edges=[pg.oneof([0, 1], hints=EDGE_HINT) for _ in range(num_edges)])


def surrogate_accuracy(spec: ModelSpec) -> float:
  """Returns a NAS-Bench-101-like test accuracy for a cell; 0 for an invalid one."""
  n = NUM_NODES
  pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
  edges = [pair for pair, on in zip(pairs, spec.edges) if on]
  if len(edges) > MAX_EDGES:
    return 0.0
  from_input, to_output = {0}, {n - 1}
  for i, j in edges:  # Pairs are in topological order: one pass each way.
    if i in from_input:
      from_input.add(j)
  for i, j in reversed(edges):
    if j in to_output:
      to_output.add(i)
  live = from_input & to_output
  if n - 1 not in live:
    return 0.0
  edges = [(i, j) for i, j in edges if i in live and j in live]
  depth, paths = [0] * n, [1] + [0] * (n - 1)
  for i, j in edges:
    depth[j] = max(depth[j], depth[i] + 1)
    paths[j] += paths[i]
  ops = {j: spec.ops[j - 1] for j in live if 0 < j < n - 1}
  score = sum(OP_VALUE[op][depth[j]] for j, op in ops.items())
  score += 0.4 * math.log(paths[n - 1])           # Parallel paths help, less and less.
  score -= 0.15 * sum(op == 'conv3x3' for op in ops.values()) ** 2 / 5  # Size.
  # Architectures that differ only in pruned parts are the same network.
  key = repr((sorted(ops.items()), edges)).encode()
  noise = random.Random(zlib.crc32(key)).gauss(0.0, 0.002)
  return 0.80 + 0.145 * (1.0 - math.exp(-max(score, 0.0) / 2.5)) + noise


def top5_average(rewards: list[float]) -> float:
  """Returns the mean of the 5 largest rewards (the outer reward of Fig. 24)."""
  return statistics.fmean(sorted(rewards, reverse=True)[:5])


def evolution(population_size: int, seed: int) -> pg.generators.Evolution:
  """Returns regularized evolution with a tournament a quarter of the population."""
  return pg.evolution.regularized_evolution(
      population_size=population_size,
      tournament_size=max(2, population_size // 4), seed=seed)


def joint_search(space: ModelSpec, budget: int, inner: int,
                 rng: random.Random) -> list[float]:
  """Searches ops and edges together; returns the accuracies in evaluation order."""
  del inner
  rewards = []
  for model, feedback in pg.sample(space, evolution(50, rng.getrandbits(32)),
                                   num_examples=budget):
    rewards.append(surrogate_accuracy(model))
    feedback(rewards[-1])
  return rewards


def factorized_search(space: ModelSpec, budget: int, inner: int,
                      rng: random.Random) -> list[float]:
  """Ops in the outer loop, edges in the inner loop (Fig. 24)."""
  return _factorized(space, budget // inner, inner, rng)[0]


def _factorized(space: ModelSpec, outer_trials: int, inner: int,
                rng: random.Random) -> tuple[list[float], list[tuple]]:
  """Runs the factorized flow; also returns each outer trial's (reward, edge space, algorithm)."""
  rewards, attempts = [], []
  for edge_space, ops_feedback in pg.sample(
      space, evolution(20, rng.getrandbits(32)), num_examples=outer_trials,
      where=lambda v: v.hints == OP_HINT):
    algorithm = evolution(inner // 2, rng.getrandbits(32))
    inner_rewards = []
    for model, edges_feedback in pg.sample(edge_space, algorithm,
                                           num_examples=inner):
      inner_rewards.append(surrogate_accuracy(model))
      edges_feedback(inner_rewards[-1])
    ops_feedback(top5_average(inner_rewards))
    rewards.extend(inner_rewards)
    attempts.append((top5_average(inner_rewards), edge_space, algorithm))
  return rewards, attempts


def hybrid_search(space: ModelSpec, budget: int, inner: int,
                  rng: random.Random) -> list[float]:
  """Factorized for half the budget, then the edges of the best ops (Fig. 25)."""
  rewards, attempts = _factorized(space, budget // 2 // inner, inner, rng)
  _, edge_space, algorithm = max(attempts, key=lambda a: a[0])
  # The algorithm is already set up on this edge space: it continues its search.
  for model, feedback in pg.sample(edge_space, algorithm,
                                   num_examples=budget - len(rewards)):
    rewards.append(surrogate_accuracy(model))
    feedback(rewards[-1])
  return rewards


FLOWS = {'joint': joint_search, 'factorized': factorized_search,
         'hybrid': hybrid_search}


def best_so_far(rewards: list[float]) -> list[float]:
  """Returns the running maximum of `rewards`."""
  curve, best = [], -math.inf
  for reward in rewards:
    best = max(best, reward)
    curve.append(best)
  return curve


def missing_matplotlib() -> str | None:
  """Returns why the plot cannot be drawn (matplotlib is missing), or None if it can."""
  try:
    import matplotlib  # pylint: disable=g-import-not-at-top,unused-import
  except ImportError as e:
    return (f'plotting needs matplotlib ({e}); install it with `pip install '
            f'"pyglove[plot]"` (or the examples extra), or pass --out "" to skip the plot.')
  return None


def plot(curves: dict[str, list[list[float]]], path: str) -> None:
  """Saves the mean and standard deviation of each flow's best-so-far curves as a PNG."""
  problem = missing_matplotlib()
  if problem:
    raise ImportError(problem)
  import matplotlib  # pylint: disable=g-import-not-at-top
  matplotlib.use('Agg')  # Files only: no display needed.
  from matplotlib import pyplot as plt  # pylint: disable=g-import-not-at-top
  figure, axes = plt.subplots(figsize=(7, 4.5))
  for name, runs in curves.items():
    steps = range(1, len(runs[0]) + 1)
    mean = [statistics.fmean(v) for v in zip(*runs)]
    std = [statistics.pstdev(v) for v in zip(*runs)]
    axes.plot(steps, mean, label=name)
    axes.fill_between(steps, [m - s for m, s in zip(mean, std)],
                      [m + s for m, s in zip(mean, std)], alpha=0.2)
  axes.set_xlabel('evaluations')
  axes.set_ylabel('best surrogate accuracy so far')
  axes.set_title(f'Search flows with regularized evolution ({len(runs)} seeds)')
  # Early points (mostly invalid cells, scored 0) would squash the interesting range.
  finals = [run[-1] for runs in curves.values() for run in runs]
  axes.set_ylim(min(statistics.fmean(v[len(v) // 10] for v in runs)
                    for runs in curves.values()) - 0.005, max(finals) + 0.005)
  axes.legend()
  figure.tight_layout()
  figure.savefig(path, dpi=100)
  plt.close(figure)


def main(argv=None) -> dict[str, list[list[float]]]:
  """Runs every flow for every seed; returns each flow's best-so-far curves."""
  parser = argparse.ArgumentParser(  # --help ends with the docstring's quick runs.
      description=__doc__.splitlines()[0], epilog=__doc__[__doc__.index('Run:'):],
      formatter_class=argparse.RawDescriptionHelpFormatter)
  parser.add_argument('--budget', type=int, default=3000,
                      help='evaluations per flow and seed (default: %(default)s)')
  parser.add_argument('--inner', type=int, default=20,
                      help='inner-loop trials per outer trial of the factorized and '
                           'hybrid flows (default: %(default)s)')
  parser.add_argument('--seeds', type=int, default=10,
                      help='independent runs of each flow (default: %(default)s)')
  parser.add_argument('--out', default='search_flows.png',
                      help='the PNG to write, "" for none (default: %(default)s)')
  args = parser.parse_args(argv)
  if args.budget < 2 * args.inner or args.inner < 5:
    parser.error(f'need --inner >= 5 and --budget >= 2 x --inner; got '
                 f'--budget {args.budget} --inner {args.inner}.')

  no_plot = missing_matplotlib() if args.out else None
  if no_plot:  # Said before the search, which runs all the same.
    print(f'note: no plot will be saved: {no_plot}', file=sys.stderr)
  space = search_space()
  curves = {name: [] for name in FLOWS}
  for seed in range(args.seeds):
    for name, flow in FLOWS.items():
      rewards = flow(space, args.budget, args.inner, random.Random(seed))
      curves[name].append(best_so_far(rewards))
  for name, runs in curves.items():
    finals = [run[-1] for run in runs]
    halfway = statistics.fmean(run[len(run) // 2 - 1] for run in runs)
    print(f'{name:>10}: best after {args.budget // 2} evaluations {halfway:.4f}, '
          f'after {args.budget} {statistics.fmean(finals):.4f} '
          f'(std {statistics.pstdev(finals):.4f}, {args.seeds} seeds)')
  if no_plot:
    print(f'plot skipped: {no_plot}', file=sys.stderr)
  elif args.out:
    plot(curves, args.out)
    print(f'plot saved to {args.out}')
  return curves


if __name__ == '__main__':
  main()
