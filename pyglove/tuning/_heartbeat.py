"""The heartbeat: a daemon thread that keeps the leases of a worker's trials alive.

A trial handed out to a worker carries a lease (an expiry time). While the
worker's process lives, this thread pushes the expiry forward; when the
process dies, the lease runs out and the trial goes back to the queue. The
thread holds its study weakly and ends when the study is closed or
collected.
"""
from __future__ import annotations

import threading
import time
import weakref
from typing import Any, Callable


def start(study: Any, interval: float,
          renew: Callable[[Any, float], None]) -> threading.Event:
  """Starts calling ``renew(study, now)`` every `interval` seconds.

  Args:
    study: the study whose claims to renew.
    interval: seconds between renewals (less than the lease).
    renew: renews the study's leases; it shares the study's connection, so
      a worker holds one connection however many threads it runs.

  Returns:
    An event that stops the thread when set.

  Example:
    >>> stop = start(object(), 60.0, lambda study, now: None)
    >>> stop.set()
  """
  stop = threading.Event()
  ref = weakref.ref(study)
  del study  # The thread must not keep the study alive.

  def beat() -> None:
    while not stop.wait(interval):
      target = ref()
      if target is None:
        return
      try:
        renew(target, time.time())
      except Exception:  # pylint: disable=broad-except
        # A missed beat only risks an expired lease, which the protocol
        # survives (the trial is re-run); the next beat tries again.
        pass
      del target

  threading.Thread(target=beat, name='pyglove-heartbeat', daemon=True).start()
  return stop
