"""Tests of pyglove/typing/_custom_typing.py: values that validate themselves."""
from __future__ import annotations

import pytest

from pyglove.typing import CustomTyping
from pyglove.typing import Int
from pyglove.utils import KeyPath


class _Echo(CustomTyping):
  """Returns what it was asked with, to check the hook's arguments."""

  def __custom_apply__(self, value_spec, allow_partial, child_transform,
                       root_path):
    return (value_spec, allow_partial, child_transform, root_path)


def test_custom_typing_hook_decides():
  """A value with __custom_apply__ validates itself with the call's arguments."""
  spec = Int()
  path = KeyPath('p')
  transform = lambda p, f, v: v
  assert Int().apply(_Echo(), True, transform, path) == (
      spec, True, transform, path)


def test_custom_typing_comes_after_frozen_check():
  """A frozen spec rejects even a self-validating value."""
  with pytest.raises(ValueError, match='Frozen'):
    Int().freeze(1).apply(_Echo())


def test_custom_typing_base_method_must_be_implemented():
  """CustomTyping declares the hook; calling the base raises."""
  with pytest.raises(NotImplementedError, match='must implement custom_apply'):
    CustomTyping().custom_apply(KeyPath(), Int(), False)


class _Wrapped(CustomTyping):
  """Validates itself the reference's way: (should_continue, value)."""

  def __init__(self, value, go_on):
    self.value, self.go_on = value, go_on

  def custom_apply(self, path, value_spec, allow_partial, child_transform=None):
    return self.go_on, self.value


def test_custom_apply_protocol_accepts_or_hands_back():
  """custom_apply returns (False, v) to accept v, (True, v) to have v validated."""
  assert Int(min_value=0).apply(_Wrapped(-5, False)) == -5
  assert Int(min_value=0).apply(_Wrapped(5, True)) == 5
  with pytest.raises(ValueError, match=r'out of range.*\(path=x\)'):
    Int(min_value=0).apply(_Wrapped(-5, True), root_path=KeyPath('x'))


def test_custom_apply_of_dunder_hook_classes():
  """A class with only __custom_apply__ answers custom_apply as accepted."""
  assert _Echo().custom_apply(KeyPath('p'), Int(), False)[0] is False
