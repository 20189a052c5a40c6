"""Tests for pyglove.hyper._evolvable: pg.evolve."""
from __future__ import annotations

import doctest

import random

import pytest

import pyglove as pg
from pyglove import geno


class Node(pg.Object):
  value: int
  child: pg.typing.Any(default=None)


def _bump(path, value, parent):
  del path, parent
  if isinstance(value, int):
    return value + 1
  return value


def _program():
  return Node(1, Node(10))


class TestEvolve:

  def test_first_dna_decodes_to_the_initial_program(self):
    """The first DNA holds the initial program."""
    x = pg.evolve(_program(), _bump)
    assert isinstance(x, pg.hyper.Evolvable)
    assert pg.materialize(pg.Dict(p=x), x.first_dna()).p == _program()

  def test_random_dna_without_previous_is_the_initial_program(self):
    """Sampling with no previous DNA starts from the initial program."""
    x = pg.evolve(_program(), _bump)
    assert x.decode(x.random_dna(random.Random(0))) == _program()

  def test_random_dna_mutates_one_node_of_the_previous_program(self):
    """A mutation changes exactly one integer by one."""
    x = pg.evolve(_program(), _bump)
    rng = random.Random(1)
    changed = set()
    for _ in range(20):
      child = x.decode(x.random_dna(rng, x.first_dna()))
      diffs = (child.value - 1, child.child.value - 10)
      assert sorted(diffs) in ([0, 0], [0, 1])
      changed.add(diffs)
    assert (1, 0) in changed and (0, 1) in changed

  def test_weights_restrict_mutations(self):
    """A zero weight keeps a node from mutating."""
    x = pg.evolve(_program(), _bump,
                  weights=lambda p, v, parent: 1.0 if p == 'child.value' else 0.0)
    for seed in range(5):
      child = x.mutate(_program(), random.Random(seed))
      assert child == Node(1, Node(11))

  def test_nodes_are_weighed_in_preorder(self):
    """Mutation candidates are listed in preorder, like pg.traverse."""
    seen = []

    def weights(path, value, parent):
      seen.append(str(path))
      return 1.0
    x = pg.evolve(pg.Dict(a=pg.Dict(x=1), b=2), _bump, weights=weights)
    x.mutate(x.initial_value, random.Random(0))
    assert seen == ['', 'a', 'a.x', 'b']

  def test_all_zero_weights_raise(self):
    """No node with a positive weight raises ValueError."""
    x = pg.evolve(_program(), _bump, weights=lambda p, v, parent: 0.0)
    with pytest.raises(ValueError, match='no node of'):
      x.mutate(_program(), random.Random(0))

  def test_mutating_the_root_replaces_the_program(self):
    """A transform of the root returns its result as the program."""
    x = pg.evolve(1, lambda p, v, parent: v * 2)
    assert x.mutate(1, random.Random(0)) == 2

  def test_spec_is_custom_and_samples_with_previous_dna(self):
    """The geno spec samples mutations given a previous DNA."""
    x = pg.evolve(_program(), _bump)
    spec = pg.dna_spec(pg.Dict(p=x))
    dna = spec.random_dna(random.Random(0), previous_dna=geno.DNA(x.first_dna().value))
    assert isinstance(dna.value, str)


def test_docstring_examples_hold():
  """The examples in the module's docstrings run as written."""
  from pyglove.hyper import _evolvable as module
  result = doctest.testmod(module, extraglobs={'pg': pg})
  assert result.attempted > 0 and result.failed == 0
