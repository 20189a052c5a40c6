"""Tests of `pyglove.geno._spec`: ids, decision points, lookup, enumeration, sampling, equality."""
import copy
import pickle
import random

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
import pytest

from pyglove.geno import Choices
from pyglove.geno import DNA
from pyglove.geno import DNASpec
from pyglove.geno import Float
from pyglove.geno import Int
from pyglove.geno import Space
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


class TestIds:

  def test_ids_are_absolute_key_paths(self):
    """Elements, candidates, nested points and subchoices get key-path ids."""
    space = _space()
    x, y, z = space.elements
    assert x.id == 'x' and z.id == 'z[0]'
    assert x.candidates[1].id == 'x[=1/3]'
    assert x.candidates[1].elements[0].id == 'x[=1/3].q'
    assert [str(s.id) for s in y.subchoices] == ['y[0]', 'y[1]']
    assert y.candidates[1].elements[0].id == 'y[=1/3].r'

  def test_parent_spec_links(self):
    """parent_spec walks up to the root space."""
    space = _space()
    q = space.get('q')
    assert q.parent_spec.parent_spec is space.elements[0]
    assert space.elements[0].parent_spec is space and space.parent_spec is None
    assert space.get('y[0]').parent_spec is space.elements[1]

  def test_ids_follow_re_parenting(self):
    """An inner space's ids change when it is placed under a choice."""
    inner = Space([Int(0, 1, location='a')])
    assert inner.elements[0].id == 'a'
    Space([Choices(1, [inner], location='c')])
    assert inner.elements[0].id == 'c[=0/1].a'

  def test_space_location_prefixes_ids(self):
    """A root space with a location prefixes its elements' ids."""
    space = Space([Int(0, 1, location='a')], location='model')
    assert space.elements[0].id == 'model.a'


class TestDecisionPoints:

  def test_decision_points_in_preorder_with_subchoices(self):
    """Multi-choices expand to their subchoices; candidates' points follow."""
    space = _space()
    assert [str(i) for i in space.decision_ids] == [
        'x', 'x[=1/3].q', 'y[0]', 'y[1]', 'y[=1/3].r', 'z[0]']
    assert len(space) == 6
    assert len(Space()) == 0 and bool(Space())

  def test_flags(self):
    """is_* flags describe each kind of spec."""
    space = _space()
    x, y, z = space.elements
    assert space.is_space and not space.is_categorical
    assert x.is_categorical and not x.is_subchoice and not x.is_numerical
    assert y.subchoices[0].is_subchoice and y.is_multi_choice
    assert z.is_numerical and not z.is_custom_decision_point
    assert isinstance(space, DNASpec)

  def test_named_decision_points(self):
    """Names map to points; a multi-choice name maps to its subchoices."""
    named = _space().named_decision_points
    assert set(named) == {'x', 'q', 'y'}
    assert [str(s.id) for s in named['y']] == ['y[0]', 'y[1]']

  def test_get_by_name_and_id(self):
    """get() finds points by name, by id (string or KeyPath), and subchoices by name[j]."""
    space = _space()
    assert space.get('q') is space.get('x[=1/3].q')
    assert space.get(KeyPath.parse('z[0]')) is space.elements[2]
    assert space.get('y') == space.elements[1].subchoices
    assert space.get('y[1]') is space.elements[1].subchoices[1]
    assert space.elements[1].subchoices[0].name == 'y'

  def test_get_unknown_raises_key_error_listing_valid_names(self):
    """An unknown name raises KeyError naming it and the valid ones."""
    with pytest.raises(KeyError, match=r"No decision point with name or id 'nope' .*valid ones: \[.*'q'"):
      _space().get('nope')

  def test_duplicate_names_raise_value_error(self):
    """Two points with one name in a tree raise ValueError at construction."""
    with pytest.raises(ValueError, match=r"Decision name 'a' is used twice: by x and by y"):
      Space([Int(0, 1, location='x', name='a'), Int(0, 1, location='y', name='a')])

  def test_duplicate_names_across_candidates_raise(self):
    """Names clash across the candidates of one choice as well."""
    with pytest.raises(ValueError, match=r"'a' is used twice.*path=c\[=1/2\]\.p"):
      Choices(1, [Space([Int(0, 1, location='p', name='a')]),
                  Space([Int(0, 1, location='p', name='a')])], location='c')

  def test_name_must_be_a_string(self):
    """A non-string name raises TypeError."""
    with pytest.raises(TypeError, match=r'A decision name must be a str or None; got 1'):
      Int(0, 1, name=1)


class TestEnumeration:

  def test_first_and_next(self):
    """first_dna picks first candidates; next_dna counts like an odometer."""
    space = Space([Choices(1, [Space(), Space()], location='a'), Int(0, 1, location='b')])
    assert space.first_dna() == DNA([0, 0]) and space.first_dna().spec is space
    assert space.next_dna() == DNA([0, 0])
    assert space.next_dna(DNA([0, 1])) == DNA([1, 0])
    assert space.next_dna(DNA([1, 1])) is None

  def test_next_dna_validates_its_input(self):
    """next_dna on a misfit DNA raises ValueError."""
    with pytest.raises(ValueError, match=r'path=b'):
      Space([Int(0, 1, location='a'), Int(0, 1, location='b')]).next_dna(DNA([0, 5]))

  def test_iter_dna_from_a_start(self):
    """iter_dna(dna) continues after dna."""
    space = Space([Int(0, 3, location='a')])
    assert list(space.iter_dna(DNA(1))) == [DNA(2), DNA(3)]
    assert all(d.spec is space for d in space.iter_dna())

  def test_enumerating_floats_raises_naming_the_point(self):
    """next_dna/iter_dna over a Float raise ValueError with its id."""
    space = Space([Int(0, 1, location='a'), Float(0.0, 1.0, location='f')])
    with pytest.raises(ValueError, match=r'Float decision points are continuous.*path=f'):
      list(space.iter_dna())

  def test_space_size(self):
    """space_size multiplies elements and sums candidates; -1 with a float."""
    assert Space().space_size == 1
    assert Space([Int(0, 4, location='a'), Choices(1, [Space(), Space()], location='b')]).space_size == 10
    assert _space().space_size == -1

  @settings(max_examples=60, deadline=None)
  @given(strategies.spaces(discrete=True))
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
    assert space.random_dna(random.Random(7), attach_spec=False).spec is None

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
    assert dna[0].decision_point is space.elements[0] and dna[0].parent is dna

  @given(strategies.spaces_and_dna())
  def test_every_random_dna_validates(self, space_and_dna):
    """random_dna always gives a DNA its spec accepts."""
    space, dna = space_and_dna
    space.validate(dna)
    dna.use_spec(space)

  @given(strategies.spaces_and_dna(), st.integers(0, 1000),
         st.sampled_from([-1, 0, 1, 2, 5, 0.5, 'w0', None]), st.booleans())
  def test_fast_and_detailed_checks_agree(self, space_and_dna, position, value, drop):
    """After a value or shape mutation, the compiled checker fails exactly when the detailed check raises."""
    space, dna = space_and_dna
    nodes = [dna]
    for node in nodes:
      nodes.extend(node.children)
    target = nodes[position % len(nodes)]
    if drop and target.children:
      target.children = target.children[:-1]
    else:
      target.value = value
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


class TestEqualityAndJson:

  def test_structural_equality_and_hash(self):
    """Specs built alike are equal and hash alike; a different bound is not."""
    assert _space() == _space() and hash(_space()) == hash(_space())
    assert Int(0, 1, location='a') != Int(0, 2, location='a')
    assert Int(0, 1, location='a') != Float(0.0, 1.0, location='a')

  def test_equal_structure_at_different_ids_differs(self):
    """Points at different ids are different keys."""
    a = Space([Int(0, 1, location='p')], location='u')
    b = Space([Int(0, 1, location='p')], location='v')
    assert a.elements[0] != b.elements[0]

  def test_repr_is_readable(self):
    """repr names the class and the arguments that matter."""
    text = repr(_space())
    assert text.startswith('Space(elements=[Choices(num_choices=1')
    assert "Float(min_value=0.0, max_value=1.0, location='q', name='q')" in text
    assert 'distinct=True, sorted=False' in text

  @given(strategies.spaces())
  def test_json_round_trip(self, space):
    """Any spec survives to_json/from_json (custom functions need trusted=True)."""
    restored = from_json(to_json(space), trusted=True)
    assert restored == space
    assert restored.decision_ids == space.decision_ids

  def test_hints_round_trip(self):
    """Hints are stored in JSON."""
    space = Space([Int(0, 1, location='a', hints={'k': (1, 2)})], hints='h')
    restored = from_json(to_json(space))
    assert restored.hints == 'h' and restored.elements[0].hints == {'k': (1, 2)}


class TestCopies:

  def test_deepcopy_samples_with_its_own_points(self):
    """A deep-copied spec attaches its own decision points, not the original's."""
    space = _space()
    space.random_dna(random.Random(0))
    copied = copy.deepcopy(space)
    dna = copied.random_dna(random.Random(0))
    assert dna[2].decision_point is copied.elements[2]

  def test_pickle_round_trip_of_spec_and_attached_dna(self):
    """Specs and DNA with attached specs pickle after sampling."""
    space = _space()
    dna = space.random_dna(random.Random(0))
    restored = pickle.loads(pickle.dumps(dna))
    assert restored == dna and restored.spec == space
