"""`Random`: proposes independent random DNA (the baseline search algorithm)."""
from __future__ import annotations

import random
from pyglove.geno._dna import DNA
from pyglove.geno._dna_generator import DNAGenerator


class Random(DNAGenerator):
  """Samples each proposal independently with `DNASpec.random_dna`.

  Log-scale floats are sampled uniformly in log space. The same seed gives
  the same proposals; seed None draws one from the OS.

  Args:
    seed: the seed of the proposals' `random.Random`.

  Example:
    >>> from pyglove.geno import Float, Space
    >>> spec = Space([Float(0.0, 1.0, location='x')])
    >>> a, b = Random(seed=3), Random(seed=3)
    >>> a.setup(spec); b.setup(spec)
    >>> a.propose() == b.propose()
    True
  """

  seed: int | None = None

  def _setup(self) -> None:
    self._random = random.Random(self.seed)

  def _propose(self) -> DNA:
    return self._dna_spec.random_dna(self._random)
