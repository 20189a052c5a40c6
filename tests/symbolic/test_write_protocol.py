"""Tests for pyglove.symbolic._write_protocol: what the rebind engine asks of a node."""
from __future__ import annotations

import pytest

import pyglove as pg
from pyglove.symbolic import _write_protocol


class Plain(pg.Object):
  x: int = 1


class Hooked(pg.Object):
  x: int = 1

  def _on_change(self, updates):
    self.seen = sorted(str(k) for k in updates)


class TestListening:

  def test_only_classes_with_hooks_listen(self):
    """Rebind skips notifying (and snapshotting) nodes whose class has no hook."""
    assert not _write_protocol.WriteProtocol._sym_listens()
    assert not pg.Dict._sym_listens() and not Plain._sym_listens()
    assert Hooked._sym_listens()

  def test_hooks_get_paths_relative_to_the_node(self):
    h = Hooked()
    d = pg.Dict(a=pg.Dict(h=h))
    d.rebind({'a.h.x': 2})
    assert h.seen == ['x']


class TestFieldsOfKeys:

  def test_defaults_and_missing_fields(self):
    """`_sym_default` reads the field's default; unknown keys have none."""
    p = Plain()
    assert p._sym_default('x') == 1  # pylint: disable=protected-access
    assert p._sym_child_field_or_none('y') is None  # pylint: disable=protected-access
    assert pg.Dict()._sym_default('anything') is pg.MISSING_VALUE  # pylint: disable=protected-access
    with pytest.raises(KeyError, match="No field named 'y' in Plain; valid fields: x"):
      p._sym_child_field('y')  # pylint: disable=protected-access
