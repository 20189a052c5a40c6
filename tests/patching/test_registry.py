"""Tests for the patcher registry."""
from __future__ import annotations

import doctest

import pytest

import pyglove as pg
from pyglove.patching import _registry


def _make(name=None):

  @pg.patcher(name=name)
  def set_x(target, x=1):
    del target
    return {'x': x}

  return set_x


class TestRegistry:

  def test_registered_under_function_name_or_given_name(self):
    a = _make()
    b = _make(name='x_setter')
    assert _registry.get('set_x') is a and _registry.get('x_setter') is b
    assert {'set_x', 'x_setter'} <= set(pg.patching.patcher_names())

  def test_names_in_registration_order(self):
    _make(name='first_one')
    _make(name='second_one')
    names = pg.patching.patcher_names()
    assert names.index('first_one') < names.index('second_one')

  def test_repeated_registration_replaces_by_default(self):
    _make()
    newer = _make()
    assert _registry.get('set_x') is newer

  def test_repeated_registration_can_be_refused(self):
    first = _make()
    pg.patching.allow_repeated_patcher_registration(False)
    with pytest.raises(KeyError, match=r"'set_x' is already registered"):
      _make()
    assert _registry.get('set_x') is first

  def test_unknown_name_lists_registered_ones(self):
    _make(name='known_patcher')
    with pytest.raises(KeyError, match=r"'unknown' is not registered; .*known_patcher"):
      _registry.get('unknown')


def test_docstring_examples_run():
  results = doctest.testmod(_registry, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.failed == 0 and results.attempted > 0
