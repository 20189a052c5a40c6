"""Tests of Schema."""
from __future__ import annotations

import pytest

from pyglove.typing import Field
from pyglove.typing import Float
from pyglove.typing import Int
from pyglove.typing import List
from pyglove.typing import Schema
from pyglove.typing import Str
from pyglove.typing import StrKey
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import from_json
from pyglove.utils import to_json


def _schema():
  return Schema([('x', Int(min_value=0)), ('y', Str(default='a'), 'The y.'),
                 (StrKey('z.*'), Float())],
                description='Doc.', metadata={'init_arg_list': ['x']},
                allow_nonconst_keys=True)


def test_fields_are_ordered_and_accessible():
  """keys/values/fields keep the declaration order; lookup by key."""
  s = _schema()
  assert list(s.keys())[:2] == ['x', 'y'] and len(s) == 3
  assert [f.key for f in s.values()][:2] == ['x', 'y']
  assert s['y'].description == 'The y.' and 'x' in s and 'q' not in s
  assert s.get('q', 5) == 5 and list(iter(s))[0] == 'x'
  assert dict(s.items())['x'] is s.fields['x']
  assert s.description == 'Doc.' and s.metadata == {'init_arg_list': ['x']}


def test_getitem_unknown_key_lists_valid_keys():
  """An unknown key is a KeyError listing the valid ones."""
  with pytest.raises(KeyError, match=r"No field with key 'q'; valid keys: x, y, StrKey\(regex='z\.\*'\)"):
    _schema()['q']


def test_get_field_matches_non_const_keys():
  """get_field finds fields whose KeySpec matches the key."""
  s = _schema()
  assert s.get_field('x').key == 'x'
  assert s.get_field('zoo').key == StrKey('z.*')
  assert s.get_field('w') is None and s.get_field(1) is None


def test_resolve_groups_keys_by_field():
  """resolve maps field keys to the keys they cover."""
  by_field, unresolved = _schema().resolve(['x', 'z1', 'z2', 'w'])
  assert by_field == {'x': ['x'], StrKey('z.*'): ['z1', 'z2']}
  assert unresolved == ['w']


def test_apply_fills_defaults_converts_and_returns_same_dict():
  """apply mutates and returns the dict it was given."""
  value = {'x': 1, 'zz': 2}
  result = _schema().apply(value)
  assert result is value and value == {'x': 1, 'zz': 2.0, 'y': 'a'}


def test_apply_partial_keeps_missing_values():
  """With allow_partial, required missing fields hold MISSING_VALUE."""
  assert _schema().apply({}, allow_partial=True) == {
      'x': MISSING_VALUE, 'y': 'a'}


def test_apply_reports_child_path():
  """A field error names the field's path under root_path."""
  with pytest.raises(ValueError, match=r'out of range .*\(path=m\.x\)'):
    _schema().apply({'x': -1}, root_path=KeyPath('m'))
  with pytest.raises(ValueError, match=r'Required value is not specified\. \(path=x\)'):
    _schema().apply({})
  with pytest.raises(TypeError, match=r'\(path=z1\)'):
    _schema().apply({'x': 1, 'z1': 'a'})


def test_apply_unknown_key_raises_key_error():
  """A key no field covers is a KeyError listing the valid keys and path."""
  with pytest.raises(KeyError, match=r"Key 'q' is not allowed: no field covers it; valid keys: x, y, StrKey\(regex='z\.\*'\)\. \(path=m\)"):
    _schema().apply({'x': 1, 'q': 1}, root_path=KeyPath('m'))


def test_apply_calls_child_transform_with_paths_and_fields():
  """child_transform sees each child's path and field; its result is kept."""
  seen = []

  def transform(path, field, value):
    seen.append((str(path), field.key))
    return value * 2 if isinstance(value, int) else value

  result = _schema().apply({'x': 1, 'z1': 1.0}, child_transform=transform,
                           root_path=KeyPath('r'))
  assert result == {'x': 2, 'z1': 1.0, 'y': 'a'}
  assert seen == [('r.x', 'x'), ('r.y', 'y'), ('r.z1', StrKey('z.*'))]


def test_nested_errors_name_the_full_path():
  """Errors inside nested containers carry the full path."""
  s = Schema([('layers', List(Int(min_value=0)))])
  with pytest.raises(ValueError, match=r'\(path=model\.layers\[1\]\)'):
    s.apply({'layers': [1, -1]}, root_path=KeyPath('model'))


def test_validate_does_not_mutate():
  """validate checks without filling defaults."""
  value = {'x': 1}
  _schema().validate(value)
  assert value == {'x': 1}
  with pytest.raises(KeyError):
    _schema().validate({'x': 1, 'w': 2})


def test_duplicate_keys_rejected():
  """Two fields with one key is a KeyError."""
  with pytest.raises(KeyError, match="Field 'x' is defined twice"):
    Schema([('x', Int()), ('x', Str())])


def test_nonconst_keys_must_be_allowed():
  """KeySpec keys need allow_nonconst_keys=True (off by default, as in the reference)."""
  with pytest.raises(ValueError, match='is not a constant key'):
    Schema([(StrKey(), Int())])
  assert not Schema([('x', Int())]).allow_nonconst_keys
  assert Schema([(StrKey(), Int())], allow_nonconst_keys=True).allow_nonconst_keys


def test_fields_accept_annotations_and_values():
  """Tuple fields may give an annotation or a default value instead of a spec."""
  s = Schema([('x', int), ('y', 1, 'Doc.'), Field('z', Str())])
  assert s['x'].value == Int() and s['y'].value == Int(default=1)


def test_bad_field_item_raises_type_error():
  """A field must be a Field or a tuple."""
  with pytest.raises(TypeError, match=r"A schema field must be a Field or a \(key, value_spec"):
    Schema(['x'])


def test_extend_puts_base_fields_first_and_narrows():
  """extend orders base fields first and narrows shared ones."""
  base = Schema([('a', Int(default=1), 'A doc.'), ('b', Str())],
                description='Base.', metadata={'m': 1})
  child = Schema([('c', Int()), ('a', Int(min_value=0))],
                 metadata={'n': 2}).extend(base)
  assert list(child.keys()) == ['a', 'b', 'c']
  assert child['a'].value.min_value == 0 and child['a'].default_value == 1
  assert child['a'].description == 'A doc.' and child.description == 'Base.'
  assert child.metadata == {'m': 1, 'n': 2}


def test_base_schema_list_extends():
  """base_schema_list applies extend for each base."""
  s = Schema([('b', Int())], base_schema_list=[Schema([('a', Int())])])
  assert list(s.keys()) == ['a', 'b']


def test_extend_errors_name_the_field():
  """An incompatible override names the field and keeps the error type."""
  with pytest.raises(TypeError, match="Field 'a': .*accept different types"):
    Schema([('a', Str())]).extend(Schema([('a', Int())]))
  with pytest.raises(ValueError, match="Field 'a': .*rejects"):
    Schema([('a', Int(min_value=-1))]).extend(Schema([('a', Int(min_value=0))]))


def test_extend_requires_schema():
  """extend needs a Schema."""
  with pytest.raises(TypeError, match='Schema.extend expects a Schema'):
    Schema([]).extend({'a': Int()})


def test_merge_keeps_first_field_of_a_key():
  """merge unions the fields, first wins."""
  s = Schema.merge([Schema([('x', Int())]), Schema([('x', Str()), ('y', Str())])])
  assert s['x'].value == Int() and list(s.keys()) == ['x', 'y']


def test_equality_format_and_json():
  """Schemas compare by fields, print readably and round-trip through JSON."""
  assert _schema() == _schema() and _schema() != Schema([('x', Int())])
  assert hash(_schema()) == hash(_schema())
  assert str(Schema([('x', Int(), 'X.')], name='n')) == (
      "Schema(\n  name='n',\n  fields=[Field(\n      key=x,\n"
      "      value=Int(),\n      description='X.'\n    )],\n"
      "  allow_nonconst_keys=False\n)")
  assert repr(_schema()).startswith("Schema(description='Doc.', fields=[Field(key=x")
  s = Schema([('x', Int())], allow_nonconst_keys=False, metadata={'a': [1]})
  assert from_json(to_json(s)) == s and from_json(to_json(_schema())) == _schema()


def test_name_for_cls_and_origin():
  """A schema has a name; for_cls names it after a class and marks the fields' origin."""
  class Owner:
    pass
  s = Schema([('x', Int())], for_cls=Owner)
  assert s.name.endswith('Owner') and s['x'].origin is Owner
  assert s.set_name('n').name == 'n' and s.set_description('d').description == 'd'
  assert Schema([('x', Int())], 'named').name == 'named'
  with pytest.raises(TypeError, match='Schema name must be a str'):
    Schema([], name=1)


def test_is_compatible_needs_same_keys_and_compatible_specs():
  """One schema accepts all of another's dicts when keys match and specs are compatible."""
  wide = Schema([('x', Int())])
  assert wide.is_compatible(Schema([('x', Int(min_value=0))]))
  assert not Schema([('x', Int(min_value=0))]).is_compatible(wide)
  assert not wide.is_compatible(Schema([('y', Int())]))
  with pytest.raises(TypeError, match='expects a Schema'):
    wide.is_compatible(1)


def test_format_options():
  """format takes cls_name, bracket_type and fields_only, as the reference's does."""
  s = Schema([('x', Int())])
  assert s.format(compact=True, cls_name='Foo') == (
      'Foo(fields=[Field(key=x, value=Int())], allow_nonconst_keys=False)')
  assert s.format(compact=True, fields_only=True) == 'Schema(fields=[Field(key=x, value=Int())])'
  assert s.format(compact=True, bracket_type='square').startswith('Schema[fields=')
