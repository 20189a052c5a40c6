"""`run_workers`: N independent worker processes on one study, restarted if they die."""
from __future__ import annotations

import multiprocessing
import numbers
import time
from typing import Any, Callable, Sequence


class WorkerError(RuntimeError):
  """A worker process kept dying after it was restarted `max_restarts` times in a row."""


def run_workers(fn: Callable[..., Any], num_workers: int,
                args: Sequence[Any] = (), kwargs: dict[str, Any] | None = None,
                *, max_restarts: int = 5, restart_delay: float = 1.0,
                max_restart_delay: float = 30.0, start_method: str = 'spawn',
                poll_secs: float = 0.05) -> list[int]:
  """Runs ``fn(worker_index, *args, **kwargs)`` in `num_workers` processes until each returns.

  Each worker is an independent process (not a pool, where one death breaks
  every pending job); one that dies (an exception, a signal, a non-zero
  exit) is started again with the same index, after a delay that doubles
  with each death in a row (`restart_delay`, twice that, ... up to
  `max_restart_delay`), so an outage of the database does not burn the
  restarts: with the defaults, workers that die at once keep being
  restarted for 31 s. A worker that ran longer than `max_restart_delay`
  before it died starts its count and delay afresh. Give each worker a
  stable group, e.g. ``pg.sample(..., group=worker_index)``, and a
  restarted worker resumes the trial it held at once.

  Args:
    fn: a picklable (module-level) function; its first argument is the
      worker's index, from 0.
    num_workers: how many processes run at the same time.
    args: more positional arguments for `fn`.
    kwargs: keyword arguments for `fn`.
    max_restarts: how many times in a row one worker may be restarted.
    restart_delay: seconds before the first restart of a worker.
    max_restart_delay: the longest delay between restarts.
    start_method: 'spawn' or 'forkserver' (a fork after threads is unsafe).
    poll_secs: how often the parent checks on its workers.

  Returns:
    The number of restarts of each worker.

  Raises:
    TypeError: `fn` is not callable, or a count or delay is not a number.
    ValueError: `num_workers < 1`, `max_restarts < 0`, a negative delay, or
      another start method.
    WorkerError: a worker still died after `max_restarts` restarts in a row
      (the other workers are left to finish first).

  Example:
    >>> def search(worker: int, path: str) -> None:  # In an importable module.
    ...   for x, feedback in pg.sample(space, algo, name='s', group=worker,
    ...                                backend='sqlite', path=path):
    ...     feedback(evaluate(x))
    >>> pg.tuning.run_workers(search, 8, args=('search.db',))
    [0, 0, 0, 0, 0, 0, 0, 0]
  """
  _check_arguments(fn, num_workers, max_restarts, restart_delay,
                   max_restart_delay, start_method)
  context = multiprocessing.get_context(start_method)
  kwargs = dict(kwargs or {})

  def start(index: int) -> Any:
    process = context.Process(target=fn, args=(index, *args), kwargs=kwargs,
                              name=f'pyglove-worker-{index}', daemon=False)
    process.start()
    started[index] = time.monotonic()
    return process

  started = [0.0] * num_workers
  running = {i: start(i) for i in range(num_workers)}
  waiting: dict[int, float] = {}  # index -> when to restart it
  restarts = [0] * num_workers
  in_a_row = [0] * num_workers
  failed: dict[int, int] = {}
  try:
    while running or waiting:
      time.sleep(poll_secs)
      now = time.monotonic()
      for index, process in list(running.items()):
        if process.exitcode is None:
          continue
        del running[index]
        if process.exitcode == 0:
          continue
        if now - started[index] > max_restart_delay:
          in_a_row[index] = 0  # It had recovered: a new failure.
        if in_a_row[index] >= max_restarts:
          failed[index] = process.exitcode
          continue
        in_a_row[index] += 1
        waiting[index] = now + min(
            restart_delay * 2 ** (in_a_row[index] - 1), max_restart_delay)
      for index, due in list(waiting.items()):
        if due <= now:
          del waiting[index]
          restarts[index] += 1
          running[index] = start(index)
  finally:
    # Reached early only when the parent itself is interrupted.
    for process in running.values():
      process.terminate()
      process.join()
  if failed:
    raise WorkerError(
        f'{len(failed)} of {num_workers} worker(s) died after {max_restarts} '
        f'restart(s) in a row each; exit codes by worker index: {failed} (a '
        'negative code is the signal that killed it).')
  return restarts


def _check_arguments(fn: Any, num_workers: Any, max_restarts: Any,
                     restart_delay: Any, max_restart_delay: Any,
                     start_method: Any) -> None:
  if not callable(fn):
    raise TypeError(f'run_workers needs a callable fn; got {fn!r}.')
  for name, value, minimum in (('num_workers', num_workers, 1),
                               ('max_restarts', max_restarts, 0)):
    if isinstance(value, bool) or not isinstance(value, int):
      raise TypeError(f'{name} must be an int; got {value!r}.')
    if value < minimum:
      raise ValueError(f'{name} must be >= {minimum}; got {value}.')
  for name, value in (('restart_delay', restart_delay),
                      ('max_restart_delay', max_restart_delay)):
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
      raise TypeError(f'{name} must be a number of seconds; got {value!r}.')
    if value < 0:
      raise ValueError(f'{name} must be >= 0; got {value!r}.')
  if start_method not in ('spawn', 'forkserver'):
    raise ValueError(
        "start_method must be 'spawn' or 'forkserver' (forking a process "
        f'that runs threads is unsafe); got {start_method!r}.')
