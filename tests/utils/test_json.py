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


def test_base_methods_without_json_form_are_type_errors():
  """A JSONConvertible that implements neither method names itself in a TypeError."""
  with pytest.raises(TypeError, match='Unimplemented has no JSON form'):
    Unimplemented().to_json()
  with pytest.raises(TypeError, match='Unimplemented has no JSON form of its own'):
    Unimplemented.from_json({})
  with pytest.raises(TypeError, match='Unimplemented has no JSON form of its own'):
    from_json({'_type': type_key(Unimplemented)})


def test_values_without_json_form_are_type_errors():
  """Nothing is pickled: a value with no JSON form is refused when written."""
  with pytest.raises(TypeError, match='Fraction has no JSON form'):
    to_json(Point(1, fractions.Fraction(1, 3)))
  with pytest.raises(TypeError, match='set has no JSON form'):
    to_json({'s': {1}})


def test_pickled_payloads_are_never_opened():
  """The old opaque form names no class: refused even with trusted=True."""
  data = {'_type': '__pickled__', 'value': 'gASVBQAAAAAAAABLAS4='}
  for trusted in (False, True):
    with pytest.raises(TypeError, match="Cannot load \"_type\": '__pickled__'"):
      from_json(data, trusted=trusted)


def _double(x, factor=2):
  return x * factor


def test_functions_are_stored_by_name_and_load_only_trusted():
  """A named function is stored by name, a lambda by code; both need trusted=True."""
  named = to_json(_double)
  assert named == {'_type': 'function', 'name': f'{__name__}._double'}
  assert from_json(named, trusted=True) is _double
  lam = to_json(lambda x, y=(1, 2): (x, y))
  assert lam['_type'] == 'function' and 'code' in lam
  assert lam['defaults'] == ['__tuple__', ['__tuple__', 1, 2]]
  assert from_json(lam, trusted=True)(0) == (0, (1, 2))
  for data in (named, lam, to_json(dict.fromkeys), to_json(len)):
    with pytest.raises(UnsafeLoadError, match='pass trusted=True'):
      from_json(data)
  assert from_json(to_json(len), trusted=True) is len
  assert from_json(to_json(dict.fromkeys), trusted=True)(['a']) == {'a': None}
  assert issubclass(UnsafeLoadError, ValueError)


def test_function_json_errors():
  """Bound methods, closures and malformed code are clear errors."""
  with pytest.raises(TypeError, match='bound to an instance'):
    to_json(Point(1).to_json)
  factor = 3

  def scaled(x):
    return x * factor
  with pytest.raises(ValueError, match='uses variables of its enclosing function'):
    from_json(to_json(scaled), trusted=True)
  with pytest.raises(ValueError, match='Malformed code'):
    from_json({'_type': 'function', 'name': 'f.<lambda>', 'code': '!!'},
              trusted=True)
  with pytest.raises(ValueError, match='needs a string "name"'):
    from_json({'_type': 'function', 'name': 1}, trusted=True)
  with pytest.raises(TypeError, match='no such callable'):
    from_json({'_type': 'function', 'name': 'math.no_such'}, trusted=True)


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
    from_json({'_type': '__float__'})
  with pytest.raises(ValueError, match='Malformed special float'):
    from_json({'_type': '__float__', 'value': 'many'})
  with pytest.raises(ValueError, match='is not JSON data'):
    from_json(object())


def test_resolve_type():
  """Loaded modules resolve; unknown names are a TypeError."""
  assert resolve_type('collections.OrderedDict') is collections.OrderedDict
  with pytest.raises(TypeError, match="Cannot resolve type 'no_such_mod.X'"):
    resolve_type('no_such_mod.X')
  assert resolve_type('json.JSONDecoder', trusted=True).__name__ == 'JSONDecoder'
