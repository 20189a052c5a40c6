"""Tests of pyglove/typing/_helpers.py: `create_schema` and `ensure_value_spec`."""
from __future__ import annotations

import pytest

from pyglove.typing import Any
from pyglove.typing import Int
from pyglove.typing import Str
from pyglove.typing import StrKey
from pyglove.typing import Union
from pyglove.typing import create_schema
from pyglove.typing import ensure_value_spec


def test_create_schema_from_tuples_and_dicts():
  """Values become defaults of their type's spec; dicts map keys to specs."""
  s = create_schema([('a', 1), ('b', str, 'The b.')], name='s', description='d')
  assert s['a'].value == Int(default=1) and s['b'].description == 'The b.'
  assert s.name == 's' and s.description == 'd'
  assert list(create_schema({'x': Int(), 'y': 'a'}).keys()) == ['x', 'y']
  nonconst = create_schema([(StrKey(), Int())], allow_nonconst_keys=True)
  assert nonconst.get_field('any') is not None
  with pytest.raises(TypeError, match='metadata must be a dict'):
    create_schema([], metadata=[1])


def test_ensure_value_spec():
  """The part of a spec a source spec accepts; Any gives None; a mismatch is a TypeError."""
  assert ensure_value_spec(Union([Int(), Str()]), Str()) == Str()
  assert ensure_value_spec(Any(), Int()) is None
  assert ensure_value_spec(Int(min_value=0), Int()) == Int(min_value=0)
  with pytest.raises(TypeError, match='is not compatible with destination spec'):
    ensure_value_spec(Str(), Int())
