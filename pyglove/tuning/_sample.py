"""`pg.sample`: the search loop, and `pg.poll_result`."""
from __future__ import annotations

import inspect
import itertools
import os
import socket
from typing import Any, Callable, Iterator, Sequence
import warnings

from pyglove import geno
from pyglove import symbolic
from pyglove.tuning._backend import Study
from pyglove.tuning._backend import resolve_backend
from pyglove.tuning._feedback import Feedback
from pyglove.tuning._progress import Progress
from pyglove.tuning._result import Result
from pyglove.tuning._space import resolve_space
from pyglove.tuning._trial import FAILED
from pyglove.tuning._trial import PENDING
from pyglove.tuning.early_stopping import EarlyStoppingPolicy
from pyglove.utils import freezing_settled

_LOOP_IDS = itertools.count(1)


def sample(space: Any = None,
           algorithm: geno.DNAGenerator | None = None,
           num_examples: int | None = None,
           early_stopping_policy: EarlyStoppingPolicy | None = None,
           where: Callable[[Any], bool] | None = None,
           name: str | None = None,
           group: str | int | None = None,
           backend: str | None = None,
           metrics_to_optimize: Sequence[str] | None = None,
           *,
           partition_fn: Callable[[Any], bool] | None = None,
           search_space: Any = None,
           hyper_value: Any = None,
           trials: int | None = None,
           progress: bool = False,
           **backend_kwargs: Any) -> Iterator[tuple[Any, Feedback]]:
  """Searches `space` with `algorithm`: yields ``(example, feedback)`` pairs.

  The example is the concrete value decoded from the trial's DNA (for a
  symbolic value with hyper values), the DNA itself (for a `pg.DNASpec`), or a
  `DynamicExample` to run a define-by-run function under. With `where`, only
  the selected decision points are decided and the example is a sub-space,
  ready for an inner `pg.sample` loop with its own algorithm.

  Trials are numbered from 1. Each iteration must report on its trial with
  ``feedback(...)``, ``feedback.done()`` or ``feedback.skip()``. A loop body
  that raises (any exception, KeyboardInterrupt) or leaves the loop
  (``break``) before that ends the trial as FAILED, with the error in its
  ``metadata['error']``, and the exception goes on; a failed trial is fed
  nothing and does not count toward `num_examples`, so running the same loop
  again continues where it stopped. `num_examples` counts trials in the
  study (completed, skipped or running), not iterations.

  Args:
    space: what to search (alias `search_space=`, `hyper_value=`).
    algorithm: a `pg.DNAGenerator`; default `pg.geno.Random()`. One already
      set up on the same space continues from its state.
    num_examples: the maximum number of trials (alias `trials=`); None: no limit.
    early_stopping_policy: consulted by `feedback.should_stop_early()`.
    where: selects the decision points to search (alias `partition_fn=`).
    name: a study name; loops in this process with the same name join one
      study, and `pg.poll_result(name)` reads it. Reusing the name of a
      finished study runs no trial, with a warning.
    group: the worker group: a worker that restarts with the group of one
      that died resumes its trial at once. Default: a group private to this
      call.
    backend: a registered backend name; default 'in-memory'.
    metrics_to_optimize: metrics fed to the algorithm (maximized); default
      ``['reward']``. Several need a `multi_objective` algorithm.
    progress: show a progress bar (tqdm if installed, else a plain line).
    **backend_kwargs: passed to the backend's constructor.

  Returns:
    An iterator of ``(example, feedback)``.

  Raises:
    TypeError: a wrong argument type, a space given twice, or an unknown
      keyword (refused by the backend).
    ValueError: ``num_examples < 1``, bad metrics, several metrics for a
      single-objective algorithm, an algorithm that rejects the space, an
      unknown backend, or a named study joined with different settings.
      Nothing is created then.

  Example:
    >>> for x, feedback in pg.sample(pg.oneof([1, 2, 3]), pg.geno.Random(seed=1),
    ...                              num_examples=3):
    ...   feedback(float(x))
    >>> space = pg.Dict(op=pg.oneof(['a', 'b'], hints='op'), n=pg.oneof([1, 2]))
    >>> for sub, outer in pg.sample(space, num_examples=2,
    ...                             where=lambda v: v.hints == 'op'):
    ...   for x, inner in pg.sample(sub, num_examples=3):  # sub decides op only
    ...     inner(float(x.n))
    ...   outer(1.0)
  """
  space = _one_of('space', space, search_space=search_space,
                  hyper_value=hyper_value)
  where = _one_of('where', where, partition_fn=partition_fn)
  num_examples = _one_of('num_examples', num_examples, trials=trials)
  _check_arguments(algorithm, num_examples, early_stopping_policy, name, group)
  metrics_to_optimize = _check_metrics_to_optimize(metrics_to_optimize)
  dna_spec, decode = resolve_space(space, where)
  study = resolve_backend(
      backend, backend_kwargs, 'pg.sample', _SAMPLE_PARAMETERS).open_study(
      name=name, dna_spec=dna_spec, algorithm=algorithm,
      early_stopping_policy=early_stopping_policy, num_examples=num_examples,
      metrics_to_optimize=metrics_to_optimize)
  if group is None:
    group = f'{socket.gethostname()}:{os.getpid()}:{next(_LOOP_IDS)}'
  bar = None
  if progress:
    bar = Progress(num_examples, metrics_to_optimize, name or 'pg.sample')
  return _loop(study, str(group), decode, bar)


def _loop(study: Study, group: str, decode: Callable[[Any], Any],
          bar: Progress | None) -> Iterator[tuple[Any, Feedback]]:
  metrics = study.metrics_to_optimize
  handed_out = False
  # The history only grows: keep the collector from rescanning it.
  with freezing_settled() as settle:
    try:
      while True:
        trial = study.next_trial(group)
        if trial is None:
          if not handed_out:
            _warn_if_finished(study)
          return
        handed_out = True
        feedback = Feedback(metrics, study, trial)
        try:
          yield decode(trial.dna), feedback
        except BaseException as e:
          # GeneratorExit: the loop was left (an exception in its body, a
          # break, Ctrl-C) and Python closes the iterator; the body's own
          # exception is not visible from here.
          _fail(study, trial, _left_before_feedback(trial, e))
          raise
        if trial.status == PENDING and not feedback.ended_loop:
          error = RuntimeError(
              f'pg.sample: the loop body finished with trial {trial.id} '
              'neither fed back nor skipped; call feedback(reward) (or '
              'feedback.done() after add_measurement, or feedback.skip()) in '
              'every iteration. The trial is marked FAILED.')
          _fail(study, trial, str(error))
          raise error
        if bar is not None:
          bar.update(trial)
        settle()
    finally:
      if bar is not None:
        bar.close()
      _leave(study, group)


def _left_before_feedback(trial: Any, error: BaseException) -> str:
  what = ('the loop body raised an exception or left the loop'
          if isinstance(error, GeneratorExit)
          else f'{type(error).__name__}: {error}')
  return f'{what} before feedback() or skip() on trial {trial.id}'


def _fail(study: Study, trial: Any, error: str) -> None:
  if trial.status != PENDING:
    return
  try:
    study.fail_trial(trial.id, error)
  except Exception:  # pylint: disable=broad-except
    # The study is gone (e.g. closed); the trial's lease runs out instead.
    pass


def _leave(study: Study, group: str) -> None:
  try:
    study.leave(group)
  except Exception:  # pylint: disable=broad-except
    # The study is gone (e.g. closed); the group only stays counted a while.
    pass


def _warn_if_finished(study: Study) -> None:
  if study.name is None or study.name.startswith('unnamed-'):
    return
  result = study.result()
  if result.is_active:
    return  # Others still run the last trials: nothing for this worker.
  completed = sum(t.is_completed for t in result.trials)
  failed = sum(t.status == FAILED for t in result.trials)
  warnings.warn(
      f'pg.sample: study {study.name!r} is already finished, with '
      f'{len(result.trials)} trial(s) ({completed} completed, {failed} '
      f'failed; num_examples={study.num_examples}), so this loop runs no '
      'trial. '
      'Give a new name to start another search, or read this one with '
      f'pg.poll_result({study.name!r}).', UserWarning, stacklevel=3)


def _one_of(name: str, value: Any, **aliases: Any) -> Any:
  given = {k: v for k, v in aliases.items() if v is not None}
  if value is not None:
    given = {name: value, **given}
  if len(given) > 1:
    raise TypeError(
        f'pg.sample got {" and ".join(sorted(given))}, which are the same '
        f'argument; give one.')
  if name == 'space' and not given:
    raise TypeError('pg.sample needs a search space; got none.')
  return next(iter(given.values()), None)


def _check_arguments(algorithm: Any, num_examples: Any,
                     early_stopping_policy: Any, name: Any, group: Any) -> None:
  if algorithm is not None and not isinstance(algorithm, geno.DNAGenerator):
    raise TypeError(
        f'algorithm must be a pg.DNAGenerator; got {algorithm!r} of type '
        f'{type(algorithm).__name__}.')
  if num_examples is not None:
    if isinstance(num_examples, bool) or not isinstance(num_examples, int):
      raise TypeError(
          f'num_examples must be an int or None; got {num_examples!r}.')
    if num_examples < 1:
      raise ValueError(f'num_examples must be >= 1; got {num_examples}.')
  if (early_stopping_policy is not None
      and not isinstance(early_stopping_policy, EarlyStoppingPolicy)):
    hint = (' (early_stop_by_value(...) and early_stop_by_rank(...) return '
            'functors: call them to get the policy)'
            if isinstance(early_stopping_policy, symbolic.Functor) else '')
    raise TypeError(
        'early_stopping_policy must be a pg.tuning.EarlyStoppingPolicy; got '
        f'{early_stopping_policy!r}{hint}.')
  if name is not None and not isinstance(name, str):
    raise TypeError(f'name must be a str or None; got {name!r}.')
  if group is not None and (isinstance(group, bool)
                            or not isinstance(group, (str, int))):
    raise TypeError(f'group must be a str, an int or None; got {group!r}.')


def _check_metrics_to_optimize(metrics: Any) -> tuple[str, ...]:
  if metrics is None:
    return ('reward',)
  if isinstance(metrics, str) or not isinstance(metrics, (list, tuple)):
    raise TypeError(
        f'metrics_to_optimize must be a list of metric names; got {metrics!r}.')
  for metric in metrics:
    if not isinstance(metric, str):
      raise TypeError(
          f'metrics_to_optimize must hold str names; got {metric!r} in '
          f'{list(metrics)}.')
  if not metrics or len(set(metrics)) != len(metrics):
    raise ValueError(
        f'metrics_to_optimize must be non-empty and distinct; got {list(metrics)}.')
  return tuple(metrics)


def poll_result(name: str, backend: str | None = None,
                **backend_kwargs: Any) -> Result:
  """Returns a snapshot of the named study.

  Args:
    name: the study's name, as given to `pg.sample(name=...)`.
    backend: the backend holding it (default 'in-memory').
    **backend_kwargs: passed to the backend's constructor.

  Raises:
    KeyError: no study has that name.
    ValueError: unknown backend.

  Example:
    >>> for x, feedback in pg.sample(pg.oneof([1, 2]), pg.geno.Sweeping(),
    ...                              name='doc-poll'):
    ...   feedback(float(x))
    >>> pg.poll_result('doc-poll').best_trial.id
    2
  """
  return resolve_backend(backend, backend_kwargs, 'pg.poll_result',
                         ('name', 'backend')).poll_result(name)


_SAMPLE_PARAMETERS = tuple(
    p for p in inspect.signature(sample).parameters if p != 'backend_kwargs')
