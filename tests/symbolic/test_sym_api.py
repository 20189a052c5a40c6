"""Tests of pyglove/symbolic/_sym_api.py: the sym_ spellings and tree queries."""
from __future__ import annotations

import pytest

import pyglove as pg

Option = pg.symbolic.DescendantQueryOption


class A(pg.Object):
  x: int
  y: list = []


def _tree():
  return pg.Dict(a=pg.Dict(b=1, c=pg.List([2])), e=3)


def test_descendants_all_leaf_immediate():
  """ALL lists every match in preorder; LEAF only matches without matches below; IMMEDIATE stops at matches."""
  d = _tree()
  assert d.sym_descendants() == [{'b': 1, 'c': [2]}, 1, [2], 2, 3]
  assert d.sym_descendants(option=Option.LEAF) == [1, 2, 3]
  is_container = lambda v: isinstance(v, (pg.Dict, pg.List))  # pylint: disable=unnecessary-lambda-assignment
  assert d.sym_descendants(is_container, option=Option.IMMEDIATE) == [d.a]
  assert d.sym_descendants(is_container, include_self=True) == [d, d.a, d.a.c]
  assert d.sym_descendants(is_container, Option.LEAF, include_self=True) == [d.a.c]


def test_ancestor_and_fields():
  """sym_ancestor finds the nearest matching ancestor; sym_field the field holding a value."""
  d = _tree()
  assert d.a.c.sym_ancestor() is d.a and d.a.c.sym_ancestor(lambda v: 'e' in v) is d
  assert d.sym_ancestor() is None and d.a.sym_field is None
  a = A(1, [pg.Dict()])
  assert a.y.sym_field.key == 'y' and a.sym_attr_field('x').value == pg.typing.Int()


def test_sym_spellings():
  """sym_clone/sym_rebind/sym_seal/... behave as clone/rebind/seal/..."""
  a = A(1)
  b = a.sym_clone(override={'x': 2})
  assert b.x == 2 and a.sym_rebind(x=3).x == 3
  assert not a.sym_sealed and a.sym_seal().sym_sealed
  p = A.partial()
  assert p.sym_partial and p.sym_abstract and p.allow_partial and not a.allow_partial
  assert p.sym_missing() == {'x': pg.MISSING_VALUE} and A(5).sym_nondefault() == {'x': 5}
  assert A(1).sym_jsonify()['x'] == 1
  assert pg.Dict(x=pg.oneof([1, 2])).is_pure_symbolic and not a.sym_puresymbolic


def test_class_load_checks_the_type(tmp_path):
  """Cls.load reads with pg.load and insists on an instance of Cls; save takes pg.save's arguments."""
  path = tmp_path / 'a.json'
  A(1).save(path, indent=2)
  assert A.load(path).x == 1
  with pytest.raises(TypeError, match=r'Dict.load\(\) read a A, not a Dict'):
    pg.Dict.load(path)


def test_sym_setpath_moves_a_root_and_its_descendants():
  d = pg.Dict(x=pg.Dict(y=pg.List([1])))
  assert str(d.x.y.sym_path) == 'x.y'
  d.sym_setpath('a.b')
  assert str(d.sym_path) == 'a.b' and str(d.x.y.sym_path) == 'a.b.x.y'
  d.sym_setpath(None)
  assert str(d.x.sym_path) == 'x'


def test_sym_setpath_runs_path_hooks():
  seen = []

  class Leaf(pg.Object):
    v: int = 0

    def _on_path_change(self, old_path, new_path):
      seen.append((str(old_path), str(new_path)))

  d = pg.Dict(leaf=Leaf())
  assert seen == [('', 'leaf')]  # Adopted.
  d.sym_setpath('root')
  assert seen[1:] == [('leaf', 'root.leaf')]


def test_sym_setpath_of_a_child_follows_its_parent():
  d = pg.Dict(x=pg.Dict(y=1))
  d.x.sym_setpath('x')  # Its own path: nothing to do.
  with pytest.raises(ValueError, match="its path is 'x'"):
    d.x.sym_setpath('z')
  assert str(d.x.sym_path) == 'x'


def test_accessor_writable_of_objects():
  """Objects follow allow_symbolic_assignment unless set per value."""
  a = A(1)
  assert a.accessor_writable is False
  with pytest.raises(pg.WritePermissionError, match='accessor_writable is False'):
    a.x = 2
  a.set_accessor_writable(True)
  a.x = 2
  assert a.x == 2 and a.clone().accessor_writable
