"""Tests for pyglove.symbolic._fastpath: each fast path pinned to its generic twin."""
from __future__ import annotations

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
import pytest

import pyglove as pg
from pyglove.symbolic import _eq
from pyglove.symbolic import _fastpath
from pyglove.symbolic import _object


class Fast(pg.Object):
  a: int
  b: pg.typing.Int(min_value=0) = 1
  c: list = []
  d: pg.typing.Int().freeze(3) = 3


class TestGeneration:
  """Which classes get a generated __init__."""

  def test_plain_field_class_is_generated(self):
    """A class of identifier-named fields gets one, named after it."""
    assert getattr(Fast.__init__, 'sym_generated', False)
    assert Fast.__init__.__qualname__ == 'Fast.__init__'

  def test_subclass_regenerates(self):
    """A subclass gets its own generated __init__ for its own fields."""
    class Sub(Fast):
      e: str = 'x'
    assert Sub.__init__ is not Fast.__init__
    assert Sub(1, e='y').e == 'y'

  def test_custom_init_is_kept(self):
    """A class defining __init__ keeps it and uses the generic path below."""
    class Custom(pg.Object):
      x: int

      def __init__(self, x, scale=2):
        super().__init__(x=x * scale)
    assert Custom(2).x == 4
    assert not getattr(Custom.__init__, 'sym_generated', False)

  def test_reserved_field_names_fall_back(self):
    """A field named like a constructor option uses the generic loop."""
    @pg.members([('sealed', int)])
    class Odd(pg.Object):
      pass
    assert Odd.__init__ is _object.Object.__init__

  def test_varargs_classes_fall_back(self):
    """Functors with *args keep the generic constructor."""
    @pg.symbolize
    def f(*args):
      return args
    assert f(1, 2)() == (1, 2)


class TestBehaviour:
  """The generated __init__ behaves like the generic one."""

  def test_same_results_as_generic(self):
    """Both paths build equal objects."""
    class Generic(Fast):

      def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
    fast, generic = Fast(1, 2, [3]), Generic(1, 2, [3])
    assert fast.sym_init_args == generic.sym_init_args
    assert isinstance(fast.c, pg.List) and fast.c.sym_parent is fast

  def test_errors(self):
    """Unknown keywords, missing and invalid values raise as documented."""
    with pytest.raises(TypeError, match=r'unexpected keyword argument\(s\): z'):
      Fast(1, z=2)
    with pytest.raises(TypeError, match=r'missing 1 required argument\(s\): a'):
      Fast()
    with pytest.raises(ValueError, match=r'\(path=b\)'):
      Fast(1, -1)
    with pytest.raises(TypeError, match=r'\(path=r.a\)'):
      Fast('x', root_path='r')
    with pytest.raises(ValueError, match='Frozen'):
      Fast(1, d=4)

  def test_partial_sealed_and_defaults(self):
    """allow_partial, sealed, pg.as_sealed and fresh mutable defaults."""
    p = Fast(allow_partial=True)
    assert p.a is pg.MISSING_VALUE and p.d == 3
    assert Fast(1, sealed=True).is_sealed
    with pg.as_sealed():
      assert Fast(1)._sym_sealed
    assert Fast(1).c is not Fast(1).c

  def test_fields_shadowing_builtins(self):
    """Fields named like builtins (type, list) work in the generated code."""
    class Shadow(pg.Object):
      type: str
      list: int = 0
    s = Shadow('a', 2)
    assert (s.type, s.list) == ('a', 2)
    with pytest.raises(TypeError, match=r'\(path=type\)'):
      Shadow(1)

  def test_subclass_with_custom_init_calling_generated_super(self):
    """super().__init__ from a custom subclass __init__ binds the subclass's fields."""
    class Base(pg.Object):
      a: int

    class Sub(Base):
      b: int = 0

      def __init__(self, a, b=0):
        super().__init__(a=a, b=b * 2)
    s = Sub(1, 2)
    assert (s.a, s.b) == (1, 4)
    with pytest.raises(TypeError, match='missing 1 required'):
      Sub.__init__(s, a=pg.MISSING_VALUE)


class Inner(pg.Object):
  v: int = 0


class Outer(pg.Object):
  inner: Inner
  other: Inner = Inner(5)


class TestSymbolicFields:
  """Object-valued fields: adopted in place, cloned or rejected."""

  def test_new_object_is_adopted_in_place(self):
    """A parentless object becomes the child itself, under its key."""
    inner = Inner(1)
    outer = Outer(inner)
    assert outer.inner is inner
    assert inner.sym_parent is outer and str(inner.sym_path) == 'inner'

  def test_object_with_a_parent_is_cloned(self):
    """An object already in another tree is cloned, not moved."""
    first = Outer(Inner(1))
    second = Outer(first.inner)
    assert second.inner is not first.inner and second.inner == first.inner
    assert first.inner.sym_parent is first

  def test_the_spec_default_itself_is_cloned(self):
    """Passing the field's default object does not make it a tree node."""
    default = Outer.__schema__['other'].value.default
    outer = Outer(Inner(), other=default)
    assert outer.other is not default and default.sym_parent is None

  def test_object_of_wrong_type_raises_with_path(self):
    """An object the spec rejects raises TypeError naming the field."""
    with pytest.raises(TypeError, match=r'\(path=inner\)'):
      Outer(Outer(Inner()))


# ---- Hypothesis properties: each fast path equals its generic twin -----------

class Mixed(pg.Object):
  n: pg.typing.Int(min_value=0) = 1
  s: str = 'a'
  f: float = 0.5
  items: list = []
  child: pg.typing.Object(Inner).noneable() = None
  free: pg.typing.Any() = None


_atoms = st.one_of(st.none(), st.booleans(), st.integers(-5, 5),
                   st.floats(allow_nan=False, width=32), st.text(max_size=3),
                   st.binary(max_size=2), st.complex_numbers(max_magnitude=3,
                                                             allow_nan=False))
_values = st.recursive(_atoms, lambda c: st.one_of(
    st.lists(c, max_size=3), st.dictionaries(st.sampled_from('abc'), c,
                                              max_size=2),
    st.builds(Inner, st.integers(-3, 3))), max_leaves=6)
_kwargs = st.fixed_dictionaries({}, optional={
    'n': st.one_of(st.integers(-2, 5), st.text(max_size=1)),
    's': st.one_of(st.text(max_size=2), st.integers(0, 2)),
    'f': st.one_of(st.floats(-1, 1), st.integers(-1, 1)),
    'items': st.one_of(st.lists(_values, max_size=3), st.none()),
    'child': st.one_of(st.none(), st.builds(Inner, st.integers(-3, 3)),
                       st.integers(0, 1)),
    'free': _values,
})


def _outcome(build):
  try:
    return 'ok', build()
  except (TypeError, ValueError, KeyError) as e:
    return type(e), str(e)


def _generic(cls, kwargs):
  obj = cls.__new__(cls)
  pg.Object.__init__(obj, **kwargs)
  return obj


@settings(max_examples=150, deadline=None)
@given(_kwargs, st.booleans())
def test_generated_init_equals_generic_loop(kwargs, partial):
  """The generated __init__ builds (or rejects) exactly like Object.__init__."""
  assert getattr(Mixed.__init__, 'sym_generated', False)
  kwargs = dict(kwargs, allow_partial=partial)
  fast = _outcome(lambda: Mixed(**kwargs))
  generic = _outcome(lambda: _generic(Mixed, kwargs))
  assert fast[0] == generic[0]
  if fast[0] == 'ok':
    a, b = fast[1], generic[1]
    assert pg.eq(a, b) and a.sym_init_args.keys() == b.sym_init_args.keys()
    for key, value in a.sym_items():
      assert type(value) is type(b.sym_getattr(key))
      if isinstance(value, pg.Symbolic):
        assert value.sym_parent is a and str(value.sym_path) == key
  else:
    assert fast[1] == generic[1]


def _assert_mirrored(obj):
  """Invariant 2: every field value is also in __dict__, as the same object."""
  for key, value in obj._sym_values.items():  # pylint: disable=protected-access
    if key not in type(obj)._sym_unmirrored:  # pylint: disable=protected-access
      assert obj.__dict__[key] is value


@settings(max_examples=80, deadline=None)
@given(_kwargs, st.lists(st.tuples(st.sampled_from(['n', 's', 'f', 'free']),
                                   st.one_of(st.integers(0, 4), st.text(max_size=2))),
                         max_size=4))
def test_field_mirror_holds_through_rebind_failures_and_clones(kwargs, writes):
  """`_sym_values` and `__dict__` agree after writes (even rejected ones) and clones."""
  built = _outcome(lambda: Mixed(**kwargs))
  if built[0] != 'ok':
    return
  obj = built[1]
  for key, value in writes:
    before = obj.clone(deep=True)
    try:
      obj.rebind({key: value}, raise_on_no_change=False)
    except (TypeError, ValueError):
      assert pg.eq(obj, before)
    _assert_mirrored(obj)
  copy = obj.clone(deep=True)
  _assert_mirrored(copy)
  assert pg.eq(copy, obj)


@settings(max_examples=150, deadline=None)
@given(_kwargs, _kwargs)
def test_field_dict_equality_equals_generic_item_loop(left_kwargs, right_kwargs):
  """`eq_field_values` (the fast ==) agrees with the generic `eq_items`."""
  left = _outcome(lambda: Mixed(**left_kwargs))
  right = _outcome(lambda: Mixed(**right_kwargs))
  if left[0] != 'ok' or right[0] != 'ok':
    return
  for a, b in ((left[1], right[1]), (left[1], left[1].clone(deep=True))):
    fast = _fastpath.eq_field_values(a._sym_values, b._sym_values,  # pylint: disable=protected-access
                                     _eq.eq_child)
    assert fast == _eq.eq_items(a, b) == (a == b)


@given(_atoms, _atoms)
def test_is_unchanged_equals_identity_or_equal_atoms(old, new):
  """An atomic write is skipped exactly when the old value is the same or an equal atom of its type."""
  expected = old is new or (type(old) is type(new) and old == new)
  assert _fastpath.is_unchanged(old, new) == expected


@settings(max_examples=60, deadline=None)
@given(_values, st.booleans())
def test_clone_value_copies_like_deepcopy(value, deep):
  """`clone_value` equals a deep copy (deep) or keeps plain values (shallow)."""
  copied = _fastpath.clone_value(value, deep, {})
  assert pg.eq(copied, value)
  if type(value) in _fastpath.ATOMIC_TYPES:
    assert copied is value
  elif isinstance(value, pg.Symbolic):
    assert copied is not value
  else:
    assert (copied is value) != deep or not value


_unconstrained_specs = st.sampled_from([
    pg.typing.Bool(), pg.typing.Int(), pg.typing.Float(), pg.typing.Str(),
    pg.typing.Int(default=3), pg.typing.Str().noneable()])


@given(_unconstrained_specs, _atoms)
def test_unconstrained_scalar_specs_accept_their_exact_type_unchanged(spec, value):
  """Invariant 6: the generated __init__ may skip `apply` for the spec's exact type."""
  assert _fastpath._accepts_its_type_as_is(spec)  # pylint: disable=protected-access
  if type(value) is spec._fast_type:  # pylint: disable=protected-access
    assert spec.apply(value) is value


def test_constrained_or_frozen_specs_are_not_skipped():
  """Ranges, regexes and frozen specs keep their `apply` call."""
  for spec in (pg.typing.Int(min_value=0), pg.typing.Float(max_value=1.0),
               pg.typing.Str(regex='a.*'), pg.typing.Any()):
    assert not _fastpath._accepts_its_type_as_is(spec)  # pylint: disable=protected-access
  assert pg.typing.Int().freeze(1)._fast_type is None  # pylint: disable=protected-access


class Scalars(pg.Object):
  i: int = 0
  f: float = 0.0
  s: str = ''
  b: bool = False
  n: pg.typing.Int().noneable() = None


_scalar_kwargs = st.fixed_dictionaries({}, optional={
    'i': st.integers(-2, 2), 'f': st.one_of(st.floats(width=16), st.integers(-1, 1)),
    's': st.text(max_size=1), 'b': st.booleans(),
    'n': st.one_of(st.none(), st.integers(0, 1))})


@settings(max_examples=200, deadline=None)
@given(_scalar_kwargs, _scalar_kwargs, st.booleans())
def test_atomic_field_dicts_compare_in_c_like_the_generic_loop(left, right, partial):
  """Invariant 7: `==` of the field dicts equals the generic item comparison."""
  assert Scalars._sym_atomic_fields and not Mixed._sym_atomic_fields  # pylint: disable=protected-access
  a = Scalars.partial(**left) if partial else Scalars(**left)
  b = Scalars(**right)
  for x, y in ((a, b), (a, a.clone()), (b, b.clone(deep=True))):
    assert (x._sym_values == y._sym_values) == _eq.eq_items(x, y) == (x == y)  # pylint: disable=protected-access
