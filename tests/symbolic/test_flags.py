"""Tests for the thread-local flags and their context managers."""
from __future__ import annotations

import doctest
import threading

import pytest

import pyglove as pg
from pyglove.symbolic import _flags


class TestFlags:
  """Each flag is scoped to its `with` block and to its thread."""

  def test_allow_writable_accessors_scope(self):
    """The innermost value wins and is restored on exit."""
    assert _flags.is_accessor_writable(False) is False
    with _flags.allow_writable_accessors():
      assert _flags.is_accessor_writable(False) is True
      with _flags.allow_writable_accessors(False):
        assert _flags.is_accessor_writable(True) is False
      assert _flags.is_accessor_writable(False) is True
    assert _flags.is_accessor_writable(True) is True

  def test_notify_on_change_scope(self):
    """Notification is on by default and can be switched off in a block."""
    assert _flags.is_change_notification_enabled()
    with _flags.notify_on_change(False):
      assert not _flags.is_change_notification_enabled()
    assert _flags.is_change_notification_enabled()

  def test_as_sealed_scope(self):
    """as_sealed overrides sealing inside the block only."""
    assert _flags.sealed_override() is None
    with _flags.as_sealed():
      assert _flags.sealed_override() is True
    with _flags.as_sealed(False):
      assert _flags.sealed_override() is False
    assert _flags.sealed_override() is None

  def test_restored_after_exception(self):
    """A raising block still restores the previous value."""
    try:
      with _flags.as_sealed():
        raise RuntimeError('x')
    except RuntimeError:
      pass
    assert _flags.sealed_override() is None

  def test_flags_are_per_thread(self):
    """A flag set in one thread is not seen by another."""
    seen = []
    with _flags.as_sealed():
      t = threading.Thread(target=lambda: seen.append(_flags.sealed_override()))
      t.start()
      t.join()
    assert seen == [None]


def test_docstring_examples_run():
  """The examples in the module's docstrings run as written."""
  results = doctest.testmod(_flags, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.failed == 0 and results.attempted > 0


def test_allow_partial_scope():
  """Inside pg.allow_partial(), required values may be left out."""
  class Req(pg.Object):
    x: int
    y: int = 1
  with pg.allow_partial():
    r = Req(y=2)
  assert r.is_partial and r.missing_values() == {'x': pg.MISSING_VALUE}
  with pytest.raises(TypeError, match='missing 1 required argument'):
    Req()
