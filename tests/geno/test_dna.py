"""Tests of `pyglove.geno._dna`: the DNA tree, literals, symbolic views, copies and JSON."""
import copy
import inspect
import pickle

from hypothesis import given
from hypothesis import strategies as st
import numpy as np
import pytest

import pyglove as pg
from pyglove.geno import DNA
from pyglove.geno import AttributeDict
from pyglove.geno import constant
from pyglove.geno import floatv
from pyglove.geno import manyof
from pyglove.geno import oneof
from pyglove.geno import space
from pyglove.geno import Int
from pyglove.geno import _dna_json
from pyglove.geno import _dna_literal
from pyglove.utils import max_depth
from pyglove.utils import from_json
from pyglove.utils import to_json
from tests.geno import strategies


def _space():
  return space([
      oneof([constant(), space([floatv(0.0, 1.0, location='q', name='q')]),
             constant()], literal_values=['a', 'b', 'c'], location='x',
            name='x'),
      manyof(2, [constant(), space([Int(1, 3, location='r')]), constant()],
             location='y', name='y'),
  ])


class TestLiterals:
  """The compact literals, as the reference writes and prints them."""

  @pytest.mark.parametrize('literal, text', [
      (None, 'DNA(None)'), (0, 'DNA(0)'), (0.5, 'DNA(0.5)'), ('a', "DNA('a')"),
      ([0, 1], 'DNA([0, 1])'), ((0, 0, 0), 'DNA(0, 0, 0)'),
      ((1, [0, 1]), 'DNA(1, [0, 1])'), ([(0, [0, 1]), 0], 'DNA([(0, [0, 1]), 0])'),
      ((1, 0.5), 'DNA(1, 0.5)'), ((1, 0, [2, 3]), 'DNA(1, 0, [2, 3])'),
      ([[0, 1], 2], 'DNA([[0, 1], 2])'), ([], 'DNA(None)')])
  def test_repr_prints_the_literal(self, literal, text):
    """repr and str print what the reference prints."""
    assert repr(DNA(literal)) == text and str(DNA(literal)) == text

  def test_tuple_of_more_than_two_is_a_chain(self):
    """(0, 1, 2) is choice 0 opening choice 1 opening 2."""
    assert DNA((0, 1, 2)) == DNA(0, [DNA(1, [DNA(2)])])
    assert DNA((0, 1, 2)).to_literal() == (0, 1, 2)

  def test_tuple_with_a_list_tail_has_several_children(self):
    """(1, [0, 2]) gives two children; (1, 2) one."""
    assert DNA((1, [0, 2])) == DNA(1, [DNA(0), DNA(2)])
    assert DNA((1, 2)) == DNA(1, [DNA(2)])

  def test_a_nested_tuple_in_second_place_is_one_child(self):
    """(1, (0, 2)) reads as the chain (1, 0, 2)."""
    assert DNA((1, (0, 2))) == DNA((1, 0, 2))

  def test_value_less_single_child_is_spliced(self):
    """DNA(1, [DNA([0, 2])]) is DNA(1, [0, 2]); DNA(None, [x]) is x."""
    assert DNA(1, [DNA([0, 2])]) == DNA((1, [0, 2]))
    assert DNA([3]) == DNA(3)
    assert DNA(None, [DNA((1, 2))]).to_literal() == (1, 2)

  def test_children_may_be_literals(self):
    """Children given as literals are parsed."""
    assert DNA(0, [1, (2, 3)]) == DNA((0, [1, (2, 3)]))

  def test_dna_literal_is_copied(self):
    """DNA(dna) is a structural copy with new nodes."""
    original = DNA([0, 1])
    copied = DNA(original)
    assert copied == original and copied.children[0] is not original.children[0]

  def test_numpy_numbers_are_converted(self):
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

  def test_children_with_a_list_value_raise(self):
    """A literal value and children together are contradictory."""
    with pytest.raises(ValueError, match=r'must be None when the value'):
      DNA([0], [DNA(1)])

  def test_short_tuple_raises_value_error(self):
    """A tuple needs a value and what it opens."""
    for literal in [(), (1,)]:
      with pytest.raises(ValueError, match=r'at least 2 items'):
        DNA(literal)

  def test_non_number_inside_a_tuple_raises(self):
    """Every tuple item but the last is a choice."""
    with pytest.raises(ValueError, match=r'every item but the last is a choice'):
      DNA(([0], 1))
    with pytest.raises(ValueError, match=r'every item but the last is a choice'):
      DNA(('a', 1))

  @pytest.mark.parametrize('depth', [None, 100_000])
  def test_too_deep_literals_raise_value_error(self, depth):
    """Nesting past max_depth() is a ValueError, not a RecursionError, at any depth."""
    depth = depth or max_depth() + 1
    deep = 0
    for _ in range(depth):
      deep = [deep]
    with pytest.raises(ValueError, match=r'nested more than'):
      DNA(deep)
    with pytest.raises(ValueError, match=r'nests more than'):
      DNA(tuple(range(depth + 1)))
    with pytest.raises(ValueError, match=r'nested more than'):
      from_json({'_type': 'pyglove.geno._dna.DNA', 'value': deep})

  def test_literals_up_to_the_limit_load(self):
    """A chain as deep as the loaders accept parses."""
    dna = DNA(tuple([0] * (max_depth() - 1)) + ([0, 1],))
    assert len(dna.to_numbers()) == max_depth() + 1

  @given(strategies.spaces_and_dna())
  def test_literal_round_trip(self, space_and_dna):
    """DNA(dna.to_literal()) == dna for any DNA of any spec."""
    _, dna = space_and_dna
    assert DNA(dna.to_literal()) == dna
    assert DNA(dna.to_numbers(flatten=False)) == dna


class TestStructure:

  def test_dna_is_a_symbolic_object(self):
    """DNA is a pg.Object with the fields value, children and metadata."""
    dna = DNA((1, [0, 1]))
    assert isinstance(dna, pg.Object)
    assert list(dna.sym_init_args) == ['value', 'children', 'metadata']
    assert dna.sym_init_args['children'] == [DNA(0), DNA(1)]
    assert isinstance(dna.sym_init_args['children'], pg.List)

  def test_key_paths_and_parents(self):
    """Children know their parent DNA, their key path and the root."""
    dna = DNA([0, (1, 2)])
    leaf = dna.children[1].children[0]
    assert str(leaf.sym_path) == 'children[1].children[0]'
    assert leaf.parent_dna is dna.children[1] and leaf.root is dna
    assert dna.parent_dna is None and dna.root is dna

  def test_iteration_indexing_and_contains(self):
    """__iter__/__len__/__getitem__ walk the children; `in` checks them."""
    dna = DNA([0, 1, 2])
    assert len(dna) == 3 and [c.value for c in dna] == [0, 1, 2]
    assert dna[2] == DNA(2) and dna[1:] == [DNA(1), DNA(2)]
    assert 1 in dna and DNA(2) in dna and 5 not in dna and bool(DNA(0))
    with pytest.raises(ValueError, match=r'takes a DNA, an int, a float or a str'):
      [] in dna  # pylint: disable=pointless-statement

  def test_rebind_changes_the_tree(self):
    """rebind and attribute assignment work as on any pg.Object."""
    dna = DNA([0, (1, 2)])
    dna.rebind({'children[1].children[0].value': 5})
    assert dna == DNA([0, (1, 5)])
    dna.children[0].value = 3
    assert dna == DNA([3, (1, 5)])

  def test_a_change_drops_the_validation_mark(self):
    """A DNA changed after use_spec is validated again when fed back."""
    spec = space([Int(0, 3, location='a')])
    dna = DNA(1, spec=spec)
    assert dna.__dict__['_checked'] is spec
    dna.rebind(value=2)
    assert '_checked' not in dna.__dict__

  def test_query_and_clone_with_override(self):
    """Generic symbolic operations see the fields."""
    dna = DNA([0, (1, 2)])
    assert pg.query(dna, where=lambda v: v == 2) == {'children[1].children[0].value': 2}
    assert dna.clone(override={'children[0].value': 4}) == DNA([4, (1, 2)])


class TestMetadataAndUserData:

  def test_metadata_entries_are_attributes(self):
    """metadata is a pg.Dict; set_metadata returns self."""
    dna = DNA(0, metadata={'a': 1})
    assert dna.set_metadata('b', 2) is dna
    assert dna.metadata == {'a': 1, 'b': 2} and dna.metadata.b == 2
    assert DNA(1).metadata == {}

  def test_metadata_is_not_made_symbolic_with_the_node(self):
    """Setting metadata keeps the node compact (it is on every proposal)."""
    dna = DNA([0, 1]).set_metadata('fitness', 1.0)
    assert pg.symbolic._compact.is_compact(dna)
    assert dna.sym_init_args['metadata'] == {'fitness': 1.0}

  def test_clone_keeps_only_cloneable_metadata_and_userdata(self):
    """Entries marked cloneable survive clone; the others are dropped."""
    dna = DNA(0).set_metadata('a', 1).set_metadata('b', 2, cloneable=True)
    dna.set_userdata('u', 3).set_userdata('v', 4, cloneable=True)
    cloned = dna.clone()
    assert cloned.metadata == {'b': 2} and dict(cloned.userdata) == {'v': 4}
    assert dna.userdata.u == 3

  def test_userdata_is_not_saved(self):
    """User data lives in the process only."""
    dna = DNA(0).set_userdata('x', object())
    assert 'userdata' not in str(to_json(dna))

  def test_attribute_dict(self):
    """AttributeDict reads and writes entries as attributes."""
    d = AttributeDict(a=1)
    d.b = 2
    assert d.a + d['b'] == 3
    del d.a
    with pytest.raises(AttributeError, match=r"no key 'a'"):
      d.a  # pylint: disable=pointless-statement


class TestEqualityAndOrder:

  def test_equality_ignores_spec_and_metadata(self):
    """Equal structure means equal DNA and equal hash."""
    a = DNA([0, 1], metadata={'x': 1})
    b = DNA([0, 1]).use_spec(space([Int(0, 1, location='a'), Int(0, 1, location='b')]))
    assert a == b and hash(a) == hash(b)
    assert a != DNA([0, 2]) and a != 'x'

  def test_ordering(self):
    """DNA sort by value, then children; None before numbers before strings."""
    items = [DNA((1, 1)), DNA((1, 0)), DNA(0), DNA('a'), DNA(None)]
    assert sorted(items) == [DNA(None), DNA(0), DNA((1, 0)), DNA((1, 1)), DNA('a')]
    assert DNA(0) <= DNA(0) and DNA(1) > DNA(0) and DNA(1) >= DNA(1)

  def test_ordering_against_other_types_raises(self):
    """Comparing a DNA with a non-DNA raises TypeError."""
    with pytest.raises(TypeError, match=r"'<' is not supported between DNA and int"):
      DNA(0) < 1  # pylint: disable=expression-not-assigned


class TestCopies:

  def test_clone_copies_nodes_and_specs(self):
    """clone() gives new nodes attached to the same decision points."""
    spec = _space()
    dna = DNA([(1, 0.5), [0, 2]], spec=spec)
    cloned = dna.clone()
    assert cloned == dna and cloned.spec is dna.spec and cloned[0] is not dna[0]
    assert cloned[0].spec is spec.elements[0]
    assert copy.copy(dna) == dna and copy.deepcopy(dna) == dna

  def test_pickle_keeps_tree_specs_and_metadata(self):
    """A pickled DNA comes back with its metadata and decision points."""
    spec = _space()
    dna = DNA([(1, 0.5), [0, 2]], spec=spec, metadata={'k': 1})
    restored = pickle.loads(pickle.dumps((spec, dna)))[1]
    assert restored == dna and restored.metadata == {'k': 1}
    assert str(restored[1][0].spec.id) == 'y[0]'

  def test_a_child_of_a_symbolic_tree_is_copied_when_reused(self):
    """A node linked under a symbolic parent is copied, never shared."""
    dna = DNA([0, 1])
    child = dna.children[1]
    assert child.sym_parent is not None
    other = DNA(5, [child])
    assert other.children[0] is not child and child.parent_dna is dna


class TestJsonAndFormat:

  def test_compact_json_as_the_reference(self):
    """to_json is {'_type', 'format': 'compact', 'value', 'metadata'}."""
    dna = DNA((1, [0, 1]), metadata={'gen': 3})
    json = to_json(dna)
    assert json['format'] == 'compact' and json['metadata'] == {'gen': 3}
    assert json['value'] == ['__tuple__', 1, [0, 1]]
    restored = from_json(json)
    assert restored == dna and restored.metadata == {'gen': 3}

  def test_reference_json_loads(self):
    """A DNA saved by the reference (its type name) loads."""
    json = {'_type': 'pyglove.core.geno.base.DNA', 'format': 'compact',
            'value': [['__tuple__', 0, [0, 1]], 0]}
    assert from_json(json) == DNA([(0, [0, 1]), 0])

  def test_field_json_round_trip(self):
    """to_json(compact=False) writes the fields; from_json reads them back."""
    dna = DNA([0, (1, 2)], metadata={'a': 1})
    json = dna.to_json(compact=False)
    assert json['children'][1]['children'][0]['value'] == 2
    restored = from_json(json)
    assert restored == dna and restored.metadata == {'a': 1}

  def test_cloneable_keys_are_saved(self):
    """Which metadata entries are cloneable survives JSON."""
    dna = DNA(0).set_metadata('b', 2, cloneable=True)
    assert from_json(to_json(dna)).clone().metadata == {'b': 2}

  def test_bad_json_raises_value_error(self):
    """JSON without a value, or not an object, is refused."""
    with pytest.raises(ValueError, match=r'DNA JSON lacks the "value" entry'):
      DNA.from_json({'_type': 'pyglove.geno._dna.DNA'})
    with pytest.raises(ValueError, match=r'must be a JSON object'):
      DNA.from_json([1])

  @given(st.lists(st.one_of(st.integers(0, 5), st.floats(0.0, 1.0)),
                  max_size=6))
  def test_flat_compact_json_loads_as_through_the_general_path(self, values):
    """The shortcut for a compact list of choices builds what the general path builds."""
    json = to_json(DNA(values))
    general = _dna_json._from_json(DNA, json, False, {})  # pylint: disable=protected-access
    restored = from_json(json)
    assert restored == general and repr(restored) == repr(general)
    assert restored.metadata == {}

  @given(strategies.spaces_and_dna())
  def test_compact_json_of_a_list_of_choices_is_its_literal(self, space_and_dna):
    """The shortcut for a list of choices writes what the literal would."""
    _, dna = space_and_dna
    assert to_json(dna)['value'] == to_json(_dna_literal.to_literal(dna))

  @given(strategies.spaces_and_dna())
  def test_json_round_trip(self, space_and_dna):
    """Any random DNA survives JSON with its root metadata."""
    _, dna = space_and_dna
    dna.set_metadata('seed', 1)
    restored = from_json(to_json(dna))
    assert restored == dna and restored.metadata == {'seed': 1}

  def test_format_variants(self):
    """verbose=False lists fields; nested DNA print compactly in containers."""
    dna = DNA((1, [0, 1]))
    assert dna.format(compact=False) == 'DNA(1, [0, 1])'
    assert 'value=1' in dna.format(verbose=False).replace(' ', '')
    assert repr(pg.Dict(x=DNA(1), y=DNA([0, 1.5]))) == '{x=DNA(1), y=DNA([0, 1.5])}'

  def test_long_literal_wraps_in_the_multi_line_form(self):
    """A long DNA prints one child per line with compact=False."""
    dna = DNA(list(range(40)))
    assert dna.format(compact=False).count('\n') >= 40
    assert '\n' not in repr(dna)

  def test_format_as_dict(self):
    """as_dict shows decisions by id with 'i/n (literal)' values."""
    dna = DNA([(1, 0.5), [0, 2]], spec=_space())
    text = dna.format(compact=True, as_dict=True)
    assert text.startswith('DNA({') and "'x': '1/3 (b)'" in text


def test_signature_is_the_constructors():
  """inspect.signature(DNA) lists value, children, spec, metadata, allow_partial and **kwargs."""
  params = inspect.signature(DNA).parameters
  assert list(params) == ['value', 'children', 'spec', 'metadata', 'allow_partial', 'kwargs']
  assert params['allow_partial'].kind is inspect.Parameter.KEYWORD_ONLY
