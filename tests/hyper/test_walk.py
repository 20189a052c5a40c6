"""Tests for pyglove.hyper._walk: the walk that finds, decodes and encodes decision points."""
from __future__ import annotations

import doctest

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
    points = _walk.SubSpace(value).points
    assert [str(p) for p, _ in points] == ['a.x', 'b[0]']

  def test_where_filters_points(self):
    """Only hyper primitives selected by where are points."""
    value = pg.Dict(a=pg.oneof([1, 2]), b=pg.floatv(0.0, 1.0))
    points = _walk.SubSpace(value, lambda h: isinstance(h, pg.hyper.Float)).points
    assert [str(p) for p, _ in points] == ['b']

  def test_a_hyper_value_is_its_own_point(self):
    """A hyper value as the whole value is found at the root path."""
    x = pg.oneof([1, 2])
    assert _walk.SubSpace(x).points == [(pg.KeyPath(), x)]


class TestDnaShapes:

  def test_element_dnas_and_join_dnas_are_inverses(self):
    """Splitting and joining element DNA follow the Space shape rule."""
    assert _walk.element_dnas(geno.DNA(None), 0) == []
    assert _walk.element_dnas(geno.DNA(1), 1) == [geno.DNA(1)]
    assert _walk.element_dnas(geno.DNA([1, 2]), 2) == [geno.DNA(1), geno.DNA(2)]
    assert _walk.join_dnas([geno.DNA(1)]) == geno.DNA(1)
    assert _walk.join_dnas([geno.DNA(1), geno.DNA(2)]) == geno.DNA([1, 2])


class TestDecodeEncode:

  def test_decode_rebuilds_the_way_to_the_points(self):
    """Decoding builds new nodes with the decided values; the space is unchanged."""
    value = pg.Dict(a=pg.Dict(x=pg.oneof([1, 2])), b=Conv(1), c=[pg.intv(1, 3)])
    result = _walk.SubSpace(value).decode([geno.DNA(1), geno.DNA(3)])
    assert result == {'a': {'x': 2}, 'b': Conv(1), 'c': [3]}
    assert isinstance(result.a, pg.Dict) and isinstance(result.c, pg.List)
    assert result.b is not value.b and result.b.sym_parent is result
    assert isinstance(value.a.x, pg.hyper.OneOf)

  def test_decode_keeps_the_root_value_spec(self):
    """A root container is rebuilt with its value spec."""
    spec = pg.typing.List(pg.typing.Float())
    value = pg.List([pg.oneof([1, 2])], value_spec=spec)
    result = _walk.SubSpace(value).decode([geno.DNA(0)])
    assert result.value_spec is spec and result[0] == 1.0
    assert isinstance(result[0], float)

  def test_decode_clones_and_rebinds_a_class_with_its_own_init(self):
    """A node whose class defines __init__ is cloned and rebound instead."""

    class Custom(pg.Object):
      x: int
      y: int = 0

      def __init__(self, x, **kwargs):
        super().__init__(x=x, **kwargs)

    value = pg.Dict(c=Custom(pg.oneof([1, 2]), y=5))
    result = _walk.SubSpace(value).decode([geno.DNA(1)])
    assert result.c == Custom(2, y=5)

  def test_decode_copies_plain_mutable_constants(self):
    """A plain mutable value in the space is not shared with programs."""

    class Box(pg.Object):
      x: int
      payload: pg.typing.Any()

    class Payload:
      pass

    value = pg.Dict(b=Box(pg.oneof([1, 2]), Payload()))
    result = _walk.SubSpace(value).decode([geno.DNA(0)])
    assert result.b.payload is not value.b.payload

  def test_decode_without_points_returns_the_value(self):
    """A constant value is returned as is."""
    value = pg.Dict(b=3)
    assert _walk.SubSpace(value).decode([]) is value

  def test_encode_value_mismatch_names_the_path(self):
    """A differing constant raises ValueError with its key path."""
    with pytest.raises(ValueError, match=r'path=x\.b'):
      _walk.encode_value(pg.Dict(a=pg.oneof([1, 2]), b=3), pg.Dict(a=1, b=4),
                         None, pg.KeyPath('x'))


def test_decode_clones_and_rebinds_a_partial_node():
  """A node with a missing value keeps it: it is cloned and rebound."""

  class Pair(pg.Object):
    x: int
    y: int

  value = pg.Dict(p=Pair.partial(x=pg.oneof([1, 2])))
  result = _walk.SubSpace(value).decode([geno.DNA(1)])
  assert result.p.x == 2 and result.p.y == pg.MISSING_VALUE


def test_docstring_examples_hold():
  """The examples in the module's docstrings run as written."""
  from pyglove.hyper import _walk as module
  result = doctest.testmod(module, extraglobs={'pg': pg})
  assert result.attempted > 0 and result.failed == 0
