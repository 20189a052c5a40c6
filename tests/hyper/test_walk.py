"""Tests for pyglove.hyper._walk: the walk that finds, decodes and encodes decision points."""
from __future__ import annotations

import pytest

import pyglove as pg
from pyglove import geno
from pyglove.hyper import _walk


class Conv(pg.Object):
  filters: int
  kernel: int = 3


class TestFindPoints:

  def test_points_are_found_in_preorder_with_relative_paths(self):
    """Paths are relative to the value; hyper values are not entered."""
    inner = pg.oneof([4, 8])
    value = pg.Dict(a=pg.Dict(x=pg.oneof([Conv(inner), 1])), b=[pg.intv(1, 2)])
    points = _walk.find_points(value)
    assert [str(p) for p, _ in points] == ['a.x', 'b[0]']

  def test_where_filters_points(self):
    """Only hyper primitives selected by where are points."""
    value = pg.Dict(a=pg.oneof([1, 2]), b=pg.floatv(0.0, 1.0))
    points = _walk.find_points(value, lambda h: isinstance(h, pg.hyper.Float))
    assert [str(p) for p, _ in points] == ['b']

  def test_a_hyper_value_is_its_own_point(self):
    """A hyper value as the whole value is found at the root path."""
    x = pg.oneof([1, 2])
    assert _walk.find_points(x) == [(pg.KeyPath(), x)]


class TestDnaShapes:

  def test_element_dnas_and_join_dnas_are_inverses(self):
    """Splitting and joining element DNA follow the Space shape rule."""
    assert _walk.element_dnas(geno.DNA(None), 0) == []
    assert _walk.element_dnas(geno.DNA(1), 1) == [geno.DNA(1)]
    assert _walk.element_dnas(geno.DNA([1, 2]), 2) == [geno.DNA(1), geno.DNA(2)]
    assert _walk.join_dnas([geno.DNA(1)]) == geno.DNA(1)
    assert _walk.join_dnas([geno.DNA(1), geno.DNA(2)]) == geno.DNA([1, 2])


class TestDecodeEncode:

  def test_decode_value_replaces_points_in_a_copy(self):
    """The value is cloned once and its points replaced."""
    value = pg.Dict(a=pg.oneof([1, 2]), b=3)
    points = _walk.find_points(value)
    result = _walk.decode_value(value, points, [geno.DNA(1)], None)
    assert result == {'a': 2, 'b': 3} and isinstance(value.a, pg.hyper.OneOf)

  def test_decode_value_without_points_returns_the_value(self):
    """A constant value is returned as is."""
    value = pg.Dict(b=3)
    assert _walk.decode_value(value, [], [], None) is value

  def test_encode_value_mismatch_names_the_path(self):
    """A differing constant raises ValueError with its key path."""
    with pytest.raises(ValueError, match=r'path=x\.b'):
      _walk.encode_value(pg.Dict(a=pg.oneof([1, 2]), b=3), pg.Dict(a=1, b=4),
                         None, pg.KeyPath('x'))
