"""Tests of the Any spec."""
from __future__ import annotations

import pytest

from pyglove.typing import Any
from pyglove.typing import Int
from pyglove.utils import MISSING_VALUE


def test_accepts_everything_including_none():
  """Any returns every value unchanged."""
  marker = object()
  assert Any().apply(marker) is marker and Any().apply(None) is None


def test_default_and_missing():
  """MISSING_VALUE gives the default, or is an error without one."""
  assert Any(default=[1]).apply(MISSING_VALUE) == [1]
  with pytest.raises(ValueError, match='Required value'):
    Any().apply(MISSING_VALUE)


def test_frozen_any():
  """A frozen Any rejects other values."""
  with pytest.raises(ValueError, match='Frozen'):
    Any().freeze(1).apply(2)


def test_covers_every_spec_and_extends_any():
  """Any covers every spec and may be narrowed by any spec."""
  assert Any().is_compatible(Int()) and not Int().is_compatible(Any())
  assert Int().extend(Any()) == Int()
  assert Any().extend(Any(default=1)).default == 1


def test_annotation_is_kept():
  """The annotation an Any stands for is available."""
  assert Any(annotation=set).annotation is set


def test_annotate_transform_and_frozen():
  """Any keeps an annotation, may transform values and may be frozen."""
  spec = Any().annotate(int)
  assert spec.annotation is int and Any().annotation is MISSING_VALUE
  assert repr(spec) == "Any(annotation=<class 'int'>)"
  assert Any(transform=lambda x: x + 1).apply(1) == 2
  assert Any(1, frozen=True).apply(MISSING_VALUE) == 1
  with pytest.raises(ValueError, match='Frozen'):
    Any(1, frozen=True).apply(2)
