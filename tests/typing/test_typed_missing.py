"""Tests of pyglove/typing/_typed_missing.py: `MissingValue(value_spec)`."""
from __future__ import annotations

import copy
import pickle

import pytest

from pyglove.typing import Int
from pyglove.typing import MissingValue
from pyglove.utils import MISSING_VALUE


def test_equals_missing_value_and_prints_its_spec():
  """A typed missing value equals MISSING_VALUE and shows its spec when not compact."""
  m = MissingValue(Int())
  assert m == MISSING_VALUE and MISSING_VALUE == m and hash(m) == hash(MISSING_VALUE)
  assert m == MissingValue(Int()) and m != MissingValue(Int(min_value=1))
  assert repr(m) == 'MISSING_VALUE' and str(m) == 'MISSING_VALUE(Int())'
  assert m.value_spec == Int() and not m


def test_copies_and_pickles():
  """Copies are the same object; pickling keeps the spec."""
  m = MissingValue(Int())
  assert copy.copy(m) is m and copy.deepcopy(m) is m
  assert pickle.loads(pickle.dumps(m)) == m


def test_needs_a_spec():
  """The argument must be a ValueSpec."""
  with pytest.raises(TypeError, match='expects a ValueSpec'):
    MissingValue(1)
