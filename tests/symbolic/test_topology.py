"""Tests of pyglove/symbolic/_topology.py: _on_parent_change and _on_path_change."""
from __future__ import annotations

import pyglove as pg


class Watched(pg.Object):
  x: int = 0

  def _on_init(self):
    self.__dict__['log'] = []

  def _on_parent_change(self, old_parent, new_parent):
    self.log.append(('parent', old_parent, new_parent))

  def _on_path_change(self, old_path, new_path):
    self.log.append(('path', str(old_path), str(new_path)))


def test_adoption_calls_both_hooks():
  """Becoming a child changes the parent (None -> node) and the path ('' -> key)."""
  w = Watched()
  d = pg.Dict(inner=pg.Dict())
  d.inner.w = w
  assert w.log == [('parent', None, d.inner), ('path', '', 'inner.w')]


def test_moving_an_ancestor_changes_paths_below():
  """When an ancestor is adopted, the nodes below see their new paths (not a parent change)."""
  w = Watched()
  d = pg.Dict(inner=pg.Dict(w=w))
  w.log.clear()
  outer = pg.Dict(top=d)
  assert outer.top is d and w.log == [('path', 'inner.w', 'top.inner.w')]


def test_replacement_detaches_the_old_value():
  """A value replaced by a rebind loses its parent and path."""
  w = Watched()
  d = pg.Dict(w=w)
  w.log.clear()
  d.rebind(w=Watched(1))
  assert w.log == [('parent', d, None), ('path', 'w', '')]


def test_list_reindexing_changes_paths():
  """Deleting an item shifts the paths of the items after it."""
  a, b = Watched(1), Watched(2)
  l = pg.List([a, b])
  b.log.clear()
  l.rebind({0: pg.MISSING_VALUE})
  assert ('path', '[1]', '[0]') in b.log and l[0] is b
