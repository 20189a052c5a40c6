"""The backend contract suite: the built-in backends pass it, a broken one fails it."""
from __future__ import annotations

import os

import pytest

from pyglove.tuning import Backend
from pyglove.tuning import add_backend
from pyglove.tuning._backend import prepare_algorithm
from pyglove.tuning._in_memory import InMemoryStore
from pyglove.tuning.backends import TrialStudy
from pyglove.tuning.testing import BackendContract


class TestBuiltInBackends(BackendContract):
  """Every built-in backend passes the contract."""

  @pytest.fixture(params=['in-memory', 'sqlite', 'postgres'])
  def backend_args(self, request, tmp_path):
    if request.param == 'in-memory':
      return {'backend': 'in-memory'}
    if request.param == 'sqlite':
      return {'backend': 'sqlite', 'path': os.fspath(tmp_path / 'c.db')}
    return {'backend': 'postgres',
            'url': request.getfixturevalue('postgres_url')}


class _SkipsAnId(InMemoryStore):
  """A broken store: it counts one trial too many, so ids start at 2."""

  def head(self):
    head = super().head()
    return head._replace(num_trials=head.num_trials + 1)


@add_backend('test-broken')
class _BrokenBackend(Backend):
  """The one lifecycle over a broken store."""

  def open_study(self, *, name, dna_spec, algorithm, early_stopping_policy,
                 num_examples, metrics_to_optimize):
    algorithm = prepare_algorithm(algorithm, dna_spec, metrics_to_optimize)
    return TrialStudy(_SkipsAnId(algorithm, early_stopping_policy), name,
                      dna_spec, tuple(metrics_to_optimize), num_examples)

  def poll_result(self, name):
    raise KeyError(name)


def test_the_contract_fails_a_broken_backend():
  """A backend that numbers trials from 0 fails the suite (the suite can fail)."""
  contract = BackendContract()
  with pytest.raises(AssertionError):
    contract.test_trial_ids_count_from_one_across_groups(
        {'backend': 'test-broken'}, 'broken-study')
