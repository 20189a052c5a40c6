"""Tests of the Dict spec."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
import pytest

import pyglove as pg

from pyglove.typing import Dict
from pyglove.typing import Int
from pyglove.typing import Schema
from pyglove.typing import Str
from pyglove.typing import StrKey
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import from_json
from pyglove.utils import to_json


def test_open_dict_accepts_str_keys_and_returns_same_dict():
  """Dict() accepts any dict with string keys, as the same object."""
  value = {'a': [1], 'b': None}
  assert Dict().apply(value) is value


def test_open_dict_rejects_non_str_keys():
  """A non-string key is a KeyError."""
  with pytest.raises(KeyError, match=r"Key 1 is not allowed: no field covers it; valid keys: StrKey\(\)\. \(path=d\)"):
    Dict().apply({1: 2}, root_path=KeyPath('d'))


def test_schema_fields_and_regex_keys():
  """Const fields and StrKey fields validate their keys."""
  spec = Dict([('a', Int(default=1)), (StrKey('x.*'), Str())])
  assert spec.apply({'xy': 'z'}) == {'xy': 'z', 'a': 1}
  with pytest.raises(KeyError, match="Key 'b' is not allowed"):
    spec.apply({'b': 1})
  with pytest.raises(TypeError, match=r'\(path=xy\)'):
    spec.apply({'xy': 1})


def test_accepts_schema_object():
  """A Schema can be given directly."""
  schema = Schema([('a', Int())])
  assert Dict(schema).schema is schema


def test_bad_schema_argument():
  """Something that is no schema, field list, dict, spec or annotation is a TypeError."""
  with pytest.raises(TypeError, match=r"Dict: schema must be a Schema, a list of fields.*got 1 \(int\)"):
    Dict(1)


def test_rejects_non_dict():
  """A list is not a dict."""
  with pytest.raises(TypeError, match=r'Expected dict but got \[\] \(list\)'):
    Dict().apply([])


def test_default_is_built_from_fields_each_time():
  """MISSING_VALUE gives a fresh dict of the fields' defaults."""
  spec = Dict([('a', Int(default=1)), ('b', Dict([('c', Str(default='x'))]))])
  first = spec.apply(MISSING_VALUE)
  assert first == {'a': 1, 'b': {'c': 'x'}}
  first['b']['c'] = 'changed'
  assert spec.apply(MISSING_VALUE) == {'a': 1, 'b': {'c': 'x'}}


def test_default_with_required_field_needs_partial():
  """A required inner field makes the default incomplete."""
  spec = Dict([('a', Int())])
  with pytest.raises(ValueError, match=r'Required value is not specified\. \(path=r\.a\)'):
    spec.apply(MISSING_VALUE, root_path=KeyPath('r'))
  assert spec.apply(MISSING_VALUE, allow_partial=True) == {'a': MISSING_VALUE}


def test_noneable_dict_defaults_to_none():
  """noneable() replaces the built default with None."""
  assert Dict([('a', Int(default=1))]).noneable().apply(MISSING_VALUE) is None
  assert Dict(is_noneable=True).default is None


def test_explicit_default_is_copied():
  """set_default gives a default that is copied per use."""
  spec = Dict().set_default({'a': 1})
  value = spec.apply(MISSING_VALUE)
  value['b'] = 2
  assert spec.apply(MISSING_VALUE) == {'a': 1}


def test_child_transform_reaches_nested_values():
  """child_transform is called on nested fields with their paths."""
  seen = []
  spec = Dict([('a', Dict([('b', Int())]))])
  spec.apply({'a': {'b': 1}}, child_transform=lambda p, f, v: seen.append(str(p)) or v)
  assert seen == ['a.b', 'a']


def test_frozen_dict():
  """A frozen Dict rejects a different dict."""
  spec = Dict().freeze({'a': 1})
  with pytest.raises(ValueError, match='Frozen'):
    spec.apply({'a': 2})


def test_compatibility():
  """An open Dict covers all dicts; schemas compare field by field."""
  assert Dict().is_compatible(Dict([('a', Int())]))
  assert Dict([('a', Int())]).is_compatible(Dict([('a', Int(min_value=0))]))
  assert not Dict([('a', Int(min_value=0))]).is_compatible(Dict([('a', Int())]))
  assert not Dict([('a', Int())]).is_compatible(Dict([('b', Int())]))
  assert not Dict().is_compatible(Int())


def test_extend_merges_schemas():
  """extend narrows shared fields and adds the base's others."""
  spec = Dict([('a', Int(min_value=0))]).extend(
      Dict([('a', Int(default=1)), ('b', Str(default='x'))]))
  assert list(spec.schema.keys()) == ['a', 'b']
  assert spec.apply(MISSING_VALUE) == {'a': 1, 'b': 'x'}
  assert Dict().extend(Dict([('a', Int())])).schema.keys() == {'a'}


def test_extend_errors():
  """A non-Dict or frozen base, or widening None, is rejected."""
  with pytest.raises(TypeError, match='accept different types'):
    Dict().extend(Int())
  with pytest.raises(TypeError, match='cannot extend a frozen value spec'):
    Dict().extend(Dict().freeze({}))
  with pytest.raises(ValueError, match='it accepts None, the base does not'):
    Dict().noneable().extend(Dict())


def test_equality_repr_json():
  """Dicts compare by schema, print fields and round-trip through JSON."""
  spec = Dict([('a', Int())])
  assert spec == Dict([('a', Int())]) and spec != Dict()
  assert Dict() != Dict().set_default({'x': 1})
  assert Dict().set_default({'x': 1}) == Dict().set_default({'x': 1})
  assert hash(spec) == hash(Dict([('a', Int())]))
  assert repr(Dict()) == 'Dict()' and repr(Dict().noneable()) == 'Dict(noneable=True)'
  assert repr(spec) == "Dict(fields=[Field(key=a, value=Int())])"
  for s in (spec, Dict(), Dict().noneable(), Dict().set_default({'x': 1})):
    assert from_json(to_json(s)) == s


@given(st.dictionaries(st.text(), st.integers()))
def test_accepts_its_domain_unchanged(value):
  """Any str-keyed dict passes Dict() unchanged."""
  copy = dict(value)
  assert Dict().apply(value) is value and value == copy


@given(st.fixed_dictionaries({}, optional={
    'a': st.integers(min_value=0), 'b': st.floats(allow_nan=False) | st.integers(),
    'c': st.text()}))
def test_schema_apply_is_idempotent(value):
  """Applying a Dict spec to its own output changes nothing."""
  from pyglove.typing import Float
  spec = Dict([('a', Int(default=1, min_value=0)), ('b', Float(default=0.5)),
               ('c', Str(default='x'))])
  once = dict(spec.apply(value))
  assert spec.apply(dict(once)) == once


def test_value_spec_annotation_or_dict_as_schema():
  """As the reference: Dict(spec) constrains every value; a dict maps keys to annotations."""
  every = pg.typing.Dict(pg.typing.Int())
  assert every == pg.typing.Dict([(pg.typing.StrKey(), pg.typing.Int())])
  assert pg.typing.Dict(int) == every
  assert every.apply({'x': 1}) == {'x': 1}
  with pytest.raises(TypeError, match=r"Expected int but got 'a'.*path=x"):
    every.apply({'x': 'a'})
  by_dict = pg.typing.Dict({'a': int, 'b': (str, 'The b.')})
  assert by_dict.schema['b'].description == 'The b.'
  assert by_dict.schema['a'].value == pg.typing.Int()


def test_dict_of_tuples_in_create_schema():
  schema = pg.typing.create_schema({'x': int, 'y': (str, 'doc', {'m': 1})})
  assert schema['y'].value == pg.typing.Str()
  assert (schema['y'].description, schema['y'].metadata) == ('doc', {'m': 1})
