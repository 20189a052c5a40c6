"""Trials per second of `pg.sample` with a trivial reward, on 50-decision spaces.

Times the whole loop (propose, hand out, decode, feedback, record) for random
search and regularized evolution, beside a baseline measured in the same
run: the bare generator driven by hand (propose + feedback on the DNA spec,
no loop, no decoding, no history). Two spaces, labelled in the output:

- "bare DNA spec": the loop over a `pg.DNASpec` itself (examples are DNA);
- "50-oneof pg.Dict": a symbolic search space, each example decoded into a
  `pg.Dict` program, as users write it.

The garbage collector stays on, as for users. With ``--check``, the loop on
the pg.Dict with random search must stay within 8x of the bare generator.

The README's reference column runs this file with the interpreter where the
reference PyGlove 0.4.5 is installed (``--trials 100 --rounds 1``).

Run: python benchmarks/loop_bench.py [--trials N] [--rounds R] [--check]
"""
from __future__ import annotations

import argparse
import time

import pyglove as pg
from pyglove import geno

from _check import check


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


def make_dict_space(num_decisions: int = 50) -> pg.Dict:
  """The same shape as a symbolic space: 4-way oneofs and floats in a pg.Dict."""
  return pg.Dict({
      f'x{i}': (pg.floatv(0.0, 1.0) if i % 5 == 4 else
                pg.oneof(['relu', 'tanh', 'swish', 'gelu']))
      for i in range(num_decisions)})


def trivial_reward(dna: geno.DNA) -> float:
  """A cheap reward: the sum of the decision values."""
  return float(sum(dna.to_numbers()))


def bare_generator(spec: geno.Space, algorithm, trials: int) -> None:
  """The baseline: the generator alone, driven by hand."""
  algorithm.setup(spec)
  for _ in range(trials):
    dna = algorithm.propose()
    algorithm.feedback(dna, trivial_reward(dna))


def through_sample(space, algorithm, trials: int) -> None:
  """The measured path: the same work through pg.sample (examples decoded)."""
  for example, feedback in pg.sample(space, algorithm, num_examples=trials):
    feedback(trivial_reward(example) if isinstance(example, geno.DNA)
             else float(len(example)))


def best_rate(fn, spec, make_algorithm, trials: int, rounds: int) -> float:
  """Trials per second of the fastest of `rounds` runs."""
  best = float('inf')
  for _ in range(rounds):
    algorithm = make_algorithm()
    start = time.process_time()
    fn(spec, algorithm, trials)
    best = min(best, time.process_time() - start)
  return trials / best


def _regularized_evolution():
  """Ours, or the reference's (this file also times the reference PyGlove)."""
  generators = getattr(pg, 'generators', None)
  if generators is not None:
    return generators.RegularizedEvolution
  return pg.evolution.regularized_evolution


def main() -> None:
  parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
  parser.add_argument('--trials', type=int, default=2000)
  parser.add_argument('--rounds', type=int, default=3)
  parser.add_argument('--check', action='store_true')
  args = parser.parse_args()
  spaces = {'bare DNA spec': make_space(), '50-oneof pg.Dict': make_dict_space()}
  algorithms = {
      'random search': lambda: geno.Random(seed=1),
      'regularized evolution': lambda: _regularized_evolution()(
          population_size=100, tournament_size=10, seed=1),
  }
  print(f'50 decisions, {args.trials} trials, best of {args.rounds} rounds, '
        'garbage collector on')
  ratios = {}
  for space_label, space in spaces.items():
    spec = pg.dna_spec(space) if isinstance(space, pg.Dict) else space
    for label, make in algorithms.items():
      loop = best_rate(through_sample, space, make, args.trials, args.rounds)
      bare = best_rate(bare_generator, spec, make, args.trials, args.rounds)
      ratios[f'{space_label}, {label}'] = bare / loop
      print(f'{space_label:>16}, {label:>21}: pg.sample {loop:8.0f} trials/s'
            f' | bare generator {bare:8.0f} trials/s | {bare / loop:4.1f}x')
  if args.check:
    check({'pg.sample on a 50-oneof pg.Dict, random search / bare generator':
           (ratios['50-oneof pg.Dict, random search'], 8)})


if __name__ == '__main__':
  main()
