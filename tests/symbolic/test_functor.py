"""Tests for functors: partial, incremental and call-time binding."""
from __future__ import annotations

import doctest

import pytest

import pyglove as pg
from pyglove.symbolic import _functor


@pg.functor([('a', pg.typing.Int(min_value=0))])
def add(a, b=1):
  return a + b


@pg.symbolize
def collect(x, *rest, scale=1, **options):
  return x * scale, rest, options


class TestBinding:
  """The ways to bind arguments."""

  def test_partial_binding_at_construction(self):
    """Construction allows missing arguments."""
    f = add(b=2)
    assert f.a is pg.MISSING_VALUE and f.b == 2
    assert f(a=1) == 3

  def test_partial_classmethod(self):
    """Cls.partial(...) binds some arguments."""
    assert add.partial(a=1)(b=2) == 3

  def test_incremental_binding_by_assignment(self):
    """f.a = v binds (functors allow symbolic assignment)."""
    f = add()
    f.a = 4
    assert f() == 5 and f.specified_args == {'a'}

  def test_call_time_argument_conflict_raises_type_error(self):
    """Passing a bound argument again raises TypeError."""
    f = add(a=1)
    with pytest.raises(TypeError, match="new value for argument 'a'"):
      f(a=2)

  def test_override_args(self):
    """override_args=True replaces bound arguments for the call only."""
    f = add(a=1)
    assert f(a=5, override_args=True) == 6 and f.a == 1

  def test_default_argument_can_be_given_at_call(self):
    """An argument left at its default is not bound."""
    assert add(a=1)(b=10) == 11

  def test_positional_call_arguments(self):
    """Positional call arguments follow the signature."""
    assert add()(1, 2) == 3

  def test_missing_argument_at_call_raises_type_error(self):
    """Calling with a required argument unbound raises TypeError."""
    with pytest.raises(TypeError, match=r'missing 1 required argument\(s\): a'):
      add()()

  def test_unknown_call_argument(self):
    """An unknown call argument raises unless ignore_extra_args."""
    with pytest.raises(TypeError, match="unexpected keyword argument 'z'"):
      add(a=1)(z=1)
    assert add(a=1)(z=1, ignore_extra_args=True) == 2

  def test_call_arguments_are_validated(self):
    """Call-time values are checked against the constraints."""
    with pytest.raises(ValueError, match=r'out of range.*\(path=a\)'):
      add()(a=-1)

  def test_construction_arguments_are_validated(self):
    """Bound values are checked at construction too."""
    with pytest.raises(ValueError, match=r'\(path=a\)'):
      add(a=-1)

  def test_rebind_binds_and_missing_unbinds(self):
    """rebind adds to bound_args; MISSING_VALUE removes."""
    f = add()
    f.rebind(a=1)
    assert f.specified_args == {'a'}
    f.rebind(a=pg.MISSING_VALUE)
    assert f.specified_args == set()

  def test_varargs_and_varkw(self):
    """*args and **kwargs round-trip through fields."""
    f = collect(2, 3, 4, scale=10, mode='x')
    assert f() == (20, (3, 4), {'mode': 'x'})
    assert f.rest == [3, 4] and f.sym_getattr('mode') == 'x'

  def test_construction_argument_errors(self):
    """Too many positional arguments or a duplicate raise TypeError."""
    with pytest.raises(TypeError, match=r'takes 2 positional arguments but 3 '
                       r'were given \(positional: a, b\)'):
      add(1, 2, 3)
    with pytest.raises(TypeError, match=r'multiple values for argument\(s\): a'):
      add(1, a=2)

  def test_deleting_unset_extra_keyword_raises_key_error(self):
    """MISSING_VALUE on a **kwargs key that is not set raises KeyError."""
    f = collect(1, mode='x')
    f.rebind(mode=pg.MISSING_VALUE)
    assert not f.sym_hasattr('mode')
    with pytest.raises(KeyError, match="Cannot delete 'mode': it is not set"):
      f.rebind(mode=pg.MISSING_VALUE)

  def test_call_time_arguments_are_passed_as_given(self):
    """Call-time containers reach the function unconverted, so it may mutate them."""

    @pg.functor()
    def remember(items, state):
      items.append(len(items))
      state['calls'] = state.get('calls', 0) + 1
      return state

    items, state = [], {}
    assert remember()(items, state=state) is state
    assert items == [0] and state == {'calls': 1}

  def test_call_time_arguments_are_still_checked(self):
    """A call-time value its spec rejects raises, naming the argument."""
    with pytest.raises(ValueError, match=r'out of range.*\(path=a\)'):
      add()(-1)

  def test_clone_keeps_bound_args(self):
    """A clone has its own copy of the bound-argument set."""
    f = add(a=1)
    g = f.clone()
    g.b = 5
    assert g.specified_args == {'a', 'b'} and f.specified_args == {'a'}


class TestClass:
  """Functor classes."""

  def test_functor_class_properties(self):
    """The class is a pg.Object with the function's signature, registered for JSON."""
    from pyglove.utils import lookup_json_type
    assert issubclass(add, pg.Functor) and issubclass(add, pg.Object)
    assert list(add.__signature__.parameters) == ['a', 'b']
    assert lookup_json_type(f'{__name__}.add') is add
    assert isinstance(add(a=1), add)

  def test_functor_is_accepted_by_functor_spec(self):
    """pg.typing.Functor accepts functor instances."""
    f = add(a=1)
    assert pg.typing.Functor().apply(f) is f

  def test_bare_functor_decorator_and_returns(self):
    """@pg.functor without arguments, and returns=."""
    @pg.functor
    def one():
      return 1

    @pg.functor(returns=pg.typing.Int())
    def two():
      return 2
    assert one()() == 1 and two()() == 2

  def test_serialization_keys(self):
    """serialization_key and additional_keys register aliases."""
    from pyglove.utils import lookup_json_type

    @pg.functor(serialization_key='fn.alias', additional_keys=['fn.old'])
    def three():
      return 3
    assert lookup_json_type('fn.alias') is three
    assert lookup_json_type('fn.old') is three

  def test_non_function_raises_type_error(self):
    """A class or non-callable is rejected."""
    with pytest.raises(TypeError, match='functor expects a function'):
      _functor.functor_class(int)

  def test_json_round_trip(self):
    """A functor serializes with its bound arguments."""
    f = add(a=2)
    g = pg.from_json(f.to_json())
    assert g == f and g() == 3


class TestSignature:
  """__signature__ of functor classes and instances."""

  def test_instance_signature_moves_bound_args_to_keywords(self):
    """Bound arguments become keyword-only with their values as defaults."""
    import inspect
    sig = inspect.signature(add(a=1))
    assert [(p.name, p.kind.name, p.default) for p in sig.parameters.values()
           ] == [('b', 'POSITIONAL_OR_KEYWORD', 1),
                 ('a', 'KEYWORD_ONLY', 1)]
    sig = inspect.signature(collect(x=2))
    assert [p.name for p in sig.parameters.values()] == [
        'rest', 'x', 'scale', 'options']

  def test_base_functor_has_no_signature(self):
    """pg.Functor itself has no function."""
    assert pg.Functor.__signature__ is None


def test_docstring_examples_run():
  """The examples in the module's docstrings run as written."""
  results = doctest.testmod(_functor, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.failed == 0 and results.attempted > 0


class TestReferenceFunctorApi:
  """bound/unbound/default args, returns=, base_class=, functor_class and as_functor."""

  def test_argument_sets(self):
    """bound_args are the arguments with a value, given or default."""
    @pg.functor
    def f(a, b=1, c=2):
      return a + b + c
    g = f(b=3)
    assert g.bound_args == {'b', 'c'} and g.unbound_args == {'a'}
    assert not g.is_fully_bound and f(1).is_fully_bound
    assert g.specified_args == {'b'} and g.default_args == {'c'}
    assert g.non_default_args == {'b'}
    assert g(1) == 6

  def test_returns_is_enforced(self):
    """A return value that breaks `returns` is a TypeError naming 'returns'."""
    @pg.functor(returns=pg.typing.Int())
    def h(x):
      return x
    assert h(1)() == 1
    with pytest.raises(TypeError, match=r"Expected int but got 'a' \(str\)\. \(path=returns\)"):
      h('a')()

  def test_construction_time_call_options(self):
    """override_args/ignore_extra_args given at construction apply to every call."""
    @pg.functor
    def f(a, b=1):
      return a + b
    assert f(1, override_args=True)(a=5) == 6
    assert f(1, ignore_extra_args=True)(z=3) == 2

  def test_functor_class_and_base_class(self):
    """functor_class builds the class; base_class must be a Functor subclass."""
    class Base(pg.Functor):
      marker = 'base'

    def scale(x, factor=2):
      return x * factor
    cls = pg.functor_class(scale, [('x', pg.typing.Int())], base_class=Base,
                           add_to_registry=False)
    assert cls(factor=3)(2) == 6 and cls.marker == 'base'
    assert pg.functor(base_class=Base)(scale)(1)() == 2
    with pytest.raises(TypeError, match='base_class of a functor must be a pg.Functor'):
      pg.functor_class(scale, base_class=int)

  def test_as_functor(self):
    """as_functor makes a functor object from a lambda."""
    f = pg.symbolic.as_functor(lambda x, y=1: x + y)
    assert f(1) == 2 and f(1, y=2) == 3
    g = pg.symbolic.as_functor(lambda x: x, ignore_extra_args=True)
    assert g(1, z=2) == 1

  def test_annotations_are_documentation_unless_auto_typing(self):
    """Like symbolized classes, functors check annotations only with auto_typing=True."""
    @pg.functor
    def loose(a: int):
      return a
    assert loose('x')() == 'x'

    @pg.functor(auto_typing=True)
    def strict(a: int):
      return a
    with pytest.raises(TypeError, match=r'Expected int .*\(path=a\)'):
      strict('x')


def test_fully_bound_ignores_missing_kwargs_and_del_resets_to_default():
  """As the reference: a **kwargs key set to MISSING_VALUE is no argument; del resets."""
  @pg.functor
  def f(a, *args, b=0, c=1, **kwargs):
    del a, args, b, c, kwargs

  assert f(1, 0, d=pg.MISSING_VALUE).is_fully_bound
  x = f(1, 2, 3, b=4, c=5, d=6)
  del x.c
  assert x.c == 1 and x.is_fully_bound
  x.a = pg.MISSING_VALUE
  assert not x.is_fully_bound
