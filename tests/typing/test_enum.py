"""Tests of the Enum spec."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
import pytest

from pyglove.typing import Enum
from pyglove.typing import Int
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import from_json
from pyglove.utils import to_json


def test_accepts_values_and_default():
  """Values are accepted; MISSING_VALUE gives the default."""
  spec = Enum('a', ['a', 'b'])
  assert spec.apply('b') == 'b' and spec.apply(MISSING_VALUE) == 'a'


def test_rejects_other_values_with_candidates_and_path():
  """A value outside the list is a ValueError listing the candidates."""
  with pytest.raises(ValueError, match=r"Value 'c' is not one of the candidates \['a', 'b'\]\. \(path=x\)"):
    Enum('a', ['a', 'b']).apply('c', root_path=KeyPath('x'))


def test_distinguishes_equal_values_of_other_types():
  """True, 1 and 1.0 are different candidates."""
  spec = Enum(1, [1, 2])
  with pytest.raises(ValueError):
    spec.apply(True)
  with pytest.raises(ValueError):
    spec.apply(1.0)


def test_unhashable_values_are_supported():
  """Lists as candidates work by equality."""
  spec = Enum([1], [[1], [2]])
  assert spec.apply([2]) == [2]
  with pytest.raises(ValueError):
    spec.apply([3])


def test_default_must_be_a_value():
  """A default outside the values is a ValueError."""
  with pytest.raises(ValueError, match=r"Enum default 'c' is not one of the values \['a', 'b'\]"):
    Enum('c', ['a', 'b'])


def test_values_must_be_non_empty_list():
  """Empty or non-list values are a ValueError."""
  with pytest.raises(ValueError, match=r'Enum values must be a non-empty list; got \[\]'):
    Enum(MISSING_VALUE, [])
  with pytest.raises(ValueError, match='non-empty list'):
    Enum(MISSING_VALUE, 'ab')


def test_none_in_values_makes_noneable():
  """None as a value makes the spec noneable."""
  spec = Enum(None, ['a', None])
  assert spec.is_noneable and spec.apply(None) is None


def test_noneable_adds_none():
  """noneable() adds None to the values."""
  spec = Enum('a', ['a']).noneable()
  assert spec.values == ['a', None] and spec.apply(None) is None


def test_compatibility_is_subset():
  """An Enum covers another Enum whose values are a subset."""
  assert Enum('a', ['a', 'b']).is_compatible(Enum('a', ['a']))
  assert not Enum('a', ['a']).is_compatible(Enum('a', ['a', 'b']))
  assert not Enum(1, [1]).is_compatible(Int())


def test_value_type_lists_types():
  """value_type is the type of the values, or a tuple of them."""
  assert Enum('a', ['a', 'b']).value_type is str
  assert Enum('a', ['a', 1]).value_type == (str, int)


def test_json_round_trip():
  """to_json/from_json give an equal Enum, frozen state included."""
  for spec in (Enum('a', ['a', 'b']), Enum(MISSING_VALUE, [1, 2]),
               Enum('a', ['a', 'b']).freeze()):
    assert from_json(to_json(spec)) == spec


@given(st.lists(st.one_of(st.integers(), st.text()), min_size=1, unique=True),
       st.data())
def test_accepts_every_value_of_its_domain(values, data):
  """Any listed value is accepted unchanged."""
  value = data.draw(st.sampled_from(values))
  assert Enum(MISSING_VALUE, values).apply(value) is value
