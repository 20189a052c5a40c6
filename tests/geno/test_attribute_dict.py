"""Tests for `pyglove.geno.AttributeDict`."""
from __future__ import annotations

import copy
import pickle

from hypothesis import given
from hypothesis import strategies as st
import pytest

from pyglove import geno
from pyglove.geno import AttributeDict


def test_is_exported_by_geno():
  """pg.geno.AttributeDict is the class."""
  assert geno.AttributeDict is AttributeDict


def test_attributes_read_and_write_keys():
  """An attribute write is a key write and the other way round."""
  d = AttributeDict(a=1)
  d.b = 2
  d['c'] = 3
  assert d == {'a': 1, 'b': 2, 'c': 3}
  assert (d.a, d.b, d.c) == (1, 2, 3)
  d.a += 10
  assert d['a'] == 11


def test_missing_attribute_raises_attribute_error_listing_keys():
  """Reading a missing key as an attribute raises AttributeError naming the keys."""
  d = AttributeDict(a=1, b=2)
  with pytest.raises(AttributeError, match=r"no key 'x'; its keys are: 'a', 'b'\."):
    _ = d.x
  with pytest.raises(AttributeError, match=r"no key 'x'; its keys are: none\."):
    _ = AttributeDict().x
  assert getattr(d, 'x', None) is None and not hasattr(d, 'x')


def test_delete_attribute_deletes_key():
  """del d.key removes the key; a missing one raises AttributeError."""
  d = AttributeDict(a=1)
  del d.a
  assert d == {}
  with pytest.raises(AttributeError, match=r"no key 'a' to delete\."):
    del d.a


def test_dict_methods_win_over_keys_of_the_same_name():
  """A key named like a dict method is reachable by indexing only."""
  d = AttributeDict(items=1)
  assert d['items'] == 1 and callable(d.items)


@given(st.dictionaries(st.text(min_size=1, max_size=5), st.integers(), max_size=5))
def test_copies_and_pickles_equal_the_original(values):
  """copy, deepcopy and pickle keep the type and the items."""
  d = AttributeDict(values)
  for other in (copy.copy(d), copy.deepcopy(d), pickle.loads(pickle.dumps(d))):
    assert type(other) is AttributeDict and other == d


def test_docstring_example_runs():
  """The class docstring's example passes."""
  import doctest  # pylint: disable=g-import-not-at-top
  from pyglove.geno import _attribute_dict  # pylint: disable=g-import-not-at-top
  failed, attempted = doctest.testmod(_attribute_dict)
  assert attempted and not failed


def test_generator_state_round_trip_keeps_type_and_shared_values():
  """An AttributeDict in generator state comes back as one, sharing referenced values."""
  from pyglove.geno import _state_json  # pylint: disable=g-import-not-at-top
  shared = [1, 2]
  state = _state_json.loads(_state_json.dumps(
      {'global': AttributeDict(elites=shared, n=1), 'other': shared}))
  assert type(state['global']) is AttributeDict and state['global'].n == 1
  assert state['global'].elites is state['other']


@pytest.mark.parametrize('data', [None, {'items': 3}, {'items': [[1]]}])
def test_malformed_generator_state_raises_value_error(data):
  """from_state_json refuses anything but a list of [key, value] pairs."""
  with pytest.raises(ValueError, match=r'an AttributeDict needs a list of \[key, value\] items'):
    AttributeDict.from_state_json(data, lambda v: v)


def test_a_missing_attribute_is_also_a_key_error():
  """As the reference raises KeyError, the error is both a KeyError and an AttributeError."""
  d = AttributeDict(a=1)
  with pytest.raises(KeyError, match="no key 'x'"):
    d.x  # pylint: disable=pointless-statement
  assert getattr(d, 'x', 'default') == 'default' and not hasattr(d, 'x')
