"""Tests for pyglove.generators.evolution._nsga2 (pg.evolution.nsga2_lib)."""
from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st
import pytest

from pyglove import geno
from pyglove.generators import evolution as ev
from tests.generators import spaces
from tests.generators.evolution.conftest import fit

lib = ev.nsga2_lib
_fitness = st.tuples(st.integers(0, 4), st.integers(0, 4))


@given(_fitness, _fitness)
def test_dominates_is_a_strict_partial_order(a, b):
  """Never both ways; never reflexive; exactly 'no worse anywhere and better somewhere'."""
  assert not (lib.dominates(a, b) and lib.dominates(b, a))
  assert not lib.dominates(a, a)
  assert lib.dominates(a, b) == (all(x >= y for x, y in zip(a, b)) and a != b)


def test_dominates_needs_equal_lengths():
  """Different numbers of objectives raise ValueError."""
  with pytest.raises(ValueError, match=r'different numbers of objectives: \(1, 2\) and \(1,\)'):
    lib.dominates((1, 2), (1,))


@given(st.lists(_fitness, max_size=12))
def test_nondominated_sort_gives_ordered_fronts(fitnesses):
  """Fronts partition the inputs; none is dominated within its front or by a later one."""
  dnas = [fit(i, f) for i, f in enumerate(fitnesses)]
  fronts = lib.nondominated_sort()(dnas)
  assert sorted(id(d) for front in fronts for d in front) == sorted(id(d) for d in dnas)
  for i, front in enumerate(fronts):
    for d in front:
      for later in fronts[i:]:
        assert not any(lib.dominates(ev.get_fitness(o), ev.get_fitness(d)) for o in later)
      if i:
        assert any(lib.dominates(ev.get_fitness(o), ev.get_fitness(d)) for o in fronts[i - 1])


def test_crowding_distance_puts_extremes_first():
  """The extremes of each objective come first, then the most isolated."""
  front = [fit(i, f) for i, f in enumerate([(0, 4), (1, 3), (3, 1), (4, 0), (2, 2)])]
  ordered = lib.crowding_distance_sort()(front)
  assert {d.value for d in ordered[:2]} == {0, 3}
  assert lib.crowding_distance_sort()(front[:2]) == front[:2]


def test_next_elite_cycles_through_the_elites():
  """Elites are handed out round robin; none yet raises KeyError."""
  state = geno.AttributeDict(elites=['a', 'b'], elite_cursor=0)
  picks = [lib.next_elite()([], global_state=state)[0] for _ in range(3)]
  assert picks == ['a', 'b', 'a']
  with pytest.raises(KeyError, match=r'NSGA-II has no elites in the global state yet'):
    lib.next_elite()([], global_state=geno.AttributeDict())


def test_nsga2_evolves_a_pareto_front():
  """Elites are recomputed every population_size feedbacks and improve over time."""
  spec = spaces.flat_space(num_points=6, num_candidates=4)
  algo = ev.nsga2(population_size=6, seed=1)
  assert algo.multi_objective and algo.population_init == (geno.Random(), 12)
  algo.setup(spec)

  def reward(dna):
    values = dna.to_numbers()
    return (float(sum(values[:3])), float(sum(values[3:])))

  for _ in range(120):
    dna = algo.propose()
    algo.feedback(dna, reward(dna))
  elites = algo.global_state['elites']
  assert len(elites) == 6
  assert sum(sum(ev.get_fitness(e)) for e in elites) / 6 > 9.0
  assert len(algo.population) < 6


def test_at_least():
  """The update predicate counts items."""
  assert lib.AtLeast(2)([1, 2]) and not lib.AtLeast(3)([1, 2])


def test_bad_population_size():
  """population_size below 1 raises ValueError."""
  with pytest.raises(ValueError, match=r'`population_size` must be at least 1; got 0\.'):
    ev.nsga2(population_size=0)


def test_docstring_examples(run_doctests):
  """The module's examples run."""
  run_doctests('pyglove.generators.evolution._nsga2')


def test_it_is_deterministic_with_a_seed():
  """One seed, one sequence of proposals."""
  spec = spaces.flat_space()
  runs = []
  for _ in range(2):
    algo = ev.nsga2(population_size=4, seed=3)
    algo.setup(spec)
    rng = random.Random(0)
    dnas = []
    for _ in range(30):
      dna = algo.propose()
      algo.feedback(dna, (rng.random(), rng.random()))
      dnas.append(dna)
    runs.append(dnas)
  assert runs[0] == runs[1]
