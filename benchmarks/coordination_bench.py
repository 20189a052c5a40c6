"""Per-trial coordination cost of a study shared by W workers, emulated in one process.

W worker handles share one study, each with its own connection and its own
copy of the algorithm, as W worker processes would. Each holds a trial;
round-robin, the next handle completes its trial and takes another, so the
study sees the interleaving of W workers whose trials take equally long.
All of it runs in one process, which makes the time per trial the *total*
work the protocol does for a trial, on whichever worker: handing it out,
proposing, replaying other workers' events into algorithm copies, recording
the feedback. Separately it reports how long the study's lock is held per
trial: the serial part, which caps a study's throughput at 1 / that time.

The baseline, measured in the same run, is W = 1. The goal is at most 2x
from W = 1 to W = 100: coordination that does not grow with the workers.
Random search on a small space with a trivial reward, so the protocol is
all there is to time.

Run: python benchmarks/coordination_bench.py [--trials N] [--workers 1 10 100]
     [--backends sqlite postgres] (PostgreSQL runs on a throwaway local
     server when its binaries and psycopg are installed.)
"""
from __future__ import annotations

import argparse
import contextlib
import os
import tempfile
import time
from typing import Any, Iterator

from pyglove import geno
from pyglove.tuning import Measurement
from pyglove.tuning._backend import create_backend
from pyglove.tuning.backends import local_postgres


def make_space() -> geno.Space:
  """A 4-way choice and a float."""
  return geno.Space([
      geno.Choices(1, [geno.Space() for _ in range(4)], location='a'),
      geno.Float(0.0, 1.0, location='b')])


class LockClock:
  """Wraps a dialect's write transactions to add up the time the lock is held."""

  def __init__(self, dialect: Any) -> None:
    self.held = 0.0
    write = dialect.write

    @contextlib.contextmanager
    def timed(conn: Any, lock: int) -> Iterator[None]:
      with write(conn, lock):
        start = time.perf_counter()
        try:
          yield
        finally:
          self.held += time.perf_counter() - start

    dialect.write = timed


def per_trial(backend_args: dict[str, Any], workers: int,
              trials: int) -> tuple[float, float]:
  """(seconds per trial, lock-held seconds per trial) with `workers` handles."""
  kwargs = dict(backend_args)
  backend = create_backend(kwargs.pop('backend'), **kwargs)
  clock = LockClock(backend.dialect)
  name = f'coordination-{workers}-{time.time_ns()}'
  handles = [backend.open_study(
      name=name, dna_spec=make_space(), algorithm=geno.Random(seed=1),
      early_stopping_policy=None, num_examples=None,
      metrics_to_optimize=['reward']) for _ in range(workers)]
  held = [h.next_trial(f'w{i}') for i, h in enumerate(handles)]
  # Warm up: every handle completes one trial before the clock starts.
  for i, handle in enumerate(handles):
    handle.complete_trial(held[i].id, Measurement(1.0))
    held[i] = handle.next_trial(f'w{i}')
  clock.held = 0.0
  start = time.perf_counter()
  for step in range(trials):
    i = step % workers
    handles[i].complete_trial(held[i].id, Measurement(1.0))
    held[i] = handles[i].next_trial(f'w{i}')
  elapsed = time.perf_counter() - start
  for handle in handles:
    handle.close()
  return elapsed / trials, clock.held / trials


def report(label: str, backend_args: dict[str, Any], workers: list[int],
           trials: int) -> None:
  baseline = None
  for count in workers:
    cost, lock = per_trial(backend_args, count, trials)
    baseline = baseline or cost
    print(f'{label:>8}, W={count:>3}: {cost * 1e3:6.2f} ms/trial '
          f'({cost / baseline:4.2f}x W={workers[0]}), lock held '
          f'{lock * 1e3:5.2f} ms/trial')


def main(argv: list[str] | None = None) -> None:
  """Prints the per-trial cost for each backend and number of workers."""
  parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
  parser.add_argument('--trials', type=int, default=1000)
  parser.add_argument('--workers', type=int, nargs='+', default=[1, 10, 100])
  parser.add_argument('--backends', nargs='+', default=['sqlite', 'postgres'])
  args = parser.parse_args(argv)
  if 'sqlite' in args.backends:
    with tempfile.TemporaryDirectory() as workdir:
      report('sqlite', {'backend': 'sqlite',
                        'path': os.path.join(workdir, 'bench.db')},
             args.workers, args.trials)
  if 'postgres' in args.backends:
    try:
      import psycopg  # pylint: disable=g-import-not-at-top,unused-import
      server = local_postgres()
      url = server.__enter__()
    except (ImportError, FileNotFoundError):
      print('postgres: skipped (no PostgreSQL server binaries or psycopg).')
      return
    try:
      report('postgres', {'backend': 'postgres', 'url': url}, args.workers,
             args.trials)
    finally:
      server.__exit__(None, None, None)


if __name__ == '__main__':
  main()
