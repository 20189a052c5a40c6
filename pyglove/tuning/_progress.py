"""A progress bar for `pg.sample(..., progress=True)`: tqdm if installed, else a plain line."""
from __future__ import annotations

import sys
from typing import Any, Sequence, TextIO

from pyglove.tuning._trial import Trial


class Progress:
  """Shows the trials completed by one loop and the best value of the first metric.

  Args:
    total: the number of trials expected (None if unbounded).
    metrics_to_optimize: the study's metrics; the first one is shown.
    description: the label (the study's name, or 'pg.sample').
    stream: where the plain line is written when tqdm is missing.
    use_tqdm: try tqdm first (the `progress` extra).

  Example:
    >>> import io
    >>> bar = Progress(10, ['reward'], 'search', io.StringIO(), use_tqdm=False)
    >>> bar.update(Trial(1, pg.DNA(0), 0.0, status='COMPLETED', infeasible=True))
    >>> bar.close()
    >>> bar.completed, bar.best
    (1, None)
  """

  def __init__(self, total: int | None, metrics_to_optimize: Sequence[str],
               description: str, stream: TextIO | None = None,
               use_tqdm: bool = True) -> None:
    self._metric = metrics_to_optimize[0]
    self._description = description
    self._total = total
    self._stream = stream if stream is not None else sys.stderr
    self._done = 0
    self._best: float | None = None
    self._bar = _tqdm(total, description, self._stream) if use_tqdm else None

  @property
  def completed(self) -> int:
    """The number of trials completed so far in this loop."""
    return self._done

  @property
  def best(self) -> float | None:
    """The best value of the first metric among completed, feasible trials."""
    return self._best

  def update(self, trial: Trial) -> None:
    """Counts `trial` if it is completed (call once per trial handed out)."""
    if not trial.is_completed:
      return
    self._done += 1
    value = trial.get_reward_for_feedback((self._metric,))
    if value is not None and (self._best is None or value > self._best):
      self._best = value
    if self._bar is not None:
      self._bar.update(1)
      self._bar.set_postfix_str(self._best_text(), refresh=False)
    else:
      total = f'/{self._total}' if self._total is not None else ''
      self._stream.write(f'\r{self._description}: {self._done}{total} trials, '
                         f'{self._best_text()}')
      self._stream.flush()

  def _best_text(self) -> str:
    best = 'n/a' if self._best is None else f'{self._best:.6g}'
    return f'best {self._metric}={best}'

  def close(self) -> None:
    """Finishes the bar (a newline for the plain line)."""
    if self._bar is not None:
      self._bar.close()
    elif self._done:
      self._stream.write('\n')
      self._stream.flush()


def _tqdm(total: int | None, description: str, stream: TextIO) -> Any:
  try:
    import tqdm  # pylint: disable=g-import-not-at-top
  except ImportError:
    return None
  return tqdm.tqdm(total=total, desc=description, unit='trial', file=stream)
