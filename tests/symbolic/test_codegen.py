"""Tests for the generated per-class __init__."""
from __future__ import annotations

import pytest

import pyglove as pg
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
