"""`Deduping`: wraps a generator so that no DNA is proposed twice."""
from __future__ import annotations

from typing import Any, Callable

from pyglove.geno._dna import DNA
from pyglove.geno._dna_generator import DNAGenerator


class Deduping(DNAGenerator):
  """Drops proposals of the wrapped generator that duplicate earlier ones.

  Args:
    generator: the generator whose proposals are deduplicated.
    hash_fn: ``fn(dna) -> hashable`` deciding what counts as a duplicate
      (default: the DNA's structural hash and equality).
    auto_reward_fn: ``fn(rewards) -> reward``. When given, a duplicate whose
      earlier copies already have rewards is fed back to the wrapped
      generator with ``auto_reward_fn(those rewards)`` instead of being
      proposed; a duplicate without known rewards is dropped.
    max_proposal_attempts: how many consecutive duplicates `propose` accepts
      before it raises StopIteration.

  Example:
    >>> from pyglove.geno import Choices, Random, Space
    >>> spec = Space([Choices(1, [Space(), Space()], location='a')])
    >>> algo = Deduping(Random(seed=1))
    >>> algo.setup(spec)
    >>> sorted([algo.propose(), algo.propose()])
    [DNA(0), DNA(1)]

  Raises:
    TypeError: `generator` is not a DNAGenerator, or a function is not callable.
    ValueError: `max_proposal_attempts` is below 1.
  """

  def __init__(self,
               generator: DNAGenerator,
               hash_fn: Callable[[DNA], Any] | None = None,
               auto_reward_fn: Callable[[list[Any]], Any] | None = None,
               max_proposal_attempts: int = 100):
    if not isinstance(generator, DNAGenerator):
      raise TypeError(f'Deduping wraps a DNAGenerator; got {generator!r}.')
    for label, fn in (('hash_fn', hash_fn), ('auto_reward_fn', auto_reward_fn)):
      if fn is not None and not callable(fn):
        raise TypeError(f'{label} must be callable or None; got {fn!r}.')
    if type(max_proposal_attempts) is not int or max_proposal_attempts < 1:
      raise ValueError(
          f'max_proposal_attempts must be an int >= 1; got {max_proposal_attempts!r}.')
    self.generator = generator
    self.hash_fn = hash_fn
    self.auto_reward_fn = auto_reward_fn
    self.max_proposal_attempts = max_proposal_attempts
    self._rewards: dict[Any, list[Any]] = {}

  @property
  def multi_objective(self) -> bool:  # type: ignore[override]
    """The wrapped generator's `multi_objective`."""
    return self.generator.multi_objective

  @property
  def needs_feedback(self) -> bool:  # type: ignore[override]
    """The wrapped generator's `needs_feedback`."""
    return self.generator.needs_feedback

  def _setup(self) -> None:
    self.generator.setup(self._dna_spec)
    self._rewards = {}

  def _key(self, dna: DNA) -> Any:
    return dna if self.hash_fn is None else self.hash_fn(dna)

  def _propose(self) -> DNA:
    for _ in range(self.max_proposal_attempts):
      dna = self.generator.propose()
      key = self._key(dna)
      rewards = self._rewards.get(key)
      if rewards is None:
        self._rewards[key] = []
        return dna
      if self.auto_reward_fn is not None and rewards:
        self.generator.feedback(dna, self.auto_reward_fn(list(rewards)))
    raise StopIteration(
        f'Deduping got {self.max_proposal_attempts} duplicate proposals in a '
        f'row from {self.generator!r}; the space may be exhausted.')

  def _feedback(self, dna: DNA, reward: Any) -> None:
    self._rewards.setdefault(self._key(dna), []).append(reward)
    self.generator.feedback(dna, reward)

  def __repr__(self) -> str:
    return (f'Deduping({self.generator!r}, max_proposal_attempts='
            f'{self.max_proposal_attempts})')
