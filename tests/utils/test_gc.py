"""Tests for pyglove.utils._gc: collector pauses and frozen settled objects."""
from __future__ import annotations

import doctest
import gc

import pytest

from pyglove.utils import _gc
from pyglove.utils import freezing_settled
from pyglove.utils import run_uncollected


@pytest.fixture(autouse=True)
def _collector_on():
  was_enabled = gc.isenabled()
  gc.enable()
  yield
  gc.unfreeze()
  if not was_enabled:
    gc.disable()


class TestRunUncollected:

  def test_pauses_and_restores_the_collector(self):
    """The collector is off inside, on again after, even on an exception."""
    assert run_uncollected(gc.isenabled) is False
    assert gc.isenabled()

    def fail():
      raise KeyError('x')
    with pytest.raises(KeyError):
      run_uncollected(fail)
    assert gc.isenabled()

  def test_a_disabled_collector_stays_disabled(self):
    gc.disable()
    assert run_uncollected(lambda: 1) == 1
    assert not gc.isenabled()


class TestFreezingSettled:

  def test_freezes_every_n_steps_and_unfreezes_at_exit(self):
    """Objects alive at every n-th step are frozen until the scope ends."""
    kept = []
    with freezing_settled(every=3) as step:
      for i in range(2):
        kept.append([i])
        step()
      assert gc.get_freeze_count() == 0
      step()
      assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0 and _gc.open_scopes() == 0

  def test_nested_scopes_unfreeze_when_the_last_ends(self):
    with freezing_settled(every=1) as outer:
      with freezing_settled(every=1) as inner:
        inner()
        assert _gc.open_scopes() == 2
      assert gc.get_freeze_count() > 0
      outer()
    assert gc.get_freeze_count() == 0

  def test_disabled_collector_is_left_alone(self):
    gc.disable()
    with freezing_settled(every=1) as step:
      step()
      assert gc.get_freeze_count() == 0


def test_docstring_examples_run():
  results = doctest.testmod(_gc, optionflags=doctest.ELLIPSIS)
  assert results.attempted and not results.failed
