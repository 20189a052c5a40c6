"""Generator snapshots: pickles that carry modules by name."""
from __future__ import annotations

import io
import math
import pickle

import pytest

from pyglove import geno
from pyglove.tuning.backends import _snapshot


def test_modules_travel_by_name():
  """A module inside the state comes back as the same module object."""
  state = _snapshot.loads(_snapshot.dumps({'lib': math, 'n': [1, 2]}))
  assert state == {'lib': math, 'n': [1, 2]}


def test_generator_round_trip_keeps_its_state():
  """A restored generator proposes what the original would."""
  spec = geno.Space([geno.Float(0.0, 1.0, location='x')])
  algorithm = geno.Random(seed=4)
  algorithm.setup(spec)
  algorithm.propose()
  restored = _snapshot.loads(_snapshot.dumps(algorithm))
  assert restored.propose() == algorithm.propose()


def test_unknown_reference_raises_value_error():
  """A persistent reference of another kind is refused with ValueError."""

  class Other(pickle.Pickler):

    def persistent_id(self, obj):
      return ('file', 'x') if obj == 'marker' else None

  buffer = io.BytesIO()
  Other(buffer).dump(['marker'])
  with pytest.raises(ValueError, match=r"Unknown persistent reference \('file', 'x'\)"):
    _snapshot.loads(buffer.getvalue())
