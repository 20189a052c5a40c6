"""The storage interface under the lifecycle: what a backend must supply."""
from __future__ import annotations

import importlib

import pytest

from pyglove.tuning._in_memory import InMemoryStore
from pyglove.tuning._store import CatchUpFirst
from pyglove.tuning._store import Head
from pyglove.tuning._store import Store


def test_a_store_must_supply_every_method():
  """A Store subclass that leaves methods out cannot be instantiated."""

  class Partial(Store):

    def write(self):
      raise NotImplementedError

  with pytest.raises(TypeError, match='abstract method'):
    Partial()


def test_sync_and_close_are_optional(spec):
  """A store whose algorithm is always current needs neither sync nor close."""
  store = InMemoryStore(None, None)
  assert store.sync() is None and store.close() is None


def test_catch_up_first_is_not_a_user_error():
  """CatchUpFirst is internal control flow, not one of the API's error types."""
  assert not issubclass(CatchUpFirst, (ValueError, TypeError, KeyError))


def test_head_after_a_proposal():
  """A proposal adds one trial and one log entry; the other counters stay."""
  assert Head(4, 2, 0, False).after_proposal(3) == Head(
      seq=5, num_trials=3, num_failed=0, exhausted=False)


def test_doc_examples(run_doctests):
  """The module's examples run."""
  run_doctests(importlib.import_module('pyglove.tuning._store'))


def test_head_reads_by_name():
  """A Head's counters have names."""
  head = Head(seq=4, num_trials=2, num_failed=1, exhausted=False)
  assert (head.num_trials - head.num_failed, head.exhausted) == (1, False)
