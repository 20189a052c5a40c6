"""Tests for pg.symbolize on classes (and its dispatch to functors)."""
from __future__ import annotations

import doctest

import pytest

import pyglove as pg
from pyglove.symbolic import _symbolize


class Layer:
  """A plain user base class."""


class Conv(Layer):
  """A plain user class with internal state derived from its arguments."""

  def __init__(self, filters, kernel_size=(3, 3)):
    self.filters = filters
    self.kernel_size = kernel_size
    self.area = kernel_size[0] * kernel_size[1]

  def describe(self):
    return f'conv{self.filters}'


class WithEq:

  def __init__(self, x):
    self.x = x

  def __eq__(self, other):
    return isinstance(other, WithEq)

  def __hash__(self):
    return 7


SymConv = pg.symbolize(Conv)


class TestClasses:
  """Symbolizing a class."""

  def test_original_class_untouched(self):
    """The original class keeps its attributes and is not symbolic."""
    assert not issubclass(Conv, pg.Object)
    assert Conv.__init__.__qualname__ == 'Conv.__init__'
    assert Conv(1).area == 9

  def test_instances_are_symbolic_and_original(self):
    """Instances pass isinstance for both the symbolic and the original class."""
    c = SymConv(8, (5, 5))
    assert isinstance(c, Conv) and isinstance(c, Layer)
    assert isinstance(c, pg.Object)
    assert c.describe() == 'conv8' and c.area == 25

  def test_fields_from_init_signature(self):
    """Fields and defaults come from __init__."""
    assert list(SymConv.__schema__.keys()) == ['filters', 'kernel_size']
    assert SymConv(4).kernel_size == (3, 3)

  def test_rebind_reruns_original_init(self):
    """Internal state follows a rebind."""
    c = SymConv(8)
    c.rebind(kernel_size=(1, 7))
    assert c.area == 7

  def test_clone_recomputes_state(self):
    """A clone runs the original __init__ on its own values."""
    c = SymConv(8, (2, 2)).clone(override={'kernel_size': (3, 1)})
    assert c.area == 3

  def test_partial_skips_original_init(self):
    """A partial instance does not run user code with missing arguments."""
    c = SymConv.partial()
    assert c.filters is pg.MISSING_VALUE and not hasattr(c, 'area')

  def test_missing_argument_raises_type_error(self):
    """A missing required argument raises TypeError."""
    with pytest.raises(TypeError, match='missing 1 required argument'):
      SymConv()

  def test_decorator_with_constraints(self):
    """@pg.symbolize([...]) validates constrained arguments."""
    @pg.symbolize([('lr', pg.typing.Float(min_value=0.0))])
    class Schedule:

      def __init__(self, lr, steps=1):
        self.value = lr * steps
    assert Schedule(0.5, 2).value == 1.0
    with pytest.raises(ValueError, match=r'\(path=lr\)'):
      Schedule(-1.0)

  def test_call_form_with_constraints(self):
    """pg.symbolize(cls, constraints) works like the decorator."""
    class Pool:

      def __init__(self, filters):
        self.filters = filters
    S = pg.symbolize(Pool, [('filters', pg.typing.Int(min_value=1))])
    with pytest.raises(ValueError, match=r'\(path=filters\)'):
      S(0)

  def test_bare_decorator(self):
    """@pg.symbolize without arguments."""
    @pg.symbolize
    class P:

      def __init__(self, a):
        self.a = a
    assert P(1).a == 1 and isinstance(P(1), pg.Object)

  def test_identity_comparison_by_default(self):
    """Symbolized classes compare by identity, as the reference's do (pg.eq is symbolic)."""
    a = SymConv(8)
    assert a == a and SymConv(8) != SymConv(8) and hash(a) == hash(a)
    assert hash(SymConv(8)) != hash(SymConv(8))  # even when an address is reused
    assert not SymConv.use_symbolic_comparison
    assert pg.eq(SymConv(8), SymConv(8)) and SymConv(8).sym_eq(SymConv(8))

  def test_symbolic_comparison_with_eq(self):
    """eq=True compares and hashes symbolically."""
    S = pg.symbolize(Conv, eq=True, add_to_registry=False)
    assert S(8) == S(8) and S(8) != S(9) and hash(S(8)) == hash(S(8))

  def test_wrapper_options(self):
    """class_name, module_name, repr=False, override and reset_state_fn."""
    resets = []
    S = pg.symbolize(Conv, class_name='MyConv', module_name='my.mod',
                     repr=False, override={'extra': 1},
                     reset_state_fn=lambda self: resets.append(self.filters))
    s = S(8)
    assert S.__name__ == 'MyConv' and S.__module__ == 'my.mod' and S.extra == 1
    assert repr(s).startswith('<my.mod.MyConv object at')
    s.rebind(filters=9)
    assert resets == [9] and s.filters == 9 and s.sym_wrapped is s

  def test_dict_and_list_give_the_symbolic_containers(self):
    """symbolize(dict) is pg.Dict and symbolize(list) is pg.List; they take no options."""
    assert pg.symbolize(dict) is pg.Dict and pg.symbolize(list) is pg.List
    with pytest.raises(TypeError, match='takes no constraints'):
      pg.symbolize(dict, [('a', pg.typing.Int())])

  def test_annotations_are_documentation_unless_auto_typing(self):
    """Arguments are Any(annotation=...) by default; auto_typing=True checks them."""
    class Typed:

      def __init__(self, x: int, y: str = 'a'):
        self.x, self.y = x, y
    loose = pg.symbolize(Typed)
    assert loose('not an int').x == 'not an int'
    assert loose.__schema__['x'].value == pg.typing.Any(annotation=int)
    strict = pg.symbolize(Typed, auto_typing=True)
    with pytest.raises(TypeError, match=r'Expected int .*\(path=x\)'):
      strict('not an int')

  def test_own_eq_is_kept(self):
    """A class defining __eq__ keeps its comparison and hash."""
    S = pg.symbolize(WithEq)
    assert not S.use_symbolic_comparison
    assert S(1) == S(2) and hash(S(1)) == 7

  def test_user_init_may_set_field_attributes(self):
    """The original __init__ writes attributes named like fields freely."""
    @pg.symbolize
    class Normalizing:

      def __init__(self, units):
        self.units = int(units)
    n = Normalizing(3)
    assert n.units == 3
    with pytest.raises(pg.WritePermissionError):
      n.units = 4

  def test_registered_for_json_under_original_name(self):
    """The symbolic class is registered under the original's name."""
    from pyglove.utils import lookup_json_type
    assert lookup_json_type(f'{Conv.__module__}.Conv') is SymConv

  def test_symbolizing_symbolic_classes(self):
    """As the reference: a symbolized class gives itself; a pg.Object subclass is a ValueError."""
    assert pg.symbolize(SymConv) is SymConv

    class Native(pg.Object):
      x: int = 1
    with pytest.raises(ValueError, match='Cannot symbolize Native: it is already a dataclass-like'):
      pg.symbolize(Native)

  def test_returns_with_class_raises_type_error(self):
    """returns= applies to functions only."""
    with pytest.raises(TypeError, match='applies to functions only'):
      pg.symbolize(Conv, returns=pg.typing.Int())

  def test_bad_targets_raise_type_error(self):
    """Non-class, non-function targets raise TypeError."""
    with pytest.raises(TypeError, match='expects a class, a function'):
      pg.symbolize(1)
    with pytest.raises(TypeError, match='takes a class or function'):
      pg.symbolize(Conv, [], [])
    with pytest.raises(TypeError, match='expects a class or a function'):
      pg.symbolize([])(1)

  def test_function_gives_functor_class(self):
    """A function is symbolized into a functor class."""
    @pg.symbolize
    def add(a, b=1):
      return a + b
    assert issubclass(add, pg.Functor) and add(a=1)() == 2


def test_docstring_examples_run():
  """The examples in the module's docstrings run as written."""
  results = doctest.testmod(_symbolize, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.failed == 0 and results.attempted > 0


class _Strict:
  """A class whose constructor rejects anything but concrete ints, like a framework layer."""

  def __init__(self, units, children=()):
    if not isinstance(units, int):
      raise TypeError(f'units must be an int, got {units!r}')
    for child in children:
      if not hasattr(child, 'built'):
        raise TypeError('child was not built')
    self.built = units


def test_symbolized_init_is_skipped_while_an_argument_holds_a_hyper_value():
  """A search space of symbolized classes never runs the user's __init__ on hyper values."""
  import pyglove as pg
  strict = pg.symbolize(_Strict)
  space = strict(pg.oneof([1, 2]))
  assert not hasattr(space, 'built')
  parent = strict(3, [strict(pg.oneof([4, 5]))])
  assert not hasattr(parent, 'built')
  concrete = pg.materialize(parent, pg.DNA(1))
  assert concrete.built == 3 and concrete.children[0].built == 5
  space.rebind(units=7)
  assert space.built == 7
