"""Tests of pyglove/utils/_key_path_set.py: a set of key paths as a trie."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
import pytest

import pyglove as pg
from pyglove.utils import KeyPath
from pyglove.utils import KeyPathSet


def _paths():
  return KeyPathSet(['a.b.c', 1, KeyPath([1, 'x']), 'a.b'])


class TestMembership:

  def test_empty_set(self):
    s = KeyPathSet()
    assert not s and list(s) == [] and '' not in s and 1 not in s
    assert s.subtree('') is s and not s.subtree('a.b')
    assert s == KeyPathSet() and s != KeyPathSet([1]) and s != 1

  def test_add_and_contains(self):
    s = _paths()
    assert 'a.b' in s and 'a.b.c' in s and KeyPath(['a', 'b']) in s
    assert 1 in s and '[1]' in s and '[1].x' in s
    assert 'a' not in s and '' not in s
    assert s.add('') and '' in s
    assert not s.add('a.b.c')  # Already there.

  def test_add_with_intermediate_paths(self):
    s = KeyPathSet()
    assert s.add('a.b.c', include_intermediate=True)
    assert list(s) == ['', 'a', 'a.b', 'a.b.c']

  def test_remove_prunes_empty_branches(self):
    s = KeyPathSet(['a.b.c', 1, '[1].x', 'a.b', 'c.d'])
    assert not s.remove('b') and not s.remove('c')
    assert s.remove('a.b.c') and s.remove('a.b') and s.remove(1)
    assert list(s) == ['[1].x', 'c.d']
    assert not s.has_prefix('a') and 1 not in s and s.has_prefix(1)

  def test_has_prefix(self):
    s = _paths()
    assert all(s.has_prefix(p) for p in ['a', 'a.b', 'a.b.c', KeyPath('a'), 1])
    assert not s.has_prefix(2) and not s.has_prefix('a.b.c.d')

  def test_iteration_order_is_depth_first_insertion_order(self):
    s = KeyPathSet(['', 'a.b.c', 1, KeyPath([1, 'x']), 'a.b'])
    assert list(s) == [KeyPath(), KeyPath.parse('a.b.c'), KeyPath.parse('a.b'),
                       KeyPath([1]), KeyPath([1, 'x'])]


class TestWholeSet:

  def test_subtree_is_relative(self):
    s = _paths()
    assert s.subtree('a') == KeyPathSet(['b.c', 'b'])
    assert s.subtree(1) == KeyPathSet(['', 'x'])

  def test_copy_is_deep_and_clear_empties(self):
    s = _paths()
    c = s.copy()
    c.add('a.z')
    assert 'a.z' not in s and c != s
    s.clear()
    assert s == KeyPathSet()

  def test_rebase_and_path_plus_set(self):
    s = KeyPathSet(['x.y', 'y'])
    s.rebase('a.b')
    assert list(s) == ['a.b.x.y', 'a.b.y']
    assert (KeyPath.parse('x[0]') + KeyPathSet(['a.b', 'c'])
            == KeyPathSet(['x[0].a.b', 'x[0].c']))

  def test_format(self):
    s = KeyPathSet(['a.b.c', 'a.b'])
    assert s.format() == repr(s) == 'KeyPathSet([a.b.c, a.b])'
    assert str(s) == 'KeyPathSet(\n  [a.b.c, a.b]\n)'

  def test_from_value(self):
    s = KeyPathSet(['a'])
    assert KeyPathSet.from_value(s) is s
    assert KeyPathSet.from_value(['a.b'], include_intermediate=True) == (
        KeyPathSet(['', 'a', 'a.b']))
    with pytest.raises(ValueError, match='Cannot convert 1 to KeyPathSet'):
      KeyPathSet.from_value(1)

  def test_exported_at_top_level(self):
    assert pg.KeyPathSet is KeyPathSet


class TestAlgebra:

  def test_union_update_and_add(self):
    s = _paths()
    u = s.union(KeyPathSet(['a.b.d', 'a.c', '']))
    assert list(u) == ['a.b.c', 'a.b', 'a.b.d', 'a.c', '[1]', '[1].x', '']
    assert 'a.c' not in s
    assert s + KeyPathSet(['z']) == KeyPathSet(list(s) + ['z'])
    s.update(KeyPathSet(['z']))
    assert 'z' in s

  def test_difference(self):
    s = KeyPathSet(['a.b.c', 1, '[1].x', 'a.b', ''])
    other = KeyPathSet(['a.b', 'a.c.b', '[1].x', ''])
    assert list(s.difference(other)) == ['a.b.c', '[1]']
    assert len(list(s)) == 5
    s.difference_update(other)
    assert list(s) == ['a.b.c', '[1]']

  def test_intersection(self):
    s = KeyPathSet(['a.b.c', 1, '[1].x', 'a.b', 'a.c.d', ''])
    other = KeyPathSet(['a.b', 'a.b.d', 'a.c.b', '[1].x', ''])
    assert list(s.intersection(other)) == ['a.b', '[1].x', '']
    s.intersection_update(other)
    assert list(s) == ['a.b', '[1].x', '']


_PATH = st.lists(st.sampled_from(['a', 'b', 0, 1]), max_size=3).map(KeyPath)


@given(st.lists(_PATH, max_size=8), st.lists(_PATH, max_size=8))
def test_algebra_matches_python_sets(xs, ys):
  """Union, difference and intersection agree with sets of the same paths."""
  a, b = KeyPathSet(xs), KeyPathSet(ys)
  as_set = lambda s: {str(p) for p in s}
  assert as_set(a) == {str(p) for p in xs}
  assert as_set(a.union(b)) == as_set(a) | as_set(b)
  assert as_set(a.difference(b)) == as_set(a) - as_set(b)
  assert as_set(a.intersection(b)) == as_set(a) & as_set(b)
  for p in xs:
    assert p in a and a.has_prefix(p)
