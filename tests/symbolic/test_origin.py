"""Tests of pyglove/symbolic/_origin.py: pg.Origin, pg.track_origin, sym_setorigin."""
from __future__ import annotations

import threading

import pytest

import pyglove as pg


def test_clones_record_their_source_only_when_tracking():
  """Inside track_origin, clone/deepclone record the source; outside, clones have none."""
  a = pg.Dict(x=1)
  with pg.track_origin():
    b = a.clone()
    c = b.clone(deep=True)
    assert pg.symbolic.is_tracking_origin()
  assert not pg.symbolic.is_tracking_origin()
  assert (b.sym_origin.source, b.sym_origin.tag) == (a, 'clone')
  assert [o.tag for o in c.sym_origin.chain()] == ['deepclone', 'clone']
  assert [o.tag for o in c.sym_origin.history()] == ['clone', 'deepclone']
  assert c.sym_origin.chain('clone')[0].source is a and c.sym_origin.root.source is a
  assert b.sym_origin.stack and 'test_origin.py' in b.sym_origin.stacktrace
  assert b.clone().sym_origin is None and a.sym_origin is None
  with pg.track_origin(True):
    with pg.track_origin(False):
      assert a.clone().sym_origin is None


def test_tracking_is_per_thread():
  """A tracking block in one thread does not track clones in another."""
  seen = []
  with pg.track_origin():
    t = threading.Thread(target=lambda: seen.append(pg.Dict(x=1).clone().sym_origin))
    t.start()
    t.join()
  assert seen == [None]


def test_loaded_values_record_the_path(tmp_path):
  """pg.load under tracking sets a 'load' origin whose source is the path."""
  path = str(tmp_path / 'a.json')
  pg.save(pg.Dict(x=1), path)
  with pg.track_origin():
    value = pg.load(path)
  assert (value.sym_origin.source, value.sym_origin.tag) == (path, 'load')


def test_setorigin_by_hand():
  """sym_setorigin records a source and tag; another source is a ValueError."""
  a, b = pg.Dict(x=1), pg.Dict(x=2)
  b.sym_setorigin(a, 'builder', stacktrace=True)
  assert b.sym_origin == pg.Origin(a, 'builder') and b.sym_origin.stack is not None
  b.sym_setorigin(a, 'again')
  with pytest.raises(ValueError, match='Cannot set the origin'):
    b.sym_setorigin(pg.Dict(), 'other')
  with pytest.raises(ValueError, match='tag of an Origin must be a str'):
    pg.Origin(a, 1)
  assert repr(pg.Origin('src', 'load')) == "Origin(tag='load', source='src')"


def test_stacktrace_limit():
  """The number of frames kept is configurable."""
  previous = pg.symbolic.get_origin_stacktrace_limit()
  try:
    pg.symbolic.set_origin_stacktrace_limit(2)
    assert len(pg.Origin(None, 't', stacktrace=True).stack) <= 2
    with pytest.raises(ValueError, match='positive int'):
      pg.symbolic.set_origin_stacktrace_limit(0)
  finally:
    pg.symbolic.set_origin_stacktrace_limit(previous)
