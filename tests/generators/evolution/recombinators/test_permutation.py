"""Tests for pyglove.generators.evolution.recombinators._permutation."""
from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st
import pytest

from pyglove import geno
from pyglove.generators.evolution import recombinators

S, C, I = geno.Space, geno.Choices, geno.Int

_orders = st.integers(2, 8).flatmap(
    lambda n: st.tuples(st.permutations(range(n)), st.permutations(range(n))))


def _parents(spec, *literals):
  return [geno.DNA(lit).use_spec(spec) for lit in literals]


def _is_permutation(order, n):
  return sorted(order) == list(range(n))


@given(_orders, st.data())
def test_pmx_and_ox_give_permutations_with_the_other_parents_segment(orders, data):
  """PMX and OX children are permutations holding the other parent's segment."""
  first, second = [list(o) for o in orders]
  n = len(first)
  start = data.draw(st.integers(0, n - 1))
  end = data.draw(st.integers(start + 1, n))
  for children in (recombinators.PartiallyMapped().partially_mapped_crossover([first, second], start, end),
                   recombinators.Order().order_crossover([first, second], start, end)):
    assert all(_is_permutation(c, n) for c in children)
    assert children[0][start:end] == second[start:end]
    assert children[1][start:end] == first[start:end]


@given(_orders, st.integers(0, 10 ** 6))
def test_cx_keeps_every_value_at_a_parents_position(orders, seed):
  """Cycle crossover children are complementary permutations, position-wise from a parent."""
  first, second = [list(o) for o in orders]
  a, b = recombinators.Cycle(seed=seed).cycle_crossover([first, second])
  assert _is_permutation(a, len(first)) and _is_permutation(b, len(first))
  for i in range(len(first)):
    assert {a[i], b[i]} == {first[i], second[i]}


def test_recombination_reorders_the_permutation_point_with_sub_spaces():
  """Each parent gets each crossed order; subchoices move with their sub-trees."""
  spec = S([I(0, 9, location='n'),
            C(3, [S([I(0, 9, location='k')]), S(), S()], location='p')])
  parents = _parents(spec, [4, [(0, 7), 1, 2]], [5, [2, 1, (0, 3)]])
  children = recombinators.PartiallyMapped(seed=1)(parents)
  assert 1 <= len(children) <= 4 and len(set(children)) == len(children)
  for child in children:
    spec.validate(child)
    assert child.children[0].value in (4, 5)
    sub = [c for c in child.children[1].children if c.value == 0][0]
    assert sub.children[0].value == (7 if child.children[0].value == 4 else 3)


@given(st.integers(0, 10 ** 6))
def test_same_seed_same_children(seed):
  """Two permutation crossovers with one seed give the same children."""
  spec = S([C(5, [S() for _ in range(5)], location='p')])
  rng = random.Random(seed)
  parents = _parents(spec, rng.sample(range(5), 5), rng.sample(range(5), 5))
  for cls in (recombinators.PartiallyMapped, recombinators.Order, recombinators.Cycle):
    assert cls(seed=seed)(parents) == cls(seed=seed)(parents)


def test_without_a_common_permutation_point_the_parents_come_back():
  """Parents reaching their permutations through different choices are returned as is."""
  spec = S([C(1, [S([C(2, [S(), S()], location='p')]), S([C(2, [S(), S()], location='q')])],
              location='a')])
  parents = [geno.DNA(0, [geno.DNA(None, [0, 1])]).use_spec(spec),
             geno.DNA(1, [geno.DNA(None, [1, 0])]).use_spec(spec)]
  assert recombinators.Order(seed=1)(parents) == parents


def test_where_chooses_the_points():
  """where selects which permutation points cross; the default picks one."""
  spec = S([C(3, [S() for _ in range(3)], location='p'),
            C(3, [S() for _ in range(3)], location='q')])
  parents = _parents(spec, [[0, 1, 2], [0, 1, 2]], [[2, 1, 0], [2, 1, 0]])
  only_q = recombinators.Order(where=lambda points: points[1:], seed=1)
  for child in only_q(parents):
    assert child.children[0] in (geno.DNA([0, 1, 2]), geno.DNA([2, 1, 0]))
  for seed in range(10):
    # The default `where.ANY` crosses one point: each child keeps the other.
    for child in recombinators.PartiallyMapped(seed=seed)(parents):
      assert any(child.children[0] == p.children[0] or child.children[1] == p.children[1]
                 for p in parents)


def test_two_parents_exactly():
  """PMX, OX and CX take two parents."""
  spec = S([C(2, [S(), S()], location='p')])
  with pytest.raises(ValueError, match=r'Cycle supports recombination on exact 2 parents\. Encountered 3'):
    recombinators.Cycle()(_parents(spec, [0, 1], [1, 0], [0, 1]))


def test_single_item_orders_are_kept():
  """An order of one item has nothing to cross."""
  assert recombinators.Order(seed=1).permutate(None, [[0], [0]]) == [[0], [0]]
  assert recombinators.PartiallyMapped(seed=1).permutate(None, [[0], [0]]) == [[0], [0]]


def test_docstring_examples(run_doctests):
  """The module's examples run."""
  run_doctests('pyglove.generators.evolution.recombinators._permutation')


def test_an_unseeded_filter_follows_the_recombinator_seed_alone_and_its_own_stream_in_an_evolution():
  """Alone, where.ANY draws from the recombinator's RNG; in an evolution it keeps its slot."""
  from pyglove.generators.evolution import _randomness  # pylint: disable=g-import-not-at-top
  spec = S([C(3, [S() for _ in range(3)], location='p'),
            C(3, [S() for _ in range(3)], location='q')])
  parents = _parents(spec, [[0, 1, 2], [0, 1, 2]], [[2, 1, 0], [2, 1, 0]])
  runs = [recombinators.Order(seed=5)(parents) for _ in range(2)]
  assert runs[0] == runs[1]
  op = recombinators.Order(seed=5)
  _randomness.assign_slots([op])
  with _randomness.running_evolution([random.Random(1), random.Random(2)], spec):
    op(parents)
  assert '_own_rng' not in op.where.__dict__
