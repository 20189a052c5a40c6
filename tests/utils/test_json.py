"""Tests of the JSON registry and conversion."""
from __future__ import annotations

import collections
import fractions
import math

from hypothesis import given
from hypothesis import strategies as st
import pytest

from pyglove.utils import JSONConvertible
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import UnsafeLoadError
from pyglove.utils import from_json
from pyglove.utils import lookup_json_type
from pyglove.utils import register_json_type
from pyglove.utils import resolve_type
from pyglove.utils import to_json
from pyglove.utils import type_key
from pyglove.utils._json import registered_keys


class Point(JSONConvertible):
  """A registered class that loads nested values with the caller's kwargs."""

  serialization_aliases = ('tests.OldPoint',)

  def __init__(self, x, payload=None):
    self.x = x
    self.payload = payload

  def to_json(self, **kwargs):
    return {'_type': type_key(Point), 'x': self.x,
            'payload': to_json(self.payload, **kwargs)}

  @classmethod
  def from_json(cls, json_value, **kwargs):
    return cls(json_value['x'], from_json(json_value['payload'], **kwargs))


class Unimplemented(JSONConvertible):
  pass


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text()
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.text(), children, max_size=3)
    | st.lists(children, max_size=3).map(tuple),
    max_leaves=10)


@given(_json_values)
def test_round_trip_of_plain_data(value):
  """from_json(to_json(v)) == v for nested lists, dicts, tuples and scalars."""
  assert from_json(to_json(value)) == value


def test_tuples_and_special_floats():
  """Tuples are marked; inf and nan survive."""
  assert to_json((1, 2)) == ['__tuple__', 1, 2]
  assert from_json(to_json(math.inf)) == math.inf
  assert math.isnan(from_json(to_json(math.nan)))


def test_missing_value_and_types():
  """MISSING_VALUE and types round-trip."""
  assert from_json(to_json(MISSING_VALUE)) is MISSING_VALUE
  assert to_json(KeyPath) == {'_type': 'type', 'name': type_key(KeyPath)}
  assert from_json(to_json(KeyPath)) is KeyPath


def test_registered_class_and_alias():
  """A subclass registers under its key and its aliases."""
  assert lookup_json_type(type_key(Point)) is Point
  assert lookup_json_type('tests.OldPoint') is Point
  assert type_key(Point) in registered_keys()
  loaded = from_json({'_type': 'tests.OldPoint', 'x': 1, 'payload': None})
  assert isinstance(loaded, Point) and loaded.x == 1


def test_register_without_override_keeps_entry():
  """register(override=False) does not replace a registered class."""
  register_json_type('tests.Keep', Point)
  register_json_type('tests.Keep', Unimplemented, override=False)
  assert lookup_json_type('tests.Keep') is Point


def test_base_methods_must_be_implemented():
  """The JSONConvertible base methods raise NotImplementedError."""
  with pytest.raises(NotImplementedError, match='must implement to_json'):
    Unimplemented().to_json()
  with pytest.raises(NotImplementedError, match='must implement from_json'):
    Unimplemented.from_json({})


def test_opaque_values_need_trust():
  """Pickled payloads load only with trusted=True, also when nested."""
  value = fractions.Fraction(1, 3)
  data = to_json(Point(1, value))
  with pytest.raises(UnsafeLoadError, match='Pass trusted=True'):
    from_json(data)
  assert from_json(data, trusted=True).payload == value
  assert issubclass(UnsafeLoadError, ValueError)


def test_unpicklable_value_is_type_error():
  """A value with neither a JSON form nor pickle support is a TypeError."""
  with pytest.raises(TypeError, match='has no JSON form and cannot be pickled'):
    to_json(lambda: 1)


def test_non_string_dict_keys_are_type_error():
  """Dict keys must be strings."""
  with pytest.raises(TypeError, match='Only string keys can be stored'):
    to_json({1: 2})


def test_unknown_type_is_type_error():
  """An unregistered _type raises TypeError naming it."""
  with pytest.raises(TypeError, match="Cannot load \"_type\": 'no.such.Type'"):
    from_json({'_type': 'no.such.Type'})


def test_malformed_data_is_value_error():
  """Malformed payloads raise ValueError."""
  with pytest.raises(ValueError, match='"_type" must be a string'):
    from_json({'_type': 1})
  with pytest.raises(ValueError, match="lacks the 'value' entry"):
    from_json({'_type': '__pickled__'}, trusted=True)
  with pytest.raises(ValueError, match='Malformed pickled payload'):
    from_json({'_type': '__pickled__', 'value': 'bm90IGEgcGlja2xl'}, trusted=True)
  with pytest.raises(ValueError, match='is not JSON data'):
    from_json(object())


def test_resolve_type():
  """Loaded modules resolve; unknown names are a TypeError."""
  assert resolve_type('collections.OrderedDict') is collections.OrderedDict
  with pytest.raises(TypeError, match="Cannot resolve type 'no_such_mod.X'"):
    resolve_type('no_such_mod.X')
  assert resolve_type('json.JSONDecoder', trusted=True).__name__ == 'JSONDecoder'
