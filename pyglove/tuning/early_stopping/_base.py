"""EarlyStoppingPolicy: decides whether a running trial should stop, and its combinators."""
from __future__ import annotations

import abc
from typing import Any, Iterable

from pyglove.geno import _state_json
from pyglove.tuning._trial import Trial


class EarlyStoppingPolicy(abc.ABC):
  """Decides from a trial's latest measurement whether it should stop early.

  A policy is set up once per study with the study's DNA spec, then asked
  `should_stop_early(trial)` each time a trial calls
  `feedback.should_stop_early()`. A policy may remember what it has seen (to
  compare a trial with the others at the same step); `recover(trials)`
  replays trials to rebuild that memory. Policies combine with ``&``, ``|``
  and ``~``.

  Example:
    >>> policy = (pg.early_stopping.early_stop_by_value([(10, 0.2)])
    ...           | pg.early_stopping.early_stop_by_rank([(20, 0.5, 4)]))
  """

  dna_spec: Any = None
  # A study stores the policy with its memory (see `pyglove.geno._state_json`).
  persists_runtime_state = True

  def __init_subclass__(cls, **kwargs: Any) -> None:
    super().__init_subclass__(**kwargs)
    # Policies are stored attribute by attribute; one outside this library
    # loads only from a trusted study.
    _state_json.register(cls)

  def setup(self, dna_spec: Any) -> None:
    """Binds the policy to a study's search space and forgets what it saw."""
    self.dna_spec = dna_spec
    self._setup()

  def _setup(self) -> None:
    """Resets the policy's memory; overridden by policies that keep one."""

  @abc.abstractmethod
  def should_stop_early(self, trial: Trial) -> bool:
    """Returns True if `trial` should stop, given its latest measurement."""

  def recover(self, history: Iterable[Trial]) -> None:
    """Replays trials (in the order they reported) to rebuild the policy's memory."""
    for trial in history:
      if trial.measurements:
        self.should_stop_early(trial)

  def __and__(self, other: EarlyStoppingPolicy) -> And:
    return And(self, other)

  def __or__(self, other: EarlyStoppingPolicy) -> Or:
    return Or(self, other)

  def __invert__(self) -> Not:
    return Not(self)


class _Composite(EarlyStoppingPolicy):
  """A policy made of others; every child sees every trial."""

  def __init__(self, *children: EarlyStoppingPolicy) -> None:
    for i, child in enumerate(children):
      if not isinstance(child, EarlyStoppingPolicy):
        raise TypeError(
            f'{type(self).__name__} combines EarlyStoppingPolicy objects; '
            f'argument {i} is {child!r} of type {type(child).__name__}.')
    self.children = children

  def setup(self, dna_spec: Any) -> None:
    super().setup(dna_spec)
    for child in self.children:
      child.setup(dna_spec)

  def _decisions(self, trial: Trial) -> list[bool]:
    # No short-circuit: a child that keeps a histogram must record the trial
    # even when another child has already decided.
    return [child.should_stop_early(trial) for child in self.children]

  def __repr__(self) -> str:
    return f'{type(self).__name__}({", ".join(map(repr, self.children))})'


class And(_Composite):
  """Stops a trial when every child policy would stop it.

  Example:
    >>> by_value = pg.early_stopping.early_stop_by_value([(10, 0.2)])
    >>> by_rank = pg.early_stopping.early_stop_by_rank([(10, 0.5, 4)])
    >>> policy = pg.early_stopping.And(by_value, by_rank)  # or by_value & by_rank
  """

  def should_stop_early(self, trial: Trial) -> bool:
    return all(self._decisions(trial))


class Or(_Composite):
  """Stops a trial when any child policy would stop it.

  Example:
    >>> by_value = pg.early_stopping.early_stop_by_value([(10, 0.2)])
    >>> by_rank = pg.early_stopping.early_stop_by_rank([(10, 0.5, 4)])
    >>> policy = pg.early_stopping.Or(by_value, by_rank)  # or by_value | by_rank
  """

  def should_stop_early(self, trial: Trial) -> bool:
    return any(self._decisions(trial))


class Not(_Composite):
  """Stops a trial when its child policy would let it continue.

  Example:
    >>> by_value = pg.early_stopping.early_stop_by_value([(10, 0.2)])
    >>> policy = pg.early_stopping.Not(by_value)  # or ~by_value
  """

  def __init__(self, child: EarlyStoppingPolicy) -> None:
    super().__init__(child)

  def should_stop_early(self, trial: Trial) -> bool:
    return not self._decisions(trial)[0]
