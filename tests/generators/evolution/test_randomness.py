"""Tests for pyglove.generators.evolution._randomness."""
from __future__ import annotations

import pickle
import random

from hypothesis import given
from hypothesis import strategies as st

from pyglove.generators.evolution import Choice
from pyglove.generators.evolution import Identity
from pyglove.generators.evolution import mutators
from pyglove.generators.evolution import recombinators
from pyglove.generators.evolution import selectors
from pyglove.generators.evolution import _randomness


def test_own_rng_follows_the_seed_and_is_made_once():
  """Alone, a seeded operation draws from one private random.Random(seed)."""
  op = selectors.Random(1, seed=3)
  rng = _randomness.rng_of(op)
  assert rng is _randomness.rng_of(op)
  assert rng.random() == random.Random(3).random()


def test_changes_and_clones_restart_the_stream():
  """A rebind or a clone draws afresh from the seed; a clone shares no RNG."""
  op = selectors.Random(1, seed=3)
  first = _randomness.rng_of(op)
  clone = op.clone()
  assert _randomness.rng_of(clone) is not first
  op.rebind(n=2)
  assert _randomness.rng_of(op) is not first


def test_unseeded_operations_do_not_use_the_global_rng():
  """seed=None draws from a private OS-seeded RNG, never the random module's."""
  op = selectors.Random(1)
  state = random.getstate()
  op(list(range(10)))
  assert random.getstate() == state
  assert _randomness.rng_of(op) is not random._inst  # pylint: disable=protected-access


def test_slots_number_seeded_objects_depth_first_once_each():
  """assign_slots finds seeded operations and filters in fields, lists and tuples."""
  mutate = mutators.Uniform()
  choice = Choice([(mutate, 0.5), (recombinators.Cycle(), 1.0)])
  tree = selectors.Random(2) >> Identity() >> choice
  found = _randomness.assign_slots([tree, None, selectors.Random(1)])
  kinds = [type(x).__name__ for x in found]
  assert kinds == ['Random', 'Choice', 'Uniform', 'Cycle', 'Any', 'Random']
  assert [x.__dict__['_rng_slot'] for x in found] == list(range(6))


def test_within_an_evolution_slots_draw_from_its_rngs():
  """running_evolution routes each slotted object to rngs[slot] and exposes the spec."""
  op = selectors.Random(1, seed=3)
  _randomness.assign_slots([op])
  mine = random.Random(99)
  assert _randomness.evolution_spec() is None and not _randomness.in_evolution()
  with _randomness.running_evolution([mine], 'spec'):
    assert _randomness.rng_of(op) is mine
    assert _randomness.evolution_spec() == 'spec' and _randomness.in_evolution()
  assert _randomness.rng_of(op) is not mine
  assert _randomness.evolution_spec() is None and not _randomness.in_evolution()


def test_an_object_without_a_slot_keeps_its_own_rng_in_an_evolution():
  """An operation outside the evolution's tree still draws from its own RNG."""
  op = selectors.Random(1, seed=3)
  with _randomness.running_evolution([random.Random(1)], None):
    assert _randomness.rng_of(op) is _randomness.rng_of(op)
    assert _randomness.rng_of(op).getstate() == random.Random(3).getstate()


def test_use_own_rng_and_forget():
  """use_own_rng installs an RNG; forget drops it and the slot."""
  op = selectors.Random(1)
  mine = random.Random(5)
  _randomness.use_own_rng(op, mine)
  assert _randomness.rng_of(op) is mine
  _randomness.assign_slots([op])
  _randomness.forget(op)
  assert '_rng_slot' not in op.__dict__ and _randomness.rng_of(op) is not mine


@given(st.integers(), st.integers(0, 100))
def test_slot_rngs_are_reproducible_and_independent(seed, slots):
  """Derived seeds are deterministic per (seed, slot), and differ across slots."""
  objs = [selectors.Random(1)] * 2
  a = _randomness.slot_rngs(objs, seed)
  b = _randomness.slot_rngs(objs, seed)
  assert [r.random() for r in a] == [r.random() for r in b]
  assert _randomness.derive_seed(seed, slots) != _randomness.derive_seed(seed, slots + 1)
  assert 0 <= _randomness.derive_seed(seed, slots) < 2 ** 63


def test_slot_rngs_prefer_an_objects_own_seed():
  """An object with a seed gets random.Random(seed) whatever the evolution's seed."""
  rngs = _randomness.slot_rngs([selectors.Random(1, seed=7), selectors.Random(1)], None)
  assert rngs[0].getstate() == random.Random(7).getstate()
  assert isinstance(rngs[1], random.Random)


def test_slot_rngs_pickle_with_their_state():
  """The evolution's RNGs are plain random.Random objects (picklable state)."""
  rngs = _randomness.slot_rngs([selectors.Random(1)], 1)
  rngs[0].random()
  restored = pickle.loads(pickle.dumps(rngs))
  assert restored[0].random() == rngs[0].random()


def test_docstring_examples(run_doctests):
  """The module's examples run."""
  run_doctests('pyglove.generators.evolution._randomness')
