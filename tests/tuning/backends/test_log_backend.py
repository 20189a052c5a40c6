"""LogBackend: settings, creating and joining studies, polling results."""
from __future__ import annotations

import pytest

import pyglove as pg
from pyglove import geno
from pyglove.tuning._backend import create_backend
from pyglove.tuning.backends import SqliteBackend
from tests.tuning.backends.conftest import small_spec


def test_default_heartbeat_is_a_third_of_the_lease(sqlite_path):
  """Without heartbeat_secs, a worker beats three times per lease."""
  backend = SqliteBackend(sqlite_path, lease_secs=9.0)
  assert backend.heartbeat_secs == 3.0


@pytest.mark.parametrize('settings, error, message', [
    ({'lease_secs': 'long'}, TypeError, "lease_secs must be a number of seconds; got 'long'"),
    ({'lease_secs': 0}, ValueError, 'lease_secs must be > 0; got 0'),
    ({'heartbeat_secs': -1.0}, ValueError, 'heartbeat_secs must be > 0; got -1.0'),
    ({'lease_secs': 1.0, 'heartbeat_secs': 2.0}, ValueError,
     'heartbeat_secs must be less than lease_secs'),
    ({'max_attempts': 2.0}, TypeError, 'max_attempts must be an int; got 2.0'),
    ({'max_attempts': 0}, ValueError, 'max_attempts must be >= 1; got 0'),
    ({'snapshot_every': -1}, ValueError, 'snapshot_every must be >= 0; got -1'),
])
def test_bad_settings_raise(sqlite_path, settings, error, message):
  """Settings of the wrong type or range are refused, naming the setting."""
  with pytest.raises(error, match=message):
    SqliteBackend(sqlite_path, **settings)


def test_unnamed_studies_are_private(db_args):
  """Two unnamed studies on one database do not share trials."""
  kwargs = dict(db_args)
  backend = create_backend(kwargs.pop('backend'), **kwargs)

  def unnamed():
    return backend.open_study(
        name=None, dna_spec=small_spec(), algorithm=None,
        early_stopping_policy=None, num_examples=None,
        metrics_to_optimize=('reward',))

  first, second = unnamed(), unnamed()
  assert first.name != second.name
  assert first.next_trial('a').id == second.next_trial('a').id == 1


def test_algorithm_that_rejects_the_space_leaves_no_study(db_args, open_study,
                                                          name):
  """A failed creation leaves nothing behind: the name can be created afresh."""
  with pytest.raises(ValueError):
    open_study(db_args, algorithm=geno.Random(seed=1),
               metrics_to_optimize=('a', 'b'))
  assert open_study(db_args).next_trial('a').id == 1


def test_joining_adopts_the_study_algorithm(db_args, open_study):
  """A worker joining without an algorithm gets the study's own."""
  open_study(db_args, algorithm=pg.evolution.regularized_evolution(seed=1))
  assert isinstance(open_study(db_args).algorithm, pg.evolution.Evolution)
