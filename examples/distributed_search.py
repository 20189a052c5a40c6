"""Distributed search: worker processes share one study through the sqlite backend.

Several independent worker processes run the same ordinary `pg.sample` loop
against one study kept in an SQLite file. The log protocol hands each of
them different trials and keeps one regularized-evolution generator
consistent across all of them. On the way:

1. one worker is SIGKILLed in the middle of a trial; `run_workers` restarts
   it with the same index, so with the same group it resumes that very trial
   at once;
2. the whole job stops half-way (every worker leaves after a budget), and a
   second `run_workers` call on the same file resumes the search where it
   stopped: each new worker rebuilds the generator from the study's log.

Run:
    python examples/distributed_search.py                          # 4 workers, 200 trials
    python examples/distributed_search.py --workers 2 --trials 40  # a quick run
"""
from __future__ import annotations

import argparse
import math
import os
import signal
import sys
import tempfile
import time

import pyglove as pg

SPACE = pg.Dict(
    learning_rate=pg.floatv(1e-4, 1e-1, scale='log'),
    num_layers=pg.oneof([1, 2, 3, 4]),
    width=pg.oneof([16, 32, 64, 128]),
    activation=pg.oneof(['relu', 'tanh', 'gelu']))


def surrogate_accuracy(model: pg.Dict) -> float:
  """A stand-in for training: a deterministic accuracy with interactions."""
  lr_fit = -abs(math.log10(model.learning_rate) + 2.5) * 0.08
  capacity = math.log2(model.width) * model.num_layers
  capacity_fit = -abs(capacity - 14) * 0.01
  activation = {'relu': 0.02, 'tanh': 0.0, 'gelu': 0.03}[model.activation]
  return 0.9 + lr_fit + capacity_fit + activation


def worker(index: int, path: str, trials: int, budget: int,
           crash_file: str) -> None:
  """One worker process: an ordinary search loop on the shared study.

  Args:
    index: the worker's index (its group, so a restart resumes its trial).
    path: the SQLite file holding the study.
    trials: the study's size.
    budget: leave after this many trials (0: run until the study is done).
    crash_file: worker 0 kills itself once mid-trial, and notes the trial here.
  """
  algorithm = pg.evolution.regularized_evolution(
      population_size=20, tournament_size=5, seed=1)
  done = 0
  for model, feedback in pg.sample(SPACE, algorithm, num_examples=trials,
                                   name='distributed', group=f'worker-{index}',
                                   backend='sqlite', path=path,
                                   lease_secs=30.0):
    time.sleep(0.005)  # "Training".
    if index == 0 and feedback.id >= 5 and not os.path.exists(crash_file):
      with open(crash_file, 'w') as f:
        f.write(str(feedback.id))
      os.kill(os.getpid(), signal.SIGKILL)  # Dies mid-trial, unreported.
    feedback(surrogate_accuracy(model))
    done += 1
    if budget and done >= budget:
      return


def main(argv: list[str] | None = None) -> dict[str, object]:
  """Runs the two phases on a study in a temporary directory; returns the figures."""
  parser = argparse.ArgumentParser(  # --help ends with the docstring's quick runs.
      description=__doc__.splitlines()[0], epilog=__doc__[__doc__.index('Run:'):],
      formatter_class=argparse.RawDescriptionHelpFormatter)
  parser.add_argument('--workers', type=int, default=4,
                      help='worker processes (default: %(default)s)')
  parser.add_argument('--trials', type=int, default=200,
                      help='trials of the study (default: %(default)s)')
  args = parser.parse_args(argv)
  # The study lives in a temporary directory, removed with everything in it at the end.
  with tempfile.TemporaryDirectory(prefix='pyglove-distributed-') as workdir:
    return run(args.workers, args.trials, workdir)


def run(workers: int, trials: int, workdir: str) -> dict[str, object]:
  """Runs the two phases on a study in `workdir`; prints and returns the figures."""
  path = os.path.join(workdir, 'search.db')
  crash_file = os.path.join(workdir, 'crashed-trial')
  budget = max(1, trials // (2 * workers))
  restarts = pg.tuning.run_workers(
      worker, workers, args=(path, trials, budget, crash_file))
  first = pg.poll_result('distributed', backend='sqlite', path=path)
  with open(crash_file) as f:
    killed = int(f.read())
  print(f'Phase 1: {workers} workers, each leaving after {budget} '
        f'trials; restarts per worker: {restarts}.')
  print(f'  worker 0 was SIGKILLed running trial {killed}; its restart '
        f'resumed it: {first.trials[killed - 1]!r}')
  print(f'  the job stopped with {len(first.trials)} of {trials} trials.')

  pg.tuning.run_workers(worker, workers, args=(path, trials, 0, crash_file))
  result = pg.poll_result('distributed', backend='sqlite', path=path)
  completed = [t for t in result.trials if t.is_completed]
  print(f'Phase 2: resumed from the same file: {len(result.trials)} trials, '
        f'{len(completed)} completed, ids 1..{result.trials[-1].id}.')
  best = result.best_trial
  print(f'  best accuracy {best.final_measurement.reward:.4f} (trial '
        f'{best.id}): {pg.materialize(SPACE, best.dna).format(compact=True)}')
  return {'restarts': restarts, 'killed_trial': killed,
          'after_phase_1': len(first.trials), 'trials': len(result.trials),
          'completed': len(completed), 'best': best.final_measurement.reward}


if __name__ == '__main__':
  main(sys.argv[1:])
