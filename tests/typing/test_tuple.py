"""Tests of the Tuple spec."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
import pytest

from pyglove.typing import Float
from pyglove.typing import Int
from pyglove.typing import Str
from pyglove.typing import Tuple
from pyglove.typing import TupleKey
from pyglove.utils import KeyPath
from pyglove.utils import from_json
from pyglove.utils import to_json


def test_fixed_length_checks_each_position():
  """Each position has its own spec; conversions give a new tuple."""
  spec = Tuple([Float(), Str()])
  value = (1.5, 'a')
  assert spec.apply(value) is value
  assert spec.apply((1, 'a')) == (1.0, 'a')
  with pytest.raises(TypeError, match=r'Expected str but got 2 \(int\)\. \(path=t\[1\]\)'):
    spec.apply((1.0, 2), root_path=KeyPath('t'))


def test_fixed_length_rejects_other_lengths():
  """A tuple of another length is a ValueError."""
  with pytest.raises(ValueError, match=r'Length of the tuple 1 is out of range \(min_size=2, max_size=2\)'):
    Tuple([Int(), Int()]).apply((1,))


def test_single_spec_any_length_with_bounds():
  """One spec covers all elements; sizes bound the length."""
  spec = Tuple(Int(), max_size=2)
  assert spec.apply((1, 2)) == (1, 2) and not spec.fixed_length
  with pytest.raises(ValueError, match='Length of the tuple 3'):
    spec.apply((1, 2, 3))


def test_rejects_list():
  """A list is not a tuple."""
  with pytest.raises(TypeError, match=r'Expected tuple but got \[1\] \(list\)'):
    Tuple(Int()).apply([1])


def test_bad_arguments():
  """Non-specs and sizes with a list of specs are rejected."""
  with pytest.raises(TypeError, match='Tuple: element_values must be a ValueSpec or an annotation'):
    Tuple([1])
  assert Tuple([int]) == Tuple([Int()])
  with pytest.raises(ValueError, match='sizes apply only to a tuple of one element spec'):
    Tuple([Int()], max_size=1)


def test_elements_are_keyed_by_tuple_keys():
  """Fixed elements get TupleKey(i); the shared one TupleKey()."""
  assert [f.key for f in Tuple([Int(), Str()]).elements] == [
      TupleKey(0), TupleKey(1)]
  assert Tuple(Int()).elements[0].key == TupleKey()


def test_child_transform_builds_new_tuple():
  """child_transform results make up the returned tuple."""
  seen = []

  def transform(path, field, value):
    seen.append((str(path), field.key))
    return value * 10

  assert Tuple([Int(), Int()]).apply((1, 2), child_transform=transform) == (10, 20)
  assert seen == [('[0]', TupleKey(0)), ('[1]', TupleKey(1))]


def test_compatibility_and_extend():
  """Compatibility is positional; extend narrows positions."""
  assert Tuple([Int(), Int()]).is_compatible(Tuple([Int(min_value=0), Int()]))
  assert not Tuple([Int()]).is_compatible(Tuple([Int(), Int()]))
  assert Tuple(Int()).is_compatible(Tuple([Int(), Int(min_value=1)]))
  assert not Tuple(Int(), max_size=1).is_compatible(Tuple(Int()))
  assert not Tuple(Int()).is_compatible(Int())
  fixed = Tuple([Int(min_value=0)]).extend(Tuple([Int(default=1)]))
  assert fixed.elements[0].value.default == 1
  shared = Tuple([Int(min_value=0)]).extend(Tuple(Int(default=2)))
  assert shared.elements[0].value.default == 2


def test_json_round_trip():
  """Both forms survive to_json/from_json."""
  for spec in (Tuple([Int(), Str()], default=(1, 'a')), Tuple(Int(), min_size=1)):
    assert from_json(to_json(spec)) == spec


@given(st.lists(st.integers(), max_size=10).map(tuple))
def test_accepts_its_domain_unchanged(items):
  """A tuple of ints is returned as the same object."""
  assert Tuple(Int()).apply(items) is items
