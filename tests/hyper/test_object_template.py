"""Tests for pyglove.hyper._object_template: ObjectTemplate, pg.template, pg.dna_spec."""
from __future__ import annotations

import doctest

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
import pytest

import pyglove as pg
from pyglove import geno
from pyglove.hyper import ObjectTemplate


class Conv(pg.Object):
  filters: int
  kernel: int = 3


class Seq(pg.Object):
  layers: list


def _space():
  return Seq([
      Conv(pg.oneof([4, 8]), kernel=pg.intv(1, 3)),
      pg.oneof([Conv(pg.oneof([16, 32])), Conv(1)]),
      pg.manyof(2, [1, 2, 3], sorted=True),
  ])


class TestDnaSpec:

  def test_decision_ids_are_key_paths_in_preorder(self):
    """Ids follow the tree; conditional ones read a[=i/n].x."""
    ids = [str(i) for i in pg.template(_space()).dna_spec().decision_ids]
    assert ids == ['layers[0].filters', 'layers[0].kernel', 'layers[1]',
                   'layers[1][=0/2].filters', 'layers[2]']

  def test_space_size_multiplies_and_adds_conditionals(self):
    """Size = 2 * 3 * (2 + 1) * C(3, 2)."""
    assert pg.dna_spec(_space()).space_size == 2 * 3 * 3 * 3

  def test_dna_spec_is_built_once(self):
    """The template caches its spec."""
    t = pg.template(_space())
    assert t.dna_spec() is t.dna_spec()

  def test_plain_dict_and_list_are_made_symbolic(self):
    """A plain dict or list is accepted as a space."""
    assert pg.dna_spec({'a': pg.oneof([1, 2])}).space_size == 2
    assert pg.dna_spec([pg.oneof([1, 2]), pg.oneof([1, 2, 3])]).space_size == 6

  def test_duplicate_names_raise(self):
    """Two decision points with one name raise ValueError."""
    with pytest.raises(ValueError, match='x'):
      pg.dna_spec(pg.Dict(a=pg.oneof([1, 2], name='x'),
                          b=pg.oneof([3, 4], name='x')))

  def test_where_selects_a_sub_space(self):
    """Unselected hyper values are no decision points."""
    space = _space()
    spec = pg.dna_spec(space, where=lambda h: isinstance(h, pg.hyper.OneOf))
    assert [str(i) for i in spec.decision_ids] == [
        'layers[0].filters', 'layers[1]', 'layers[1][=0/2].filters']

  def test_hyper_primitives_and_is_constant(self):
    """The template lists its top-level points; a space without any is constant."""
    t = pg.template(pg.Dict(a=pg.oneof([1, 2]), b=1))
    assert [k for k, _ in t.hyper_primitives] == ['a']
    assert not t.is_constant
    assert pg.template(pg.Dict(a=1)).is_constant

  def test_dna_spec_of_a_define_by_run_function(self):
    """A function is traced to find its decision points."""
    assert pg.dna_spec(lambda: pg.oneof([1, 2, 3])).space_size == 3


class TestDecode:

  def test_decode_builds_the_child_program(self):
    """Each decision point is replaced by its decoded choice."""
    t = pg.template(_space())
    program = t.decode(geno.DNA([1, 2, (0, 1), [0, 2]]))
    assert program == Seq([Conv(8, kernel=2), Conv(32), [1, 3]])

  def test_decode_leaves_the_template_untouched(self):
    """Decoding never changes the space, and programs share no nodes."""
    space = _space()
    t = pg.template(space)
    a = t.decode(geno.DNA([0, 1, 1, [0, 1]]))
    b = t.decode(geno.DNA([0, 1, 1, [0, 1]]))
    assert a == b and a is not b
    assert a.layers[1] is not b.layers[1]
    assert pg.eq(space, _space())

  def test_decode_of_a_root_hyper_value(self):
    """A hyper value as the whole space decodes to a detached candidate."""
    t = pg.template(pg.oneof([Conv(1), Conv(2)]))
    program = t.decode(geno.DNA(1))
    assert program == Conv(2) and program.sym_parent is None

  def test_decode_of_a_constant_space_is_a_copy(self):
    """A space without decisions decodes to a copy of itself."""
    space = pg.Dict(a=Conv(1))
    program = pg.template(space).decode(geno.DNA(None))
    assert program == space and program is not space

  def test_decode_converts_to_the_field_type(self):
    """An int candidate for a Float field becomes a float."""

    class Opt(pg.Object):
      lr: float

    program = pg.template(Opt(pg.oneof([1, 2]))).decode(geno.DNA(0))
    assert program.lr == 1.0 and isinstance(program.lr, float)

  def test_decode_with_where_keeps_unselected_hyper_values(self):
    """The hyper values outside the sub-space stay in the program."""
    t = pg.template(pg.Dict(a=pg.oneof([1, 2]), b=pg.floatv(0.0, 1.0)),
                    where=lambda h: isinstance(h, pg.hyper.OneOf))
    program = t.decode(geno.DNA(1))
    assert program.a == 2 and isinstance(program.b, pg.hyper.Float)

  def test_decode_accepts_a_dna_literal(self):
    """A literal is turned into a DNA."""
    assert pg.template(pg.Dict(a=pg.oneof([1, 2]))).decode(1) == {'a': 2}

  @pytest.mark.parametrize('dna,match', [
      (geno.DNA([0, 5, 0, [0, 1]]), 'layers\\[0\\].kernel'),
      (geno.DNA([0, 1, 3, [0, 1]]), 'layers\\[1\\]'),
      (geno.DNA([0, 1, 0, [0, 1]]), 'layers\\[1\\]'),
      (geno.DNA([0, 1, 1]), '4 children'),
  ])
  def test_decode_rejects_dna_that_does_not_fit(self, dna, match):
    """A wrong index, wrong shape or out-of-range int raises ValueError naming the id."""
    with pytest.raises(ValueError, match=match):
      pg.template(_space()).decode(dna)

  def test_decode_rejects_a_float_out_of_range(self):
    """A float outside the range raises ValueError naming the id."""
    with pytest.raises(ValueError, match='lr'):
      pg.template(pg.Dict(lr=pg.floatv(0.0, 1.0))).decode(geno.DNA(1.5))


class TestEncode:

  def test_encode_is_the_inverse_of_decode(self):
    """encode(decode(dna)) == dna on a conditional space."""
    t = pg.template(_space())
    dna = geno.DNA([1, 2, (0, 1), [0, 2]])
    assert t.encode(t.decode(dna)) == dna

  def test_encode_rejects_a_different_constant(self):
    """A program differing outside the decision points raises ValueError with the path."""
    t = pg.template(pg.Dict(a=pg.oneof([1, 2]), b=3))
    with pytest.raises(ValueError, match='path=b'):
      t.encode(pg.Dict(a=1, b=4))

  def test_encode_rejects_a_different_type(self):
    """A program of another class raises ValueError."""
    t = pg.template(Seq([Conv(pg.oneof([1, 2]))]))
    with pytest.raises(ValueError, match='does not fit'):
      t.encode(Seq([Seq([])]))

  def test_encode_rejects_different_keys_and_lengths(self):
    """Dicts with other keys and lists of other lengths raise ValueError."""
    with pytest.raises(ValueError, match='does not fit'):
      pg.template(pg.Dict(a=pg.oneof([1, 2]))).encode(pg.Dict(b=1))
    with pytest.raises(ValueError, match='does not fit'):
      pg.template(pg.List([pg.oneof([1, 2])])).encode([1, 2])

  def test_encode_rejects_a_constraint_violation(self):
    """An unsorted pick for a sorted manyof raises ValueError."""
    t = pg.template(pg.Dict(m=pg.manyof(2, [1, 2, 3], sorted=True)))
    with pytest.raises(ValueError, match='m'):
      t.encode(pg.Dict(m=[3, 1]))

  def test_encode_with_where_compares_unselected_hyper_values(self):
    """An unselected hyper value must appear unchanged in the program."""
    t = pg.template(pg.Dict(a=pg.oneof([1, 2]), b=pg.floatv(0.0, 1.0)),
                    where=lambda h: isinstance(h, pg.hyper.OneOf))
    assert t.encode(pg.Dict(a=2, b=pg.floatv(0.0, 1.0))) == geno.DNA(1)
    with pytest.raises(ValueError, match='path=b'):
      t.encode(pg.Dict(a=2, b=0.5))


class TestProperties:

  @settings(max_examples=60, deadline=None)
  @given(st.integers(min_value=0, max_value=10**6))
  def test_encode_decode_round_trip_on_random_dna(self, seed):
    """encode(decode(dna)) == dna for any DNA of the space."""
    import random
    t = pg.template(_space())
    dna = t.dna_spec().random_dna(random.Random(seed))
    assert t.encode(t.decode(dna)) == dna

  @settings(max_examples=60, deadline=None)
  @given(st.integers(min_value=0, max_value=10**6))
  def test_decode_of_encode_is_identity(self, seed):
    """materialize(encode(x)) == x for a program x of the space."""
    import random
    t = pg.template(_space())
    program = t.decode(t.dna_spec().random_dna(random.Random(seed)))
    assert t.decode(t.encode(program)) == program


def test_repr_names_the_value():
  """The repr of a template shows its value."""
  assert 'ObjectTemplate(value=' in repr(ObjectTemplate(pg.Dict(a=1)))


def test_docstring_examples_hold():
  """The examples in the module's docstrings run as written."""
  from pyglove.hyper import _object_template as module
  result = doctest.testmod(module, extraglobs={'pg': pg})
  assert result.attempted > 0 and result.failed == 0


def test_reference_template_members():
  """compute_derived, dna_spec(location), root_path, try_encode and the Template alias."""
  space = pg.Dict(a=pg.oneof([1, 2]), b=pg.hyper.reference('a'))
  assert pg.hyper.ObjectTemplate(space).decode(pg.DNA(1)).b == 2
  kept = pg.hyper.ObjectTemplate(space, compute_derived=False).decode(pg.DNA(1))
  assert isinstance(kept.b, pg.hyper.ValueReference)
  t = pg.hyper.Template(pg.Dict(x=pg.oneof([1, 2])))
  assert str(t.dna_spec('outer').location) == 'outer' and t.root_path == ''
  assert t.try_encode(pg.Dict(x=2)) == (True, pg.DNA(1))
  assert t.try_encode(pg.Dict(x=3)) == (False, None)
  assert pg.search_space is pg.dna_spec


def test_dna_is_the_last_decoded_or_set():
  """template.dna is None at first, then the DNA last decoded or given to set_dna."""
  t = pg.template(pg.Dict(x=pg.oneof([1, 2])))
  assert t.dna is None
  t.decode(pg.DNA(1))
  assert t.dna == pg.DNA(1)
  t.set_dna(pg.DNA(0))
  assert t.dna == pg.DNA(0)
