"""Tests of pyglove/typing/_conversion.py: registered type converters."""
from __future__ import annotations

import datetime

import pytest

from pyglove.typing import Float
from pyglove.typing import Int
from pyglove.typing import Object
from pyglove.typing import Str
from pyglove.typing import get_converter
from pyglove.typing import get_json_value_converter
from pyglove.typing import register_converter
from pyglove.utils import KeyPath


class _Celsius:

  def __init__(self, degrees):
    self.degrees = degrees


class _Warmer(_Celsius):
  pass


def test_registered_converter_is_used_by_specs():
  """A spec converts a value of a registered source type (and its subclasses)."""
  register_converter(_Celsius, float, lambda c: float(c.degrees))
  assert Float().apply(_Celsius(3)) == 3.0 and Float().apply(_Warmer(4)) == 4.0
  assert get_converter(_Warmer, float) is not None
  assert get_converter(_Celsius, (int, float)) is not None


def test_builtin_converters():
  """str <-> KeyPath and int <-> datetime come registered; bools are never converted."""
  assert Object(KeyPath).apply('a.b') == KeyPath.parse('a.b')
  assert Str().apply(KeyPath.parse('a[0]')) == 'a[0]'
  assert Object(datetime.datetime).apply(0) == datetime.datetime(1970, 1, 1)
  assert Int().apply(datetime.datetime(1970, 1, 1, 0, 0, 5)) == 5
  with pytest.raises(TypeError, match='Expected float'):
    Float().apply(True)
  assert get_json_value_converter(KeyPath)(KeyPath('x')) == 'x'
  assert get_converter(str, int) is None


def test_failing_converter_is_a_type_error_with_path():
  """A converter that raises gives a TypeError naming the value and path."""
  register_converter(bytes, int, lambda b: int(b))
  with pytest.raises(TypeError, match=r"Cannot convert b'x' \(bytes\) to int: ValueError.*\(path=n\)"):
    Int().apply(b'x', root_path=KeyPath('n'))


def test_bad_registrations():
  """Types must be classes and the converter callable."""
  with pytest.raises(TypeError, match='src_type must be a class'):
    register_converter(1, int, int)
  with pytest.raises(TypeError, match='dest_type must be a class'):
    register_converter(int, 'x', int)
  with pytest.raises(TypeError, match='convert_fn must be callable'):
    register_converter(int, str, 1)
