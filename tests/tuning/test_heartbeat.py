"""The heartbeat thread: renews while its study lives, stops when told or when it is gone."""
from __future__ import annotations

import gc
import threading
import time

from pyglove.tuning import _heartbeat


class Holder:
  """Stands in for a study."""


_KEPT = []


def _keep(obj):
  """Keeps obj alive for the test session (the thread holds it weakly)."""
  _KEPT.append(obj)
  return obj


def test_beats_until_stopped():
  """The renew function is called repeatedly with the study, then no more once stopped."""
  calls = []
  holder = _keep(Holder())
  stop = _heartbeat.start(holder, 0.01, lambda s, now: calls.append((s, now)))
  time.sleep(0.1)
  stop.set()
  time.sleep(0.05)
  count = len(calls)
  time.sleep(0.05)
  assert count >= 2 and len(calls) == count
  assert all(s is holder for s, _ in calls)


def test_failed_beat_is_followed_by_another():
  """A beat that raises does not end the thread."""
  calls = []

  def renew(study, now):
    calls.append(now)
    if len(calls) == 2:
      raise OSError('database went away')

  stop = _heartbeat.start(_keep(Holder()), 0.01, renew)
  time.sleep(0.1)
  stop.set()
  assert len(calls) >= 3


def test_thread_ends_when_study_is_collected():
  """The thread holds its study weakly and exits once it is gone."""
  before = set(threading.enumerate())
  _heartbeat.start(Holder(), 0.01, lambda s, now: None)
  (thread,) = set(threading.enumerate()) - before
  gc.collect()
  thread.join(5)
  assert not thread.is_alive()
