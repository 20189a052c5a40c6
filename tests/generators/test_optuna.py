"""Tests for OptunaSampler (skipped without the `optuna` extra)."""
from __future__ import annotations

import pytest

optuna = pytest.importorskip('optuna')

import pyglove as pg  # pylint: disable=g-import-not-at-top,wrong-import-position
from pyglove import generators  # pylint: disable=wrong-import-position
from pyglove import geno  # pylint: disable=wrong-import-position
from pyglove.generators import _optuna  # pylint: disable=wrong-import-position
from tests.generators import spaces  # pylint: disable=wrong-import-position

S, C, F, I = geno.Space, geno.Choices, geno.Float, geno.Int
optuna.logging.set_verbosity(optuna.logging.WARNING)


def _run(algo, spec, num_trials):
  algo.setup(spec)
  proposals = []
  for _ in range(num_trials):
    dna = algo.propose()
    proposals.append(dna)
    algo.feedback(dna, spaces.score(dna))
  return proposals


@pytest.mark.parametrize('name', ['tpe', 'random', 'cmaes', 'qmc', 'nsga2', 'nsga3'])
def test_every_named_sampler_proposes_valid_dna(name):
  """Each named sampler drives the mixed space (conditionals, multi-choices, custom) validly."""
  spec = spaces.mixed_space()
  for dna in _run(generators.OptunaSampler(name, seed=1), spec, 15):
    spec.validate(dna)


def test_a_sampler_object_is_copied_at_setup():
  """Two setups with one sampler object propose the same sequence (the object is not consumed)."""
  algo = generators.OptunaSampler(optuna.samplers.TPESampler(seed=3, n_startup_trials=4), seed=3)
  spec = spaces.mixed_space()
  assert _run(algo, spec, 12) == _run(algo, spec, 12)


def test_same_seed_same_sequence_and_seeds_differ():
  """A named sampler with a seed is deterministic; another seed searches elsewhere."""
  spec = spaces.mixed_space()
  runs = [_run(generators.OptunaSampler('tpe', seed=s), spec, 15) for s in (5, 5, 6)]
  assert runs[0] == runs[1] != runs[2]


def test_conditional_points_are_suggested_only_when_active():
  """A float under an untaken branch never appears among the trial's parameters."""
  spec = S([C(1, [S(), S([F(0.0, 1.0, location='x')])], location='a')])
  algo = generators.OptunaSampler('random', seed=0)
  _run(algo, spec, 20)
  for trial in algo._study.trials:
    assert ('a[=1/2].x' in trial.params) == (trial.params['a'] == 1)


def test_dna_params_suggest_the_same_dna_again():
  """The parameters derived from a DNA, suggested again, rebuild that DNA (sorted ones too)."""
  spec = spaces.mixed_space()
  algo = generators.OptunaSampler('random', seed=2)
  for dna in _run(algo, spec, 10):
    params, distributions = _optuna.dna_params(algo._plan, dna)
    rebuilt = _optuna._Suggester(optuna.trial.FixedTrial(params), __import__('random').Random(0))
    again = _plan_dna(rebuilt.space(algo._plan.root))
    # The custom point (last) is drawn afresh; every other decision is the same.
    assert again.to_numbers()[:-1] == dna.to_numbers()[:-1]
    assert set(distributions) == set(params)


def _plan_dna(children):
  from pyglove.generators import _plan  # pylint: disable=g-import-not-at-top
  return _plan.space_dna(children)


def test_feedback_on_foreign_dna_adds_a_finished_trial():
  """A DNA from elsewhere (a log, another algorithm) becomes a completed Optuna trial."""
  spec = spaces.mixed_space()
  algo = generators.OptunaSampler('tpe', seed=0)
  algo.setup(spec)
  dna = spec.random_dna(__import__('random').Random(0))
  algo.feedback(dna, 2.5)
  trial = algo._study.trials[0]
  assert trial.state == optuna.trial.TrialState.COMPLETE and trial.value == 2.5


def test_recover_then_continue_matches_an_uninterrupted_run():
  """recover(history) replays through Optuna: later proposals equal those of one long run."""
  spec = spaces.mixed_space()
  whole = generators.OptunaSampler('tpe', seed=4, sampler_kwargs={'n_startup_trials': 5})
  history = [(d, spaces.score(d)) for d in _run(whole, spec, 15)]
  expected = [whole.propose() for _ in range(3)]
  resumed = generators.OptunaSampler('tpe', seed=4, sampler_kwargs={'n_startup_trials': 5})
  resumed.setup(spec)
  resumed.recover(history)
  assert [resumed.propose() for _ in range(3)] == expected


def test_json_round_trip_of_a_named_sampler():
  """A sampler given by name serializes with the generator."""
  algo = generators.OptunaSampler('cmaes', seed=1, sampler_kwargs={'n_startup_trials': 3})
  assert pg.from_json(pg.to_json(algo)) == algo


def test_rejects_bad_samplers():
  """Unknown names list the valid ones; kwargs need a name; other objects fail at setup."""
  with pytest.raises(ValueError, match='valid names: cmaes, gp'):
    generators.OptunaSampler('annealing')
  with pytest.raises(ValueError, match='sampler_kwargs apply to a sampler given by name'):
    generators.OptunaSampler(optuna.samplers.RandomSampler(), sampler_kwargs={'seed': 1})
  algo = generators.OptunaSampler(object())
  with pytest.raises(TypeError, match='expects an optuna sampler'):
    algo.setup(spaces.flat_space())


def test_rlog_floats_keep_their_range():
  """'rlog' floats map through a mirrored log float and stay within range."""
  spec = S([F(0.01, 10.0, scale='rlog', location='y')])
  for dna in _run(generators.OptunaSampler('tpe', seed=0), spec, 20):
    assert 0.01 <= dna.value <= 10.0
