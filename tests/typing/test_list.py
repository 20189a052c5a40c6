"""Tests of the List spec."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
import pytest

from pyglove.typing import Float
from pyglove.typing import Int
from pyglove.typing import List
from pyglove.typing import ListKey
from pyglove.typing import Str
from pyglove.typing._list import check_sizes
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import from_json
from pyglove.utils import to_json


def test_validates_in_place_and_returns_same_list():
  """Converted elements replace the old ones in the same list."""
  value = [1, 2.5]
  assert List(Float()).apply(value) is value and value == [1.0, 2.5]


def test_element_error_names_index_path():
  """A bad element is reported at its index under root_path."""
  with pytest.raises(TypeError, match=r"Expected int but got 'a' \(str\)\. \(path=m\.l\[1\]\)"):
    List(Int()).apply([1, 'a'], root_path=KeyPath.parse('m.l'))


def test_nested_list_error_path():
  """Nested lists report both indices."""
  with pytest.raises(ValueError, match=r'\(path=\[1\]\[0\]\)'):
    List(List(Int(min_value=0))).apply([[1], [-1]])


def test_rejects_non_list():
  """A tuple is not a list."""
  with pytest.raises(TypeError, match=r'Expected list but got \(1,\) \(tuple\)'):
    List(Int()).apply((1,))


def test_size_bounds():
  """Lengths outside [min_size, max_size] are a ValueError."""
  spec = List(Int(), min_size=1, max_size=2)
  assert spec.apply([1]) == [1]
  with pytest.raises(ValueError, match=r'Length of the list 3 is out of range \(min_size=1, max_size=2\)\. \(path=x\)'):
    spec.apply([1, 2, 3], root_path=KeyPath('x'))
  with pytest.raises(ValueError, match='Length of the list 0'):
    spec.apply([])
  assert List(Int(), size=2).min_size == 2


def test_bad_sizes_raise():
  """Negative, inverted or conflicting sizes are a ValueError."""
  with pytest.raises(ValueError, match=r'`0 <= min_size <= max_size` must hold, but got \(min_size=3, max_size=1\)'):
    List(Int(), min_size=3, max_size=1)
  with pytest.raises(ValueError, match='give either `size` or `min_size`/`max_size`'):
    check_sizes('List', 1, None, 2)


def test_element_spec_must_be_value_spec():
  """A non-spec element is a TypeError."""
  with pytest.raises(TypeError, match=r"List: element_value must be a ValueSpec or an annotation; got 1 \(int\)"):
    List(1)
  assert List(int) == List(Int())


def test_element_field_has_list_key():
  """The element field is keyed by a ListKey bounded by max_size."""
  assert List(Int(), max_size=3).element.key == ListKey(0, 3)


def test_child_transform_sees_each_element():
  """child_transform is called with index paths; results replace elements."""
  seen = []

  def transform(path, field, value):
    seen.append(str(path))
    return value + 1

  assert List(Int()).apply([1, 2], child_transform=transform,
                           root_path=KeyPath('l')) == [2, 3]
  assert seen == ['l[0]', 'l[1]']


def test_frozen_list_rejects_other_values():
  """A frozen List only gives its value."""
  spec = List(Int()).freeze([1])
  assert spec.apply(MISSING_VALUE) == [1]
  with pytest.raises(ValueError, match='Frozen'):
    spec.apply([2])


def test_compatibility_and_extend():
  """Compatibility follows elements and sizes; extend narrows elements."""
  assert List(Int()).is_compatible(List(Int(min_value=0), max_size=2))
  assert not List(Int(), max_size=2).is_compatible(List(Int()))
  assert not List(Int(min_value=0)).is_compatible(List(Int()))
  assert not List(Int()).is_compatible(Int())
  spec = List(Int(min_value=0)).extend(List(Int(default=1)))
  assert spec.element.value.default == 1
  with pytest.raises(TypeError):
    List(Str()).extend(List(Int()))


def test_json_round_trip():
  """Lists survive to_json/from_json."""
  spec = List(Int(min_value=0), default=[1], min_size=1, max_size=3)
  assert from_json(to_json(spec)) == spec


@given(st.lists(st.integers(min_value=0, max_value=100), max_size=20))
def test_accepts_its_domain_unchanged(items):
  """Lists of valid elements come back equal and the same object."""
  copy = list(items)
  result = List(Int(min_value=0, max_value=100)).apply(items)
  assert result is items and result == copy


@given(st.lists(st.one_of(st.integers(), st.floats(allow_nan=False))))
def test_apply_is_idempotent(items):
  """Applying twice equals applying once."""
  spec = List(Float())
  once = list(spec.apply(items))
  assert spec.apply(list(once)) == once


def test_min_size_does_not_constrain_compatibility():
  """As the reference: only a bounded maximum size is compared."""
  assert List(Int(), min_size=10).is_compatible(List(Int(), min_size=5))
  assert not List(Int(), max_size=3).is_compatible(List(Int()))
