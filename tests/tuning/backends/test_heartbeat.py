"""The heartbeat thread: renews while its study lives, stops when told or when it is gone."""
from __future__ import annotations

import gc
import threading
import time

from pyglove.tuning.backends import _heartbeat


class Holder:
  """Stands in for a study."""


_KEPT = []


def _keep(obj):
  """Keeps obj alive for the test session (the thread holds it weakly)."""
  _KEPT.append(obj)
  return obj


def test_beats_until_stopped():
  """The renew function is called repeatedly, with the connection it returned."""
  calls = []
  stop = _heartbeat.start(_keep(Holder()), 0.01, lambda s, conn, now: calls.append(conn) or 'conn')
  time.sleep(0.1)
  stop.set()
  assert len(calls) >= 2 and calls[0] is None and calls[1] == 'conn'


def test_failed_beat_reconnects():
  """A beat that raises is followed by a beat with a fresh (None) connection."""
  calls = []

  def renew(study, conn, now):
    calls.append(conn)
    if len(calls) == 2:
      raise OSError('database went away')
    return 'conn'

  stop = _heartbeat.start(_keep(Holder()), 0.01, renew)
  time.sleep(0.1)
  stop.set()
  assert calls[:3] == [None, 'conn', None]


def test_thread_ends_when_study_is_collected():
  """The thread holds its study weakly and exits once it is gone."""
  before = set(threading.enumerate())
  _heartbeat.start(Holder(), 0.01, lambda s, conn, now: conn)
  (thread,) = set(threading.enumerate()) - before
  gc.collect()
  thread.join(5)
  assert not thread.is_alive()
