"""Tests of `pyglove.geno._dna`: the DNA tree, literals, conversions and JSON."""
import copy

from hypothesis import given
import numpy as np
import pytest

from pyglove.geno import Choices
from pyglove.geno import DNA
from pyglove.geno import Float
from pyglove.geno import Int
from pyglove.geno import Space
from pyglove.utils import from_json
from pyglove.utils import to_json
from tests.geno import strategies


def _space():
  return Space([
      Choices(1, [Space(), Space([Float(0.0, 1.0, location='q', name='q')]), Space()],
              literal_values=['a', 'b', 'c'], location='x', name='x'),
      Choices(2, [Space(), Space([Int(1, 3, location='r')]), Space()], location='y',
              name='y'),
  ])


class TestLiterals:

  def test_int_literal_is_a_leaf(self):
    """DNA(0) is a leaf holding 0."""
    dna = DNA(0)
    assert dna.value == 0 and dna.children == [] and dna.is_leaf

  def test_list_literal_is_a_valueless_node(self):
    """A list makes a value-less node with one child per item."""
    assert DNA([0, 1]) == DNA(None, [DNA(0), DNA(1)])

  def test_tuple_literal_splices_a_trailing_list(self):
    """(1, [0, 2]) gives two children, (1, 2) one."""
    assert DNA((1, [0, 2])) == DNA(1, [DNA(0), DNA(2)])
    assert DNA((1, 2)) == DNA(1, [DNA(2)])

  def test_nested_literal(self):
    """A tuple inside a list nests a child under a value."""
    assert DNA([(1, 0.5), 2]) == DNA(None, [DNA(1, [DNA(0.5)]), DNA(2)])

  def test_single_child_valueless_node_is_replaced_by_the_child(self):
    """A value-less node with one child normalizes to that child."""
    assert DNA([3]) == DNA(3)
    assert DNA(None, [DNA((1, 2))]).to_literal() == (1, 2)

  def test_to_literal_round_trips_a_single_list_child(self):
    """A choice whose only child is a multi-choice keeps the extra brackets."""
    dna = DNA(1, [DNA([0, 2])])
    assert dna.to_literal() == (1, [[0, 2]])
    assert DNA(dna.to_literal()) == dna

  def test_repr_uses_the_literal(self):
    """repr shows the compact literal."""
    assert repr(DNA([0, (1, 0.5)])) == 'DNA([0, (1, 0.5)])'

  def test_parse_returns_a_dna_as_is(self):
    """DNA.parse accepts literals and passes DNA through."""
    dna = DNA(1)
    assert DNA.parse(dna) is dna
    assert DNA.parse([0, 1]) == DNA([0, 1])

  def test_parse_attaches_a_spec(self):
    """DNA.parse(literal, spec) validates and attaches."""
    spec = Space([Int(0, 3, location='a')])
    assert DNA.parse(2, spec).spec is spec
    assert DNA.parse(DNA(1), spec).spec is spec

  def test_dna_literal_is_copied(self):
    """DNA(dna) is a structural copy with new nodes."""
    original = DNA([0, 1])
    copied = DNA(original)
    assert copied == original and copied.children[0] is not original.children[0]

  def test_numpy_like_numbers_are_converted(self):
    """Integral and real number types become int and float."""
    assert type(DNA(np.int64(2)).value) is int
    assert type(DNA(np.float32(0.5)).value) is float

  def test_bad_value_raises_type_error(self):
    """A value that is not None/int/float/str raises TypeError naming it."""
    with pytest.raises(TypeError, match=r'must be None, an int, a float or a str; got True'):
      DNA(True)
    with pytest.raises(TypeError, match=r"got \{'a': 1\} of type dict"):
      DNA({'a': 1})

  def test_children_must_be_a_list(self):
    """Children given as a non-list raise TypeError."""
    with pytest.raises(TypeError, match=r'DNA children must be a list; got 3'):
      DNA(1, 3)

  def test_empty_tuple_raises_value_error(self):
    """() has no value."""
    with pytest.raises(ValueError, match=r'needs at least a value; got \(\)'):
      DNA(())

  def test_tuple_whose_first_item_is_a_list_raises_type_error(self):
    """The first item of a tuple literal must be a value."""
    with pytest.raises(TypeError, match=r'first item of a DNA tuple literal'):
      DNA(([0], 1))


class TestStructure:

  def test_children_know_their_parent(self):
    """Children point to the node they were put under."""
    dna = DNA([0, (1, 2)])
    assert dna.parent is None
    assert dna[1].parent is dna and dna[1][0].parent is dna[1]

  def test_iteration_and_length_cover_children(self):
    """__iter__/__len__/__getitem__ walk the children; a leaf is still truthy."""
    dna = DNA([0, 1, 2])
    assert len(dna) == 3 and [c.value for c in dna] == [0, 1, 2] and dna[2] == DNA(2)
    assert bool(DNA(0))

  def test_metadata_and_set_metadata(self):
    """set_metadata stores a value and returns self."""
    dna = DNA(0, metadata={'a': 1})
    assert dna.set_metadata('b', 2) is dna
    assert dna.metadata == {'a': 1, 'b': 2}
    assert DNA(1).metadata == {}

  def test_equality_ignores_spec_and_metadata(self):
    """Equal structure means equal DNA and equal hash."""
    a = DNA([0, 1], metadata={'x': 1})
    b = DNA([0, 1]).use_spec(Space([Int(0, 1, location='a'), Int(0, 1, location='b')]))
    assert a == b and hash(a) == hash(b)
    assert a != DNA([0, 2]) and a != 'x'

  def test_ordering_sorts_by_values_in_preorder(self):
    """DNA sort by value, then children; None before numbers before strings."""
    items = [DNA((1, 1)), DNA((1, 0)), DNA(0), DNA('a'), DNA(None)]
    assert sorted(items) == [DNA(None), DNA(0), DNA((1, 0)), DNA((1, 1)), DNA('a')]
    assert DNA(0) <= DNA(0) and DNA(1) > DNA(0) and DNA(1) >= DNA(1)

  def test_ordering_against_other_types_is_unsupported(self):
    """Comparing a DNA with a non-DNA raises TypeError."""
    for op in (lambda: DNA(0) < 1, lambda: DNA(0) <= 1, lambda: DNA(0) > 1,
               lambda: DNA(0) >= 1):
      with pytest.raises(TypeError):
        op()

  def test_clone_copies_nodes_spec_and_metadata(self):
    """clone() gives new nodes with the same spec and a copy of the metadata."""
    spec = _space()
    dna = DNA([(1, 0.5), [0, 2]], spec=spec, metadata={'k': [1]})
    cloned = dna.clone()
    assert cloned == dna and cloned.spec is spec and cloned[0] is not dna[0]
    assert cloned.metadata == {'k': [1]} and cloned.metadata is not dna.metadata
    assert copy.copy(dna) == dna and copy.deepcopy(dna) == dna


class TestSpec:

  def test_use_spec_attaches_points_and_spec(self):
    """After use_spec every node knows its decision point."""
    spec = _space()
    dna = DNA([(1, 0.5), [0, (1, 2)]])
    assert dna.use_spec(spec) is dna
    assert dna.spec is spec and dna.decision_point is None
    assert dna[0].decision_point is spec.elements[0]
    assert dna[0][0].decision_point.id == 'x[=1/3].q'
    assert dna[1].decision_point is spec.elements[1]
    assert dna[1][1].decision_point is spec.elements[1].subchoices[1]
    assert dna[0].spec is spec.elements[0]

  def test_use_spec_rejects_a_misfit_naming_the_decision(self):
    """A DNA that does not fit raises ValueError with the decision id."""
    with pytest.raises(ValueError, match=r'path=x\[=1/3\]\.q'):
      DNA([(1, 1.5), [0, 2]]).use_spec(_space())

  def test_constructor_spec_validates(self):
    """DNA(..., spec=...) validates too."""
    with pytest.raises(ValueError, match=r'path=x'):
      DNA([5, [0, 2]], spec=_space())

  def test_next_dna_uses_the_attached_spec(self):
    """next_dna() steps through the attached spec."""
    spec = Space([Int(0, 2, location='a')])
    assert DNA(0, spec=spec).next_dna() == DNA(1)
    assert DNA(2, spec=spec).next_dna() is None

  def test_methods_needing_a_spec_raise_without_one(self):
    """next_dna/to_dict/decision_ids without a spec raise ValueError."""
    dna = DNA([0, 1])
    with pytest.raises(ValueError, match=r'next_dna\(\) needs a DNA spec; DNA\(\[0, 1\]\) has none'):
      dna.next_dna()
    with pytest.raises(ValueError, match=r'decision_ids needs a DNA spec'):
      dna.decision_ids

  def test_decision_ids_and_literal_value(self):
    """decision_ids lists active decisions; literal_value reads literal values."""
    dna = DNA([(1, 0.5), [0, (1, 2)]], spec=_space())
    assert [str(i) for i in dna.decision_ids] == ['x', 'x[=1/3].q', 'y[0]', 'y[1]', 'y[=1/3].r']
    assert dna[0].literal_value == 'b'
    assert dna[1].literal_value == [0, 1]
    assert DNA(3).literal_value == 3


class TestNumbers:

  def test_to_numbers_is_preorder(self):
    """to_numbers lists values in preorder, skipping value-less nodes."""
    assert DNA([(1, 0.5), [0, (1, 2)]]).to_numbers() == [1, 0.5, 0, 1, 2]

  def test_from_numbers_rebuilds_the_tree(self):
    """from_numbers inverts to_numbers given the spec."""
    spec = _space()
    dna = DNA.from_numbers([1, 0.5, 0, 1, 2], spec)
    assert dna == DNA([(1, 0.5), [0, (1, 2)]]) and dna.spec is spec

  def test_from_numbers_rejects_extra_numbers(self):
    """Leftover numbers raise ValueError."""
    with pytest.raises(ValueError, match=r'Too many numbers for the DNA spec: \[0, 1\]'):
      DNA.from_numbers([0, 1], Space([Int(0, 3, location='a')]))

  def test_from_numbers_rejects_too_few_numbers(self):
    """Running out of numbers raises ValueError naming the decision."""
    with pytest.raises(ValueError, match=r'Ran out of numbers.*path=y\[0\]'):
      DNA.from_numbers([0], _space())

  def test_from_numbers_accepts_numpy_numbers(self):
    """numpy integers and floats are read as ints and floats."""
    spec = _space()
    numbers = [np.int64(1), np.float32(0.5), np.int32(0), np.int64(1), np.int64(2)]
    assert DNA.from_numbers(numbers, spec) == DNA([(1, 0.5), [0, (1, 2)]])
    assert DNA.from_dict({'x': np.int64(0), 'y': [0, 2]}, spec) == DNA([0, [0, 2]])

  @given(strategies.spaces_and_dna())
  def test_from_numbers_inverts_to_numbers(self, space_and_dna):
    """from_numbers(to_numbers(dna)) == dna for any spec."""
    space, dna = space_and_dna
    assert DNA.from_numbers(dna.to_numbers(), space) == dna


class TestJson:

  def test_json_keeps_value_and_metadata(self):
    """to_json/from_json round trip the tree and the root metadata."""
    dna = DNA([(1, 0.5), [0, 'w1']], metadata={'gen': 3})
    restored = from_json(to_json(dna))
    assert restored == dna and restored.metadata == {'gen': 3}

  def test_from_json_requires_a_value(self):
    """JSON without 'value' raises ValueError."""
    with pytest.raises(ValueError, match=r'DNA JSON lacks the "value" entry'):
      DNA.from_json({'_type': 'pyglove.geno._dna.DNA'})

  @given(strategies.spaces_and_dna())
  def test_json_round_trip(self, space_and_dna):
    """Any random DNA survives JSON and its literal form."""
    _, dna = space_and_dna
    dna.set_metadata('seed', 1)
    restored = from_json(to_json(dna))
    assert restored == dna and restored.metadata == {'seed': 1}
    assert DNA(dna.to_literal()) == dna

