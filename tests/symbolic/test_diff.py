"""Tests for pyglove.symbolic._diff: pg.diff and pg.Diff."""
from __future__ import annotations

import doctest

import pytest

import pyglove as pg
from pyglove.symbolic import _diff
from pyglove.symbolic._diff import Diff
from pyglove.symbolic._diff import diff


class A(pg.Object):
  x: int = 1
  y: list = []


class B(pg.Object):
  x: int = 1
  y: list = []


class C(A):
  z: int = 0


class TestDiffObject:

  def test_diff_is_a_symbolic_object_with_reference_fields(self):
    """pg.Diff is a pg.Object with the fields left, right and children."""
    assert issubclass(Diff, pg.Object)
    assert list(Diff.__schema__.fields) == ['left', 'right', 'children']
    d = Diff(1, 2)
    assert (d.left, d.right, dict(d.children)) == (1, 2, {})

  def test_children_require_types_on_both_sides(self):
    """A node Diff holds the types of the values it broke down."""
    with pytest.raises(ValueError, match="'left' of a Diff with children must be a type.*got 1"):
      Diff(1, dict, {'a': Diff(1, 2)})

  def test_truthiness_follows_differences(self):
    """A Diff is truthy when its sides or a child differ."""
    assert Diff(1, 2) and not Diff(1, 1) and not Diff()
    assert Diff(dict, dict, {'a': Diff(1, 2)})
    assert not Diff(dict, dict, {'a': Diff(1, 1)})

  def test_value_of_differing_diff_is_value_error(self):
    """A Diff with two different sides has no single value."""
    assert Diff(3, 3).value == 3
    with pytest.raises(ValueError, match=r'The two sides differ \(left=1, right=2\)'):
      _ = Diff(1, 2).value

  def test_equality_and_hash(self):
    """Diffs compare by fields; one without difference equals its value."""
    assert Diff(1, 2) == Diff(1, 2) and Diff(1, 2) != Diff(1, 3)
    assert Diff(1, 2) != 1 and Diff(1, 1) == 1
    assert pg.hash(diff([1], [2])) == pg.hash(diff([1], [2]))

  def test_json_round_trip_keeps_missing(self):
    """A Diff (with MISSING sides) survives a JSON round trip."""
    d = diff({'a': 1}, {'a': 1, 'b': 2})
    loaded = pg.from_json(d.to_json())
    assert loaded == d
    assert loaded.children['b'].left is Diff.MISSING


class TestDiffFunction:

  def test_equal_values_give_no_diff(self):
    """No difference: ``Diff()`` printing 'No diff', or {} when flattened."""
    d = diff(A(1), A(1))
    assert not d and d == Diff()
    assert str(d) == 'No diff' and repr(d) == 'No diff'
    assert diff([1], [1], flatten=True) == {}

  def test_objects_of_same_type_break_down_by_field(self):
    """Differing fields become children keyed by string; equal ones are left out."""
    d = diff(A(1, [1, 2]), A(1, [1, 3, 4]))
    assert d and not d.is_leaf and (d.left, d.right) == (A, A)
    assert list(d.children) == ['y']
    assert d.children['y'].children['1'] == Diff(2, 3)
    assert d.children['y'].children['2'] == Diff(Diff.MISSING, 4)

  def test_flatten_gives_leaves_by_path(self):
    """`flatten=True` maps key paths to leaf diffs, '_type' where types differ."""
    assert diff({'a': A(1), 'b': 2}, {'a': A(2), 'c': 3}, flatten=True) == {
        'a.x': Diff(1, 2), 'b': Diff(2, Diff.MISSING),
        'c': Diff(Diff.MISSING, 3)}
    assert diff([1, [2]], [1, [3]], flatten=True) == {'[1][0]': Diff(2, 3)}
    assert diff(A(1), C(2), collapse=True, flatten=True) == {
        'x': Diff(1, 2), 'z': Diff(Diff.MISSING, 0), '_type': Diff(A, C)}

  def test_different_types_form_a_leaf_unless_collapsed(self):
    """'same_type' keeps A vs B whole; True compares them field by field."""
    assert diff(A(1), B(2)).is_leaf
    d = diff(A(1), B(2), collapse=True)
    assert d.children == {'x': Diff(1, 2)} and (d.left, d.right) == (A, B)
    assert diff(A(1), B(1), collapse=True).children == {}
    assert diff(A(1), A(2), collapse=False).is_leaf
    assert diff(A(1), B(2), collapse=lambda x, y: True).children == {
        'x': Diff(1, 2)}

  def test_modes_select_same_or_both(self):
    """'same' keeps equal keys, 'both' everything."""
    left, right = {'a': 1, 'b': 2}, {'a': 1, 'b': 3}
    assert diff(left, right, mode='same', flatten=True) == {'a': Diff(1, 1)}
    assert diff(left, right, mode='both', flatten=True) == {
        'a': Diff(1, 1), 'b': Diff(2, 3)}
    assert diff(1, 2, mode='same', flatten=True) == {}
    assert list(diff(left, right, mode='both').children) == ['a', 'b']

  def test_values_are_not_reparented(self):
    """Diffing roots leaves them roots."""
    a, b = A(1), A(2)
    d = diff(a, b, collapse=False)
    assert a.sym_parent is None and b.sym_parent is None
    assert d.left == a

  def test_bad_mode_or_collapse_is_value_error(self):
    """Unknown `mode` and `collapse` values are rejected."""
    with pytest.raises(ValueError, match="`mode` must be one of.*got 'all'"):
      diff(1, 2, mode='all')
    with pytest.raises(ValueError, match="`collapse` must be 'same_type'.*got 3"):
      diff(1, 2, collapse=3)

  def test_format_matches_the_reference(self):
    """Nodes print by type with their children; lists in brackets."""
    d = diff(A(1, [1]), A(2, [1, 5]))
    assert repr(d) == 'A(x=Diff(left=1, right=2), y=[1=Diff(left=MISSING, right=5)])'
    assert str(d) == (
        'A(\n'
        '  x = Diff(\n'
        '    left = 1,\n'
        '    right = 2\n'
        '  ),\n'
        '  y = [\n'
        '    1 = Diff(\n'
        '      left = MISSING,\n'
        '      right = 5\n'
        '    )\n'
        '  ]\n'
        ')')
    assert repr(diff(A(1), B(2), collapse=True)) == 'A|B(x=Diff(left=1, right=2))'
    assert repr(diff({'a': 1, 'b': 2}, {'a': 1, 'b': 3}, mode='both')) == (
        'dict(a=1, b=Diff(left=2, right=3))')


def test_docstring_examples_run():
  """Every example in the module's docstrings runs as shown."""
  results = doctest.testmod(_diff, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.attempted and not results.failed
