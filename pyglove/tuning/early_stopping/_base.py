"""EarlyStoppingPolicy: decides whether a running trial should stop, and its combinators.

Policies are `pg.Object`s (as in the reference): their parameters are
fields, so a policy prints, clones, rebinds and saves as JSON; what a policy
learns while a study runs (e.g. the values it has seen at each step) lives in
private attributes, which a study stores with it (see
`pyglove.geno._state_json`).
"""
from __future__ import annotations

import abc
from typing import Any, Iterable

from pyglove import symbolic
from pyglove import typing as pg_typing
from pyglove.tuning._trial import Trial


class EarlyStoppingPolicy(symbolic.Object):
  """Decides from a trial's latest measurement whether it should stop early.

  A policy is set up once per study with the study's DNA spec, then asked
  `should_stop_early(trial)` each time a trial calls
  `feedback.should_stop_early()`. A policy may remember what it has seen (to
  compare a trial with the others at the same step); `recover(trials)`
  replays trials to rebuild that memory. Policies combine with ``&``, ``|``
  and ``~`` (or ``-``).

  Example:
    >>> policy = (pg.early_stopping.early_stop_by_value([(10, 0.2)])()
    ...           | pg.early_stopping.early_stop_by_rank([(20, 0.5, 4)])())
    >>> type(policy).__name__
    'Or'
  """

  # A study stores the policy with its memory (see `pyglove.geno._state_json`).
  persists_runtime_state = True

  def setup(self, dna_spec: Any) -> None:
    """Binds the policy to a study's search space and forgets what it saw."""
    self._dna_spec = dna_spec
    self._setup()

  @property
  def dna_spec(self) -> Any:
    """The spec given to `setup`, or None before it."""
    return self.__dict__.get('_dna_spec')

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

  __neg__ = __invert__


# The reference's spelling of the base class that supports composition.
EarlyStopingPolicyBase = EarlyStoppingPolicy


@symbolic.members([
    ('children', pg_typing.List(pg_typing.Object(EarlyStoppingPolicy)),
     'The policies combined; every child sees every trial.'),
], init_arg_list=['*children'])
class Composite(EarlyStoppingPolicy):
  """A policy made of others (`And`, `Or`, `Not`)."""

  def setup(self, dna_spec: Any) -> None:
    super().setup(dna_spec)
    for child in self.children:
      child.setup(dna_spec)

  def recover(self, history: Iterable[Trial]) -> None:
    history = list(history)
    for child in self.children:
      child.recover(history)

  def _decisions(self, trial: Trial) -> list[bool]:
    # No short-circuit: a child that keeps a histogram must record the trial
    # even when another child has already decided.
    return [child.should_stop_early(trial) for child in self.children]

  @abc.abstractmethod
  def should_stop_early(self, trial: Trial) -> bool:
    """Combines the children's decisions."""


class And(Composite):
  """Stops a trial when every child policy would stop it.

  Example:
    >>> by_value = pg.early_stopping.early_stop_by_value([(10, 0.2)])()
    >>> by_rank = pg.early_stopping.early_stop_by_rank([(10, 0.5, 4)])()
    >>> policy = pg.early_stopping.And(by_value, by_rank)  # or by_value & by_rank
  """

  def should_stop_early(self, trial: Trial) -> bool:
    return all(self._decisions(trial))


class Or(Composite):
  """Stops a trial when any child policy would stop it.

  Example:
    >>> by_value = pg.early_stopping.early_stop_by_value([(10, 0.2)])()
    >>> by_rank = pg.early_stopping.early_stop_by_rank([(10, 0.5, 4)])()
    >>> policy = pg.early_stopping.Or(by_value, by_rank)  # or by_value | by_rank
  """

  def should_stop_early(self, trial: Trial) -> bool:
    return any(self._decisions(trial))


class Not(Composite):
  """Stops a trial when its one child policy would let it continue.

  Raises:
    ValueError: not exactly one child.

  Example:
    >>> by_value = pg.early_stopping.early_stop_by_value([(10, 0.2)])()
    >>> policy = pg.early_stopping.Not(by_value)  # or ~by_value
  """

  def _on_bound(self) -> None:
    super()._on_bound()
    if len(self.children) != 1:
      raise ValueError(
          f'Not takes exactly one policy; got {len(self.children)}: '
          f'{list(self.children)!r}.')

  def should_stop_early(self, trial: Trial) -> bool:
    return not self._decisions(trial)[0]
