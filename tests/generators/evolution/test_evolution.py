"""Tests for pyglove.generators.evolution._evolution (the `Evolution` generator)."""
from __future__ import annotations

import pickle

import pytest

import pyglove as pg
from pyglove import geno
from pyglove.generators import evolution as ev
from pyglove.generators.evolution import mutators
from pyglove.generators.evolution import selectors
from tests.generators import spaces

SPEC = spaces.flat_space(num_points=4, num_candidates=3)


def _run(algo, num_trials, reward=lambda dna: float(sum(dna.to_numbers()))):
  proposals = []
  for _ in range(num_trials):
    dna = algo.propose()
    proposals.append(dna)
    algo.feedback(dna, reward(dna))
  return proposals


def _evolution(**kwargs):
  kwargs.setdefault('population_init', 4)
  kwargs.setdefault('seed', 1)
  return ev.Evolution(selectors.Random(2) >> selectors.Top(1) >> mutators.Uniform(), **kwargs)


class TestLifecycle:
  """Initial population, then generations bred from the population."""

  def test_initial_proposals_then_children(self):
    """The first proposals are initial (generation 1); later ones are children."""
    algo = _evolution()
    algo.setup(SPEC)
    dnas = _run(algo, 8)
    assert [ev.is_initial_population(d) for d in dnas] == [True] * 4 + [False] * 4
    assert [ev.get_generation_id(d) for d in dnas] == [1] * 4 + [2, 3, 4, 5]
    assert [ev.base.get_proposal_id(d) for d in dnas] == list(range(1, 9))
    assert [ev.get_feedback_sequence_number(d) for d in dnas] == list(range(1, 9))
    assert algo.num_generations == 5

  def test_initialization_ends_with_feedbacks_not_proposals(self):
    """Until `size` feedbacks arrive, proposals keep coming from the initializer."""
    algo = _evolution(population_init=2)
    algo.setup(SPEC)
    pending = [algo.propose() for _ in range(4)]
    assert all(ev.is_initial_population(d) for d in pending) and algo.num_generations == 0
    for dna in pending[:2]:
      algo.feedback(dna, 1.0)
    assert algo.num_generations == 1
    assert not ev.is_initial_population(algo.propose())

  def test_feedback_records_fitness_and_updates_the_population(self):
    """Each feedback sets the fitness; population_update then trims the population."""
    algo = _evolution(population_update=selectors.Last(3))
    algo.setup(SPEC)
    dnas = _run(algo, 6, reward=lambda dna: 2.0)
    assert all(ev.get_fitness(d) == 2.0 for d in dnas)
    assert algo.population == dnas[-3:]
    keep_all = _evolution()
    keep_all.setup(SPEC)
    dnas = _run(keep_all, 6)
    assert keep_all.population == dnas

  def test_children_are_queued_and_handed_out_in_order(self):
    """A reproduction with several children hands them out one per proposal."""
    algo = ev.Evolution(selectors.Top(1) >> mutators.Uniform() * 3, population_init=1, seed=1)
    algo.setup(SPEC)
    _run(algo, 1)
    batch = [algo.propose() for _ in range(3)]
    assert [ev.get_generation_id(d) for d in batch] == [2, 2, 2]
    assert algo.num_generations == 2

  def test_population_members_proposed_again_are_copies(self):
    """A reproduction returning population members proposes fresh copies of them."""
    algo = ev.Evolution(selectors.Top(1) * 2, population_init=1, seed=1)
    algo.setup(SPEC)
    [parent] = _run(algo, 1)
    first, second = algo.propose(), algo.propose()
    assert first == parent and first is not parent and second is not first
    assert ev.get_feedback_sequence_number(first) is None and 'reward' not in first.metadata
    assert ev.get_fitness(parent) == float(sum(parent.to_numbers()))

  def test_reproduction_sees_the_state_and_step(self):
    """Operations get the global state (with num_generations) and the proposal count."""
    seen = []

    def spy(population, global_state, step):
      seen.append((len(population), global_state.num_generations, step))
      return population[:1]

    algo = ev.Evolution(spy, population_init=2, seed=1)
    algo.setup(SPEC)
    _run(algo, 4)
    assert seen == [(2, 1, 2), (3, 2, 3)]

  def test_no_child_raises_value_error(self):
    """A reproduction returning nothing raises ValueError explaining why."""
    algo = ev.Evolution(lambda xs: [], population_init=1, seed=1)
    algo.setup(SPEC)
    _run(algo, 1)
    with pytest.raises(ValueError, match=r'returned no child from a population of 1'):
      algo.propose()


class TestPopulationInit:
  """population_init: a size, a (generator, size) pair, or a generator."""

  def test_a_generator_and_size(self):
    """(generator, n) takes the initial proposals from a private copy of the generator."""
    sweep = geno.Sweeping()
    algo = ev.Evolution(selectors.Top(1) >> mutators.Uniform(), population_init=(sweep, 3), seed=1)
    algo.setup(SPEC)
    assert _run(algo, 5)[:3] == [geno.DNA([0, 0, 0, 0]), geno.DNA([0, 0, 0, 1]),
                                 geno.DNA([0, 0, 0, 2])]
    assert sweep.num_proposals == 0 and sweep.dna_spec is None
    twin = algo.clone()
    twin.setup(SPEC)
    assert _run(twin, 3) == [geno.DNA([0, 0, 0, 0]), geno.DNA([0, 0, 0, 1]),
                             geno.DNA([0, 0, 0, 2])]

  def test_a_generator_alone_runs_until_exhausted(self):
    """A bare generator is used until it raises StopIteration."""
    spec = spaces.flat_space(num_points=1, num_candidates=3)
    algo = ev.Evolution(selectors.Top(1) >> mutators.Uniform(), population_init=geno.Sweeping(), seed=1)
    algo.setup(spec)
    dnas = _run(algo, 5)
    assert [ev.is_initial_population(d) for d in dnas] == [True] * 3 + [False] * 2
    assert algo.num_generations == 3

  def test_an_unseeded_initializer_follows_the_evolutions_seed(self):
    """(pg.geno.Random(), n) in a seeded evolution runs as a copy seeded from it."""
    runs = []
    for _ in range(2):
      init = geno.Random()
      algo = ev.Evolution(selectors.Top(1) >> mutators.Uniform(),
                          population_init=(init, 3), seed=5)
      algo.setup(SPEC)
      runs.append(_run(algo, 3))
      assert init.num_proposals == 0 and init.seed is None
    assert runs[0] == runs[1]

  @pytest.mark.parametrize('value, error, message', [
      (0, ValueError, r'out of range'),
      ((geno.Random(), 0), ValueError, r'out of range'),
      ('many', TypeError, r'path=population_init'),
  ])
  def test_bad_values_are_rejected(self, value, error, message):
    """population_init is checked on construction with its path."""
    with pytest.raises(error, match=message):
      _evolution(population_init=value)

  def test_a_learning_initializer_must_match_multi_objective(self):
    """An initializer needing single-objective feedback cannot serve NSGA-style search."""
    with pytest.raises(ValueError, match=r'learns from rewards but is not multi-objective'):
      algo = _evolution(population_init=(pg.generators.PPO(seed=1), 2), multi_objective=True)
      algo.setup(SPEC)


class TestDeterminism:
  """Seeds, recovery, clones and pickles."""

  def test_unseeded_operations_draw_from_the_evolution_seed(self):
    """Two evolutions with one seed propose alike; another seed differs."""
    def run(seed):
      algo = _evolution(seed=seed, population_update=selectors.Last(4))
      algo.setup(SPEC)
      return _run(algo, 30)
    assert run(1) == run(1) and run(1) != run(2)

  def test_the_user_operations_are_not_changed(self):
    """Running an evolution leaves the random state of its operations' standalone use alone."""
    mutate = mutators.Uniform(seed=3)
    algo = ev.Evolution(selectors.Top(1) >> mutate, population_init=2, seed=1)
    algo.setup(SPEC)
    _run(algo, 10)
    parent = SPEC.first_dna()
    assert mutators.Uniform(seed=3).mutate(parent) == algo.reproduction.ops[1].mutate(parent)

  def test_recover_fills_lost_metadata(self):
    """A history whose DNA lost their metadata gets the proposal metadata back."""
    algo = _evolution()
    algo.setup(SPEC)
    history = [(geno.DNA(d.to_literal()), float(sum(d.to_numbers()))) for d in _run(algo, 6)]
    resumed = _evolution()
    resumed.setup(SPEC)
    resumed.recover(history)
    assert [ev.get_generation_id(d) for d, _ in history] == [1, 1, 1, 1, 2, 3]
    assert resumed.num_generations == algo.num_generations
    assert _run(resumed, 5) == _run(algo, 5)

  def test_pickle_and_json(self):
    """A running evolution pickles with its state; JSON keeps its hyper-parameters."""
    algo = _evolution(population_update=selectors.Last(3))
    algo.setup(SPEC)
    _run(algo, 7)
    restored = pickle.loads(pickle.dumps(algo))
    assert _run(restored, 5) == _run(algo, 5)
    assert pg.from_json(pg.to_json(algo)) == algo


def test_properties_before_setup():
  """Before setup the population is empty, there is no generation, the state is read-only."""
  algo = _evolution()
  assert algo.population == [] and algo.num_generations == 0
  with pytest.raises(TypeError):
    algo.global_state['x'] = 1


def test_reference_argument_order():
  """reproduction, population_init, population_update are positional, as in the reference."""
  update = selectors.Last(2)
  algo = ev.Evolution(selectors.Top(1), (geno.Random(), 3), update)
  assert algo.population_init == (geno.Random(), 3) and algo.population_update == update
  assert algo.multi_objective is False


def test_printed_form_leaves_out_an_unset_seed():
  """An unseeded evolution prints the reference's fields only; a seed shows."""
  algo = ev.Evolution(selectors.Top(1), (geno.Random(), 3), selectors.Last(3))
  assert repr(algo) == (
      'Evolution(reproduction=Top(n=1, key=None, cluster=False), '
      'population_init=(Random(seed=None), 3), population_update=Last(n=3), '
      'multi_objective=False)')
  assert 'seed' not in str(algo).split('population_update')[1]
  seeded = algo.clone(override={'seed': 7})
  assert repr(seeded).endswith('multi_objective=False, seed=7)')
  assert str(seeded).rstrip().endswith('seed = 7\n)')
  assert pg.to_json(algo)['seed'] is None


def test_docstring_examples(run_doctests):
  """The module's examples run."""
  run_doctests('pyglove.generators.evolution._evolution')
