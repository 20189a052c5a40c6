"""Tests of `pyglove.geno._spec`: ids, decision points, lookup, enumeration, sampling, JSON."""
import copy
import inspect
import pickle
import random

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
import pytest

import pyglove as pg
from pyglove.geno import Choices
from pyglove.geno import ConditionalKey
from pyglove.geno import DNA
from pyglove.geno import DNASpec
from pyglove.geno import DecisionPoint
from pyglove.geno import Float
from pyglove.geno import Int
from pyglove.geno import Space
from pyglove.geno import constant
from pyglove.utils import KeyPath
from pyglove.utils import from_json
from pyglove.utils import to_json
from tests.geno import strategies


def _space():
  return Space([
      Choices(1, [Space(), Space([Float(0.0, 1.0, location='q', name='q')]), Space()],
              literal_values=['a', 'b', 'c'], location='x', name='x'),
      Choices(2, [Space(), Space([Int(1, 3, location='r')]), Space()], location='y',
              name='y'),
      Int(0, 4, location=KeyPath(['z', 0])),
  ])


class TestSymbolic:

  def test_specs_are_symbolic_objects_with_the_reference_fields(self):
    """Fields, rebind, clone and sym_* work as on any pg.Object."""
    choices = _space().elements[0]
    assert isinstance(choices, pg.Object) and isinstance(choices, DecisionPoint)
    assert list(choices.sym_init_args) == [
        'location', 'hints', 'name', 'num_choices', 'candidates',
        'literal_values', 'distinct', 'sorted', 'subchoice_index']
    spec = _space().clone(deep=True)
    spec.rebind({'elements[2].max_value': 9})
    assert spec.elements[2].max_value == 9 and spec.elements[2].space_size == 10

  def test_bases_are_abstract(self):
    """DNASpec and DecisionPoint cannot be built (nor loaded from JSON)."""
    for cls in (DNASpec, DecisionPoint):
      with pytest.raises(TypeError, match=r'is abstract'):
        cls()
    with pytest.raises(TypeError, match=r'DecisionPoint is abstract'):
      from_json({'_type': 'pyglove.geno._spec.DecisionPoint'})

  def test_location_accepts_text_and_keys(self):
    """A str, int or KeyPath location is stored as a KeyPath."""
    assert Int(0, 1, location='a.b').location == KeyPath(['a', 'b'])
    assert Int(0, 1, location=3).location == KeyPath(3)
    with pytest.raises(TypeError, match=r'Invalid DNA spec location 3.5'):
      Int(0, 1, location=3.5)

  def test_identity_comparison_and_symbolic_equality(self):
    """Specs hash by identity (dict keys); pg.eq compares them symbolically."""
    assert _space() != _space() and pg.eq(_space(), _space())
    assert not pg.eq(Int(0, 1, location='a'), Int(0, 2, location='a'))
    table = {p: 1 for p in _space().decision_points}
    assert len(table) == 7

  def test_userdata_is_per_process(self):
    """set_userdata stores data that JSON leaves out."""
    spec = Int(0, 1)
    spec.set_userdata('k', object())
    assert 'k' in spec.userdata and 'userdata' not in str(to_json(spec))


class TestIds:

  def test_ids_are_absolute_key_paths(self):
    """Elements, candidates, nested points and subchoices get key-path ids."""
    space = _space()
    x, y, z = space.elements
    assert x.id == 'x' and z.id == 'z[0]'
    assert x.candidates[1].id == 'x[=1/3]' and x.candidates[1].index == 1
    assert x.candidates[1].elements[0].id == 'x[=1/3].q'
    assert [str(s.id) for s in y.subchoices] == ['y[0]', 'y[1]']
    assert y.subchoices[1].candidates[1].elements[0].id == 'y[1][=1/3].r'

  def test_conditional_keys(self):
    """The candidate key is a ConditionalKey equal to its text."""
    key = _space().elements[0].candidates[1].id.key
    assert isinstance(key, ConditionalKey) and key == '=1/3'
    assert (key.index, key.num_choices, repr(key)) == (1, 3, 'ConditionalKey(1, 3)')

  def test_parent_links(self):
    """parent_spec walks up; parent_choice finds the choice holding a spec."""
    space = _space()
    q = space['q']
    assert q.parent_spec.parent_spec is space.elements[0]
    assert q.parent_choice is space.elements[0]
    assert space.elements[0].parent_spec is space and space.parent_spec is None
    assert space.elements[0].parent_choice is None
    assert space['y[0]'].parent_spec is space.elements[1]

  def test_ids_follow_re_parenting(self):
    """An inner space's ids change when it is placed under a choice."""
    inner = Space([Int(0, 1, location='a')])
    assert inner.elements[0].id == 'a'
    Space([Choices(1, [inner], location='c')])
    assert inner.elements[0].id == 'c[=0/1].a'

  def test_space_location_prefixes_ids(self):
    """A root space with a location prefixes its elements' ids."""
    assert Space([Int(0, 1, location='a')], location='model').elements[0].id == 'model.a'


class TestDecisionPoints:

  def test_decision_points_and_ids(self):
    """decision_points lists subchoices; decision_ids a multi-choice once."""
    space = _space()
    assert [str(p.id) for p in space.decision_points] == [
        'x', 'x[=1/3].q', 'y[0]', 'y[0][=1/3].r', 'y[1]', 'y[1][=1/3].r', 'z[0]']
    assert [str(i) for i in space.decision_ids] == [
        'x', 'x[=1/3].q', 'y', 'y[0][=1/3].r', 'y[1][=1/3].r', 'z[0]']
    assert len(space) == 7 and len(Space()) == 0 and bool(Space())

  def test_flags(self):
    """is_* flags describe each kind of spec."""
    x, y, z = _space().elements
    assert Space().is_space and not Space().is_categorical
    assert x.is_categorical and not x.is_subchoice and not x.is_numerical
    assert y.subchoices[0].is_subchoice and y.is_multi_choice
    assert z.is_numerical and not z.is_custom_decision_point

  def test_named_decision_points(self):
    """Names map to points; a multi-choice name maps to its subchoices."""
    named = _space().named_decision_points
    assert set(named) == {'x', 'q', 'y'}
    assert [str(s.id) for s in named['y']] == ['y[0]', 'y[1]']

  def test_lookup_by_name_id_and_subchoice(self):
    """[] finds points by name, by id (text or KeyPath), and subchoices."""
    space = _space()
    assert space['q'] is space['x[=1/3].q']
    assert space[KeyPath.parse('z[0]')] is space.elements[2]
    assert space['y'] == list(space.elements[1].subchoices)
    assert space['y[1]'] is space.elements[1].subchoices[1]
    assert space.get('nope') is None and space.get('nope', 3) == 3

  def test_unknown_name_raises_key_error_listing_valid_ones(self):
    """An unknown name raises KeyError naming it and the valid ones."""
    with pytest.raises(KeyError, match=r"No decision point with name or id 'nope' .*valid ones: \[.*'q'"):
      _space()['nope']  # pylint: disable=expression-not-assigned

  def test_duplicate_names_raise_value_error(self):
    """Two points with one name raise ValueError at construction."""
    with pytest.raises(ValueError, match=r"Decision name 'a' is used twice: by x and by y"):
      Space([Int(0, 1, location='x', name='a'), Int(0, 1, location='y', name='a')])
    with pytest.raises(ValueError, match=r"'a' is used twice.*path=c\[=1/2\]\.p"):
      Choices(1, [Space([Int(0, 1, location='p', name='a')]),
                  Space([Int(0, 1, location='p', name='a')])], location='c')

  def test_a_name_may_not_be_another_points_id(self):
    """A name equal to another point's id is ambiguous."""
    with pytest.raises(ValueError, match=r"Decision name 'y' of x is also the id"):
      Space([Int(0, 1, location='x', name='y'), Int(0, 1, location='y')])

  def test_name_must_be_a_string(self):
    """A non-string name raises TypeError."""
    with pytest.raises(TypeError, match=r'Expected str but got 1 \(int\). \(path=name\)'):
      Int(0, 1, name=1)


class TestEnumeration:

  def test_first_and_next(self):
    """first_dna picks first candidates; next_dna counts like an odometer."""
    space = Space([Choices(1, [Space(), Space()], location='a'), Int(0, 1, location='b')])
    assert space.first_dna() == DNA([0, 0]) and space.first_dna().spec is space
    assert space.next_dna() == DNA([0, 0])
    assert space.next_dna(DNA([0, 1])) == DNA([1, 0])
    assert space.next_dna(DNA([1, 1])) is None
    assert space.first_dna(attach_spec=False).spec is None

  def test_next_dna_validates_its_input(self):
    """next_dna on a misfit DNA raises ValueError naming the decision."""
    with pytest.raises(ValueError, match=r'path=b'):
      Space([Int(0, 1, location='a'), Int(0, 1, location='b')]).next_dna(DNA([0, 5]))

  def test_iter_dna_from_a_start(self):
    """iter_dna(dna) continues after dna."""
    space = Space([Int(0, 3, location='a')])
    assert list(space.iter_dna(DNA(1))) == [DNA(2), DNA(3)]
    assert all(d.spec is space for d in space.iter_dna())

  def test_floats_stay_at_their_minimum(self):
    """first_dna puts a float at its minimum; next_dna advances what follows it."""
    space = Space([Float(0.5, 1.0, location='f'), Int(0, 1, location='a')])
    assert space.first_dna() == DNA([0.5, 0])
    assert space.next_dna(space.first_dna()) == DNA([0.5, 1])
    with pytest.raises(NotImplementedError, match=r'Cannot enumerate past the Float decision point at f'):
      space.next_dna(DNA([0.5, 1]))

  def test_space_size(self):
    """space_size multiplies elements and sums candidates; -1 with a float."""
    assert Space().space_size == 1
    assert Space([Int(0, 4, location='a'), Choices(1, [Space(), Space()], location='b')]).space_size == 10
    assert _space().space_size == -1

  @settings(max_examples=60, deadline=None)
  @given(strategies.spaces(discrete=True, allow_custom=False))
  def test_iter_dna_yields_space_size_distinct_valid_dna_in_order(self, space):
    """Over a discrete space iter_dna yields exactly space_size distinct, sorted, valid DNA."""
    if space.space_size > 3000:
      return
    dnas = list(space.iter_dna())
    assert len(dnas) == space.space_size
    assert len(set(dnas)) == len(dnas)
    assert dnas == sorted(dnas)
    for dna in dnas:
      space.validate(dna)


class TestSampling:

  def test_random_dna_uses_the_given_generator(self):
    """The same seed gives the same DNA; the spec is attached by default."""
    space = _space()
    a = space.random_dna(random.Random(7))
    assert a == space.random_dna(random.Random(7)) and a.spec is space
    assert space.random_dna(random.Random(7), attach_spec=False).__dict__.get(
        '_checked') is None

  def test_random_dna_defaults_to_the_random_module(self):
    """Without a generator, sampling uses the module-level random."""
    random.seed(3)
    a = _space().random_dna()
    random.seed(3)
    assert a == _space().random_dna()

  def test_random_dna_attaches_decision_points(self):
    """Sampled nodes know their decision points and parents."""
    space = _space()
    dna = space.random_dna(random.Random(1))
    assert dna[0].spec is space.elements[0] and dna[0].parent_dna is dna
    assert dna[1].spec is space.elements[1] and dna[1][0].decision_point.is_subchoice

  @given(strategies.spaces_and_dna())
  def test_every_random_dna_validates(self, space_and_dna):
    """random_dna always gives a DNA its spec accepts."""
    space, dna = space_and_dna
    space.validate(dna)
    dna.use_spec(space)

  @given(strategies.spaces_and_dna(), st.integers(0, 1000),
         st.sampled_from([-1, 0, 1, 2, 5, 0.5, 'w0', None]), st.booleans())
  def test_fast_and_detailed_checks_agree(self, space_and_dna, position, value, drop):
    """After a value or shape change, the compiled checker fails exactly when the detailed check raises."""
    space, dna = space_and_dna
    nodes = [dna]
    for node in nodes:
      nodes.extend(node.children)
    target = nodes[position % len(nodes)]
    if drop and target.children:
      target.__dict__['children'] = target.children[:-1]
    else:
      target.__dict__['value'] = value
    fast = space._checker()(dna, None)
    try:
      space._check(dna)
      detailed = True
    except ValueError:
      detailed = False
    assert fast == detailed

  def test_validate_rejects_non_dna(self):
    """validate() of a non-DNA raises TypeError."""
    with pytest.raises(TypeError, match=r'validate\(\) expects a DNA; got 1'):
      _space().validate(1)


class TestJsonAndCopies:

  @settings(deadline=None)  # Big spaces take longer on a loaded machine.
  @given(strategies.spaces())
  def test_json_round_trip(self, space):
    """Any spec survives JSON (custom functions are left out)."""
    restored = from_json(to_json(space))
    assert pg.eq(restored, space)
    assert restored.decision_ids == space.decision_ids

  def test_json_writes_locations_as_text(self):
    """Locations are stored as key-path text; hints as JSON."""
    space = Space([Int(0, 1, location='a[0]', hints={'k': (1, 2)})], hints='h')
    json = to_json(space)
    assert json['elements'][0]['location'] == 'a[0]'
    restored = from_json(json)
    assert restored.hints == 'h' and restored.elements[0].hints == {'k': (1, 2)}
    assert restored.elements[0].location == KeyPath(['a', 0])

  def test_reference_type_names_load(self):
    """Specs saved by the reference (its type names) load."""
    json = {'_type': 'pyglove.generators.geno.Template', 'location': '',
            'hints': None, 'elements': [{
                '_type': 'pyglove.generators.geno.Float', 'location': 'b',
                'hints': None, 'name': None, 'min_value': 0.0,
                'max_value': 1.0, 'scale': None}], 'index': None}
    assert str(from_json(json).elements[0].id) == 'b'

  def test_deepcopy_samples_with_its_own_points(self):
    """A deep-copied spec attaches its own decision points, not the original's."""
    space = _space()
    space.random_dna(random.Random(0))
    copied = copy.deepcopy(space)
    assert copied.random_dna(random.Random(0))[2].spec is copied.elements[2]

  def test_pickle_round_trip_of_spec_and_attached_dna(self):
    """Specs and DNA with attached specs pickle after sampling."""
    space = _space()
    dna = space.random_dna(random.Random(0))
    restored_space, restored = pickle.loads(pickle.dumps((space, dna)))
    assert restored == dna and pg.eq(restored.spec, space)
    assert restored[1][0].spec is restored_space.elements[1].subchoices[0]
    assert str(restored[1][0].decision_point.id) == 'y[0]'
    assert restored_space.random_dna(random.Random(0)) == dna


def test_constant_is_an_empty_space():
  """constant() is a Space with no decision point."""
  assert constant().is_constant and not _space().is_constant


@pytest.mark.parametrize('cls, positional', [
    (Choices, ['num_choices', 'candidates', 'literal_values', 'distinct', 'sorted',
               'subchoice_index', 'hints', 'location', 'name']),
    (Float, ['min_value', 'max_value', 'scale', 'hints', 'location', 'name']),
    (Space, ['elements', 'index']),
    (pg.geno.CustomDecisionPoint, ['hyper_type', 'next_dna_fn', 'random_dna_fn', 'hints',
                                   'location', 'name']),
])
def test_constructor_signatures_list_arguments_in_the_reference_order(cls, positional):
  """inspect.signature shows the constructor's positional arguments, as the reference's do."""
  params = inspect.signature(cls).parameters.values()
  assert [p.name for p in params if p.kind is p.POSITIONAL_OR_KEYWORD] == positional
