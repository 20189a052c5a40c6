"""The backend interface: where studies and their trials live, and its registry.

A backend creates or joins studies by name. A study hands out trials to
groups of workers, records measurements and completions atomically, drives
the search algorithm through `propose()`/`feedback()` only (in the order the
events happened, so a replica fed the same log reaches the same state), and
reports a `Result`. `'in-memory'` is the default; more register with
`@pg.tuning.add_backend('name')`.

What is shared by every backend stays out of it: `pg.sample` checks its
arguments and resolves the space, `Feedback` checks each measurement before
the study sees it, and the lifecycle of a trial is written once
(`pg.tuning.TrialStudy`) over the storage a backend supplies
(`pg.tuning.Store`). A backend's `open_study` returns that study.
"""
from __future__ import annotations

import abc
import difflib
import inspect
from typing import Any, Callable, Sequence, TypeVar
import weakref

from pyglove import symbolic
from pyglove.tuning._measurement import Measurement
from pyglove.tuning._result import Result
from pyglove.tuning._trial import Trial

DEFAULT_BACKEND = 'in-memory'


class Study(abc.ABC):
  """One search: its space, algorithm and trials, shared by the loops that join it.

  Every method that changes the study is atomic: it validates first and
  changes nothing when it raises.
  """

  name: str | None
  dna_spec: Any
  metrics_to_optimize: tuple[str, ...]

  @abc.abstractmethod
  def next_trial(self, group: str) -> Trial | None:
    """The group's pending trial if it has one, else a new trial; None when the loop is over.

    The loop is over after `end_loop()`, once `num_examples` trials exist, or
    when the algorithm is exhausted (and the group has no pending trial).
    """

  @abc.abstractmethod
  def get_trial(self, trial_id: int) -> Trial:
    """The trial with this id (KeyError naming it otherwise)."""

  @abc.abstractmethod
  def add_measurement(self, trial_id: int, measurement: Measurement) -> None:
    """Appends an intermediate measurement (ValueError if the trial is completed)."""

  @abc.abstractmethod
  def complete_trial(self, trial_id: int, measurement: Measurement | None = None,
                     metadata: dict[str, Any] | None = None,
                     related_links: dict[str, str] | None = None) -> Trial:
    """Optionally appends `measurement`, completes the trial and feeds its reward back.

    Raises:
      ValueError: the trial is already completed, or has no measurement.
    """

  @abc.abstractmethod
  def skip_trial(self, trial_id: int, reason: str | None = None) -> Trial:
    """Completes the trial as infeasible; the algorithm is fed nothing for it."""

  @abc.abstractmethod
  def fail_trial(self, trial_id: int, error: str) -> Trial:
    """Ends the trial as FAILED with `error` in its metadata; fed nothing, not counted.

    A failed trial does not count toward `num_examples`, so the study
    proposes another in its place.
    """

  @abc.abstractmethod
  def should_stop_early(self, trial_id: int) -> bool:
    """Asks the study's early-stopping policy about the trial's latest measurement."""

  @abc.abstractmethod
  def end_loop(self) -> None:
    """Ends every loop of this worker on the study: `next_trial` returns None."""

  def leave(self, group: str) -> None:
    """Says that the loop of `group` has ended, so no trial is proposed ahead for it.

    Called by `pg.sample` when a loop ends (done, broken out of, or raised);
    the group may come back later. By default it does nothing.
    """
    del group

  @abc.abstractmethod
  def set_metadata(self, key: str, value: Any, trial_id: int | None = None) -> None:
    """Sets a metadata entry on a trial, or on the study when `trial_id` is None."""

  @abc.abstractmethod
  def get_metadata(self, key: str, trial_id: int | None = None) -> Any:
    """Reads a metadata entry of a trial or of the study; None if unset."""

  @abc.abstractmethod
  def result(self) -> Result:
    """A snapshot of the study."""


class Backend(abc.ABC):
  """Creates, joins and reports studies. Constructed with `pg.sample`'s extra keywords."""

  @abc.abstractmethod
  def open_study(self, *, name: str | None, dna_spec: Any, algorithm: Any,
                 early_stopping_policy: Any, num_examples: int | None,
                 metrics_to_optimize: Sequence[str]) -> Study:
    """Creates the study, or joins the existing one with the same `name`.

    An unnamed study is private to the caller. `algorithm` is None when the
    caller chose none (Random for a new study, the study's own when joining).

    Raises:
      ValueError: joining with a different DNA spec, metrics, number of
        examples, or a different kind of algorithm or policy.
    """

  @abc.abstractmethod
  def poll_result(self, name: str) -> Result:
    """The result of the named study (KeyError naming it if there is none)."""


_BACKENDS: dict[str, type[Backend]] = {}

_B = TypeVar('_B', bound=type)


def add_backend(name: str) -> Callable[[_B], _B]:
  """A class decorator registering a `Backend` under `name` for `pg.sample(backend=name)`.

  Args:
    name: the name users pass as `backend=`.

  Returns:
    The decorator, which returns the class unchanged.

  Raises:
    TypeError: the decorated class is not a `Backend` subclass.

  Example:
    >>> @pg.tuning.add_backend('doc-in-memory')
    ... class Mine(pg.tuning.InMemoryBackend):
    ...   pass
    >>> 'doc-in-memory' in pg.tuning.registered_backends()
    True
  """
  def register(cls: _B) -> _B:
    if not (isinstance(cls, type) and issubclass(cls, Backend)):
      raise TypeError(
          f'add_backend({name!r}) decorates a pg.tuning.Backend subclass; '
          f'got {cls!r}.')
    _BACKENDS[name] = cls
    return cls
  return register


def create_backend(name: str | None, **kwargs: Any) -> Backend:
  """Instantiates the backend registered under `name` (None: the default).

  Raises:
    ValueError: no backend has that name (the message lists the valid ones).
    TypeError: a keyword the backend does not take, or a required one missing.
  """
  return resolve_backend(name, kwargs, 'create_backend', ('name',))


def resolve_backend(name: str | None, kwargs: dict[str, Any], caller: str,
                    caller_params: Sequence[str]) -> Backend:
  """Instantiates a backend for `caller`, whose own keywords are `caller_params`.

  A keyword neither the caller nor the backend takes is reported as the
  caller's mistake (a typo of `pg.sample`'s own `num_examples` is not the
  backend's business), with the closest valid keyword.

  Raises:
    ValueError: no backend has that name (the message lists the valid ones).
    TypeError: an unknown keyword, or one the backend requires is missing.
  """
  if name is None:
    name = DEFAULT_BACKEND
  cls = _BACKENDS.get(name)
  if cls is None:
    raise ValueError(
        f'Unknown backend {name!r}; registered backends: '
        f'{", ".join(sorted(_BACKENDS))}.')
  accepted, required = backend_keywords(cls)
  takes = (f'backend {name!r} takes {", ".join(accepted)}' if accepted
           else f'backend {name!r} takes no keywords')
  unknown = [k for k in kwargs if k not in accepted]
  if unknown:
    word = unknown[0]
    valid = list(caller_params) + list(accepted)
    hint = _KNOWN_SLIPS.get(word) or next(
        iter(difflib.get_close_matches(word, valid, n=1, cutoff=0.6)), None)
    raise TypeError(
        f'{caller}() got an unexpected keyword argument {word!r}'
        f'{f"; did you mean {hint!r}?" if hint else "."} '
        f'{caller}\'s parameters: {", ".join(caller_params)}; {takes}.')
  missing = [k for k in required if k not in kwargs]
  if missing:
    raise TypeError(
        f'backend {name!r} needs {" and ".join(f"{k}=" for k in missing)}; '
        f'{caller}() got {sorted(kwargs) or "none of its keywords"}. {takes}.')
  return cls(**kwargs)


# Names users bring from other libraries, and ours.
_KNOWN_SLIPS = {'n_trials': 'num_examples', 'study_name': 'name',
                'sampler': 'algorithm', 'storage': 'backend'}

_KEYWORDS: weakref.WeakKeyDictionary[type, tuple[list[str], list[str]]] = (
    weakref.WeakKeyDictionary())


def backend_keywords(cls: type) -> tuple[list[str], list[str]]:
  """The keywords a backend class takes, and those it requires.

  A constructor that passes ``**kwargs`` on to its base class takes the
  base's keyword-only parameters too (its positional ones the subclass
  fills in itself, as `SqliteBackend` does `LogBackend`'s dialect).
  """
  cached = _KEYWORDS.get(cls)
  if cached is not None:
    return cached
  accepted: list[str] = []
  required: list[str] = []
  kinds = (inspect.Parameter.POSITIONAL_OR_KEYWORD,
           inspect.Parameter.KEYWORD_ONLY)
  for klass in cls.__mro__:
    init = klass.__dict__.get('__init__')
    if init is None:
      continue
    parameters = list(inspect.signature(init).parameters.values())[1:]
    for p in parameters:
      if p.kind in kinds and p.name not in accepted:
        accepted.append(p.name)
        if p.default is p.empty:
          required.append(p.name)
    if not any(p.kind == p.VAR_KEYWORD for p in parameters):
      break
    kinds = (inspect.Parameter.KEYWORD_ONLY,)
  _KEYWORDS[cls] = (accepted, required)
  return accepted, required


def prepare_algorithm(algorithm: Any, dna_spec: Any,
                      metrics_to_optimize: Sequence[str]) -> Any:
  """Returns the algorithm for a new study on `dna_spec`, set up.

  None becomes `pg.geno.Random()`. An algorithm already set up on an equal
  spec continues from its state (paper Fig. 25 reuses an inner loop's
  algorithm); one set up on another spec is set up again.

  Raises:
    ValueError: several metrics to optimize for an algorithm that is not
      `multi_objective` (or one for an algorithm that is), or the algorithm
      rejects the space.
  """
  if algorithm is None:
    from pyglove import geno  # pylint: disable=g-import-not-at-top
    algorithm = geno.Random()
  if len(metrics_to_optimize) > 1 and not algorithm.multi_objective:
    raise ValueError(
        f'{type(algorithm).__name__} optimizes a single objective, but '
        f'metrics_to_optimize={list(metrics_to_optimize)} has '
        f'{len(metrics_to_optimize)}; use a multi_objective algorithm '
        f'(e.g. NSGA-II) or a single metric.')
  if len(metrics_to_optimize) == 1 and algorithm.multi_objective:
    raise ValueError(
        f'{type(algorithm).__name__} is multi-objective and is fed a tuple of '
        f'metrics, but metrics_to_optimize={list(metrics_to_optimize)} has '
        'one; name two or more metrics, or use a single-objective algorithm.')
  # An algorithm that has proposed nothing is set up again even on an equal
  # spec: that is free, and re-checks a spec whose setup failed before.
  if algorithm.num_proposals == 0 or symbolic.ne(algorithm.dna_spec, dna_spec):
    algorithm.setup(dna_spec)
  return algorithm


def check_joinable(study: Study, *, dna_spec: Any, algorithm: Any,
                   algorithm_in_study: Any, early_stopping_policy: Any,
                   policy_in_study: Any, num_examples: int | None,
                   num_examples_in_study: int | None,
                   metrics_to_optimize: Sequence[str]) -> None:
  """Raises ValueError if a caller's arguments contradict the study it joins.

  A joining caller may leave `algorithm`, `early_stopping_policy` and
  `num_examples` as None to accept the study's own.
  """
  def mismatch(what: str, given: Any, existing: Any) -> ValueError:
    return ValueError(
        f'Cannot join study {study.name!r}: its {what} is {existing!r}, but '
        f'{given!r} was given. Use another name for a different search.')

  # Specs compare by identity; a rebuilt space must only be equal.
  if symbolic.ne(dna_spec, study.dna_spec):
    raise mismatch('DNA spec', dna_spec, study.dna_spec)
  if tuple(metrics_to_optimize) != study.metrics_to_optimize:
    raise mismatch('metrics_to_optimize', list(metrics_to_optimize),
                   list(study.metrics_to_optimize))
  if num_examples is not None and num_examples != num_examples_in_study:
    raise mismatch('num_examples', num_examples, num_examples_in_study)
  if algorithm is not None and type(algorithm) is not type(algorithm_in_study):
    raise mismatch('algorithm', algorithm, algorithm_in_study)
  if (early_stopping_policy is not None
      and type(early_stopping_policy) is not type(policy_in_study)):
    raise mismatch('early_stopping_policy', early_stopping_policy,
                   policy_in_study)


def registered_backends() -> list[str]:
  """The names of the registered backends, sorted."""
  return sorted(_BACKENDS)
