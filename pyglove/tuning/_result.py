"""Result: a snapshot of a study's trials, with its best trial and Pareto front."""
from __future__ import annotations

from typing import Any, Sequence

from pyglove.symbolic import HtmlConvertible
from pyglove.tuning._trial import Trial


class Result(HtmlConvertible):
  """A snapshot of a study, as returned by `pg.poll_result(name)`.

  Args:
    name: the study's name (None for an unnamed study).
    trials: every trial handed out so far, by id.
    metrics_to_optimize: the metrics fed to the algorithm, in order.
    is_active: False once the study can hand out no more trials and every
      trial is completed, or after `end_loop()`.
    metadata: the study's metadata (`feedback.set_metadata(..., per_trial=False)`).

  Example:
    >>> for x, feedback in pg.sample(pg.oneof([1, 3, 2]), pg.geno.Sweeping(),
    ...                              name='doc-result'):
    ...   feedback(float(x))
    >>> result = pg.poll_result('doc-result')
    >>> result.best_trial.final_measurement.reward
    3.0
  """

  def __init__(self, name: str | None, trials: Sequence[Trial],
               metrics_to_optimize: Sequence[str], is_active: bool,
               metadata: dict[str, Any] | None = None) -> None:
    self.name = name
    self.trials = list(trials)
    self.metrics_to_optimize = tuple(metrics_to_optimize)
    self.is_active = is_active
    self.metadata = dict(metadata) if metadata else {}

  @property
  def completed_trials(self) -> list[Trial]:
    """Completed trials that were not skipped, by id."""
    return [t for t in self.trials if t.is_completed and not t.infeasible
            and t.measurements]

  @property
  def pareto_front(self) -> list[Trial]:
    """Completed trials that no other completed trial dominates, by id.

    Trial a dominates b when a is at least as good on every metric to
    optimize and better on one (all are maximized). With one metric, these
    are the trials tied for the best value.
    """
    scored = sorted(((self._objectives(t), t) for t in self.completed_trials),
                    key=lambda vt: vt[0], reverse=True)
    # In descending lexicographic order a dominator always comes first, so
    # comparing with the front kept so far is enough: O(n * front size).
    front: list[tuple[tuple[float, ...], Trial]] = []
    for v, t in scored:
      if not any(_dominates(w, v) for w, _ in front):
        front.append((v, t))
    return sorted((t for _, t in front), key=lambda t: t.id)

  @property
  def best_trial(self) -> Trial | None:
    """The completed trial with the highest value of the first metric to optimize.

    With several metrics, it is taken from the Pareto front (ties on the
    first metric are broken by the others); None before any completion.
    """
    front = self.pareto_front
    if not front:
      return None
    return max(front, key=self._objectives)

  def _objectives(self, trial: Trial) -> tuple[float, ...]:
    return tuple(trial.final_measurement.get(m) for m in self.metrics_to_optimize)

  def _html_tree_items(self) -> list[tuple[str, Any]]:
    """What notebooks show of it (`pg.to_html`): the best trial first, then every trial."""
    return [('name', self.name), ('is_active', self.is_active),
            ('metrics_to_optimize', list(self.metrics_to_optimize)),
            ('best_trial', self.best_trial), ('trials', self.trials), ('metadata', self.metadata)]

  def __repr__(self) -> str:
    completed = sum(t.is_completed for t in self.trials)
    return (f'Result(name={self.name!r}, trials={len(self.trials)}, '
            f'completed={completed}, is_active={self.is_active}, '
            f'best_trial={self.best_trial!r})')


def _dominates(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
  return all(x >= y for x, y in zip(a, b)) and a != b
