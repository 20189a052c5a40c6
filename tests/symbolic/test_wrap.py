"""Tests for `pg.wrap`, `pg.wrap_module` and `pg.apply_wrappers`."""
from __future__ import annotations

import doctest
import types

import pytest

import pyglove as pg
from pyglove.symbolic import _wrap


class Adam:
  """An optimizer written without PyGlove."""

  def __init__(self, lr, beta=0.9):
    self.lr = lr
    self.steps = 0


class Point:

  def __init__(self, x: int, y: int = 0):
    """A point.

    Args:
      x: horizontal position.
      y: vertical position.
    """
    self.x = x
    self.y = y

  def __repr__(self):
    return f'<{self.x},{self.y}>'

  def __eq__(self, other):
    return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)

  def __hash__(self):
    return hash((self.x, self.y))


class TestWrap:
  """`pg.wrap` makes a symbolic subclass with the reference's options."""

  def test_wrapper_is_subclass_and_symbolic(self):
    w = pg.wrap(Adam)
    opt = w(0.1)
    assert issubclass(w, Adam) and issubclass(w, pg.ClassWrapper)
    assert w.sym_wrapped_cls is Adam and opt.sym_wrapped is opt
    assert (opt.lr, opt.steps) == (0.1, 0)
    assert opt.sym_init_args == {'lr': 0.1, 'beta': 0.9}
    assert repr(opt) == 'Adam(lr=0.1, beta=0.9)'

  def test_rebind_reruns_user_init(self):
    opt = pg.wrap(Adam)(0.1)
    opt.steps = 5
    opt.rebind(lr=0.2)
    assert (opt.lr, opt.steps) == (0.2, 0)

  def test_init_args_constrain_fields(self):
    w = pg.wrap(Adam, [('lr', pg.typing.Float(min_value=0.0))])
    with pytest.raises(ValueError, match=r'out of range.*\(path=lr\)'):
      w(-1.0)

  def test_init_args_as_dict(self):
    w = pg.wrap(Adam, {'lr': pg.typing.Float(max_value=1.0)})
    with pytest.raises(ValueError, match=r'path=lr'):
      w(2.0)

  def test_annotations_ignored_unless_auto_typing(self):
    """As in the reference, `pg.wrap` reads annotations only with auto_typing=True."""
    assert pg.wrap(Point)('a').x == 'a'
    typed = pg.wrap(Point, auto_typing=True, auto_doc=True)
    with pytest.raises(TypeError, match=r'path=x'):
      typed('a')
    assert typed.__schema__.get_field('x').description == 'horizontal position.'

  def test_eq_false_compares_by_identity_without_user_eq(self):
    w = pg.wrap(Adam)
    a = w(0.1)
    assert a != w(0.1) and a == a and a.sym_eq(w(0.1))
    assert len({a, w(0.1)}) == 2

  def test_eq_true_compares_symbolically_without_user_eq(self):
    w = pg.wrap(Adam, eq=True)
    assert w(0.1) == w(0.1) and hash(w(0.1)) == hash(w(0.1))
    assert w(0.1) != w(0.2)

  def test_user_eq_kept_either_way(self):
    for eq in (True, False):
      w = pg.wrap(Point, eq=eq)
      assert w(1) == w(1) and w(1) == Point(1) and hash(w(1)) == hash(Point(1))

  def test_repr_option(self):
    assert repr(pg.wrap(Point)(1, 2)) == 'Point(x=1, y=2)'
    plain = pg.wrap(Point, repr=False)(1, 2)
    assert repr(plain) == '<1,2>' and str(plain) == '<1,2>'

  def test_class_and_module_name(self):
    w = pg.wrap(Adam, class_name='SymAdam', module_name='my_opts')
    assert (w.__name__, w.__qualname__, w.__module__) == (
        'SymAdam', 'SymAdam', 'my_opts')
    restored = pg.from_json(w(0.3).to_json())
    assert type(restored) is w and restored.lr == 0.3

  def test_serialization_keys(self):
    w = pg.wrap(Adam, serialization_key='opt.Adam', additional_keys=['old.Adam'])
    restored = pg.from_json({'_type': 'old.Adam', 'lr': 0.5})
    assert type(restored) is w and restored.lr == 0.5

  def test_reset_state_fn_runs_before_reinit(self):
    seen = []

    def reset(self):
      seen.append(self.steps)

    opt = pg.wrap(Adam, reset_state_fn=reset)(0.1)
    assert seen == []          # Not on the first __init__.
    opt.steps = 7
    opt.rebind(lr=0.4)
    assert seen == [7] and (opt.lr, opt.steps) == (0.4, 0)

  def test_override_sets_class_attributes(self):
    w = pg.wrap(Adam, override={'kind': 'optimizer'})
    assert w.kind == 'optimizer' and not hasattr(Adam, 'kind')

  def test_rewrapping_a_wrapper_replaces_field_specs(self):
    w = pg.wrap(Adam)
    again = pg.wrap(w, [('lr', pg.typing.Float(max_value=1.0))])
    assert again is w
    with pytest.raises(ValueError, match=r'path=lr'):
      w(3.0)
    assert w(0.5).lr == 0.5

  def test_rejects_non_class(self):
    with pytest.raises(TypeError, match=r'got 1 of type int'):
      pg.wrap(1)

  def test_rejects_symbolic_class(self):
    class A(pg.Object):
      x: int = 1

    with pytest.raises(TypeError, match=r'already symbolic'):
      pg.wrap(A)

  def test_unknown_init_arg(self):
    with pytest.raises(KeyError):
      pg.wrap(Adam, [('momentum', pg.typing.Float())])


class TestWrapModule:

  def _module(self):
    lib = types.ModuleType('lib')

    class Conv:

      def __init__(self, filters):
        self.filters = filters

    class Dense:

      def __init__(self, units):
        self.units = units

    lib.Conv, lib.Conv2D, lib.Dense, lib.helper = Conv, Conv, Dense, len
    return lib

  def test_wraps_each_class_once_and_exports_aliases(self):
    lib = self._module()
    out = types.ModuleType('sym_lib')
    wrappers = pg.wrap_module(lib, export_to=out)
    assert sorted(c.__name__ for c in wrappers) == ['Conv', 'Dense']
    assert out.Conv is out.Conv2D and out.Conv.__module__ == 'sym_lib'
    assert out.Dense(3).units == 3 and not hasattr(out, 'helper')

  def test_names_and_where(self):
    lib = self._module()
    assert [c.__name__ for c in pg.wrap_module(lib, names=['Dense'])] == ['Dense']
    wrappers = pg.wrap_module(lib, where=lambda c: c.__name__ == 'Conv')
    assert [c.sym_wrapped_cls for c in wrappers] == [lib.Conv]

  def test_kwargs_go_to_wrap(self):
    lib = self._module()
    (conv,) = pg.wrap_module(lib, names=['Conv'], eq=True)
    assert conv(1) == conv(1)


class TestApplyWrappers:

  def test_direct_and_indirect_creation_are_detoured(self):
    w = pg.wrap(Adam)

    def build():
      return Adam(0.1)

    with pg.apply_wrappers([w]):
      assert type(Adam(0.1)) is w and type(build()) is w
      assert build().sym_init_args == {'lr': 0.1, 'beta': 0.9}
    assert type(Adam(0.1)) is Adam and type(build()) is Adam

  def test_default_applies_every_wrapper_with_where(self):
    class Local:

      def __init__(self, v):
        self.v = v

    w = pg.symbolize(Local)
    with pg.apply_wrappers(where=lambda c: c.sym_wrapped_cls is Local) as m:
      assert m == {Local: w}
      obj = Local(2)
    assert type(obj) is w and obj.v == 2

  def test_latest_wrapper_wins(self):
    class Twice:

      def __init__(self, v):
        self.v = v

    pg.wrap(Twice)
    second = pg.wrap(Twice, eq=True)
    with pg.apply_wrappers(where=lambda c: c.sym_wrapped_cls is Twice):
      assert type(Twice(1)) is second

  def test_rejects_non_wrapper(self):
    with pytest.raises(TypeError, match=r'expects wrapper classes.*Adam'):
      with pg.apply_wrappers([Adam]):
        pass


def test_docstring_examples_run():
  results = doctest.testmod(_wrap, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.failed == 0 and results.attempted > 0
