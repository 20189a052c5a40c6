"""Tests for pyglove.symbolic._defaults: missing and non-default values."""
from __future__ import annotations

import pyglove as pg
from pyglove.symbolic._defaults import missing_values
from pyglove.symbolic._defaults import non_default_values


class Leaf(pg.Object):
  x: int
  y: int = 5


class Holder(pg.Object):
  leaf: Leaf
  items: list = []


class TestMissingValues:

  def test_reports_missing_values_by_path(self):
    """Missing values deep in objects and lists are reported by key path."""
    h = Holder.partial(items=[Leaf.partial(), 1, {'a': Leaf.partial(y=1)}])
    assert missing_values(h) == {
        'leaf': pg.MISSING_VALUE, 'items[0].x': pg.MISSING_VALUE,
        'items[2].a.x': pg.MISSING_VALUE}

  def test_nested_form_and_complete_trees(self):
    """flatten=False nests by key; a complete tree has none."""
    h = Holder.partial(items=[Leaf.partial()])
    assert missing_values(h, flatten=False) == {
        'leaf': pg.MISSING_VALUE, 'items': {0: {'x': pg.MISSING_VALUE}}}
    assert missing_values(Holder(Leaf(1))) == {}


class TestNonDefaultValues:

  def test_reports_values_differing_from_defaults(self):
    """Fields equal to their defaults are left out, at any depth."""
    assert non_default_values(Holder(Leaf(1, 5))) == {'leaf': Leaf(1, 5)}
    assert non_default_values(Holder(Leaf(1, 6), [2])) == {
        'leaf': Leaf(1, 6), 'items[0]': 2}

  def test_fields_with_defaults_compare_key_by_key(self):
    """As in the reference: an object default is compared field by field; lists as a whole."""
    class Conf(pg.Object):
      leaf: Leaf = Leaf(1)
      tags: list = ['a']
    assert non_default_values(Conf(Leaf(1, 6), ['b'])) == {'leaf.y': 6, 'tags[0]': 'b'}
    assert non_default_values(Conf(Leaf(1, 6)), flatten=False) == {'leaf': {'y': 6}}
    assert non_default_values(pg.Dict(a=pg.Dict(b=1), c=[])) == {'a.b': 1}
    assert non_default_values(pg.List([1, Leaf(3)])) == {'[0]': 1, '[1].x': 3}
