"""Tests of the MISSING_VALUE sentinel."""
from __future__ import annotations

import copy
import pickle

from pyglove.utils import MISSING_VALUE
from pyglove.utils import MissingValue


def test_singleton():
  """MissingValue() is always the one MISSING_VALUE."""
  assert MissingValue() is MISSING_VALUE


def test_falsy_and_distinct_from_none():
  """It is falsy, equal only to itself and printed by name."""
  assert not MISSING_VALUE and MISSING_VALUE != None  # noqa: E711
  assert MISSING_VALUE == MissingValue() and MISSING_VALUE != 0
  assert repr(MISSING_VALUE) == 'MISSING_VALUE'
  assert hash(MISSING_VALUE) == hash(MissingValue())


def test_survives_copy_and_pickle():
  """Copies and unpickled values are the same singleton."""
  assert copy.copy(MISSING_VALUE) is MISSING_VALUE
  assert copy.deepcopy(MISSING_VALUE) is MISSING_VALUE
  assert pickle.loads(pickle.dumps(MISSING_VALUE)) is MISSING_VALUE
