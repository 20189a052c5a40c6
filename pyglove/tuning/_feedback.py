"""Feedback: what the user's loop body gets to report on the trial it was handed."""
from __future__ import annotations

import contextlib
import re
import time
from typing import Any, Iterator, Sequence

from pyglove.tuning._backend import Study
from pyglove.tuning._measurement import Measurement
from pyglove.tuning._measurement import check_metric
from pyglove.tuning._trial import Trial


class Feedback:
  """Reports measurements and the outcome of one trial to its study.

  Call it (``feedback(reward)``) to report the final reward and complete the
  trial. Rewards are maximized. Reporting on a completed trial raises
  ValueError and changes nothing. Every iteration of a `pg.sample` loop must
  complete or `skip()` its trial; one whose body raises before that marks
  the trial FAILED.

  Args:
    metrics_to_optimize: the metrics fed to the algorithm, in order.
    study: the study the trial belongs to (`pg.sample` passes it). A
      subclass written against the reference's interface, which passes only
      `metrics_to_optimize`, overrides the methods that reach the study.
    trial: the trial reported on.

  Example:
    >>> policy = pg.early_stopping.early_stop_by_value([(1, 0.5)])()
    >>> for x, feedback in pg.sample(pg.floatv(0.0, 1.0), num_examples=10,
    ...                              early_stopping_policy=policy):
    ...   for step in range(3):
    ...     feedback.add_measurement(x * step / 2, step=step)
    ...     if feedback.should_stop_early():
    ...       feedback.skip('stopped early')
    ...       break
    ...   else:
    ...     feedback(x)
  """

  __slots__ = ('_study', '_trial', '_metrics_to_optimize', '_ended_loop',
               '_links')

  def __init__(self, metrics_to_optimize: Sequence[str] = ('reward',),
               study: Study | None = None, trial: Trial | None = None) -> None:
    self._study = study
    self._trial = trial
    self._metrics_to_optimize = tuple(metrics_to_optimize)
    self._ended_loop = False
    self._links: dict[str, str] = {}

  @property
  def id(self) -> int:
    """The trial's id (trials are numbered from 1 in their study)."""
    return self._bound_trial('id').id

  @property
  def dna(self) -> Any:
    """The DNA the algorithm proposed for this trial."""
    return self._bound_trial('dna').dna

  @property
  def checkpoint_to_warm_start_from(self) -> str | None:
    """The checkpoint the trial should start from: its metadata entry of that name, or None."""
    return self.get_metadata('checkpoint_to_warm_start_from')

  def add_link(self, name: str, url: str) -> None:
    """Adds a named link (e.g. to the trial's logs), saved on the trial when it completes.

    Example:
      >>> feedback.add_link('logs', 'https://example.com/logs/1')
    """
    if not isinstance(name, str) or not isinstance(url, str):
      raise TypeError(f'add_link takes a str name and a str url; got {name!r}, {url!r}.')
    self._links[name] = url

  def _bound_trial(self, what: str) -> Trial:
    trial = self._trial
    if trial is None:
      raise TypeError(
          f'{type(self).__name__}.{what}: this Feedback was made without a '
          f'study and trial; a subclass made so must override {what}.')
    return trial

  def _with_links(self, related_links: dict[str, str] | None) -> dict[str, str] | None:
    if not self._links:
      return related_links
    return {**self._links, **(related_links or {})}

  @property
  def metrics_to_optimize(self) -> tuple[str, ...]:
    """The metrics fed to the algorithm, in order ('reward' is the reward)."""
    return self._metrics_to_optimize

  def get_trial(self) -> Trial:
    """The trial as the study holds it now."""
    return self._study.get_trial(self._trial.id)

  def add_measurement(self, reward: float | None = None,
                      metrics: dict[str, float] | None = None, step: int = 0,
                      checkpoint_path: str | None = None,
                      elapse_secs: float | None = None) -> None:
    """Records an intermediate measurement without completing the trial.

    Args:
      reward: the reward at this step (may also be given as metrics['reward']).
      metrics: other named values.
      step: the step the values were measured at (a non-negative int).
      checkpoint_path: where this step's model was saved.
      elapse_secs: seconds since the trial started (default: measured).

    Raises:
      TypeError: a value is not a real number, or `metrics` is not a dict
        with str keys.
      ValueError: a metric to optimize is missing, NaN or infinite; a bad
        step; the trial is already completed.

    Example:
      >>> feedback.add_measurement(0.4, {'loss': 1.2}, step=100)
    """
    self._study.add_measurement(
        self._trial.id,
        self._measurement(reward, metrics, step, checkpoint_path, elapse_secs))

  def __call__(self, reward: float | None = None,
               metrics: dict[str, float] | None = None, step: int | None = None,
               checkpoint_path: str | None = None,
               elapse_secs: float | None = None,
               metadata: dict[str, Any] | None = None,
               related_links: dict[str, str] | None = None) -> None:
    """Reports the final measurement (if given) and completes the trial.

    Args:
      reward: the final reward; with neither `reward` nor `metrics`, the last
        measurement added is the final one.
      metrics: other named values (several metrics to optimize come from here).
      step: its step (default: the last measurement's step, or 0).
      checkpoint_path: where the final model was saved.
      elapse_secs: seconds the trial took (default: measured).
      metadata: entries added to the trial's metadata.
      related_links: named URLs added to the trial.

    Raises:
      TypeError / ValueError: as for `add_measurement`; ValueError also when
        the trial has no measurement at all. The trial is unchanged then.

    Example:
      >>> feedback(0.93)
    """
    measurement = None
    if reward is not None or metrics is not None:
      if step is None:
        last = self._trial.final_measurement
        step = last.step if last is not None else 0
      measurement = self._measurement(reward, metrics, step, checkpoint_path,
                                      elapse_secs)
    self._study.complete_trial(self._trial.id, measurement, metadata,
                               self._with_links(related_links))

  def done(self, metadata: dict[str, Any] | None = None,
           related_links: dict[str, str] | None = None) -> None:
    """Completes the trial with its last measurement as the final one.

    Raises:
      ValueError: the trial has no measurement, or is already completed.

    Example:
      >>> feedback.add_measurement(0.9, step=10)
      >>> feedback.done()
    """
    self._study.complete_trial(self._trial.id, None, metadata,
                               self._with_links(related_links))

  def skip(self, reason: str | None = None) -> None:
    """Completes the trial as infeasible; the algorithm is fed nothing for it.

    An algorithm that learns from feedback simply never hears of the trial
    (as if it had been proposed and lost); it counts toward `num_examples`.

    Raises:
      ValueError: the trial is already completed.

    Example:
      >>> feedback.skip('out of memory')
    """
    self._study.skip_trial(self._trial.id, reason)

  def should_stop_early(self) -> bool:
    """Whether the study's early-stopping policy would stop this trial now.

    The policy judges the latest measurement against those of other trials
    at the same step; without a policy the answer is False.

    Example:
      >>> feedback.add_measurement(0.1, step=5)
      >>> feedback.should_stop_early()  # No policy: never.
      False
    """
    return self._study.should_stop_early(self._trial.id)

  def end_loop(self) -> None:
    """Ends every loop of this worker on the study after the current iteration.

    The current trial stays as it is (complete or skip it first if it
    should count); the loop does not fail it.
    """
    self._ended_loop = True
    self._study.end_loop()

  @property
  def ended_loop(self) -> bool:
    """Whether `end_loop()` was called through this feedback."""
    return self._ended_loop

  def set_metadata(self, key: str, value: Any, per_trial: bool = True) -> None:
    """Stores a metadata entry on the trial (or the study with per_trial=False).

    Example:
      >>> feedback.set_metadata('hostname', 'worker-3')
    """
    self._study.set_metadata(key, value,
                             self._trial.id if per_trial else None)

  def get_metadata(self, key: str, per_trial: bool = True) -> Any:
    """Reads a metadata entry of the trial (or the study); None if unset.

    Example:
      >>> feedback.set_metadata('hostname', 'worker-3')
      >>> feedback.get_metadata('hostname')
      'worker-3'
    """
    return self._study.get_metadata(key,
                                    self._trial.id if per_trial else None)

  @contextlib.contextmanager
  def skip_on_exceptions(
      self, exceptions: type[BaseException] | Sequence[Any]) -> Iterator[None]:
    """A context manager that skips the trial when a listed exception escapes it.

    Args:
      exceptions: an exception type, or a sequence of types and
        ``(type, message_regex)`` pairs; a pair matches only when the regex
        is found in the exception's message.

    Raises:
      TypeError: `exceptions` holds something else.

    Example:
      >>> with feedback.skip_on_exceptions([MemoryError, (ValueError, 'NaN')]):
      ...   raise ValueError('loss is NaN')
      >>> feedback.get_trial().infeasible
      True
    """
    rules = _exception_rules(exceptions)
    try:
      yield
    except BaseException as e:  # pylint: disable=broad-except
      message = str(e)
      if not any(isinstance(e, t) and (p is None or p.search(message))
                 for t, p in rules):
        raise
      # A trial completed before the exception has nothing left to skip.
      if not self._trial.is_completed:
        self.skip(f'{type(e).__name__}: {message}')

  def _measurement(self, reward: Any, metrics: dict[str, Any] | None,
                   step: Any, checkpoint_path: str | None,
                   elapse_secs: float | None) -> Measurement:
    # Everything is checked before the study is touched, so a bad report
    # leaves the trial unchanged.
    if isinstance(step, bool) or not isinstance(step, int):
      raise TypeError(f'step must be an int; got {step!r} '
                      f'(trial {self._trial.id}).')
    if step < 0:
      raise ValueError(f'step must be >= 0; got {step} (trial {self._trial.id}).')
    to_optimize = self._metrics_to_optimize
    if metrics is None:
      metrics = {}
    else:
      metrics = _check_metrics(metrics, to_optimize, self._trial.id)
      if reward is None:
        reward = metrics.get('reward')
    if reward is not None:
      reward = check_metric('reward', reward, 'reward' in to_optimize)
    missing = [m for m in to_optimize
               if (reward if m == 'reward' else metrics.get(m)) is None]
    if missing:
      raise ValueError(
          f'Trial {self._trial.id} reported no value for {missing}, which '
          f'are metrics to optimize {list(to_optimize)}; got reward={reward!r}, '
          f'metrics={metrics!r}.')
    if elapse_secs is None:
      elapse_secs = time.time() - self._trial.created_time
    return Measurement(reward, metrics, step, elapse_secs, checkpoint_path)


def _check_metrics(metrics: Any, to_optimize: tuple[str, ...],
                   trial_id: int) -> dict[str, float]:
  if not isinstance(metrics, dict):
    raise TypeError(f'metrics must be a dict of str to numbers; got '
                    f'{metrics!r} (trial {trial_id}).')
  checked = {}
  for name, value in metrics.items():
    if not isinstance(name, str):
      raise TypeError(f'Metric names must be str; got {name!r} '
                      f'(trial {trial_id}).')
    checked[name] = check_metric(name, value, name in to_optimize)
  return checked


def _exception_rules(exceptions: Any) -> list[tuple[type, re.Pattern | None]]:
  if isinstance(exceptions, type):
    exceptions = [exceptions]
  elif not isinstance(exceptions, (list, tuple)):
    raise TypeError(
        'skip_on_exceptions takes an exception type or a list of types and '
        f'(type, regex) pairs; got {exceptions!r}.')
  rules = []
  for item in exceptions:
    pattern = None
    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], str):
      item, pattern = item[0], re.compile(item[1])
    if not (isinstance(item, type) and issubclass(item, BaseException)):
      raise TypeError(
          'skip_on_exceptions takes exception types or (type, regex) pairs; '
          f'got {item!r}.')
    rules.append((item, pattern))
  return rules
