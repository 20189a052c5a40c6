"""`pg.tuning.plot_history`: rewards per trial and the best so far (matplotlib, the `plot` extra)."""
from __future__ import annotations

from typing import Any

from pyglove.tuning._result import Result


def plot_history(result: Result, path: str | None = None,
                 metric: str | None = None, title: str | None = None) -> Any:
  """Plots a study's metric per completed trial and the best-so-far line.

  Works headless: it draws on a bare matplotlib Figure (no pyplot, no
  window), and saves it when `path` is given.

  Args:
    result: a `pg.tuning.Result` (e.g. from `pg.poll_result(name)`).
    path: a file to save the plot to (the format follows the extension).
    metric: the metric to plot; default the first metric to optimize.
    title: the plot's title; default the study's name.

  Returns:
    The matplotlib Figure.

  Raises:
    ImportError: matplotlib is missing (install the `plot` extra).
    ValueError: `metric` is not one the trials reported.

  Example:
    >>> import os, tempfile
    >>> for x, feedback in pg.sample(pg.floatv(0.0, 1.0), num_examples=20,
    ...                              name='doc-plot'):
    ...   feedback(x)
    >>> path = os.path.join(tempfile.mkdtemp(), 'history.png')
    >>> fig = pg.tuning.plot_history(pg.poll_result('doc-plot'), path)
    >>> os.path.getsize(path) > 0
    True
  """
  try:
    from matplotlib import figure  # pylint: disable=g-import-not-at-top
  except ImportError:
    raise ImportError(
        'plot_history needs matplotlib; install it with '
        '`pip install "pyglove[plot]"`.') from None
  metric = metric or result.metrics_to_optimize[0]
  points = [(t.id, t.final_measurement.get(metric))
            for t in result.completed_trials]
  if any(v is None for _, v in points):
    raise ValueError(
        f'Cannot plot metric {metric!r}: some completed trials did not report '
        f'it (metrics to optimize: {list(result.metrics_to_optimize)}).')
  fig = figure.Figure(figsize=(8, 4.5))
  ax = fig.add_subplot()
  ids = [i for i, _ in points]
  values = [v for _, v in points]
  best, best_so_far = None, []
  for v in values:
    best = v if best is None or v > best else best
    best_so_far.append(best)
  ax.scatter(ids, values, s=12, alpha=0.6, label=metric)
  ax.step(ids, best_so_far, where='post', color='tab:red', label='best so far')
  ax.set_xlabel('trial')
  ax.set_ylabel(metric)
  ax.set_title(title if title is not None else (result.name or 'search history'))
  ax.legend(loc='lower right')
  if path is not None:
    fig.savefig(path)
  return fig
