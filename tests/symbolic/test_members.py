"""Tests of pyglove/symbolic/_members.py: @pg.members and @pg.use_init_args."""
from __future__ import annotations

import pytest

import pyglove as pg
from pyglove.utils import lookup_json_type
from pyglove.utils import type_key


def test_fields_given_as_a_dict():
  """members takes {key: spec} as well as tuples."""
  @pg.members({'x': pg.typing.Int(), 'y': 'a'})
  class D(pg.Object):
    pass
  assert D(1).y == 'a' and list(D.__schema__.keys()) == ['x', 'y']


def test_add_to_registry_false_keeps_the_class_out_of_json_loading():
  """add_to_registry=False unregisters the class's JSON key (and skips extra keys)."""
  @pg.members([('x', pg.typing.Int())], serialization_key='not.registered',
              add_to_registry=False)
  class Hidden(pg.Object):
    pass
  assert lookup_json_type(type_key(Hidden)) is None
  assert lookup_json_type('not.registered') is None
  assert Hidden(1).x == 1


def test_use_init_args_sets_the_positional_order():
  """use_init_args picks positional fields; '*name' gathers the rest in a list field."""
  @pg.use_init_args(['x', 'y', '*z'])
  class Foo(pg.Object):
    y: int
    x: str
    z: list[int]
  f = Foo('abc', 1, 2, 3)
  assert (f.x, f.y, f.z) == ('abc', 1, [2, 3])
  with pytest.raises(ValueError, match='names unknown field'):
    pg.use_init_args(['nope'])(Foo)
