"""`run_workers`: N independent worker processes on one study, restarted if they die."""
from __future__ import annotations

import multiprocessing
import time
from typing import Any, Callable, Sequence


class WorkerError(RuntimeError):
  """A worker process kept dying after it was restarted `max_restarts` times."""


def run_workers(fn: Callable[..., Any], num_workers: int,
                args: Sequence[Any] = (), kwargs: dict[str, Any] | None = None,
                *, max_restarts: int = 3, start_method: str = 'spawn',
                poll_secs: float = 0.05) -> list[int]:
  """Runs ``fn(worker_index, *args, **kwargs)`` in `num_workers` processes until each returns.

  Each worker is an independent process (not a pool, where one death breaks
  every pending job); one that dies (an exception, a signal, a non-zero
  exit) is started again with the same index. Give each worker a stable
  group, e.g. ``pg.sample(..., group=worker_index)``, and a restarted worker
  resumes the trial it held at once.

  Args:
    fn: a picklable (module-level) function; its first argument is the
      worker's index, from 0.
    num_workers: how many processes run at the same time.
    args: more positional arguments for `fn`.
    kwargs: keyword arguments for `fn`.
    max_restarts: how many times one worker may be restarted.
    start_method: 'spawn' or 'forkserver' (a fork after threads is unsafe).
    poll_secs: how often the parent checks on its workers.

  Returns:
    The number of restarts of each worker.

  Raises:
    TypeError: `fn` is not callable, or a count is not an int.
    ValueError: `num_workers < 1`, `max_restarts < 0`, or another start method.
    WorkerError: a worker still died after `max_restarts` restarts (the
      other workers are left to finish first).

  Example:
    >>> def search(worker: int, path: str) -> None:  # In an importable module.
    ...   for x, feedback in pg.sample(space, algo, name='s', group=worker,
    ...                                backend='sqlite', path=path):
    ...     feedback(evaluate(x))
    >>> pg.tuning.run_workers(search, 8, args=('search.db',))
    [0, 0, 0, 0, 0, 0, 0, 0]
  """
  if not callable(fn):
    raise TypeError(f'run_workers needs a callable fn; got {fn!r}.')
  for name, value, minimum in (('num_workers', num_workers, 1),
                               ('max_restarts', max_restarts, 0)):
    if isinstance(value, bool) or not isinstance(value, int):
      raise TypeError(f'{name} must be an int; got {value!r}.')
    if value < minimum:
      raise ValueError(f'{name} must be >= {minimum}; got {value}.')
  if start_method not in ('spawn', 'forkserver'):
    raise ValueError(
        "start_method must be 'spawn' or 'forkserver' (forking a process "
        f'that runs threads is unsafe); got {start_method!r}.')
  context = multiprocessing.get_context(start_method)
  kwargs = dict(kwargs or {})

  def start(index: int) -> Any:
    process = context.Process(target=fn, args=(index, *args), kwargs=kwargs,
                              name=f'pyglove-worker-{index}', daemon=False)
    process.start()
    return process

  running = {i: start(i) for i in range(num_workers)}
  restarts = [0] * num_workers
  failed: dict[int, int] = {}
  try:
    while running:
      time.sleep(poll_secs)
      for index, process in list(running.items()):
        if process.exitcode is None:
          continue
        del running[index]
        if process.exitcode == 0:
          continue
        if restarts[index] < max_restarts:
          restarts[index] += 1
          running[index] = start(index)
        else:
          failed[index] = process.exitcode
  finally:
    # Reached early only when the parent itself is interrupted.
    for process in running.values():
      process.terminate()
      process.join()
  if failed:
    raise WorkerError(
        f'{len(failed)} of {num_workers} worker(s) died after {max_restarts} '
        f'restart(s) each; exit codes by worker index: {failed} (a negative '
        'code is the signal that killed it).')
  return restarts
