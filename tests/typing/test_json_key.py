"""Tests of the public JSON names of typing classes."""
from __future__ import annotations

from pyglove.typing import Field
from pyglove.typing import Int
from pyglove.typing import Schema
from pyglove.typing import StrKey
from pyglove.typing import ValueSpec
from pyglove.typing._json_key import json_key
from pyglove.utils import from_json
from pyglove.utils import lookup_json_type
from pyglove.utils import to_json
from pyglove.utils import type_key


def test_typing_classes_write_public_names():
  """Specs, key specs, fields and schemas are stored as pyglove.typing.<Name>."""
  data = to_json(Schema([(StrKey(), Int())], allow_nonconst_keys=True))
  assert data['_type'] == 'pyglove.typing.Schema'
  assert data['fields'][0]['_type'] == 'pyglove.typing.Field'
  assert data['fields'][0]['key']['_type'] == 'pyglove.typing.StrKey'
  assert data['fields'][0]['value']['_type'] == 'pyglove.typing.Int'


def test_private_names_still_load():
  """The module.QualName key of a class stays registered."""
  assert from_json({'_type': type_key(Int)}) == Int()
  assert lookup_json_type('pyglove.typing.Field') is Field


def test_subclasses_elsewhere_keep_their_module_name():
  """A spec defined outside pyglove.typing is named by its own module."""
  class Custom(ValueSpec):
    pass

  assert json_key(Custom) == type_key(Custom)
  assert lookup_json_type(type_key(Custom)) is Custom
