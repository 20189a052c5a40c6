"""`Deduping`: wraps a generator so that no DNA is proposed twice."""
from __future__ import annotations

from typing import Any, Callable

from pyglove import typing as pg_typing
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
    max_duplicates: how many times the same DNA (by `hash_fn`) may be
      proposed; proposals beyond that are duplicates.
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
    TypeError: `generator` is not a DNAGenerator, or a function is not a
      callable taking one argument.
    ValueError: `max_duplicates` or `max_proposal_attempts` is below 1.
  """

  generator: DNAGenerator
  hash_fn: Callable[[DNA], Any] | None = None
  auto_reward_fn: Callable[[list], Any] | None = None
  max_duplicates: pg_typing.Int(min_value=1) = 1
  max_proposal_attempts: pg_typing.Int(min_value=1) = 100

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
    self._proposals = {}  # How many times each key was proposed.

  def _key(self, dna: DNA) -> Any:
    return dna if self.hash_fn is None else self.hash_fn(dna)

  def _propose(self) -> DNA:
    for _ in range(self.max_proposal_attempts):
      dna = self.generator.propose()
      key = self._key(dna)
      count = self._proposals.get(key, 0)
      if count < self.max_duplicates:
        self._proposals[key] = count + 1
        self._rewards.setdefault(key, [])
        return dna
      rewards = self._rewards.get(key)
      if self.auto_reward_fn is not None and rewards:
        self.generator.feedback(dna, self.auto_reward_fn(list(rewards)))
    raise StopIteration(
        f'Deduping got {self.max_proposal_attempts} duplicate proposals in a '
        f'row from {self.generator!r}; the space may be exhausted.')

  def _feedback(self, dna: DNA, reward: Any) -> None:
    self._rewards.setdefault(self._key(dna), []).append(reward)
    self.generator.feedback(dna, reward)
