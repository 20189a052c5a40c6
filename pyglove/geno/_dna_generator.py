"""`DNAGenerator`: the interface of search algorithms (propose DNA, learn from rewards)."""
from __future__ import annotations

import math
import numbers
from typing import Any, Iterable

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
  needs_feedback = True
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
      dna: a DNA this generator proposed.
      reward: a finite number, or for `multi_objective` generators a tuple.

    Raises:
      ValueError: `setup` was not called, a reward is NaN or infinite, or its
        shape (number vs tuple) does not fit `multi_objective`.
      TypeError: `dna` is not a DNA, or a reward is not a number.
    """
    self._require_setup('feedback()')
    if not isinstance(dna, DNA):
      raise TypeError(f'feedback() expects a DNA; got {dna!r} of type {type(dna).__name__}.')
    reward = self._check_reward(reward)
    self._feedback(dna, reward)
    self.__dict__['_num_feedbacks'] = self._num_feedbacks + 1

  def _feedback(self, dna: DNA, reward: Any) -> None:
    """Learns from a reward; the default ignores it."""

  def _check_reward(self, reward: Any) -> Any:
    if isinstance(reward, (tuple, list)):
      if not self.multi_objective:
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
