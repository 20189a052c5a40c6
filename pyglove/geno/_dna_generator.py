"""`DNAGenerator`: the interface of search algorithms (propose DNA, learn from rewards)."""
from __future__ import annotations

import functools
import math
import numbers
from typing import Any, Callable, Iterable, Iterator

from pyglove.geno._dna import DNA
from pyglove.geno._spec import DNASpec
from pyglove.symbolic import Object


class DNAGenerator(Object):
  """Proposes DNA for a spec and learns from rewards; a symbolic object.

  The public methods do the bookkeeping and call the private hooks a
  subclass implements: `_setup()`, `_propose() -> DNA` and
  `_feedback(dna, reward)`. Hyper-parameters are typed symbolic fields
  (declared by annotations), so a generator prints, compares, hashes and
  serializes by them. Everything the search learns (the spec, counters, the
  `random.Random(seed)`, a population...) is runtime state: private
  attributes made in `_setup`, never fields, so (seed, history) fixes it and
  `recover` rebuilds it.

  A clone (`clone()`, `clone(deep=True)`, `copy.copy`) is a fresh, un-set-up
  generator with the same hyper-parameters: it shares no RNG or state with
  the original. Changing a hyper-parameter with `rebind` likewise discards
  the search state (call `setup` again). `pyglove.geno._state_json` writes a
  running generator with its state as JSON (as the study backends store
  it), and a generator loaded from it resumes where the original stopped.

  Example:
    >>> from pyglove.geno import Choices, Random, Space
    >>> spec = Space([Choices(1, [Space(), Space()], location='a')])
    >>> algo = Random(seed=1)
    >>> algo.setup(spec)
    >>> dna = algo.propose()
    >>> algo.feedback(dna, 1.0)
    >>> algo.num_proposals, algo.num_feedbacks
    (1, 1)
    >>> copy = algo.clone()  # Same hyper-parameters, no search state.
    >>> copy == algo, copy.num_proposals, copy.dna_spec is None
    (True, 0, True)
  """

  multi_objective = False
  # A study stores the runtime state (see `pyglove.geno._state_json`).
  persists_runtime_state = True

  # Class-level defaults: what an un-set-up generator reports.
  _dna_spec: DNASpec | None = None
  _num_proposals = 0
  _num_feedbacks = 0

  def _on_bound(self) -> None:
    """Drops any runtime state, so a new, cloned or rebound generator starts un-set-up.

    Runtime state is every instance attribute that is neither a field nor
    the symbolic bookkeeping (``_sym_*``), so subclasses need not list
    theirs; class-level defaults show through again. A subclass deriving
    attributes from its fields here calls this first.
    """
    d = self.__dict__
    fields = type(self)._sym_keys
    for key in [k for k in d if k not in fields and not k.startswith('_sym_')]:
      del d[key]

  @property
  def needs_feedback(self) -> bool:
    """Whether rewards matter: the class overrides `_feedback` (a subclass may say otherwise)."""
    return type(self)._feedback is not DNAGenerator._feedback

  @property
  def dna_spec(self) -> DNASpec | None:
    """The spec given to `setup`, or None before it."""
    return self._dna_spec

  @property
  def num_proposals(self) -> int:
    """How many DNA `propose` returned since `setup`."""
    return self._num_proposals

  @property
  def num_feedbacks(self) -> int:
    """How many rewards `feedback` accepted since `setup`."""
    return self._num_feedbacks

  def setup(self, dna_spec: DNASpec) -> None:
    """Starts a search over `dna_spec`: stores it, resets counters and state.

    Raises:
      TypeError: `dna_spec` is not a DNA spec.
    """
    if not isinstance(dna_spec, DNASpec):
      raise TypeError(
          f'{type(self).__name__}.setup() expects a DNASpec; got {dna_spec!r}.')
    self._dna_spec = dna_spec
    self._num_proposals = 0
    self._num_feedbacks = 0
    self._setup()

  def _setup(self) -> None:
    """Resets the algorithm's state; the default has none."""

  def propose(self) -> DNA:
    """Returns the next DNA to try, validated against the spec and attached to it.

    Raises:
      ValueError: `setup` was not called, or the proposal does not fit the spec.
      TypeError: the algorithm proposed something that is not a DNA.
      StopIteration: the algorithm has nothing more to propose.
    """
    spec = self._require_setup('propose()')
    dna = self._propose()
    if not isinstance(dna, DNA):
      raise TypeError(
          f'{type(self).__name__}._propose() must return a DNA; got {dna!r}.')
    # Validated every time: a mutated clone still carries its parent's spec.
    dna.use_spec(spec)
    # Written through __dict__: pg.Object's __setattr__ (field checks) would
    # cost more than the rest of this bookkeeping.
    self.__dict__['_num_proposals'] = self._num_proposals + 1
    return dna

  def _propose(self) -> DNA:
    raise NotImplementedError(f'{type(self).__name__} must implement _propose().')

  def feedback(self, dna: DNA, reward: Any) -> None:
    """Reports the reward of a proposed DNA.

    Args:
      dna: a DNA of this generator's spec (usually one it proposed).
      reward: a finite number (or a 1-tuple of one), or for
        `multi_objective` generators a tuple.

    Raises:
      ValueError: `setup` was not called, `dna` does not fit the spec, a
        reward is NaN or infinite, or its shape does not fit
        `multi_objective`.
      TypeError: `dna` is not a DNA, or a reward is not a number.
    """
    spec = self._require_setup('feedback()')
    if not isinstance(dna, DNA):
      raise TypeError(f'feedback() expects a DNA; got {dna!r} of type {type(dna).__name__}.')
    if dna.__dict__.get('_checked') is not spec:
      # Proposals are checked already; anything else is checked now.
      try:
        spec.validate(dna)
      except ValueError as e:
        raise ValueError(
            f'{type(self).__name__}.feedback() got a DNA that does not fit its '
            f'DNA spec: {e}') from None
    reward = self._check_reward(reward)
    if self.needs_feedback:
      self._feedback(dna, reward)
    self.__dict__['_num_feedbacks'] = self._num_feedbacks + 1

  def _feedback(self, dna: DNA, reward: Any) -> None:
    """Learns from a reward; the default ignores it."""

  def _check_reward(self, reward: Any) -> Any:
    if isinstance(reward, (tuple, list)):
      if not self.multi_objective:
        if len(reward) == 1:
          return _check_number(reward[0], reward)
        raise ValueError(
            f'{type(self).__name__} is single-objective and expects one number '
            f'as reward; got {reward!r}.')
      return tuple(_check_number(r, reward) for r in reward)
    if self.multi_objective:
      raise ValueError(
          f'{type(self).__name__} is multi-objective and expects a tuple of '
          f'numbers as reward; got {reward!r}.')
    return _check_number(reward, reward)

  def recover(self, history: Iterable[tuple[DNA, Any]]) -> None:
    """Replays a history so the state equals an uninterrupted sequential run.

    Args:
      history: (dna, reward or None) pairs in the order they were proposed;
        each is replayed as `propose()` then, if the reward is not None,
        `feedback(dna, reward)` with the logged DNA.
    """
    for dna, reward in history:
      self.propose()
      if reward is not None:
        self.feedback(dna, reward)

  def __iter__(self) -> Iterator[Any]:
    """Yields proposals until exhausted: a DNA, or ``(dna, feedback_fn)`` when rewards matter.

    Example:
      >>> from pyglove.geno import Sweeping, constant, oneof, space
      >>> algo = Sweeping()
      >>> algo.setup(space([oneof([constant(), constant()], location='a')]))
      >>> list(algo)
      [DNA(0), DNA(1)]
    """
    while True:
      try:
        dna = self.propose()
      except StopIteration:
        return
      if self.needs_feedback:
        yield dna, functools.partial(self.feedback, dna)
      else:
        yield dna

  def _require_setup(self, what: str) -> DNASpec:
    if self._dna_spec is None:
      raise ValueError(f'{type(self).__name__}.{what} was called before setup(dna_spec).')
    return self._dna_spec


def _check_number(value: Any, reward: Any) -> float:
  if isinstance(value, bool) or not isinstance(value, numbers.Real):
    raise TypeError(
        f'A reward must be a number; got {value!r} of type '
        f'{type(value).__name__} in reward {reward!r}.')
  if not math.isfinite(value):
    raise ValueError(f'A reward must be finite; got {value!r} in reward {reward!r}.')
  return float(value)


def dna_generator(func: Callable[[DNASpec], Iterator[DNA]]) -> type:
  """Makes a `DNAGenerator` class from a function yielding DNA for a spec.

  The class proposes what ``func(dna_spec)`` yields, in order, and ignores
  rewards. Its state is the running iterator, so `recover` rebuilds it by
  replaying proposals; it cannot be saved as JSON.

  Args:
    func: ``func(dna_spec) -> iterator of DNA``.

  Returns:
    A `DNAGenerator` subclass (instantiate it without arguments).

  Example:
    >>> @dna_generator
    ... def firsts(spec):
    ...   yield spec.first_dna()
    >>> from pyglove.geno import constant, oneof, space
    >>> algo = firsts()
    >>> algo.setup(space([oneof([constant(), constant()], location='a')]))
    >>> algo.propose(), algo.needs_feedback
    (DNA(0), False)
  """

  class FunctionDNAGenerator(DNAGenerator):
    """Proposes the DNA a function yields for the spec."""

    def _setup(self) -> None:
      self._iterator = iter(func(self._dna_spec))
      self._error = None

    def _propose(self) -> DNA:
      if self._error is not None:
        raise ValueError(
            f'{func.__name__} raised earlier: {self._error!r}.') from self._error
      try:
        return next(self._iterator)
      except StopIteration:
        raise
      except Exception as e:  # pylint: disable=broad-except
        self.__dict__['_error'] = e
        raise

  FunctionDNAGenerator.__name__ = func.__name__
  FunctionDNAGenerator.__doc__ = func.__doc__
  return FunctionDNAGenerator
