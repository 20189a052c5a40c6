"""Tests for `pg.detour`: redirecting object creation within a block."""
from __future__ import annotations

import doctest
import threading

from hypothesis import given
from hypothesis import strategies as st
import pytest

import pyglove as pg
from pyglove.detouring import _class_detour


class A:
  pass


class B:
  pass


class C:
  pass


class Foo:

  def __init__(self, value):
    self.value = value


class Bar:

  def __init__(self, value):
    self.value = value


class TestDocumentedBehaviour:
  """The behaviours the reference documents for `pg.detour`, with its outputs."""

  def test_exchange_two_classes(self):
    with pg.detour([(A, B), (B, A)]):
      assert type(A()) is B and type(B()) is A
    assert type(A()) is A and type(B()) is B

  def test_function_destination_gets_class_and_arguments(self):
    def detoured_foo(cls, value):
      assert cls is Foo
      return Bar(value + 1)

    with pg.detour([(Foo, detoured_foo)]):
      f = Foo(1)
    assert type(f) is Bar and f.value == 2

  def test_function_destination_can_create_the_source_class(self):
    """Inside the function, the source class is not detoured again."""
    with pg.detour([(Foo, lambda cls, value: cls(value * 10))]):
      f = Foo(3)
    # As in the reference: Python re-runs Foo.__init__(3) on the returned Foo.
    assert type(f) is Foo and f.value == 3

  def test_outer_scope_wins(self):
    with pg.detour([(A, C)]):
      with pg.detour([(A, B)]):
        assert type(A()) is C

  def test_transitive_through_outer_scope(self):
    with pg.detour([(B, C)]):
      assert type(A()) is A
      with pg.detour([(A, B)]):
        assert type(A()) is C

  def test_yields_and_reports_current_mappings(self):
    assert pg.detouring.current_mappings() == {}
    with pg.detour([(B, C)]):
      with pg.detour([(A, B)]) as mappings:
        assert mappings == {A: C, B: C}
        assert pg.detouring.current_mappings() == {A: C, B: C}
    assert pg.detouring.current_mappings() == {}

  def test_dict_of_mappings(self):
    with pg.detour({A: B}):
      assert type(A()) is B


class TestScope:
  """What is (and is not) detoured."""

  def test_subclass_of_source_is_not_detoured(self):
    class SubFoo(Foo):
      pass

    with pg.detour([(Foo, Bar)]):
      assert type(SubFoo(1)) is SubFoo and SubFoo(1).value == 1
      assert type(Foo(1)) is Bar

  def test_subclass_destination_is_initialized_once(self):
    calls = []

    class Base:

      def __init__(self, x):
        calls.append(('base', x))

    class Derived(Base):

      def __init__(self, x):
        calls.append(('derived', x))

    with pg.detour([(Base, Derived)]):
      d = Base(1)
    assert type(d) is Derived and calls == [('derived', 1)]

  def test_mappings_end_with_the_block_even_on_error(self):
    with pytest.raises(RuntimeError):
      with pg.detour([(A, B)]):
        raise RuntimeError('inside')
    assert type(A()) is A and pg.detouring.current_mappings() == {}

  def test_other_threads_are_not_detoured(self):
    seen = []
    inside = threading.Event()
    done = threading.Event()

    def other():
      inside.wait()
      seen.append(type(A()))
      done.set()

    thread = threading.Thread(target=other)
    thread.start()
    with pg.detour([(A, B)]):
      inside.set()
      done.wait()
      assert type(A()) is B
    thread.join()
    assert seen == [A]

  def test_custom_new_chain_is_preserved(self):
    """super().__new__ chains through detoured bases still run every step."""

    class TagA:

      def __new__(cls, *args, **kwargs):
        obj = super().__new__(cls, *args, **kwargs)
        obj.tags = getattr(obj, 'tags', '') + 'A'
        return obj

    class TagB:

      def __new__(cls, *args, **kwargs):
        del args, kwargs
        obj = super().__new__(cls)
        obj.tags = getattr(obj, 'tags', '') + 'B'
        return obj

    class Both(TagA, TagB):

      def __init__(self, x):
        self.x = x

    with pg.detour([(TagA, Bar), (TagB, Bar)]):
      inside = Both(1)
      assert type(TagA(1)) is Bar
    after = Both(2)
    assert (inside.tags, inside.x) == ('BA', 1)
    assert (after.tags, after.x) == ('BA', 2)

  def test_class_with_init_arguments_still_builds_after_detour(self):
    """The interceptor left on the class passes no arguments to object.__new__."""
    with pg.detour([(Foo, Bar)]):
      pass
    assert Foo(5).value == 5

  def test_symbolic_classes(self):

    class P(pg.Object):
      x: int = 1

    class Q(pg.Object):
      x: int = 2

    with pg.detour([(P, Q)]):
      tree = pg.Dict(a=P(x=3))
    assert type(tree.a) is Q and tree.a.x == 3 and tree.a.sym_path == 'a'
    assert P(x=4) == P(x=4) and type(P()) is P


class TestUndetouredNew:

  def test_creates_source_object_inside_detour(self):
    with pg.detour([(Foo, Bar)]):
      f = pg.detouring.undetoured_new(Foo, 7)
    assert type(f) is Foo and f.value == 7

  def test_children_are_still_detoured(self):

    class Node:

      def __init__(self, depth):
        self.child = Node(depth - 1) if depth > 0 else None

    class Leaf:

      def __init__(self, depth):
        self.depth = depth

    with pg.detour([(Node, Leaf)]):
      node = pg.detouring.undetoured_new(Node, 1)
    assert type(node) is Node and type(node.child) is Leaf


class TestErrors:
  """Bad mappings are rejected with the value and the rule, before anything changes."""

  def test_source_not_a_class(self):
    with pytest.raises(TypeError, match=r'Detour source 1 is not a class'):
      with pg.detour([(1, Bar)]):
        pass

  def test_destination_not_callable(self):
    with pytest.raises(
        TypeError, match=r'Detour destination 1 for Foo is not a class or a function'):
      with pg.detour([(Foo, 1)]):
        pass

  def test_item_not_a_pair(self):
    with pytest.raises(TypeError, match=r'must be a \(source_class, destination\) pair'):
      with pg.detour([A, B]):
        pass

  def test_builtin_type_cannot_be_detoured(self):
    with pytest.raises(TypeError, match=r'Cannot detour builtins.int'):
      with pg.detour([(int, float)]):
        pass
    assert pg.detouring.current_mappings() == {}
    assert int('3') == 3


_CLASSES = [type(f'K{i}', (), {}) for i in range(4)]


@given(st.lists(st.tuples(st.sampled_from(_CLASSES), st.sampled_from(_CLASSES)),
                max_size=4),
       st.lists(st.tuples(st.sampled_from(_CLASSES), st.sampled_from(_CLASSES)),
                max_size=4))
def test_nested_scopes_follow_outer_first_rule(outer, inner):
  """Inside nested scopes every class resolves as documented; outside, to itself."""
  outer_map = dict(outer)
  inner_map = dict(outer_map)
  for src, dest in inner:
    if src not in outer_map:
      inner_map[src] = outer_map.get(dest, dest)
  with pg.detour(outer):
    assert {k: type(k()) for k in _CLASSES} == {
        k: outer_map.get(k, k) for k in _CLASSES}
    with pg.detour(inner):
      assert {k: type(k()) for k in _CLASSES} == {
          k: inner_map.get(k, k) for k in _CLASSES}
  assert all(type(k()) is k for k in _CLASSES)


def test_docstring_examples_run():
  results = doctest.testmod(_class_detour, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.failed == 0 and results.attempted > 0
