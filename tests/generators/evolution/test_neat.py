"""Tests for pyglove.generators.evolution._neat (pg.evolution.neat_lib)."""
from __future__ import annotations

import pytest

import pyglove as pg
from pyglove import geno
from pyglove.generators import evolution as ev
from tests.generators import spaces
from tests.generators.evolution.conftest import fit

lib = ev.neat_lib


def test_species_members_and_representative():
  """The first member represents the species; clear keeps the representative."""
  species = lib.Species(1)
  with pytest.raises(ValueError, match=r'Species 1 has no member yet, hence no representative\.'):
    _ = species.representative
  a, b = geno.DNA(0), geno.DNA(1)
  species.add(a)
  species.add(b)
  assert species.representative is a and species.members == [a, b] and len(species) == 2
  species.clear()
  assert len(species) == 0 and species.representative is a
  assert repr(species) == 'Species(id=1, members=0)'


def test_species_are_generator_state():
  """Species write as generator state, sharing their DNA with the rest of the state."""
  from pyglove.geno import _state_json  # pylint: disable=g-import-not-at-top
  a = geno.DNA(0)
  species = lib.Species(3, a, [a, geno.DNA(1)])
  state = _state_json.loads(_state_json.dumps({'species': species, 'population': [a]}))
  assert state['species'] == species
  assert state['species'].representative is state['population'][0]


def test_compatibility_distance():
  """Distance counts differing and disjoint decisions over the larger DNA's size."""
  distance = lib.compatibility_distance(disjoint_coefficient=1.0, matching_coefficient=3.0)
  assert distance(geno.DNA([0, 1]), geno.DNA([0, 1])) == 0.0
  assert distance(geno.DNA([0, 1]), geno.DNA([0, 2])) == 1.5
  assert distance(geno.DNA([(0, 1, 2), 1]), geno.DNA([1, 1])) == (1.0 * 2 + 3.0 * 1) / 4
  assert distance(geno.DNA(None, []), geno.DNA(None, [])) == 0.0


def test_speciate_groups_close_dna_and_keeps_assignments():
  """Close DNA share a species; a DNA keeps its species; empty species die."""
  state = geno.AttributeDict()
  distance = lib.compatibility_distance(disjoint_coefficient=1.0, matching_coefficient=1.0)
  speciate = lib.speciate(distance=distance, distance_threshold=0.3)
  a, b, c = geno.DNA([0, 0, 0, 0]), geno.DNA([0, 0, 0, 1]), geno.DNA([3, 3, 3, 3])
  assert speciate([a, b, c], global_state=state) == [a, b, c]
  assert [len(s) for s in state.living_species] == [2, 1]
  assert a.metadata['species'] == b.metadata['species'] != c.metadata['species']
  speciate([c], global_state=state)
  assert [s.members for s in state.living_species] == [[c]] and state.num_species == 2


def test_scaled_average_fitness():
  """Each species scores its average fitness above the worst member."""
  a, b = lib.Species(1), lib.Species(2)
  a.add(fit(0, 1.0))
  a.add(fit(1, 3.0))
  b.add(fit(2, 5.0))
  assert lib.scaled_average_fitness()([a, b], step=0) == [1.0, 4.0]


def test_species_members_operation():
  """SpeciesMembers outputs a species' members."""
  species = lib.Species(1)
  species.add(geno.DNA(0))
  assert lib.SpeciesMembers()(species) == [geno.DNA(0)]


def test_neat_runs_generation_by_generation():
  """NEAT proposes valid DNA, keeps the latest generation and tracks species."""
  spec = spaces.flat_space(num_points=5, num_candidates=3)
  algo = ev.neat(population_size=6, seed=1)
  assert ev.neat is lib.neat
  algo.setup(spec)
  for _ in range(30):
    dna = algo.propose()
    spec.validate(dna)
    algo.feedback(dna, float(sum(dna.to_numbers())))
  generations = {ev.get_generation_id(d) for d in algo.population}
  assert len(generations) == 1
  assert algo.global_state['living_species']


def test_neat_is_deterministic_and_serializable():
  """One seed, one run; its hyper-parameters round-trip JSON."""
  spec = spaces.flat_space(num_points=4)
  runs = []
  for _ in range(2):
    algo = ev.neat(population_size=4, seed=2)
    algo.setup(spec)
    dnas = []
    for _ in range(20):
      dna = algo.propose()
      algo.feedback(dna, float(dna.to_numbers()[0]))
      dnas.append(dna)
    runs.append(dnas)
  assert runs[0] == runs[1]
  assert pg.from_json(pg.to_json(ev.neat(population_size=4, seed=2))) == ev.neat(population_size=4, seed=2)


@pytest.mark.parametrize('kwargs, error, message', [
    (dict(population_size=0), ValueError, r'`population_size` must be at least 1'),
    (dict(remaining_ratio=0.0), ValueError, r'`remaining_ratio` must be in \(0, 1\]; got 0\.0\.'),
])
def test_bad_arguments(kwargs, error, message):
  """Sizes and ratios are checked."""
  with pytest.raises(error, match=message):
    ev.neat(**kwargs)


def test_docstring_examples(run_doctests):
  """The module's examples run."""
  run_doctests('pyglove.generators.evolution._neat')
