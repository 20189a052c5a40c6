"""Tests of the key specs StrKey, ListKey and TupleKey."""
from __future__ import annotations

import pytest

from pyglove.typing import ListKey
from pyglove.typing import StrKey
from pyglove.typing import TupleKey
from pyglove.utils import from_json
from pyglove.utils import to_json


def test_str_key_matches_strings_by_regex():
  """StrKey matches strings, with re.match when a regex is given."""
  assert StrKey().match('anything') and not StrKey().match(1)
  assert StrKey('x.*').match('xyz') and not StrKey('x.*').match('axy')


def test_list_key_matches_indices_in_range():
  """ListKey matches ints in [min_value, max_value), never bools."""
  key = ListKey(1, 3)
  assert [key.match(i) for i in range(4)] == [False, True, True, False]
  assert not key.match(True) and ListKey().match(10**9)


def test_tuple_key_matches_one_or_all_positions():
  """TupleKey(i) matches i; TupleKey() every position."""
  assert TupleKey(2).match(2) and not TupleKey(2).match(1)
  assert TupleKey().match(7) and not TupleKey().match('a')


def test_key_specs_equality_hash_repr():
  """Key specs compare by arguments and print them."""
  assert StrKey('a') == StrKey('a') and StrKey('a') != StrKey('b')
  assert hash(ListKey(0, 2)) == hash(ListKey(0, 2))
  assert StrKey('a') != TupleKey()
  assert repr(StrKey('a')) == "StrKey(regex='a')" and str(StrKey()) == 'StrKey()'


def test_key_specs_json_round_trip():
  """Key specs survive to_json/from_json."""
  for key in (StrKey(), StrKey('x.*'), ListKey(1, 5), TupleKey(3)):
    assert from_json(to_json(key)) == key


def test_key_specs_expose_arguments():
  """regex, min_value, max_value and index are readable."""
  assert StrKey('a').regex.pattern == 'a' and StrKey().regex is None
  assert (ListKey(1, 2).min_value, ListKey(1, 2).max_value) == (1, 2)
  assert TupleKey(3).index == 3


def test_base_key_spec_match_is_abstract():
  """KeySpec itself matches nothing: subclasses implement match."""
  import pytest
  from pyglove.typing import KeySpec
  with pytest.raises(NotImplementedError):
    KeySpec().match('a')


def test_const_str_key_equals_its_text():
  """ConstStrKey is a constant key spec equal (and hashing equal) to its string."""
  from pyglove.typing import ConstStrKey, NonConstKey
  k = ConstStrKey('x')
  assert k == 'x' and hash(k) == hash('x') and k.text == 'x' and str(k) == 'x'
  assert k.is_const and not StrKey().is_const and isinstance(StrKey(), NonConstKey)
  assert k.match('x') and not k.match('y')
  with pytest.raises(TypeError, match='text must be a str'):
    ConstStrKey(1)


def test_key_spec_extend_requires_equal_keys():
  """A key spec extends only an equal one (KeyError otherwise)."""
  assert StrKey('a').extend(StrKey('a')) == StrKey('a')
  with pytest.raises(KeyError, match='the keys are different'):
    StrKey('a').extend(StrKey())


def test_key_spec_text():
  """Key specs print on one line, as the reference does."""
  assert str(ListKey(1, 3)) == 'ListKey(min_value=1, max_value=3)'
  assert repr(ListKey()) == 'ListKey(min_value=0, max_value=None)'
  assert repr(TupleKey(1)) == 'TupleKey(index=1)' and str(StrKey('a.*')) == "StrKey(regex='a.*')"
