"""Trials per second of `pg.sample` with a trivial reward, on a 50-decision space.

Times the whole loop (propose, hand out, decode, feedback, record) for random
search and regularized evolution, beside a baseline measured in the same
run: the bare generator driven by hand (propose + feedback, no loop). The
difference is the loop's own cost, most of it the garbage collector walking
the history the study keeps (every trial and its DNA tree), which the bare
loop throws away. The reference PyGlove manages about 10 trials/s on such a
space; the target is more than 2,000/s.

Run: python benchmarks/loop_bench.py [--trials N] [--rounds R]
"""
from __future__ import annotations

import argparse
import time

import pyglove as pg
from pyglove import geno


def make_space(num_decisions: int = 50) -> geno.Space:
  """A space of 50 decisions: 4-way choices, with every fifth a float."""
  elements = []
  for i in range(num_decisions):
    if i % 5 == 4:
      elements.append(geno.Float(0.0, 1.0, location=f'x{i}'))
    else:
      elements.append(geno.Choices(1, [geno.Space() for _ in range(4)],
                                   location=f'x{i}'))
  return geno.Space(elements)


def trivial_reward(dna: geno.DNA) -> float:
  """A cheap reward: the sum of the decision values."""
  return float(sum(dna.to_numbers()))


def bare_generator(spec: geno.Space, algorithm, trials: int) -> None:
  """The baseline: the generator alone, driven by hand."""
  algorithm.setup(spec)
  for _ in range(trials):
    dna = algorithm.propose()
    algorithm.feedback(dna, trivial_reward(dna))


def through_sample(spec: geno.Space, algorithm, trials: int) -> None:
  """The measured path: the same work through pg.sample."""
  for dna, feedback in pg.sample(spec, algorithm, num_examples=trials):
    feedback(trivial_reward(dna))


def best_rate(fn, spec, make_algorithm, trials: int, rounds: int) -> float:
  """Trials per second of the fastest of `rounds` runs."""
  best = float('inf')
  for _ in range(rounds):
    algorithm = make_algorithm()
    start = time.perf_counter()
    fn(spec, algorithm, trials)
    best = min(best, time.perf_counter() - start)
  return trials / best


def main() -> None:
  parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
  parser.add_argument('--trials', type=int, default=2000)
  parser.add_argument('--rounds', type=int, default=3)
  args = parser.parse_args()
  spec = make_space()
  algorithms = {
      'random search': lambda: geno.Random(seed=1),
      'regularized evolution': lambda: pg.generators.RegularizedEvolution(
          population_size=100, tournament_size=10, seed=1),
  }
  print(f'{len(spec.decision_points)} decisions, {args.trials} trials, '
        f'best of {args.rounds} rounds')
  for label, make in algorithms.items():
    loop = best_rate(through_sample, spec, make, args.trials, args.rounds)
    bare = best_rate(bare_generator, spec, make, args.trials, args.rounds)
    overhead_us = (1 / loop - 1 / bare) * 1e6
    print(f'{label:>22}: pg.sample {loop:8.0f} trials/s | bare generator '
          f'{bare:8.0f} trials/s | loop overhead {overhead_us:5.1f} us/trial')


if __name__ == '__main__':
  main()
