"""Tests for pyglove.symbolic._compare: eq/ne, hash, lt/gt and diff."""
from __future__ import annotations

import doctest
import functools

import pytest

import pyglove as pg
from pyglove.symbolic import _compare
from pyglove.symbolic._compare import Diff
from pyglove.symbolic._compare import diff
from pyglove.symbolic._compare import eq
from pyglove.symbolic._compare import gt
from pyglove.symbolic._compare import hash as sym_hash
from pyglove.symbolic._compare import lt
from pyglove.symbolic._compare import ne
from pyglove.utils import MISSING_VALUE


class A(pg.Object):
  x: int = 1
  y: list = []


class B(pg.Object):
  x: int = 1
  y: list = []


class Loose(pg.Object):
  """Equal to any other Loose whose `x` has the same parity."""
  x: int = 0

  def sym_eq(self, other):
    return isinstance(other, Loose) and self.x % 2 == other.x % 2

  def sym_hash(self):
    return self.x % 2


class AnyInt(pg.Object):
  """Equal to every int (tests the right-hand dispatch)."""

  def sym_eq(self, other):
    return isinstance(other, int) or other is self


class Delegating(pg.Object):
  """Overrides sym_eq/sym_hash but defers to the library's ones."""
  x: int = 0

  def sym_eq(self, other):
    return super().sym_eq(other)

  def sym_hash(self):
    return super().sym_hash()


class Point:
  """A plain class with its own equality and order."""

  def __init__(self, v):
    self.v = v

  def __eq__(self, other):
    return isinstance(other, Point) and self.v == other.v

  def __lt__(self, other):
    return self.v < other.v

  def __hash__(self):
    return hash(self.v)


def _sort(values):
  return sorted(values, key=functools.cmp_to_key(
      lambda x, y: -1 if lt(x, y) else (1 if gt(x, y) else 0)))


class TestEq:

  def test_scalars_follow_python_equality(self):
    """Numbers compare by value across int/float/bool; str by content."""
    assert eq(1, 1.0) and eq(True, 1) and eq('a', 'a')
    assert ne(1, '1') and ne(None, 0)

  def test_objects_need_same_type_and_equal_fields(self):
    """Two objects are equal when their exact types and fields match."""
    assert eq(A(1, [A(2)]), A(1, [A(2)]))
    assert ne(A(1), A(2))
    assert ne(A(1), B(1))
    assert ne(A(1), {'x': 1, 'y': []})

  def test_symbolic_containers_equal_plain_ones(self):
    """`pg.Dict` equals a dict and `pg.List` a list with equal items."""
    assert eq(pg.Dict(a=1, b=[1]), {'a': 1, 'b': [1]})
    assert eq({'b': [1], 'a': 1}, pg.Dict(a=1, b=[1]))
    assert eq(pg.List([1, A(2)]), [1, A(2)])
    assert ne(pg.List([1]), (1,))
    assert ne({'a': 1}, {'b': 1})
    assert ne({'a': 1}, {'a': 1, 'b': 2})

  def test_plain_containers_recurse_symbolically(self):
    """Objects inside tuples, lists and dicts compare symbolically."""
    assert eq((A(1), [A(2)]), (A(1), [A(2)]))
    assert ne((1, 2), (1, 2, 3))
    assert ne([1], (1,))

  def test_user_override_of_sym_eq_decides(self):
    """A class overriding `sym_eq` is asked, from either side."""
    assert eq(Loose(1), Loose(3))
    assert ne(Loose(1), Loose(2))
    assert eq([Loose(2)], [Loose(4)])

  def test_right_hand_override_is_asked_when_left_is_not_symbolic(self):
    """`eq(plain, custom)` asks the right-hand value's `sym_eq`."""
    assert eq(5, AnyInt()) and eq(AnyInt(), 7)
    assert ne('a', AnyInt())
    assert ne(A(1), AnyInt())

  def test_override_calling_super_gets_built_in_behaviour(self):
    """An override delegating to the library does not recurse forever."""
    assert eq(Delegating(1), Delegating(1))
    assert ne(Delegating(1), Delegating(2))
    assert sym_hash(Delegating(1)) == sym_hash(Delegating(1))

  def test_plain_values_use_their_own_equality(self):
    """Non-symbolic values use `==`, element-wise results reduced with all()."""
    assert eq(Point(1), Point(1))
    assert ne(Point(1), Point(2))

    class ArrayLike:

      def __init__(self, items):
        self.items = items

      def __eq__(self, other):
        return _Mask([a == b for a, b in zip(self.items, other.items)])

    class _Mask:

      def __init__(self, flags):
        self.flags = flags

      def all(self):
        return all(self.flags)
    assert eq(ArrayLike([1, 2]), ArrayLike([1, 2]))
    assert ne(ArrayLike([1, 2]), ArrayLike([1, 3]))

  def test_nested_objects_compare_field_by_field(self):
    """Objects nested in objects and lists differ when one deep field does."""
    assert eq(A(1, [A(2, [A(3)])]), A(1, [A(2, [A(3)])]))
    assert ne(A(1, [A(2, [A(3)])]), A(1, [A(2, [A(4)])]))
    assert ne(A(1, [A(2)]), A(1, [B(2)]))
    assert ne(A(1, [A(2)]), A(1, [A(2), A(2)]))
    assert ne(A(1, ['x' * 300]), A(1, ['y' * 300]))

  def test_overrides_nested_in_default_objects_are_asked(self):
    """A custom `sym_eq` deep in a default-compared tree still decides."""
    assert eq(A(1, [Loose(1)]), A(1, [Loose(3)]))
    assert ne(A(1, [Loose(1)]), A(1, [Loose(2)]))
    assert eq(A(1, [AnyInt()]), A(1, [5]))

  def test_keyword_fields_compare_by_key_not_order(self):
    """Objects with `**kwargs` fields set in another order are equal."""

    @pg.members([(pg.typing.StrKey(), pg.typing.Int())])
    class Kw(pg.Object):
      pass
    assert eq(Kw(p=1, q=2), Kw(q=2, p=1))
    assert ne(Kw(p=1, q=2), Kw(p=1, r=2))
    assert ne(Kw(p=1), Kw(p=1, q=2))

  def test_operator_eq_on_objects_is_symbolic(self):
    """`==` on pg.Object compares symbolically (core delegates here)."""
    assert A(1, [2]) == A(1, [2])
    assert A(1) != A(2)


class TestHash:

  def test_equal_values_hash_equal(self):
    """Hash agrees with eq across symbolic and plain containers."""
    assert sym_hash(pg.Dict(a=1, b=[1])) == sym_hash({'b': [1], 'a': 1})
    assert sym_hash(pg.List([1, 2])) == sym_hash([1, 2])
    assert sym_hash(A(1, [A(2)])) == sym_hash(A(1, [A(2)]))
    assert sym_hash(1) == sym_hash(1.0) == sym_hash(True)

  def test_unhashable_values_hash(self):
    """Sets hash their contents; other unhashable values their type."""
    assert sym_hash({1, 2}) == sym_hash({2, 1})
    assert sym_hash(bytearray(b'a')) == sym_hash(bytearray(b'b'))
    assert sym_hash([{'a': {1}}]) == sym_hash([{'a': {1}}])

  def test_user_override_of_sym_hash_decides(self):
    """A class overriding `sym_hash` is asked."""
    assert sym_hash(Loose(1)) == 1

  def test_objects_usable_as_dict_keys(self):
    """Equal objects find each other in a dict."""
    assert {A(1): 'a'}[A(1)] == 'a'


class TestOrder:

  def test_ranks_of_kinds(self):
    """MISSING < None < numbers < str < sequences < dicts < objects < others."""
    values = [Point(0), A(1), {'a': 1}, [1], 'x', 2, None, MISSING_VALUE]
    assert _sort(values) == [MISSING_VALUE, None, 2, 'x', [1], {'a': 1}, A(1),
                             Point(0)]

  def test_within_rank(self):
    """Values of one kind compare by content."""
    assert lt(1, 1.5) and lt(False, 1) and lt('a', 'b')
    assert lt([1, 2], [1, 3]) and lt([1], [1, 0]) and lt([1], (1,))
    assert lt({'a': 1}, {'a': 2}) and lt({'a': 5}, {'b': 0})
    assert lt(A(1), A(2)) and lt(A(1, [1]), A(1, [2]))
    assert lt(A(9), B(0))  # By type name first.
    assert lt(Point(1), Point(2))

  def test_gt_mirrors_lt(self):
    """`gt(x, y)` is `lt(y, x)`."""
    assert gt('a', 1) and not gt(1, 'a')
    assert not lt(A(1), A(1)) and not gt(A(1), A(1))

  def test_unorderable_plain_values_tie(self):
    """Plain values without `<` of one type neither precede nor follow."""
    a, b = object(), object()
    assert not lt(a, b) and not gt(a, b)
    assert lt(a, Point(1)) or gt(a, Point(1))

  def test_symbolic_methods_delegate(self):
    """`sym_lt`/`sym_gt` order symbolic values too."""
    assert A(1).sym_lt(A(2)) and A(2).sym_gt(A(1))


class TestDiff:

  def test_equal_values_give_falsy_diff(self):
    """No difference: a falsy leaf Diff, or {} when flattened."""
    d = diff(A(1), A(1))
    assert not d and d.is_leaf
    assert d.value == A(1)
    assert diff([1], [1], flatten=True) == {}

  def test_objects_of_same_type_break_down_by_field(self):
    """Differing fields become children; equal ones are left out."""
    d = diff(A(1, [1, 2]), A(1, [1, 3, 4]))
    assert d and not d.is_leaf
    assert list(d.children) == ['y']
    assert d.children['y'].children[1] == Diff(2, 3)
    assert d.children['y'].children[2] == Diff(Diff.MISSING, 4)

  def test_flatten_gives_leaves_by_path(self):
    """`flatten=True` maps key paths to leaf diffs."""
    assert diff({'a': A(1), 'b': 2}, {'a': A(2), 'c': 3}, flatten=True) == {
        'a.x': Diff(1, 2), 'b': Diff(2, Diff.MISSING),
        'c': Diff(Diff.MISSING, 3)}

  def test_different_types_form_a_leaf_unless_collapsed(self):
    """'same_type' keeps A vs B whole; True compares them field by field."""
    assert diff(A(1), B(2)).is_leaf
    d = diff(A(1), B(2), collapse=True)
    assert d.children == {'x': Diff(1, 2)}
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

  def test_value_of_differing_diff_is_value_error(self):
    """A Diff with two different sides has no single value."""
    with pytest.raises(ValueError, match=r'The two sides differ \(left=1, right=2\)'):
      _ = Diff(1, 2).value

  def test_bad_mode_or_collapse_is_value_error(self):
    """Unknown `mode` and `collapse` values are rejected."""
    with pytest.raises(ValueError, match="`mode` must be one of.*got 'all'"):
      diff(1, 2, mode='all')
    with pytest.raises(ValueError, match="`collapse` must be 'same_type'.*got 3"):
      diff(1, 2, collapse=3)

  def test_format_is_readable(self):
    """str() shows the tree, repr() one line."""
    d = diff(A(1, [1]), A(2, [1, 5]))
    assert repr(d) == 'A(x=Diff(left=1, right=2), y=List([1]=Diff(left=MISSING, right=5)))'
    assert str(d) == (
        'A(\n'
        '  x=Diff(left=1, right=2),\n'
        '  y=List(\n'
        '    [1]=Diff(left=MISSING, right=5)\n'
        '  )\n'
        ')')

  def test_diff_equality_and_hash(self):
    """Diffs compare by sides and children; equal ones hash equal."""
    assert Diff(1, 2) == Diff(1, 2) and Diff(1, 2) != Diff(1, 3)
    assert Diff(1, 2) != 1
    assert sym_hash(diff([1], [2])) == sym_hash(diff([1], [2]))


def test_docstring_examples_run():
  """Every example in the module's docstrings runs as shown."""
  results = doctest.testmod(_compare, optionflags=doctest.ELLIPSIS)
  assert results.attempted and not results.failed
