"""`Sweeping`: proposes every DNA of a discrete space in order (grid search)."""
from __future__ import annotations

from pyglove.geno._dna import DNA
from pyglove.geno._dna_generator import DNAGenerator
from pyglove.geno._spec import error_path
from pyglove.utils import message_on_path


class Sweeping(DNAGenerator):
  """Enumerates the space with `DNASpec.next_dna`; StopIteration after the last.

  Example:
    >>> from pyglove.geno import Int, Space
    >>> algo = Sweeping()
    >>> algo.setup(Space([Int(1, 2, location='x')]))
    >>> algo.propose(), algo.propose()
    (DNA(1), DNA(2))

  Raises:
    ValueError: from `setup`, when the space has a Float or a custom decision
      point without `next_dna_fn`, naming its id.
  """

  def _setup(self) -> None:
    for point in self._dna_spec.decision_points:
      if point.is_numerical and point.space_size < 0:
        raise ValueError(message_on_path(
            'Sweeping needs a discrete space, but this Float decision point '
            'is continuous.', error_path(point.id)))
      if point.is_custom_decision_point and point.next_dna_fn is None:
        raise ValueError(message_on_path(
            'Sweeping needs to enumerate every decision, but this custom '
            'decision point has no next_dna_fn.', error_path(point.id)))
    self._last = None

  def _propose(self) -> DNA:
    spec = self._dna_spec
    if self._last is None:
      dna = spec.first_dna()
    else:
      dna = spec._next(self._last)
      if dna is None:
        raise StopIteration(
            f'Sweeping has proposed all {self._num_proposals} DNA of the space.')
      dna = spec._attach(dna)
    # Through __dict__: cheaper than pg.Object's __setattr__ on this hot path.
    self.__dict__['_last'] = dna
    return dna
