"""Keeping the garbage collector off data that is not garbage.

Two measures, both measured with the collector on (`benchmarks/`):
`run_uncollected` runs a bulk operation (a deep clone of a big tree) without
collections, since everything it allocates stays alive; `freezing_settled`
keeps a loop's growing history out of the collector's scans.


A search loop keeps every trial (its DNA tree, measurements, metadata) for
the whole study: tens of GC-tracked objects per trial that never become
garbage. Each full collection would scan all of them again, which makes the
collector a large share of a long loop's time. While a loop runs,
`freezing_settled` moves the objects alive every `every` steps into the
collector's permanent generation (`gc.freeze`, O(1)), so that collections
only look at what is new; when the last open loop of the process ends,
everything is handed back to the collector (`gc.unfreeze`), so that garbage
created during the loop is collected as usual afterwards.
"""
from __future__ import annotations

import contextlib
import gc
import threading
from typing import Any, Callable, Iterator, TypeVar

_T = TypeVar('_T')

_lock = threading.Lock()
_open_scopes = 0


def run_uncollected(fn: Callable[..., _T], *args: Any) -> _T:
  """Returns ``fn(*args)``, run with the garbage collector paused.

  For bulk operations whose allocations all stay alive (cloning or building
  a big tree): collections in the middle would scan the growing result again
  and again and find nothing to free. A collector disabled by the caller
  stays disabled.

  Example:
    >>> run_uncollected(lambda n: [[i] for i in range(n)], 3)
    [[0], [1], [2]]
  """
  if not gc.isenabled():
    return fn(*args)
  gc.disable()
  try:
    return fn(*args)
  finally:
    gc.enable()


@contextlib.contextmanager
def freezing_settled(every: int = 512) -> Iterator[Callable[[], None]]:
  """Context manager yielding `step()`: every `every` steps, freezes what is alive.

  Scopes nest and may be open in several threads; the frozen objects are
  unfrozen when the last open scope exits. Nothing happens when the
  collector is disabled.

  Example:
    >>> history = []
    >>> with freezing_settled(every=2) as step:
    ...   for i in range(5):
    ...     history.append({'trial': [i]})
    ...     step()
    >>> len(history)
    5
  """
  global _open_scopes
  with _lock:
    _open_scopes += 1
  steps = 0

  def step() -> None:
    nonlocal steps
    steps += 1
    if steps % every == 0 and gc.isenabled():
      gc.freeze()

  try:
    yield step
  finally:
    with _lock:
      _open_scopes -= 1
      if not _open_scopes:
        gc.unfreeze()


def open_scopes() -> int:
  """How many `freezing_settled` scopes are open in the process."""
  return _open_scopes
