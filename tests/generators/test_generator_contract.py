"""The contract every search algorithm honours, run over all of them."""
from __future__ import annotations

import pytest

from pyglove import generators
from pyglove.generators.evolution import recombinators
from pyglove.generators.evolution import selectors
from pyglove.generators.evolution import mutators
from tests.generators import spaces

FACTORIES = {
    'random': lambda seed: generators.Random(seed=seed),
    'regularized_evolution': lambda seed: generators.regularized_evolution(
        population_size=8, tournament_size=3, seed=seed),
    'RegularizedEvolution': lambda seed: generators.RegularizedEvolution(
        population_size=8, tournament_size=3, seed=seed),
    'swap_and_crossover': lambda seed: generators.Evolution(
        selectors.Random(4) >> selectors.Top(2) >> recombinators.Uniform()
        >> (mutators.Uniform() >> mutators.Swap()),
        population_init=6, population_update=selectors.Last(12), seed=seed),
    'kpoint_crossover': lambda seed: generators.Evolution(
        selectors.Random(4) >> selectors.Top(2) >> recombinators.KPoint(2) >> mutators.Uniform(),
        population_init=6, population_update=selectors.Last(12), seed=seed),
    'hill_climb': lambda seed: generators.hill_climb(batch_size=3, seed=seed),
    'nsga2': lambda seed: generators.nsga2(population_size=8, seed=seed),
    'ppo': lambda seed: generators.PPO(batch_size=5, seed=seed),
}


def _reward(algo, dna):
  r = spaces.score(dna)
  return (r, -abs(r - 3.0)) if algo.multi_objective else r


def _run(algo, spec, num_trials, start=0):
  proposals = []
  for _ in range(num_trials):
    dna = algo.propose()
    proposals.append(dna)
    algo.feedback(dna, _reward(algo, dna))
  return proposals


@pytest.fixture(params=sorted(FACTORIES))
def factory(request):
  return FACTORIES[request.param]


@pytest.mark.parametrize('make_space', [spaces.mixed_space, spaces.flat_space, spaces.empty_space])
def test_proposals_validate_against_the_spec(factory, make_space):
  """Every proposal fits the spec (conditionals, multi-choices, floats, ints, custom, none)."""
  spec = make_space()
  algo = factory(1)
  algo.setup(spec)
  for dna in _run(algo, spec, 60):
    spec.validate(dna)
    assert dna.spec is spec


def test_same_seed_same_sequence(factory):
  """Two runs with one seed propose the same DNA sequence under the same feedback."""
  spec = spaces.mixed_space()
  runs = []
  for _ in range(2):
    algo = factory(7)
    algo.setup(spec)
    runs.append(_run(algo, spec, 40))
  assert runs[0] == runs[1]


def test_different_seeds_differ(factory):
  """Seeds matter: two seeds give two different sequences."""
  spec = spaces.mixed_space()
  runs = []
  for seed in (1, 2):
    algo = factory(seed)
    algo.setup(spec)
    runs.append(_run(algo, spec, 20))
  assert runs[0] != runs[1]


def test_recover_then_continue_matches_an_uninterrupted_run(factory):
  """recover(history) rebuilds the state: the next proposals equal those of one long run."""
  spec = spaces.mixed_space()
  whole = factory(3)
  whole.setup(spec)
  history = []
  for i in range(30):
    dna = whole.propose()
    # Some trials never get feedback, as when a worker dies.
    reward = None if i % 7 == 3 else _reward(whole, dna)
    if reward is not None:
      whole.feedback(dna, reward)
    history.append((dna.clone(), reward))
  expected = _run(whole, spec, 15)

  resumed = factory(3)
  resumed.setup(spec)
  resumed.recover(history)
  assert resumed.num_proposals == 30
  assert _run(resumed, spec, 15) == expected


def test_setup_resets_the_state(factory):
  """A second setup starts the same search afresh."""
  spec = spaces.mixed_space()
  algo = factory(5)
  algo.setup(spec)
  first = _run(algo, spec, 25)
  algo.setup(spec)
  assert _run(algo, spec, 25) == first
