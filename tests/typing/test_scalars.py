"""Tests of the scalar specs Bool, Int, Float and Str, with properties."""
from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st
import pytest

from pyglove.typing import Bool
from pyglove.typing import Enum
from pyglove.typing import Float
from pyglove.typing import Int
from pyglove.typing import Str
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import from_json
from pyglove.utils import to_json


def test_bool_accepts_bools_only():
  """Bool accepts True/False and rejects ints."""
  assert Bool().apply(False) is False
  with pytest.raises(TypeError, match=r'Expected bool but got 1 \(int\)\. \(path=b\)'):
    Bool().apply(1, root_path=KeyPath('b'))


def test_int_rejects_bool_and_float():
  """Int refuses bool and float values."""
  with pytest.raises(TypeError, match=r'Expected int but got True \(bool\)'):
    Int().apply(True)
  with pytest.raises(TypeError, match=r'Expected int but got 1\.0 \(float\)'):
    Int().apply(1.0)


def test_int_range_error_names_bounds_and_path():
  """An out-of-range int is a ValueError with the bounds and the path."""
  with pytest.raises(ValueError, match=(
      r'Value 11 is out of range \(min=0, max=10\)\. \(path=model\.layers\[2\]\.filters\)')):
    Int(min_value=0, max_value=10).apply(
        11, root_path=KeyPath.parse('model.layers[2].filters'))


def test_int_subclass_goes_through_slow_path():
  """An int subclass (not bool) is accepted."""
  class MyInt(int):
    pass
  assert Int(min_value=0).apply(MyInt(3)) == 3


def test_float_converts_int_and_rejects_bool():
  """Float turns ints into floats and refuses bools and strings."""
  value = Float().apply(2)
  assert value == 2.0 and type(value) is float
  with pytest.raises(TypeError, match=r'Expected float \(or int\) but got False'):
    Float().apply(False)
  with pytest.raises(TypeError, match='Expected float'):
    Float().apply('1')


def test_float_range_checks_converted_value():
  """An int outside a Float range is rejected."""
  with pytest.raises(ValueError, match=r'Value 5\.0 is out of range \(min=0\.0, max=1\.0\)'):
    Float(min_value=0.0, max_value=1.0).apply(5)


def test_float_nan_without_bounds_is_accepted():
  """NaN passes an unbounded Float but not a bounded one."""
  assert math.isnan(Float().apply(math.nan))
  with pytest.raises(ValueError, match='out of range'):
    Float(min_value=0.0).apply(math.nan)


def test_number_bounds_must_be_numbers():
  """A non-numeric bound is a TypeError."""
  with pytest.raises(TypeError, match=r"Int: min_value must be a number or None; got '1' \(str\)"):
    Int(min_value='1')
  with pytest.raises(TypeError, match='max_value must be a number'):
    Float(max_value=True)


def test_number_min_greater_than_max_raises():
  """min_value > max_value is a ValueError."""
  with pytest.raises(ValueError, match=r'`min_value <= max_value` must hold, but got \(min_value=2, max_value=1\)'):
    Int(min_value=2, max_value=1)


def test_str_regex_uses_match():
  """Str checks the regex with re.match (anchored at the start only)."""
  spec = Str(regex='ab')
  assert spec.apply('abc') == 'abc'
  with pytest.raises(ValueError, match=r"String 'cab' does not match the regular expression 'ab'\. \(path=s\)"):
    spec.apply('cab', root_path=KeyPath('s'))
  with pytest.raises(TypeError, match='Expected str but got 1'):
    spec.apply(1)


def test_str_subclass_accepted():
  """A str subclass passes through the slow path."""
  class MyStr(str):
    pass
  assert Str(regex='a').apply(MyStr('a')) == 'a'


def test_number_compatibility_by_range():
  """A wider range covers a narrower one, not the reverse."""
  assert Int().is_compatible(Int(min_value=0, max_value=3))
  assert Int(min_value=0).is_compatible(Int(min_value=1))
  assert not Int(max_value=0).is_compatible(Int())
  assert not Int(min_value=0).is_compatible(Int(min_value=-1))
  assert Float().is_compatible(Int())
  assert not Int().is_compatible(Float())


def test_scalar_covers_matching_enum():
  """Int covers an Enum of ints; Str one of matching strings."""
  assert Int(min_value=0).is_compatible(Enum(1, [1, 2]))
  assert not Int(min_value=0).is_compatible(Enum(1, [1, -2]))
  assert Str(regex='a').is_compatible(Enum('a', ['a', 'ab']))
  assert not Str().is_compatible(Enum('a', ['a', None]))


def test_str_compatibility_by_regex():
  """As the reference: regexes are not compared (a false negative would reject valid code)."""
  assert Str().is_compatible(Str(regex='a'))
  assert Str(regex='abc.*').is_compatible(Str(regex='xyz.*'))
  assert not Str().is_compatible(Str().noneable())
  assert not Str().is_compatible(Int())


def test_frozen_specs_are_compatible_when_their_value_is_accepted():
  assert Int(min_value=0).is_compatible(Int().freeze(1))
  assert not Int(min_value=0).is_compatible(Int().freeze(-1))
  assert Enum(0, [0, 'a']).is_compatible(Str().freeze('a'))


@pytest.mark.parametrize('spec', [
    Bool(default=True), Int(default=1, min_value=0, max_value=3),
    Float(min_value=0.5).noneable(), Str(regex='x.*').freeze('xy'),
])
def test_json_round_trip(spec):
  """to_json/from_json give an equal spec."""
  assert from_json(to_json(spec)) == spec


@given(st.integers(min_value=-10**6, max_value=10**6),
       st.integers(min_value=0, max_value=10**6))
def test_int_accepts_its_domain_unchanged(low, width):
  """Every int inside [low, low + width] is returned as is."""
  spec = Int(min_value=low, max_value=low + width)
  for value in (low, low + width // 2, low + width):
    assert spec.apply(value) is value


@given(st.integers(), st.integers(min_value=1))
def test_int_rejects_outside_range(low, distance):
  """Every int below the minimum or above the maximum raises ValueError."""
  spec = Int(min_value=low, max_value=low + 5)
  for value in (low - distance, low + 5 + distance):
    with pytest.raises(ValueError, match='out of range'):
      spec.apply(value)


@given(st.floats(allow_nan=False, allow_infinity=False),
       st.floats(min_value=1e-9, max_value=1e9))
def test_float_rejects_outside_range(low, distance):
  """A float beyond the bounds is always rejected."""
  high = low + 1.0
  above = high + distance
  below = low - distance
  spec = Float(min_value=low, max_value=high)
  for value in (below, above):
    if value < low or value > high:
      with pytest.raises(ValueError, match='out of range'):
        spec.apply(value)


@given(st.one_of(st.integers(), st.floats(allow_nan=False)))
def test_float_apply_is_idempotent(value):
  """apply(apply(x)) == apply(x) for Float."""
  spec = Float()
  once = spec.apply(value)
  assert spec.apply(once) == once


@given(st.text())
def test_str_accepts_any_text_unchanged(text):
  """Any string is accepted by Str() as the same object."""
  assert Str().apply(text) is text


def test_missing_with_default_on_fast_types():
  """Scalars fill defaults from MISSING_VALUE."""
  assert Float(default=0.5).apply(MISSING_VALUE) == 0.5
  assert Str(default='a').apply(MISSING_VALUE) == 'a'


def test_primitive_type_and_number_bases():
  """PrimitiveType checks one class; Number adds a range; the scalars derive from them."""
  from pyglove.typing import Enum, Number, PrimitiveType
  import fractions
  spec = PrimitiveType(fractions.Fraction, fractions.Fraction(1, 2))
  assert spec.apply(MISSING_VALUE) == fractions.Fraction(1, 2)
  with pytest.raises(TypeError, match='Expected Fraction but got 1'):
    spec.apply(1)
  with pytest.raises(TypeError, match='value_type must be a class'):
    PrimitiveType(1)
  assert Number(int, min_value=0).apply(3) == 3
  assert isinstance(Int(), Number) and isinstance(Bool(), PrimitiveType)
  assert isinstance(Str(), PrimitiveType) and isinstance(Enum(1, [1]), PrimitiveType)
  assert Int(min_value=1).min_value == 1 and Float(max_value=2.0).max_value == 2.0


def test_frozen_keyword_on_scalars():
  """Bool, Int, Float and Str take frozen=."""
  for spec, value in ((Bool(True, frozen=True), True), (Float(1.0, frozen=True), 1.0),
                      (Str('a', frozen=True), 'a')):
    assert spec.frozen and spec.apply(MISSING_VALUE) == value
