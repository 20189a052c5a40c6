"""Trials per second of the database backends with 1, 2, 8 and 16 worker processes.

Each worker process runs a plain `pg.sample` loop with random search and a
trivial reward against one shared study, so the figure is the protocol's
own cost: the write transactions that hand out and complete trials (one per
trial for a busy worker among several, two for a worker alone), and the
proposals the proposing worker queues for the others. The workers start
their loops together, once every process has started, and throughput is
counted from the first trial's creation to the last completion, so process
start-up is excluded. The baseline, measured in the same run, is the
in-memory backend in one process.

With ``--check``, SQLite in one process must stay within 40x of the
in-memory backend (about 24x when measured for the README), and 16 SQLite
processes must reach the throughput of one (the lock, not the cores, is
what many workers on one file share).

Run: python benchmarks/backend_bench.py [--trials N] [--processes 1 16] [--check]
     (PostgreSQL runs on a throwaway local server when its binaries and
     psycopg are installed; pass --postgres-url to use another one.)
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import tempfile
import time
from typing import Any

import pyglove as pg
from pyglove import geno
from pyglove.tuning.backends import local_postgres

from _check import check


def make_space() -> geno.Space:
  """A 4-way choice and a float."""
  return geno.Space([
      geno.Choices(1, [geno.Space() for _ in range(4)], location='a'),
      geno.Float(0.0, 1.0, location='b')])


def search(index: int, backend_args: dict, name: str, trials: int,
           started: Any = None, processes: int = 1) -> None:
  """One worker process: random search with a trivial reward.

  With `started` (a shared counter), it first waits for all `processes`.
  """
  if started is not None:
    with started.get_lock():
      started.value += 1
    while started.value < processes:
      time.sleep(0.001)
  for dna, feedback in pg.sample(make_space(), geno.Random(seed=1), name=name,
                                 group=f'w{index}', num_examples=trials,
                                 **backend_args):
    feedback(float(sum(dna.to_numbers())))


def trials_per_second(backend_args: dict, processes: int, trials: int) -> float:
  """Runs one study with `processes` workers; trials/s from first to last trial."""
  name = f'bench-{processes}-{time.time_ns()}'
  started = multiprocessing.get_context('spawn').Value('i', 0)
  pg.tuning.run_workers(search, processes,
                        args=(backend_args, name, trials, started, processes))
  result = pg.poll_result(name, **backend_args)
  assert len(result.trials) == trials and all(
      t.is_completed for t in result.trials)
  start = min(t.created_time for t in result.trials)
  end = max(t.completed_time for t in result.trials)
  return trials / (end - start)


def in_memory_baseline(trials: int) -> float:
  """The default backend in one process, on the same loop."""
  start = time.perf_counter()
  search(0, {'backend': 'in-memory'}, f'bench-{time.time_ns()}', trials)
  return trials / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> None:
  """Prints trials/s per backend and number of processes."""
  parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
  parser.add_argument('--trials', type=int, default=2000)
  parser.add_argument('--processes', type=int, nargs='+', default=[1, 2, 8, 16])
  parser.add_argument('--postgres-url', default=None)
  parser.add_argument('--check', action='store_true')
  args = parser.parse_args(argv)
  baseline = in_memory_baseline(args.trials)
  print(f'baseline in-memory, 1 process: {baseline:9.0f} trials/s')
  sqlite_rates = {}
  with tempfile.TemporaryDirectory() as workdir:
    for processes in args.processes:
      path = os.path.join(workdir, f'bench-{processes}.db')
      rate = trials_per_second({'backend': 'sqlite', 'path': path}, processes,
                               args.trials)
      sqlite_rates[processes] = rate
      print(f'sqlite,   {processes} process(es):  {rate:9.0f} trials/s'
            + (f'  ({rate / sqlite_rates[1]:.2f}x one process)'
               if processes != 1 and 1 in sqlite_rates else ''))
  if args.check and 1 in sqlite_rates:
    checks = {'in-memory / sqlite trials/s, 1 process':
              (baseline / sqlite_rates[1], 40)}
    if 16 in sqlite_rates:
      checks['sqlite trials/s, 1 / 16 processes'] = (
          sqlite_rates[1] / sqlite_rates[16], 1)
    check(checks)
  with _postgres_url(args.postgres_url) as url:
    if url is None:
      print('postgres: skipped (no PostgreSQL server binaries or psycopg).')
      return
    for processes in args.processes:
      rate = trials_per_second({'backend': 'postgres', 'url': url}, processes,
                               args.trials)
      print(f'postgres, {processes} process(es):  {rate:9.0f} trials/s')


class _postgres_url:  # pylint: disable=invalid-name
  """The given URL, a throwaway local server's, or None when neither is possible."""

  def __init__(self, url: str | None) -> None:
    self._url = url
    self._server = None

  def __enter__(self) -> str | None:
    if self._url is not None:
      return self._url
    try:
      import psycopg  # pylint: disable=g-import-not-at-top,unused-import
      self._server = local_postgres()
      return self._server.__enter__()
    except (ImportError, FileNotFoundError):
      return None

  def __exit__(self, *exc_info) -> None:
    if self._server is not None:
      self._server.__exit__(*exc_info)


if __name__ == '__main__':
  main()
