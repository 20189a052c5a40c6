"""Tests of the nesting limit and the recursion guard the loaders share."""
from __future__ import annotations

import sys
import threading

import pytest

from pyglove.utils import DeepRecursion
from pyglove.utils import check_depth
from pyglove.utils import max_depth


def _nested(depth, make=lambda x: [x]):
  value = 0
  for _ in range(depth):
    value = make(value)
  return value


def test_max_depth_follows_the_recursion_limit():
  """One less than the recursion limit: json.loads's own reach."""
  assert max_depth() == min(sys.getrecursionlimit(), 5000) - 1


def test_check_depth_accepts_up_to_the_limit():
  """Lists, tuples and dicts count; at the limit passes, one more fails."""
  check_depth(_nested(5), 'x', limit=5)
  check_depth(_nested(5, lambda x: {'a': (x,)}), 'x', limit=10)
  with pytest.raises(ValueError, match='the doc is nested more than 5 levels'):
    check_depth(_nested(6), 'the doc', limit=5)


def test_check_depth_is_iterative():
  """A million levels: a ValueError, not a RecursionError."""
  with pytest.raises(ValueError, match='nested more than'):
    check_depth(_nested(1_000_000), 'x')


def _recurse(n):
  return 0 if n == 0 else 1 + _recurse(n - 1)


def test_guard_lends_frames_and_restores_the_limit():
  """Inside, max_depth() levels of recursion fit; after, the limit is as before."""
  before = sys.getrecursionlimit()
  with DeepRecursion('x'):
    assert _recurse(4 * max_depth()) == 4 * max_depth()
    assert max_depth() == min(before, 5000) - 1
  assert sys.getrecursionlimit() == before


def test_guard_turns_recursion_error_into_value_error():
  """Runaway recursion inside the guard is a ValueError naming the data."""
  with pytest.raises(ValueError, match='the data is nested more than'):
    with DeepRecursion('the data'):
      _recurse(10**7)


def test_guard_nests_and_shares_across_threads():
  """The limit is restored only when the last guard of any thread exits."""
  before = sys.getrecursionlimit()
  inside, release = threading.Event(), threading.Event()

  def hold():
    with DeepRecursion('x'):
      inside.set()
      release.wait(10)

  thread = threading.Thread(target=hold)
  thread.start()
  inside.wait(10)
  with DeepRecursion('y'):
    with DeepRecursion('z'):
      pass
  assert sys.getrecursionlimit() > before
  release.set()
  thread.join()
  assert sys.getrecursionlimit() == before
