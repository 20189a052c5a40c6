"""Enumerating and sampling the programs of a search space: `pg.iter`, `pg.random_sample`."""
from __future__ import annotations

import random
from typing import Any, Iterator

from pyglove.hyper._base import WhereFn
from pyglove.hyper._object_template import ObjectTemplate


def iter(value: Any, num_examples: int | None = None,  # pylint: disable=redefined-builtin
         algorithm: Any = None, where: WhereFn | None = None) -> Iterator[Any]:
  """Iterates the programs of a search space, in order or as `algorithm` proposes.

  Args:
    value: A search space (a value holding hyper values).
    num_examples: The maximum number of programs (None: until exhausted).
    algorithm: A `pg.DNAGenerator` that needs no feedback (such as
      `pg.generators.Random`); None enumerates every program in DNA order.
    where: Selects the hyper primitives that are decisions; the others stay.

  Yields:
    The programs, each a fresh copy of the space with its decisions made.

  Raises:
    ValueError: `algorithm` needs feedback (use `pg.sample`), or the space
      cannot be enumerated (it has a float decision).

  Example:
    >>> [p.x for p in pg.iter(pg.Dict(x=pg.oneof([1, 2]), y=pg.intv(0, 1)))]
    [1, 1, 2, 2]
  """
  template = ObjectTemplate(value, where=where)
  spec = template.dna_spec()
  if algorithm is None:
    dnas = spec.iter_dna()
  else:
    if algorithm.needs_feedback:
      raise ValueError(
          f'pg.iter cannot drive {type(algorithm).__name__}, which needs '
          f'feedback (needs_feedback=True); use pg.sample instead.')
    algorithm.setup(spec)
    dnas = _proposals(algorithm)
  return _decoded(template, dnas, num_examples)


def _decoded(template: ObjectTemplate, dnas: Iterator[Any],
             num_examples: int | None) -> Iterator[Any]:
  for count, dna in enumerate(dnas):
    if num_examples is not None and count >= num_examples:
      return
    yield template.decode(dna)


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
  return _decoded(template, _random_dnas(spec, rng), num_examples)


def _random_dnas(spec: Any, rng: random.Random) -> Iterator[Any]:
  while True:
    yield spec.random_dna(rng)
