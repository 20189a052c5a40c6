"""What an evolution records in each DNA's metadata, and accessors for it.

`Evolution` stamps every proposal with a 1-based `proposal_id`, its
`generation_id` and whether it belongs to the `initial_population`; a
feedback adds the `reward` (the fitness: a float, or a tuple of floats for
several objectives) and a 1-based `feedback_sequence_number`. Metadata
travels with the DNA (it is part of its JSON), so a recovered search reads
them back.
"""
from __future__ import annotations

from typing import Any

from pyglove import geno

DNA_METADATA_PROPOSAL_ID = 'proposal_id'
DNA_METADATA_FEEDBACK_SEQUENCE_NUMBER = 'feedback_sequence_number'
DNA_METADATA_FITNESS = 'reward'
DNA_METADATA_INITIAL_POPULATION = 'initial_population'
DNA_METADATA_GENERATION_ID = 'generation_id'


def _get(dna: geno.DNA, key: str, what: str) -> Any:
  try:
    return dna.metadata[key]
  except KeyError:
    raise KeyError(
        f'{dna!r} has no {what} (metadata {key!r}); an Evolution records it '
        f'when it proposes the DNA or gets its feedback.') from None


def set_proposal_id(dna: geno.DNA, proposal_id: int) -> geno.DNA:
  """Records the 1-based proposal number of `dna`; returns `dna`."""
  return dna.set_metadata(DNA_METADATA_PROPOSAL_ID, proposal_id)


def get_proposal_id(dna: geno.DNA) -> int:
  """The 1-based proposal number of `dna`.

  Raises:
    KeyError: it was not recorded.
  """
  return _get(dna, DNA_METADATA_PROPOSAL_ID, 'proposal id')


def set_generation_id(dna: geno.DNA, generation_id: int) -> geno.DNA:
  """Records the 1-based generation `dna` was born in; returns `dna`."""
  return dna.set_metadata(DNA_METADATA_GENERATION_ID, generation_id)


def get_generation_id(dna: geno.DNA) -> int:
  """The 1-based generation `dna` was born in (1: the initial population).

  Example:
    >>> get_generation_id(set_generation_id(geno.DNA(0), 3))
    3

  Raises:
    KeyError: it was not recorded.
  """
  return _get(dna, DNA_METADATA_GENERATION_ID, 'generation id')


def set_feedback_sequence_number(dna: geno.DNA, sequence_number: int) -> geno.DNA:
  """Records the 1-based order in which the feedback of `dna` arrived; returns `dna`."""
  return dna.set_metadata(DNA_METADATA_FEEDBACK_SEQUENCE_NUMBER, sequence_number)


def get_feedback_sequence_number(dna: geno.DNA) -> int | None:
  """The 1-based order of the feedback of `dna`, or None before its feedback.

  Example:
    >>> dna = geno.DNA(0)
    >>> get_feedback_sequence_number(dna) is None
    True
    >>> get_feedback_sequence_number(set_feedback_sequence_number(dna, 2))
    2
  """
  return dna.metadata.get(DNA_METADATA_FEEDBACK_SEQUENCE_NUMBER)


def set_fitness(dna: geno.DNA, fitness: float | tuple[float, ...]) -> geno.DNA:
  """Records the fitness of `dna` (a float, or a tuple for several objectives); returns it.

  Example:
    >>> get_fitness(set_fitness(geno.DNA(0), (1.0, 2.0)))
    (1.0, 2.0)
  """
  return dna.set_metadata(DNA_METADATA_FITNESS, fitness)


def get_fitness(dna: geno.DNA) -> float | tuple[float, ...]:
  """The fitness of `dna` (its reward).

  Raises:
    KeyError: `dna` has no fitness yet (no feedback).
  """
  # Inlined `_get`: selectors call this for every member they rank.
  try:
    return dna.metadata[DNA_METADATA_FITNESS]
  except KeyError:
    return _get(dna, DNA_METADATA_FITNESS, 'fitness')


def mark_initial_population(dna: geno.DNA, is_initial: bool) -> geno.DNA:
  """Records whether `dna` belongs to the initial population; returns it."""
  return dna.set_metadata(DNA_METADATA_INITIAL_POPULATION, is_initial)


def is_initial_population(dna: geno.DNA) -> bool:
  """Whether `dna` was proposed by the population initializer.

  Raises:
    KeyError: it was not recorded.
  """
  return _get(dna, DNA_METADATA_INITIAL_POPULATION, 'initial-population mark')
