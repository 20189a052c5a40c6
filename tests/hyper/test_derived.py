"""Tests for pyglove.hyper._derived: tied values through pg.hyper.reference."""
from __future__ import annotations

import doctest

import pytest

import pyglove as pg
from pyglove import geno
from pyglove.hyper import ValueReference


class Conv(pg.Object):
  filters: int
  kernel: int = 3


class TestReference:

  def test_reference_takes_the_decided_value(self):
    """After materialize, a reference equals the value it points at."""
    space = pg.Dict(a=pg.oneof([1, 2]), b=pg.hyper.reference('a'))
    assert pg.materialize(space, geno.DNA(1)) == {'a': 2, 'b': 2}

  def test_reference_is_no_decision_point(self):
    """A reference adds nothing to the DNA spec."""
    space = pg.Dict(a=pg.oneof([1, 2]), b=pg.hyper.reference('a'))
    assert pg.dna_spec(space).space_size == 2

  def test_reference_resolves_from_the_closest_ancestor(self):
    """A path is looked up from the nearest ancestor that has it."""
    space = pg.Dict(filters=pg.oneof([4, 8]),
                    conv=Conv(filters=pg.hyper.reference('filters')))
    assert pg.materialize(space, geno.DNA(0)).conv == Conv(4)

  def test_reference_copies_symbolic_values(self):
    """A referenced object is copied, so the trees share no node."""
    space = pg.Dict(a=pg.oneof([Conv(1), Conv(2)]), b=pg.hyper.reference('a'))
    program = pg.materialize(space, geno.DNA(1))
    assert program.b == Conv(2) and program.b is not program.a

  def test_reference_to_a_reference(self):
    """A chain of references resolves to the final value."""
    space = pg.Dict(a=pg.oneof([1, 2]), b=pg.hyper.reference('a'),
                    c=pg.hyper.reference('b'))
    assert pg.materialize(space, geno.DNA(0)).c == 1

  def test_reference_to_an_undecided_value_stays(self):
    """With where, a reference to an unselected hyper value is kept."""
    space = pg.Dict(a=pg.oneof([1, 2]), b=pg.floatv(0.0, 1.0),
                    c=pg.hyper.reference('b'))
    program = pg.materialize(space, geno.DNA(0),
                             where=lambda h: isinstance(h, pg.hyper.OneOf))
    assert isinstance(program.c, ValueReference)

  def test_compute_of_an_undecided_value_raises(self):
    """compute() on a reference to a hyper value raises UndecidedReferenceError."""
    space = pg.Dict(a=pg.oneof([1, 2]), b=pg.hyper.reference('a'))
    with pytest.raises(pg.hyper.UndecidedReferenceError, match="'a' points at an undecided"):
      space.b.compute()

  def test_unresolvable_reference_raises(self):
    """A path found from no ancestor raises ValueError."""
    space = pg.Dict(a=pg.oneof([1, 2]), b=pg.hyper.reference('zzz'))
    with pytest.raises(ValueError, match="'zzz' resolves to no value"):
      pg.materialize(space, geno.DNA(0))

  def test_reference_needs_a_path(self):
    """A ValueReference without paths is refused."""
    with pytest.raises(ValueError):
      ValueReference(reference_paths=[])

  def test_derive_must_be_implemented(self):
    """A DerivedValue subclass without derive() says so."""

    class Nothing(pg.hyper.DerivedValue):
      reference_paths = ['a']

    with pytest.raises(NotImplementedError, match='must implement derive'):
      Nothing().derive(1)

  def test_encode_accepts_any_value_at_a_reference(self):
    """A reference does not constrain encoding."""
    space = pg.Dict(a=pg.oneof([1, 2]), b=pg.hyper.reference('a'))
    assert pg.template(space).encode(pg.Dict(a=2, b=2)) == geno.DNA(1)


def test_docstring_examples_hold():
  """The examples in the module's docstrings run as written."""
  from pyglove.hyper import _derived as module
  result = doctest.testmod(module, extraglobs={'pg': pg})
  assert result.attempted > 0 and result.failed == 0


def test_resolve_names_the_holder_and_full_path():
  """resolve() gives (node holding the path, its full path), one pair or a list."""
  space = pg.Dict(x=pg.Dict(a=1, b=pg.hyper.reference('a')))
  ref = space.x.b
  node, path = ref.resolve()[0]
  assert node is space.x and path == 'x.a'
  assert ref.resolve('a') == (space.x, 'x.a')
  assert ref.derive(5) == 5
