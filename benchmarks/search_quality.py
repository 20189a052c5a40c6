"""Search quality: how good a DNA each algorithm finds within a budget of trials.

The problems (seeded, deterministic; see `search_problems.py`): `hpo`, a
NAS-Bench-201-shaped cell with conditional training hyper-parameters;
`pipeline`, an ML pipeline with subsets, permutations, multisets and three
conditional model branches; `nas` and `trap`, all-categorical.

For each algorithm it prints the mean and standard deviation, over seeds,
of the best reward after each budget, and the algorithm's own cost per trial
(propose + feedback, averaged over the run up to that budget; the reward's
cost excluded). Costs are CPU time of this process, so other jobs on a
shared machine do not inflate them. Optuna's samplers (with the `optuna` extra) run through
`pg.generators.OptunaSampler` on the same specs.

  python benchmarks/search_quality.py                  # 100/300/1000 trials, 10 seeds
  python benchmarks/search_quality.py --problems hpo --trials 100,300 --seeds 3
  python benchmarks/search_quality.py --check          # seconds: TPE vs random, fails if worse
  python benchmarks/search_quality.py --cost 300,1000,10000   # TPE's cost as the history grows

Measured figures are in the README (section "Search quality").
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from typing import Callable

from pyglove import generators
from pyglove import geno

try:
  from benchmarks import search_problems  # run as a module, or imported by tests
except ImportError:  # run as a script
  import search_problems  # type: ignore[no-redef]

ALGORITHMS: dict[str, Callable[[int], geno.DNAGenerator]] = {
    'tpe': lambda seed: generators.TPE(seed=seed),
    'tpe-independent': lambda seed: generators.TPE(multivariate=False, seed=seed),
    'tpe-joint': lambda seed: generators.TPE(multivariate=True, seed=seed),
    'random': lambda seed: generators.Random(seed=seed),
    'evolution': lambda seed: generators.regularized_evolution(
        population_size=30, tournament_size=6, seed=seed),
    'ppo': lambda seed: generators.PPO(seed=seed),
}
OPTUNA_ALGORITHMS = {
    'optuna-tpe': lambda seed: generators.OptunaSampler('tpe', seed=seed),
    'optuna-tpe-multivariate': lambda seed: generators.OptunaSampler(
        'tpe', seed=seed, sampler_kwargs={'multivariate': True, 'group': True}),
    'optuna-cmaes': lambda seed: generators.OptunaSampler('cmaes', seed=seed),
    'optuna-random': lambda seed: generators.OptunaSampler('random', seed=seed),
}


def timed_trial(algo: geno.DNAGenerator,
                problem: search_problems.Problem) -> tuple[float, float]:
  """One trial: its reward, and the algorithm's CPU seconds (propose + feedback, reward excluded)."""
  start = time.process_time()
  dna = algo.propose()
  spent = time.process_time() - start
  reward = problem.reward(dna)
  start = time.process_time()
  algo.feedback(dna, reward)
  return reward, spent + time.process_time() - start


def run(make: Callable[[int], geno.DNAGenerator], problem: search_problems.Problem,
        budgets: list[int], seed: int) -> tuple[list[float], list[float]]:
  """Runs one seeded search; returns the best reward and the ms per trial at each budget."""
  algo = make(seed)
  algo.setup(problem.spec)
  best, spent, bests, costs = float('-inf'), 0.0, [], []
  for t in range(1, budgets[-1] + 1):
    reward, secs = timed_trial(algo, problem)
    spent += secs
    best = max(best, reward)
    if t in budgets:
      bests.append(best)
      costs.append(1000.0 * spent / t)
  return bests, costs


def evaluate(make: Callable[[int], geno.DNAGenerator], problem: search_problems.Problem,
             budgets: list[int], seeds: range) -> list[tuple[float, float, float]]:
  """Per budget: (mean best reward, its standard deviation, mean ms per trial)."""
  results = [run(make, problem, budgets, s) for s in seeds]
  out = []
  for k in range(len(budgets)):
    bests = [r[0][k] for r in results]
    spread = statistics.pstdev(bests) if len(bests) > 1 else 0.0
    out.append((statistics.mean(bests), spread, statistics.mean(r[1][k] for r in results)))
  return out


def check() -> int:
  """A few seconds: TPE must beat random search on `hpo` and `pipeline` at 60 trials."""
  failures = 0
  for name in ('hpo', 'pipeline'):
    problem = search_problems.PROBLEMS[name]()
    tpe = evaluate(ALGORITHMS['tpe'], problem, [60], range(3))[0]
    rand = evaluate(ALGORITHMS['random'], problem, [60], range(3))[0]
    ok = tpe[0] > rand[0]
    failures += not ok
    print(f'{name}: tpe {tpe[0]:.4f} ({tpe[2]:.2f} ms/trial) vs random {rand[0]:.4f}: '
          f'{"ok" if ok else "FAIL"}')
  return 1 if failures else 0


def cost(checkpoints: list[int], problem_name: str = 'hpo') -> None:
  """Prints TPE's ms per trial (propose + feedback) over the 100 trials before each checkpoint."""
  problem = search_problems.PROBLEMS[problem_name]()
  algo = generators.TPE(seed=0)
  algo.setup(problem.spec)
  baseline = generators.Random(seed=0)
  baseline.setup(problem.spec)
  spent = 0.0
  for t in range(1, checkpoints[-1] + 1):
    spent += timed_trial(algo, problem)[1]
    if t % 100 == 0:
      if t in checkpoints:
        start = time.process_time()
        for _ in range(100):
          baseline.feedback(baseline.propose(), 0.0)
        random_ms = 10.0 * (time.process_time() - start)
        print(f'{problem_name}: TPE at {t:>6} trials: {10.0 * spent:6.2f} ms/trial '
              f'(random search in the same run: {random_ms:.3f} ms/trial)', flush=True)
      spent = 0.0


def main() -> None:
  """Parses flags, runs every algorithm on every problem and prints the table."""
  parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
  parser.add_argument('--trials', default='100,300,1000', help='comma-separated budgets')
  parser.add_argument('--seeds', type=int, default=10, help='number of seeds per algorithm')
  parser.add_argument('--problems', default='hpo,pipeline,nas,trap')
  parser.add_argument('--algorithms', default='', help='comma-separated names (default: all)')
  parser.add_argument('--no-optuna', action='store_true', help='skip Optuna even if installed')
  parser.add_argument('--check', action='store_true', help='a quick pass/fail quality check')
  parser.add_argument('--cost', default='', help='checkpoints (e.g. 300,1000,10000): print '
                      "TPE's ms per trial there as the history grows, and exit")
  args = parser.parse_args()
  if args.check:
    sys.exit(check())
  if args.cost:
    cost(sorted(int(c) for c in args.cost.split(',')))
    return
  budgets = sorted(int(t) for t in args.trials.split(','))
  algorithms = dict(ALGORITHMS)
  if not args.no_optuna:
    try:
      import optuna  # pylint: disable=g-import-not-at-top
      optuna.logging.set_verbosity(optuna.logging.ERROR)  # CMA-ES warns on every categorical
      algorithms.update(OPTUNA_ALGORITHMS)
    except ImportError:
      print('optuna is not installed: skipping its samplers (pip install "pyglove[optuna]").')
  if args.algorithms:
    algorithms = {n: algorithms[n] for n in args.algorithms.split(',')}
  header = ''.join(f'{"best@" + str(b):>17}{"ms":>7}' for b in budgets)
  for name in args.problems.split(','):
    problem = search_problems.PROBLEMS[name]()
    print(f'\n{name}: {len(problem.spec.decision_points)} decision points, {args.seeds} seeds '
          f'(mean +- std of the best reward; ms per trial of the algorithm)', flush=True)
    print(f'{"algorithm":<24}{header}')
    for algo, make in algorithms.items():
      cells = ''.join(f'{mean:>10.4f} +-{spread:.3f}{cost:>7.2f}'
                      for mean, spread, cost in evaluate(make, problem, budgets, range(args.seeds)))
      print(f'{algo:<24}{cells}', flush=True)


if __name__ == '__main__':
  main()
