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
    'permutation_and_numeric_crossovers': lambda seed: generators.Evolution(
        selectors.Random(4) >> selectors.Top(2)
        >> (recombinators.PartiallyMapped() | recombinators.Average())
        >> mutators.Uniform().with_prob(0.5),
        population_init=6, population_update=selectors.Last(12), seed=seed),
    'hill_climb': lambda seed: generators.hill_climb(batch_size=3, seed=seed),
    'neat': lambda seed: generators.evolution.neat(population_size=6, seed=seed),
    'nsga2': lambda seed: generators.nsga2(population_size=8, seed=seed),
    'ppo': lambda seed: generators.PPO(batch_size=5, seed=seed),
    'tpe': lambda seed: generators.TPE(num_startup=5, seed=seed),
    'tpe_independent': lambda seed: generators.TPE(num_startup=5, multivariate=False, seed=seed),
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


def _runtime_state(algo):
  """The instance attributes that are neither fields nor symbolic bookkeeping."""
  fields = set(algo.sym_init_args)
  return {k: v for k, v in vars(algo).items()
          if k not in fields and not k.startswith('_sym_')}


@pytest.mark.parametrize('deep', [False, True])
def test_clone_is_an_equal_fresh_generator_sharing_no_state(factory, deep):
  """A clone of a running generator is equal, un-set-up, and runs its own search."""
  spec = spaces.mixed_space()
  algo = factory(11)
  algo.setup(spec)
  first = _run(algo, spec, 12)
  copy = algo.clone(deep=deep)
  assert copy == algo and hash(copy) == hash(algo)
  assert _runtime_state(copy) == {} and copy.num_proposals == 0
  copy.setup(spec)
  # Only the spec both were given may be shared.
  shared = {k for k, v in _runtime_state(copy).items()
            if type(v) not in (int, float, bool, type(None)) and v is not spec
            and _runtime_state(algo).get(k) is v}
  assert not shared
  assert _run(copy, spec, 12) == first
  uninterrupted = factory(11)
  uninterrupted.setup(spec)
  _run(uninterrupted, spec, 12)
  assert _run(algo, spec, 8) == _run(uninterrupted, spec, 8)


def test_json_round_trip_gives_an_equal_generator(factory):
  """pg.to_json/pg.from_json keep the hyper-parameters (the search restarts)."""
  import pyglove as pg  # pylint: disable=g-import-not-at-top
  algo = factory(4)
  algo.setup(spaces.mixed_space())
  _run(algo, algo.dna_spec, 3)
  restored = pg.from_json(pg.to_json(algo))
  assert restored == algo and type(restored) is type(algo)
  assert restored.num_proposals == 0


def test_rebind_seed_gives_the_other_seeds_search(factory):
  """rebind(seed=...) of a running generator equals a fresh one with that seed."""
  spec = spaces.mixed_space()
  algo = factory(1)
  algo.setup(spec)
  _run(algo, spec, 5)
  algo.rebind(seed=2)
  expected = factory(2)
  assert algo == expected and algo.dna_spec is None
  algo.setup(spec)
  expected.setup(spec)
  assert _run(algo, spec, 20) == _run(expected, spec, 20)


def test_str_names_the_class_and_the_seed(factory):
  """str() is readable: the class name and its hyper-parameters."""
  text = repr(factory(3))
  assert text.startswith(type(factory(3)).__name__ + '(') and 'seed=3' in text
  assert 'seed = 3' in str(factory(3))


@pytest.mark.parametrize('make_space', [spaces.mixed_space, spaces.flat_space])
def test_json_state_keeps_the_running_state(factory, make_space):
  """A running generator written as JSON state continues exactly like the original."""
  from pyglove.geno import _state_json  # pylint: disable=g-import-not-at-top
  spec = make_space()
  algo = factory(6)
  algo.setup(spec)
  _run(algo, spec, 20)
  pending = algo.propose()  # Proposed, no feedback yet: kept as it is.
  text = _state_json.dumps({'algorithm': algo, 'pending': pending}, spec=spec)
  state = _state_json.loads(text, spec=spec)
  restored = state['algorithm']
  assert restored == algo and type(restored) is type(algo)
  assert restored.num_proposals == 21 and restored.dna_spec is spec
  assert state['pending'] == pending and state['pending'].spec is spec
  # Written again, the restored state reads the same.
  assert _state_json.dumps(state, spec=spec) == text
  for original, copy in ((algo, restored), ):
    original.feedback(pending, _reward(original, pending))
    copy.feedback(state['pending'], _reward(copy, state['pending']))
  assert _run(restored, spec, 15) == _run(algo, spec, 15)


def test_json_state_of_a_fresh_generator(factory):
  """An un-set-up generator round-trips too, and stays un-set-up."""
  from pyglove.geno import _state_json  # pylint: disable=g-import-not-at-top
  restored = _state_json.loads(_state_json.dumps(factory(2)))
  assert restored == factory(2) and restored.dna_spec is None
