"""Tests for pattern-based patching (`pg.patching.patch_on_*`)."""
from __future__ import annotations

import doctest

import pytest

import pyglove as pg
from pyglove.patching import _pattern_based


class Layer(pg.Object):
  units: int = 1
  name: str = 'dense'


class Counter(pg.Object):
  x: int = 0

  def _on_init(self):
    super()._on_init()
    self._num_changes = 0

  def _on_change(self, updates):
    super()._on_change(updates)
    self._num_changes += 1


class TestDocumentedExamples:
  """The reference's docstring examples, with the outputs it gives."""

  def test_patch_on_key(self):
    assert pg.patching.patch_on_key(pg.Dict(a=0, b=2), 'a', value=3) == {'a': 3, 'b': 2}
    assert pg.patching.patch_on_key(pg.Dict(a=0, b=2), '.', value=3) == {'a': 3, 'b': 3}

  def test_patch_on_path(self):
    d = pg.patching.patch_on_path(pg.Dict(a={'x': 1}, b=2), '.*x', value=3)
    assert d == {'a': {'x': 3}, 'b': 2}

  def test_patch_on_value(self):
    d = pg.patching.patch_on_value(pg.Dict(a={'x': 1}, b=1), 1, value=3)
    assert d == {'a': {'x': 3}, 'b': 3}

  def test_patch_on_type(self):
    d = pg.patching.patch_on_type(pg.Dict(a={'x': 1}, b=2), int,
                                  value_fn=lambda x: x * 2)
    assert d == {'a': {'x': 2}, 'b': 4}

  def test_patch_on_member(self):
    d = pg.patching.patch_on_member(pg.Dict(a=Layer(), b=1), Layer, 'units', 8)
    assert d == pg.Dict(a=Layer(units=8), b=1)

  def test_skip_notification(self):
    c = Counter()
    pg.patching.patch_on_key(c, 'x', value=2)
    assert c._num_changes == 1
    pg.patching.patch_on_key(c, 'x', value=3)
    assert c._num_changes == 2
    pg.patching.patch_on_key(c, 'x', value=4, skip_notification=True)
    assert c._num_changes == 2 and c.x == 4


class TestBehaviour:

  def test_patches_in_place_and_returns_source(self):
    d = pg.Dict(a=1)
    assert pg.patching.patch_on_key(d, 'a', value=2) is d and d.a == 2

  def test_no_match_is_not_an_error(self):
    assert pg.patching.patch_on_key(pg.Dict(a=0), 'zzz', value=1) == {'a': 0}

  def test_root_is_never_replaced(self):
    d = pg.Dict(a=pg.Dict(b=1))
    assert pg.patching.patch_on_type(d, pg.Dict, value_fn=lambda v: v) is d
    assert pg.patching.patch_on_path(d, '.*', value_fn=lambda v: v) is d

  def test_list_items_and_tuple_of_types(self):
    d = pg.Dict(xs=[1, 'a', 2.5])
    pg.patching.patch_on_type(d, (int, float), value_fn=lambda v: v + 1)
    assert d.xs == [2, 'a', 3.5]

  def test_member_of_other_class_untouched(self):
    d = pg.Dict(layer=Layer(), units=5)
    pg.patching.patch_on_member(d, Layer, 'units', value=3)
    assert (d.layer.units, d.units) == (3, 5)

  def test_all_matches_applied_atomically(self):
    d = pg.Dict(a=Layer(units=1), b=Layer(units=2), c='x')
    with pytest.raises(TypeError, match=r'path=b.units'):
      pg.patching.patch_on_key(
          d, 'units', value_fn=lambda v: 'bad' if v == 2 else v + 10)
    assert (d.a.units, d.b.units) == (1, 2)


class TestErrors:

  def test_value_and_value_fn(self):
    with pytest.raises(ValueError, match=r'Give either `value` or `value_fn`, not both'):
      pg.patching.patch_on_key(pg.Dict(a=0), 'a', value=1, value_fn=lambda x: x)

  def test_non_symbolic_source(self):
    with pytest.raises(TypeError, match=r"got \{'a': 0\} of type dict"):
      pg.patching.patch_on_key({'a': 0}, 'a', value=1)


def test_docstring_examples_run():
  results = doctest.testmod(_pattern_based, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.failed == 0 and results.attempted > 0
