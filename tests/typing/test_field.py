"""Tests of Field."""
from __future__ import annotations

import pytest

from pyglove.typing import Field
from pyglove.typing import Int
from pyglove.typing import Str
from pyglove.typing import StrKey
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import from_json
from pyglove.utils import to_json


def test_field_exposes_its_parts():
  """key, value, description, metadata and default_value are kept."""
  field = Field('x', Int(default=1), 'The x.', {'unit': 'px'})
  assert (field.key, field.value, field.description, field.metadata,
          field.default_value) == ('x', Int(default=1), 'The x.',
                                   {'unit': 'px'}, 1)
  assert field.is_const_key and not Field(StrKey(), Int()).is_const_key


def test_field_apply_delegates_to_spec():
  """Field.apply validates with the value spec, path included."""
  field = Field('x', Int(min_value=0))
  assert field.apply(MISSING_VALUE, allow_partial=True) is MISSING_VALUE
  with pytest.raises(ValueError, match=r'\(path=a\.x\)'):
    field.apply(-1, root_path=KeyPath.parse('a.x'))


def test_field_rejects_bad_key():
  """A key that is neither str nor KeySpec is a TypeError."""
  with pytest.raises(TypeError, match=r'A field key must be a str or a KeySpec; got 1 \(int\)'):
    Field(1, Int())


def test_field_rejects_non_spec_value():
  """The value must be a ValueSpec."""
  with pytest.raises(TypeError, match=r"Field 'x': value_spec must be a ValueSpec or an annotation; got 1 \(int\)"):
    Field('x', 1)
  assert Field('x', int).value == Int()


def test_field_rejects_non_dict_metadata():
  """Metadata must be a dict."""
  with pytest.raises(TypeError, match="The metadata of field 'x' must be a dict"):
    Field('x', Int(), None, ['m'])


def test_field_extend_narrows_and_inherits_doc_and_metadata():
  """extend narrows the spec and keeps the base's description and metadata."""
  base = Field('x', Int(default=1), 'Base doc.', {'a': 1})
  own = Field('x', Int(min_value=0), None, {'b': 2}).extend(base)
  assert own.description == 'Base doc.' and own.metadata == {'a': 1, 'b': 2}
  assert own.default_value == 1


def test_field_equality_hash_repr_json():
  """Fields compare by all parts and round-trip through JSON."""
  field = Field('x', Int(), 'Doc.')
  assert field == Field('x', Int(), 'Doc.') and field != Field('x', Int())
  assert hash(field) == hash(Field('x', Int(), 'Doc.'))
  assert repr(field) == "Field(key=x, value=Int(), description='Doc.')"
  assert from_json(to_json(Field(StrKey('a'), Int(), 'd', {'m': 1}))) == Field(
      StrKey('a'), Int(), 'd', {'m': 1})


def test_field_origin_annotation_frozen_and_text():
  """Fields know their declaring class, annotation and frozenness, and print like the reference."""
  class Owner:
    pass
  field = Field('x', Int(1), 'Doc.', origin=Owner)
  assert field.origin is Owner and field.annotation is int and not field.frozen
  assert Field('y', Int(1).freeze()).frozen
  assert field.set_origin(None).origin is None
  assert field.set_description('New.').description == 'New.'
  assert str(Field('x', Int(), 'doc', metadata={'a': 1})) == (
      "Field(\n  key=x,\n  value=Int(),\n  description='doc',\n  metadata={\n"
      "    'a': 1\n  }\n)")
  assert Field(key_spec='z', value_spec=Str()).key == 'z'


def test_field_apply_takes_transform_fn():
  """Field.apply passes transform_fn to a container's children."""
  from pyglove.typing import List
  seen = []
  Field('l', List(Int())).apply([1], transform_fn=lambda p, f, v: seen.append(v) or v)
  assert seen == [1]


def test_extend_needs_the_same_key():
  from pyglove.typing import Field as F, Int as I  # pylint: disable=g-import-not-at-top
  with pytest.raises(KeyError, match='for keys are different'):
    F('a', I()).extend(F('b', I()))
