"""Generator snapshots: pickles that carry modules by name."""
from __future__ import annotations

import io
import math
import pickle

import pytest

import pyglove as pg
from pyglove import geno
from pyglove.tuning.backends import SqliteBackend
from pyglove.tuning.backends import _snapshot


def test_modules_travel_by_name():
  """A module inside the state comes back as the same module object."""
  state = _snapshot.loads(_snapshot.dumps({'lib': math, 'n': [1, 2]}))
  assert state == {'lib': math, 'n': [1, 2]}


def test_generator_round_trip_keeps_its_state():
  """A restored generator proposes what the original would."""
  spec = geno.Space([geno.Float(0.0, 1.0, location='x')])
  algorithm = geno.Random(seed=4)
  algorithm.setup(spec)
  algorithm.propose()
  restored = _snapshot.loads(_snapshot.dumps(algorithm))
  assert restored.propose() == algorithm.propose()


def test_unknown_reference_raises_value_error():
  """A persistent reference of another kind is refused with ValueError."""

  class Other(pickle.Pickler):

    def persistent_id(self, obj):
      return ('file', 'x') if obj == 'marker' else None

  buffer = io.BytesIO()
  Other(buffer).dump(['marker'])
  with pytest.raises(ValueError, match=r"Unknown persistent reference \('file', 'x'\)"):
    _snapshot.loads(buffer.getvalue())


class _UserRandom(geno.Random):
  """A generator class of the user's own module, outside the library's allowlist."""


def _set_up(algorithm, spec, steps=6):
  algorithm.setup(spec)
  for i in range(steps):
    dna = algorithm.propose()
    if algorithm.needs_feedback:
      algorithm.feedback(dna, (1.0, float(i)) if algorithm.multi_objective else float(i))
  return algorithm


@pytest.mark.parametrize('make', [
    lambda: geno.Random(seed=1),
    lambda: pg.evolution.regularized_evolution(population_size=4, tournament_size=2, seed=1),
    lambda: pg.evolution.hill_climb(seed=1),
    lambda: pg.evolution.nsga2(seed=1),
    lambda: pg.generators.PPO(batch_size=2, seed=1),
    lambda: geno.Deduping(geno.Random(seed=1)),
], ids=['random', 'evolution', 'hill_climb', 'nsga2', 'ppo', 'deduping'])
def test_library_generators_load_without_trust(make):
  """Every built-in generator's running state loads from the allowlist alone and continues alike."""
  spec = pg.dna_spec(pg.Dict(a=pg.oneof([1, 2, 3]), b=pg.floatv(0.0, 1.0),
                             c=pg.manyof(2, [1, 2, 3]), d=pg.intv(1, 5)))
  algorithm = _set_up(make(), spec)
  restored = _snapshot.loads(_snapshot.dumps(algorithm))
  assert restored.propose() == algorithm.propose()


def test_user_generator_class_needs_trust():
  """A class outside the library is refused by name, and loads with trusted=True."""
  spec = geno.Space([geno.Float(0.0, 1.0, location='x')])
  data = _snapshot.dumps(_set_up(_UserRandom(seed=2), spec))
  with pytest.raises(pg.UnsafeLoadError, match=r'names .*_UserRandom.*trusted=True'):
    _snapshot.loads(data)
  assert isinstance(_snapshot.loads(data, trusted=True), _UserRandom)


def test_functions_are_refused_even_from_the_library():
  """A pickle calling a function (here os.system, or a library function) is refused."""
  import os
  with pytest.raises(pg.UnsafeLoadError, match='os.system|posix.system'):
    _snapshot.loads(pickle.dumps(os.system))
  with pytest.raises(pg.UnsafeLoadError, match='pyglove.hyper._iter.random_sample'):
    _snapshot.loads(pickle.dumps(pg.random_sample))


def test_modules_outside_the_allowlist_need_trust():
  """A module reference is imported back only when allowlisted or trusted."""
  import json
  data = _snapshot.dumps({'lib': json})
  with pytest.raises(pg.UnsafeLoadError, match="module 'json'"):
    _snapshot.loads(data)
  assert _snapshot.loads(data, trusted=True)['lib'] is json


def test_sqlite_join_refuses_a_user_generator_unless_trusted(tmp_path):
  """A worker joining a study whose generator is a user class needs trusted=True on the backend."""
  spec = geno.Space([geno.Float(0.0, 1.0, location='x')])
  path = str(tmp_path / 'study.db')
  first = SqliteBackend(path=path).open_study(
      name='s', dna_spec=spec, algorithm=_UserRandom(seed=1),
      early_stopping_policy=None, num_examples=None, metrics_to_optimize=['reward'])
  try:
    with pytest.raises(pg.UnsafeLoadError, match='_UserRandom'):
      joined = SqliteBackend(path=path).open_study(
          name='s', dna_spec=spec, algorithm=None, early_stopping_policy=None,
          num_examples=None, metrics_to_optimize=['reward'])
      joined.next_trial('g')
    trusted = SqliteBackend(path=path, trusted=True).open_study(
        name='s', dna_spec=spec, algorithm=None, early_stopping_policy=None,
        num_examples=None, metrics_to_optimize=['reward'])
    assert trusted.next_trial('g').id == 1
  finally:
    first.close()


def test_early_stopping_policies_load_without_trust():
  """The library's policies, combined, load from the allowlist alone."""
  policy = (pg.early_stopping.early_stop_by_value([(1, 0.5)])
            | pg.early_stopping.early_stop_by_rank([(2, 3, 5)]))
  restored = _snapshot.loads(_snapshot.dumps(policy))
  assert type(restored) is type(policy)
