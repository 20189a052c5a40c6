"""Enumerating and sampling the programs of a search space: `pg.iter`, `pg.random_sample`."""
from __future__ import annotations

import random
from typing import Any, Iterator

from pyglove.hyper._base import WhereFn
from pyglove.hyper._object_template import ObjectTemplate


def iter(hyper_value: Any, num_examples: int | None = None,  # pylint: disable=redefined-builtin
         algorithm: Any = None, where: WhereFn | None = None,
         force_feedback: bool = False) -> Iterator[Any]:
  """Iterates the programs of a search space, in order or as `algorithm` proposes.

  Args:
    hyper_value: A search space (a value holding hyper values), or a
      `pg.hyper.DynamicEvaluationContext` that collected one (each example
      is then a context manager applying the DNA: ``with example(): ...``).
    num_examples: The maximum number of programs (None: until exhausted).
    algorithm: A `pg.DNAGenerator`; None enumerates every program in DNA
      order.
    where: Selects the hyper primitives that are decisions; the others stay.
    force_feedback: Yield ``(example, feedback)`` pairs even when the
      algorithm needs no feedback.

  Yields:
    The programs, each a fresh copy of the space with its decisions made;
    ``(program, feedback)`` pairs when the algorithm needs feedback (call
    ``feedback(reward)``) or `force_feedback` is set.

  Raises:
    ValueError: the space cannot be enumerated (it has a float decision)
      and no algorithm is given.

  Example:
    >>> [p.x for p in pg.iter(pg.Dict(x=pg.oneof([1, 2]), y=pg.intv(0, 1)))]
    [1, 1, 2, 2]
  """
  # Imported here: define-by-run contexts are built on this layer's values.
  from pyglove.hyper._dynamic_evaluation import DynamicEvaluationContext  # pylint: disable=g-import-not-at-top
  if isinstance(hyper_value, DynamicEvaluationContext):
    spec, decode = hyper_value.dna_spec, (
        lambda dna: lambda: hyper_value.apply(dna))
  else:
    template = ObjectTemplate(hyper_value, where=where)
    spec, decode = template.dna_spec(), template.decode
  if algorithm is None:
    dnas = spec.iter_dna()
  else:
    algorithm.setup(spec)
    dnas = _proposals(algorithm)
  with_feedback = algorithm is not None and (
      force_feedback or algorithm.needs_feedback)
  return _decoded(decode, dnas, num_examples,
                  algorithm if with_feedback else None)


class IterFeedback:
  """What `pg.iter` pairs an example with: call it with the example's reward.

  Attributes:
    dna: the DNA of the example.
  """

  def __init__(self, algorithm: Any, dna: Any) -> None:
    self._algorithm = algorithm
    self.dna = dna

  def __call__(self, reward: Any) -> None:
    """Reports `reward` (a float, or a tuple for several objectives) to the algorithm."""
    self._algorithm.feedback(self.dna, reward)


def _decoded(decode: Any, dnas: Iterator[Any], num_examples: int | None,
             algorithm: Any) -> Iterator[Any]:
  for count, dna in enumerate(dnas):
    if num_examples is not None and count >= num_examples:
      return
    example = decode(dna)
    yield example if algorithm is None else (example,
                                             IterFeedback(algorithm, dna))


def _proposals(algorithm: Any) -> Iterator[Any]:
  while True:
    try:
      dna = algorithm.propose()
    except StopIteration:
      return
    yield dna


def random_sample(value: Any, num_examples: int | None = None,
                  where: WhereFn | None = None,
                  seed: int | None = None) -> Iterator[Any]:
  """Yields random programs of a search space (forever when `num_examples` is None).

  Args:
    value: A search space (a value holding hyper values).
    num_examples: The number of programs (None: no end).
    where: Selects the hyper primitives that are decisions; the others stay.
    seed: Seed of the private random generator (same seed, same programs).

  Example:
    >>> xs = list(pg.random_sample(pg.Dict(x=pg.oneof([1, 2])), 3, seed=1))
    >>> len(xs), all(x.x in (1, 2) for x in xs)
    (3, True)
  """
  template = ObjectTemplate(value, where=where)
  spec = template.dna_spec()
  rng = random.Random(seed)
  return _decoded(template.decode, _random_dnas(spec, rng), num_examples, None)


def _random_dnas(spec: Any, rng: random.Random) -> Iterator[Any]:
  while True:
    yield spec.random_dna(rng)
