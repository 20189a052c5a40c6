"""Tests for pyglove.generators.evolution._operation_kinds: Selector, Mutator, Recombinator."""
from __future__ import annotations

import pytest

from pyglove import geno
from pyglove.generators import evolution as ev


class EveryOther(ev.Selector):
  """Selects every other input (a test selector that reads the step)."""

  def select(self, inputs, step):
    return inputs[step % 2::2]


class Bump(ev.Mutator):
  """Adds one to a single-decision DNA (a test mutator)."""

  def mutate(self, dna):
    return geno.DNA(dna.value + 1)


class Twins(ev.Mutator):
  """Returns two children per DNA, one per global state value."""

  def mutate(self, dna, global_state, step):
    return [geno.DNA(dna.value + global_state['delta']), geno.DNA(dna.value + step)]


class Sum(ev.Recombinator):
  """Sums two parents' values (a test recombinator)."""

  NUM_PARENTS = 2

  def recombine(self, parents):
    return [geno.DNA(parents[0].value + parents[1].value)]


def test_selectors_select():
  """A selector's select() does the work, with the state keywords it names."""
  assert EveryOther()([0, 1, 2, 3]) == [0, 2]
  assert EveryOther()([0, 1, 2, 3], step=1) == [1, 3]


def test_selector_is_abstract():
  """A selector without select() cannot be instantiated."""
  class Nothing(ev.Selector):
    pass
  with pytest.raises(TypeError, match='abstract'):
    Nothing()


def test_mutators_mutate_each_dna():
  """mutate_list applies mutate() to each input and concatenates lists."""
  assert Bump()([geno.DNA(0), geno.DNA(5)]) == [geno.DNA(1), geno.DNA(6)]
  state = geno.AttributeDict(delta=10)
  assert Twins()([geno.DNA(1)], state, 3) == [geno.DNA(11), geno.DNA(4)]


def test_a_mutator_may_override_mutate_list_instead():
  """A mutator working list-wise overrides mutate_list."""
  class Reverse(ev.Mutator):
    def mutate_list(self, dna_list):
      return dna_list[::-1]
  assert Reverse()([geno.DNA(0), geno.DNA(1)]) == [geno.DNA(1), geno.DNA(0)]


def test_a_mutator_without_mutate_raises():
  """The base mutate() raises NotImplementedError naming the class."""
  class Nothing(ev.Mutator):
    pass
  with pytest.raises(NotImplementedError, match=r'Nothing must implement mutate\(\) or mutate_list\(\)'):
    Nothing()([geno.DNA(0)])


def test_recombinators_check_the_number_of_parents():
  """NUM_PARENTS is enforced with a ValueError naming the count."""
  assert Sum()([geno.DNA(1), geno.DNA(2)]) == [geno.DNA(3)]
  with pytest.raises(ValueError, match=r'Sum supports recombination on exact 2 parents\. Encountered 3'):
    Sum()([geno.DNA(1), geno.DNA(2), geno.DNA(3)])
  assert ev.Recombinator.NUM_PARENTS is None


def test_mutator_and_recombinator_are_dna_operations():
  """Both check that they get and give DNA."""
  assert issubclass(ev.Mutator, ev.DNAOperation) and issubclass(ev.Recombinator, ev.DNAOperation)
  with pytest.raises(TypeError, match=r'The input is expected to be a list of DNA but 1 is encountered at position 0 \(Bump\)\.'):
    Bump()([1])
