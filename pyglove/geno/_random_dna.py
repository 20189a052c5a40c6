"""`random_dna`: one random DNA for a spec, the function form of `DNASpec.random_dna`."""
from __future__ import annotations

import random
from typing import Any

from pyglove.geno._dna import DNA
from pyglove.geno._spec import DNASpec


def random_dna(dna_spec: DNASpec,
               random_generator: random.Random | Any = None,
               attach_spec: bool = True,
               previous_dna: DNA | None = None) -> DNA:
  """Samples a DNA from `dna_spec`.

  Args:
    dna_spec: the spec to sample from.
    random_generator: a `random.Random` (default: the `random` module).
    attach_spec: whether the result gets `dna_spec` attached.
    previous_dna: a DNA whose decisions custom decision points may use.

  Returns:
    A DNA valid for `dna_spec`; randomness is consumed in decision-point preorder.

  Raises:
    TypeError: `dna_spec` is not a DNA spec.

  Example:
    >>> from pyglove.geno import Choices, Space
    >>> spec = Space([Choices(1, [Space(), Space()], location='a')])
    >>> random_dna(spec, random.Random(0)) in (DNA(0), DNA(1))
    True
  """
  if not isinstance(dna_spec, DNASpec):
    raise TypeError(f'random_dna expects a DNASpec; got {dna_spec!r}.')
  return dna_spec.random_dna(random_generator, attach_spec, previous_dna)
