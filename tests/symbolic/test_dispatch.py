"""Tests for pyglove.symbolic._dispatch: detecting and calling user overrides."""
from __future__ import annotations

import doctest

import pyglove as pg
from pyglove.symbolic import _dispatch
from pyglove.symbolic._dispatch import NOT_DISPATCHED
from pyglove.symbolic._dispatch import dispatch_custom
from pyglove.symbolic._dispatch import has_custom
from pyglove.symbolic._dispatch import library_default


class Plain(pg.Object):
  x: int = 0


class Custom(pg.Object):
  x: int = 0

  def sym_eq(self, other):
    return True

  @classmethod
  def from_json(cls, json_value, **kwargs):
    return cls(json_value['x'])


class TestHasCustom:

  def test_library_methods_are_not_overrides(self):
    """The library's own implementations are marked, so they are not custom."""
    for name in ('sym_eq', 'sym_hash', 'to_json', 'from_json'):
      assert not has_custom(Plain, name)
    assert not has_custom(pg.Dict, 'from_json')
    assert not has_custom(pg.List, 'from_json')

  def test_user_methods_and_classmethods_are_overrides(self):
    """An unmarked method (or classmethod) is an override."""
    assert has_custom(Custom, 'sym_eq') and has_custom(Custom, 'from_json')
    assert not has_custom(Custom, 'sym_hash')

  def test_detection_is_explicit_not_by_module(self):
    """A method defined in any module counts as the library's only if marked."""
    def sym_hash(self):
      return 1
    sym_hash.__module__ = 'pyglove.symbolic._fake'
    klass = type('K', (Plain,), {'sym_hash': sym_hash})
    assert has_custom(klass, 'sym_hash')
    klass2 = type('K2', (Plain,), {'sym_hash': library_default(
        lambda self: 2)})
    assert not has_custom(klass2, 'sym_hash')

  def test_missing_attribute_is_not_custom(self):
    assert not has_custom(Plain, 'no_such_method')


class TestDispatchCustom:

  def test_calls_override_and_blocks_reentry(self):
    """Re-entering for the same value returns NOT_DISPATCHED."""
    seen = []

    class Reentrant(pg.Object):

      def describe(self):
        seen.append(dispatch_custom(self, 'describe'))
        return 'outer'
    value = Reentrant()
    assert dispatch_custom(value, 'describe') == 'outer'
    assert seen == [NOT_DISPATCHED]


def test_docstring_examples_run():
  """Every example in the module's docstrings runs as shown."""
  results = doctest.testmod(_dispatch, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.attempted and not results.failed
