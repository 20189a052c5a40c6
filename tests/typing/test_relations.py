"""Tests of pyglove/typing/_relations.py: is_compatible and extend."""
from __future__ import annotations

import pytest

from pyglove.typing import Int
from pyglove.typing import Str


def test_is_compatible_rejects_non_spec():
  """is_compatible needs a ValueSpec."""
  with pytest.raises(TypeError, match=r'is_compatible expects a ValueSpec; got 1 \(int\)'):
    Int().is_compatible(1)


def test_is_compatible_considers_none():
  """A noneable spec is not covered by a spec rejecting None."""
  assert not Int().is_compatible(Int().noneable())
  assert Int().noneable().is_compatible(Int())


def test_extend_narrows_and_inherits_default():
  """extend keeps the narrower spec and takes the base default."""
  spec = Int(min_value=0).extend(Int(default=1))
  assert spec.min_value == 0 and spec.default == 1


def test_extend_drops_base_default_outside_narrowed_range():
  """A base default the narrowed spec rejects is not inherited."""
  assert not Int(min_value=0).extend(Int(default=-1)).has_default


def test_extend_rejects_non_spec():
  """extend needs a ValueSpec."""
  with pytest.raises(TypeError, match='extend expects a ValueSpec'):
    Int().extend('x')


def test_extend_rejects_frozen_base():
  """A frozen base cannot be overridden."""
  with pytest.raises(TypeError, match='cannot extend a frozen value spec'):
    Int().extend(Int().freeze(1))


def test_extend_rejects_other_kind():
  """An Int cannot narrow a Str."""
  with pytest.raises(TypeError, match='accept different types'):
    Int().extend(Str())


def test_extend_rejects_wider_spec():
  """A spec accepting more than the base is a ValueError."""
  with pytest.raises(ValueError, match='accepts values the base rejects'):
    Int(min_value=-1).extend(Int(min_value=0))


def test_extend_merges_open_constraints_from_the_base():
  """Bounds and regexes left open are taken from the base (the reference's narrowing)."""
  from pyglove.typing import Any
  assert Int(max_value=5).extend(Int(min_value=1)) == Int(min_value=1, max_value=5)
  assert Str().extend(Str(regex='a.*')).regex.pattern == 'a.*'
  with pytest.raises(ValueError, match='the merged range is empty'):
    Int(min_value=6).extend(Int(max_value=5))
  t = lambda x: x  # pylint: disable=unnecessary-lambda-assignment
  assert Int().extend(Any(transform=t)).transform is t


def test_extend_a_frozen_base_with_the_same_frozen_value():
  """A frozen base accepts only a spec frozen to the same value."""
  assert Int(1).freeze().extend(Int(1).freeze()).frozen
  with pytest.raises(TypeError, match='cannot extend a frozen value spec'):
    Int(2).freeze().extend(Int(1).freeze())
