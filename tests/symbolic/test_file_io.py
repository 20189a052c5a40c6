"""Tests of pyglove/symbolic/_file_io.py: pg.save/pg.load and their handlers."""
from __future__ import annotations

import pytest

import pyglove as pg


def test_save_and_load_json_and_text(tmp_path):
  """The default handlers write JSON (creating directories) or text, and read them back."""
  path = tmp_path / 'sub' / 'a.json'
  pg.save(pg.Dict(x=1, y=[1, 2]), path, indent=2)
  assert pg.load(path) == {'x': 1, 'y': [1, 2]}
  assert '\n  "x": 1' in path.read_text()
  text = tmp_path / 'a.txt'
  pg.save(pg.Dict(x=1), text, file_format='txt')
  assert pg.load(text, file_format='txt') == '{\n  x = 1\n}'
  with pytest.raises(ValueError, match="Unsupported file_format 'yaml'"):
    pg.save(1, tmp_path / 'b', file_format='yaml')


def test_handlers_can_be_replaced_and_restored(tmp_path):
  """set_*_handler route pg.save/pg.load (extra arguments reach them); None restores."""
  store = {}
  previous = pg.set_save_handler(lambda v, p, *a, **kw: store.update({p: (v, a, kw)}))
  try:
    pg.set_load_handler(lambda p, *a, **kw: store[p][0])
    pg.save(3, 'key', 'extra', flag=True)
    assert store['key'] == (3, ('extra',), {'flag': True}) and pg.load('key') == 3
    assert pg.get_save_handler() is not previous
  finally:
    pg.set_save_handler(None)
    pg.set_load_handler(None)
  assert pg.get_save_handler() is pg.symbolic.default_save_handler
  assert pg.get_load_handler() is pg.symbolic.default_load_handler
  with pytest.raises(TypeError, match='save handler must be callable'):
    pg.set_save_handler(1)
