"""Tests of the backend registry and the helpers every backend shares."""
from __future__ import annotations

import importlib

import pytest

from pyglove import geno
from pyglove.tuning import Backend
from pyglove.tuning import add_backend
from pyglove.tuning import early_stopping
from pyglove.tuning import registered_backends
from pyglove.tuning import sample
from pyglove.tuning._backend import create_backend
from pyglove.tuning._backend import prepare_algorithm
from pyglove.tuning._in_memory import InMemoryBackend


def test_in_memory_is_registered_and_the_default():
  """'in-memory' is registered, and None selects it."""
  assert 'in-memory' in registered_backends()
  assert isinstance(create_backend(None), InMemoryBackend)


def test_add_backend_registers_a_class_for_pg_sample(spec):
  """A decorated Backend subclass is usable by name from pg.sample."""
  opened = []

  @add_backend('test-recording')
  class Recording(InMemoryBackend):

    def __init__(self, tag):
      self.tag = tag

    def open_study(self, **kwargs):
      opened.append(self.tag)
      return super().open_study(**kwargs)

  assert 'test-recording' in registered_backends()
  for _, feedback in sample(spec, num_examples=1, backend='test-recording',
                            tag='t1'):
    feedback(1.0)
  assert opened == ['t1']
  assert issubclass(Recording, Backend)


def test_add_backend_rejects_a_non_backend():
  """Decorating anything but a Backend subclass is a TypeError."""
  with pytest.raises(TypeError, match=r"add_backend\('bad'\) decorates a "
                     'pg.tuning.Backend subclass'):
    add_backend('bad')(dict)


def test_create_backend_with_an_unknown_name_lists_the_valid_ones():
  """An unknown backend name is a ValueError listing the registered ones."""
  with pytest.raises(ValueError, match="Unknown backend 'x'; registered backends: .*in-memory"):
    create_backend('x')


def test_create_backend_with_unexpected_keywords_is_a_type_error():
  """A keyword the backend does not take raises TypeError naming it and what it takes."""
  with pytest.raises(TypeError, match=r"unexpected keyword argument 'path'.*"
                     r"backend 'in-memory' takes no keywords"):
    create_backend('in-memory', path='/tmp/x')


def test_prepare_algorithm_defaults_to_random(spec):
  """None becomes a pg.geno.Random set up on the spec."""
  algorithm = prepare_algorithm(None, spec, ['reward'])
  assert isinstance(algorithm, geno.Random) and algorithm.dna_spec == spec


def test_prepare_algorithm_continues_on_an_equal_spec(spec, recorder):
  """An algorithm set up on an equal spec keeps its state."""
  recorder.setup(spec)
  recorder.propose()
  assert prepare_algorithm(recorder, spec, ['reward']).num_proposals == 1


def test_prepare_algorithm_rejects_several_metrics_for_one_objective(spec):
  """Several metrics for a single-objective algorithm is a ValueError, before setup."""
  algorithm = geno.Random()
  with pytest.raises(ValueError, match=r"metrics_to_optimize=\['a', 'b'\] has 2"):
    prepare_algorithm(algorithm, spec, ['a', 'b'])
  assert algorithm.dna_spec is None


@pytest.mark.parametrize('kwargs, what', [
    (dict(metrics_to_optimize=['acc']), 'metrics_to_optimize'),
    (dict(num_examples=7), 'num_examples'),
    (dict(algorithm=geno.Sweeping()), 'algorithm'),
    (dict(early_stopping_policy=early_stopping.early_stop_by_value([(1, 0.0)])()),
     'early_stopping_policy'),
])
def test_joining_with_contradicting_settings_is_a_value_error(
    discrete_spec, study_name, kwargs, what):
  """A join whose settings contradict the study's raises ValueError naming the setting."""
  sample(discrete_spec, geno.Random(), num_examples=5, name=study_name,
         early_stopping_policy=early_stopping.early_stop_by_rank([(1, 2, 3)])())
  with pytest.raises(ValueError, match=f"Cannot join study '{study_name}': its {what} is"):
    sample(discrete_spec, name=study_name, **kwargs)


def test_joining_with_unset_settings_accepts_the_studys(discrete_spec, study_name):
  """A join that leaves algorithm, policy and num_examples unset is accepted."""
  sample(discrete_spec, geno.Random(seed=3), num_examples=5, name=study_name)
  study = InMemoryBackend._studies[study_name]
  assert InMemoryBackend().open_study(
      name=study_name, dna_spec=discrete_spec, algorithm=None,
      early_stopping_policy=None, num_examples=None,
      metrics_to_optimize=['reward']) is study


def test_docstring_examples_run(run_doctests):
  """The module's docstring examples run as written."""
  run_doctests(importlib.import_module('pyglove.tuning._backend'))
