"""Tests for the `Evolution` generator."""
from __future__ import annotations

import pytest

from pyglove import geno
from pyglove.generators.evolution import _evolution
from pyglove.generators.evolution import get_fitness
from pyglove.generators.evolution import mutators
from pyglove.generators.evolution import selectors
from tests.generators import spaces


def _evolution_of(init=3, update=None, reproduction=None):
  reproduction = reproduction or (selectors.Top(1) >> mutators.Uniform())
  return _evolution.Evolution(reproduction, population_init=init, population_update=update, seed=1)


def test_first_proposals_are_random_then_children_of_the_population():
  """The first population_init proposals are random; later ones mutate the best."""
  spec = spaces.flat_space(num_points=6, num_candidates=5)
  algo = _evolution_of(init=3)
  algo.setup(spec)
  initial = [algo.propose() for _ in range(3)]
  for i, dna in enumerate(initial):
    algo.feedback(dna, float(i))
  child = algo.propose()
  # One decision differs from the best member (reward 2).
  diffs = sum(a != b for a, b in zip(child.to_numbers(), initial[2].to_numbers()))
  assert diffs == 1


def test_feedback_records_fitness_and_grows_the_population():
  """Without an update policy the population keeps every evaluated DNA, oldest first."""
  spec = spaces.flat_space()
  algo = _evolution_of(init=2)
  algo.setup(spec)
  dnas = [algo.propose() for _ in range(4)]
  for i, dna in enumerate(dnas):
    algo.feedback(dna, float(i))
  assert algo.population == dnas
  assert [get_fitness(d) for d in algo.population] == [0.0, 1.0, 2.0, 3.0]


def test_population_update_applies_after_each_feedback():
  """`population_update=Last(n)` keeps the n youngest (aging)."""
  spec = spaces.flat_space()
  algo = _evolution_of(init=2, update=selectors.Last(2))
  algo.setup(spec)
  dnas = [algo.propose() for _ in range(4)]
  for i, dna in enumerate(dnas):
    algo.feedback(dna, float(-i))
  assert algo.population == dnas[2:]


def test_random_proposals_while_the_initial_population_is_pending():
  """Before any feedback, proposals beyond the initial ones stay random and valid."""
  spec = spaces.mixed_space()
  algo = _evolution_of(init=2)
  algo.setup(spec)
  for _ in range(5):
    spec.validate(algo.propose())


def test_children_are_queued_and_handed_out_in_order():
  """A reproduction that yields several children hands them out one per proposal."""
  spec = spaces.flat_space()
  algo = _evolution_of(init=1, reproduction=selectors.Top(1) >> mutators.Uniform() * 3)
  algo.setup(spec)
  first = algo.propose()
  algo.feedback(first, 1.0)
  children = [algo.propose() for _ in range(3)]
  assert all(sum(a != b for a, b in zip(c.to_numbers(), first.to_numbers())) == 1
             for c in children)


def test_empty_reproduction_falls_back_to_random():
  """If reproduction yields nothing, the proposal is a random DNA."""
  spec = spaces.flat_space()
  algo = _evolution_of(init=1, reproduction=lambda xs, state: [])
  algo.setup(spec)
  algo.feedback(algo.propose(), 1.0)
  spec.validate(algo.propose())


def test_initial_population_from_another_generator():
  """population_init=(generator, n) takes the first n proposals from that generator."""
  spec = spaces.flat_space()
  sweeping = geno.Sweeping()
  algo = _evolution.Evolution(selectors.Top(1) >> mutators.Uniform(),
                              population_init=(sweeping, 2), seed=0)
  algo.setup(spec)
  assert algo.propose() == spec.first_dna()
  assert algo.propose() == spec.next_dna(spec.first_dna())


@pytest.mark.parametrize('value, error, message', [
    (0, ValueError, r'Value 0 is out of range \(min=1, max=None\)\. \(path=population_init\)'),
    (-2, ValueError, r'Value -2 is out of range'),
    ('x', TypeError, r"Expected one of .* but got 'x' \(str\)\. \(path=population_init\)"),
    ((geno.Random(), 0), ValueError, r'Value 0 is out of range .*\(path=population_init\[1\]\)'),
    ((1, 2), TypeError, r'Expected DNAGenerator but got 1 \(int\)\. \(path=population_init\[0\]\)'),
])
def test_population_init_rejects_bad_values(value, error, message):
  """population_init is a positive count or a (DNAGenerator, count) pair."""
  with pytest.raises(error, match=message):
    _evolution.Evolution(selectors.Top(1), population_init=value)


def test_reproduction_must_be_an_operation():
  """A non-callable reproduction is a type error."""
  with pytest.raises(TypeError, match='An evolutionary operation or a callable is expected'):
    _evolution.Evolution(42)


def test_state_step_counts_feedbacks():
  """Operations see the number of feedbacks so far as `state.step`."""
  seen = []

  def spy(xs, state):
    seen.append(state.step)
    return xs[:1]

  spec = spaces.flat_space()
  algo = _evolution_of(init=1, reproduction=selectors.Top(1) >> spy >> mutators.Uniform())
  algo.setup(spec)
  for i in range(3):
    algo.feedback(algo.propose(), float(i))
  assert seen == [1, 2]


def test_population_is_empty_before_setup():
  """An evolution that has not been set up has an empty population."""
  assert _evolution_of().population == []


def test_initial_generator_is_copied_not_set_up():
  """The (generator, n) of population_init is a hyper-parameter: Evolution sets up its own copy."""
  spec = spaces.flat_space()
  sweeping = geno.Sweeping()
  algo = _evolution.Evolution(selectors.Top(1) >> mutators.Uniform(),
                              population_init=(sweeping, 2), seed=0)
  algo.setup(spec)
  algo.propose()
  assert sweeping.dna_spec is None and sweeping.num_proposals == 0
