"""Tests for pyglove.hyper._categorical: oneof, manyof, permutate."""
from __future__ import annotations

import doctest

import pytest

import pyglove as pg
from pyglove import geno
from pyglove.hyper import ManyOf
from pyglove.hyper import OneOf


class Conv(pg.Object):
  filters: int
  kernel: int = 3


class Model(pg.Object):
  layer: pg.typing.Any()
  units: pg.typing.Int(min_value=1) = 8


class TestOneOf:

  def test_oneof_builds_a_oneof_hyper_value(self):
    """pg.oneof returns a OneOf holding its candidates, name and hints."""
    x = pg.oneof([1, 2, 3], name='x', hints='h')
    assert isinstance(x, OneOf)
    assert list(x.candidates) == [1, 2, 3]
    assert (x.name, x.hints, x.num_choices) == ('x', 'h', 1)

  def test_oneof_accepts_any_iterable(self):
    """A range or generator of candidates is stored as a list."""
    assert list(pg.oneof(range(3)).candidates) == [0, 1, 2]

  def test_empty_candidates_raise_value_error(self):
    """A oneof without candidates is refused."""
    with pytest.raises(ValueError, match='at least one candidate'):
      pg.oneof([])

  def test_dna_spec_has_one_candidate_space_per_candidate(self):
    """The spec is a single choice over the candidates, with literal values."""
    spec = pg.oneof([1, 'a', Conv(4)]).dna_spec('x')
    assert isinstance(spec, geno.Choices)
    assert spec.num_choices == 1 and len(spec.candidates) == 3
    assert spec.literal_values[:2] == [1, 'a']
    assert 'Conv' in spec.literal_values[2]

  def test_nested_candidates_open_conditional_spaces(self):
    """A candidate holding hyper values gives its candidate space elements."""
    x = pg.oneof([Conv(pg.oneof([4, 8])), 1])
    spec = pg.dna_spec(pg.Dict(a=x))
    assert [str(i) for i in spec.decision_ids] == ['a', 'a[=0/2].filters']
    assert spec.space_size == 3

  def test_decode_returns_the_chosen_candidate(self):
    """DNA(i) decodes to candidate i."""
    assert pg.oneof([1, 2, 3]).decode(geno.DNA(2)) == 3

  def test_decode_decodes_nested_candidates(self):
    """A nested candidate is decoded with the child DNA."""
    x = pg.oneof([Conv(pg.oneof([4, 8])), 1])
    assert x.decode(geno.DNA((0, 1))) == Conv(8)

  def test_decode_rejects_an_out_of_range_index(self):
    """An index that is no candidate raises ValueError."""
    with pytest.raises(ValueError, match='not a candidate index'):
      pg.oneof([1, 2]).decode(geno.DNA(5))

  def test_decode_rejects_wrong_number_of_children(self):
    """A DNA whose children do not match the candidate's points raises ValueError."""
    with pytest.raises(ValueError, match='decision point'):
      pg.oneof([1, 2]).decode(geno.DNA((0, 1)))

  def test_encode_finds_the_candidate(self):
    """encode returns the index of the first equal candidate."""
    assert pg.oneof(['a', 'b']).encode('b') == geno.DNA(1)

  def test_encode_nested_candidate(self):
    """encode descends into candidates holding hyper values."""
    x = pg.oneof([1, Conv(pg.oneof([4, 8]))])
    assert x.encode(Conv(8)) == geno.DNA((1, 1))

  def test_encode_rejects_an_unknown_value(self):
    """A value that fits no candidate raises ValueError."""
    with pytest.raises(ValueError, match='fits no candidate'):
      pg.oneof([1, 2]).encode(3)

  def test_assemble_returns_the_single_choice(self):
    """A oneof's value is its one chosen candidate."""
    assert pg.oneof([1]).assemble([7]) == 7


class TestManyOf:

  def test_manyof_builds_a_manyof(self):
    """pg.manyof stores k, the candidates and the constraints."""
    x = pg.manyof(2, [1, 2, 3], distinct=False, sorted=True, name='m')
    assert isinstance(x, ManyOf)
    assert (x.num_choices, x.choices_distinct, x.choices_sorted) == (2, False, True)

  def test_paper_spelling_of_constraints_is_accepted(self):
    """choices_distinct/choices_sorted override distinct/sorted."""
    x = pg.manyof(3, [1, 2], choices_distinct=False, choices_sorted=True)
    assert (x.choices_distinct, x.choices_sorted) == (False, True)

  def test_too_many_distinct_choices_raise_value_error(self):
    """k distinct choices out of fewer candidates are impossible."""
    with pytest.raises(ValueError, match='cannot choose 3 distinct'):
      pg.manyof(3, [1, 2])

  def test_empty_candidates_raise_value_error(self):
    """A manyof without candidates is refused."""
    with pytest.raises(ValueError, match='at least one candidate'):
      pg.manyof(1, [])

  def test_permutate_chooses_all_candidates_distinct(self):
    """pg.permutate is a distinct, unsorted manyof of every candidate."""
    x = pg.permutate(['a', 'b', 'c'])
    assert (x.num_choices, x.choices_distinct, x.choices_sorted) == (3, True, False)
    assert pg.dna_spec(x).space_size == 6

  def test_decode_returns_a_list(self):
    """Each subchoice decodes to its candidate."""
    assert pg.manyof(2, [1, 2, 3]).decode(geno.DNA([2, 0])) == [3, 1]

  def test_decode_of_a_single_choice_is_a_list(self):
    """A manyof of one is still a list."""
    assert pg.manyof(1, [1, 2]).decode(geno.DNA(1)) == [2]

  def test_decode_rejects_wrong_number_of_choices(self):
    """A DNA with fewer subchoices than k raises ValueError."""
    with pytest.raises(ValueError, match='expects 2 choices'):
      pg.manyof(2, [1, 2, 3]).decode(geno.DNA(0))

  def test_encode_returns_one_subchoice_per_value(self):
    """encode maps each chosen value to its index."""
    assert pg.manyof(2, [1, 2, 3]).encode([3, 1]) == geno.DNA([2, 0])

  def test_encode_rejects_a_wrong_length(self):
    """A list of the wrong length raises ValueError."""
    with pytest.raises(ValueError, match='list of 2 values'):
      pg.manyof(2, [1, 2, 3]).encode([1])


class TestFieldValidation:

  def test_oneof_fits_a_field_when_every_candidate_fits(self):
    """A oneof of ints is a valid Int field value."""
    m = Model(layer=1, units=pg.oneof([4, 8]))
    assert isinstance(m.units, OneOf)

  def test_oneof_with_a_bad_candidate_is_rejected_with_path(self):
    """A candidate out of the field's range raises ValueError naming it and the path."""
    with pytest.raises(ValueError, match=r'Candidate 1 \(0\).*path=units'):
      Model(layer=1, units=pg.oneof([4, 0]))

  def test_oneof_with_a_wrongly_typed_candidate_is_rejected(self):
    """A str candidate in an Int field raises TypeError."""
    with pytest.raises(TypeError, match="Candidate 0 \\('a'\\)"):
      Model(layer=1, units=pg.oneof(['a']))

  def test_manyof_fits_a_list_field_through_its_element_spec(self):
    """A manyof of ints is a valid List(Int) field value; a str candidate is not."""

    class Net(pg.Object):
      sizes: pg.typing.List(pg.typing.Int())

    assert isinstance(Net(pg.manyof(2, [1, 2, 3])).sizes, ManyOf)
    with pytest.raises(TypeError, match='Candidate 0'):
      Net(pg.manyof(1, ['a']))

  def test_manyof_size_must_fit_the_list_field(self):
    """A manyof of k values in a list field of other sizes raises ValueError."""

    class Pair(pg.Object):
      items: pg.typing.List(pg.typing.Int(), min_size=2, max_size=2)

    assert isinstance(Pair(pg.manyof(2, [1, 2, 3])).items, ManyOf)
    with pytest.raises(ValueError, match='lists of 3 values.*2 to 2.*path=items'):
      Pair(pg.manyof(3, [1, 2, 3]))

  def test_manyof_cannot_fill_a_scalar_field(self):
    """A manyof makes a list, so an Int field rejects it with TypeError."""
    with pytest.raises(TypeError, match='makes a list.*path=units'):
      Model(layer=1, units=pg.manyof(1, [1, 2]))

  def test_rebind_rechecks_constraints_atomically(self):
    """Rebinding a oneof to no candidates raises ValueError."""
    x = pg.oneof([1, 2])
    with pytest.raises(ValueError, match='at least one candidate'):
      x.rebind(candidates=[])


def test_docstring_examples_hold():
  """The examples in the module's docstrings run as written."""
  from pyglove.hyper import _categorical as module
  result = doctest.testmod(module, extraglobs={'pg': pg})
  assert result.attempted > 0 and result.failed == 0


class TestCandidateSubspaces:

  def test_subspaces_are_cached_until_a_change(self):
    """The compiled candidates are reused, and rebuilt after a rebind."""
    x = pg.oneof([pg.Dict(a=pg.oneof([1, 2])), 3])
    first = x.candidate_subspaces()
    assert x.candidate_subspaces() is first
    x.rebind({'candidates[1]': 4})
    assert x.candidate_subspaces() is not first

  def test_subspaces_follow_where(self):
    """Another where compiles the candidates again with its own points."""
    x = pg.oneof([pg.Dict(a=pg.oneof([1, 2]), b=pg.floatv(0.0, 1.0))])
    only_floats = lambda h: isinstance(h, pg.hyper.Float)
    assert len(x.candidate_subspaces()[0].points) == 2
    assert len(x.candidate_subspaces(only_floats)[0].points) == 1


class TestReferenceFields:
  """The reference's field order, `where`, is_leaf, candidate_templates and aliases."""

  def test_fields_print_in_the_reference_order(self):
    """OneOf/ManyOf print name, hints, num_choices, candidates, ..., where."""
    assert repr(pg.oneof([1, 2])) == (
        'OneOf(name=None, hints=None, num_choices=1, candidates=[0: 1, 1: 2], '
        'choices_distinct=True, choices_sorted=False, where=None)')
    assert repr(pg.manyof(2, [1, 2, 3])).startswith(
        'ManyOf(name=None, hints=None, num_choices=2, candidates=[0: 1, 1: 2, 2: 3]')
    assert pg.hyper.OneOf([1, 2], 'hint').hints == 'hint'
    assert pg.hyper.ManyOf(2, [1, 2, 3], False).choices_distinct is False

  def test_where_restricts_the_candidates_decisions(self):
    """A choice's `where` keeps unselected nested hyper values in place."""
    inner = pg.floatv(0.0, 1.0)
    choice = pg.hyper.OneOf([pg.Dict(v=inner), 1],
                            where=lambda h: not isinstance(h, pg.hyper.Float))
    assert choice.is_leaf and not pg.oneof([pg.Dict(v=pg.oneof([1, 2]))]).is_leaf
    assert pg.dna_spec(pg.Dict(c=choice)).space_size == 2
    assert [t.value for t in pg.oneof([1, 2]).candidate_templates] == [1, 2]

  def test_permutate_takes_name_and_hints_by_position(self):
    """permutate(candidates, name, hints) as in the reference; manyof passes extra fields."""
    assert pg.permutate([1, 2], 'order', 'h').name == 'order'
    assert pg.manyof(1, [1, 2], where=lambda h: True).where is not None

  def test_aliases(self):
    """ChoiceValue/ChoiceList/one_of/sublist_of are the reference's other names."""
    assert pg.hyper.ChoiceValue is pg.hyper.OneOf and pg.hyper.ChoiceList is pg.hyper.ManyOf
    assert pg.hyper.one_of is pg.oneof and pg.hyper.sublist_of is pg.manyof
