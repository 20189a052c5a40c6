"""Tests for pyglove.symbolic._traverse: the one walk, fold, nodes, paths and arity."""
from __future__ import annotations

import doctest
import functools

from hypothesis import given
from hypothesis import strategies as st

import pyglove as pg
from pyglove.symbolic import _traverse
from pyglove.symbolic._query import query
from pyglove.symbolic._traverse import fold
from pyglove.symbolic._traverse import nodes
from pyglove.symbolic._traverse import walk
from pyglove.symbolic._traverse import TraverseAction
from pyglove.symbolic._traverse import path_str
from pyglove.symbolic._traverse import positional_arity
from pyglove.symbolic._traverse import traverse
from pyglove.utils import KeyPath


class Layer(pg.Object):
  filters: int = 8
  activation: str = 'relu'


class Net(pg.Object):
  layers: list = []
  head: Layer = Layer(filters=10)


class Required(pg.Object):
  x: int


class FakeHyper(pg.Object):
  is_hyper_value = True
  candidates: list = []


def _net():
  return Net(layers=[Layer(16), Layer(32, 'tanh')], head=Layer(10))


class TestTraverse:

  def test_preorder_and_postorder_visit_every_node_with_paths(self):
    """Preorder lists parents before children, postorder after."""
    pre, post = [], []
    traverse({'a': [1, {'b': 2}]},
             lambda k, v, p: pre.append(str(k)),
             lambda k, v, p: post.append(str(k)))
    assert pre == ['', 'a', 'a[0]', 'a[1]', 'a[1].b']
    assert post == ['a[0]', 'a[1].b', 'a[1]', 'a', '']

  def test_visitor_receives_parent(self):
    """Each visitor call gets the containing value as `parent`."""
    tree = {'a': [1]}
    parents = {}
    traverse(tree, lambda k, v, p: parents.__setitem__(str(k), p))
    assert parents[''] is None
    assert parents['a'] is tree
    assert parents['a[0]'] is tree['a']

  def test_continue_skips_children(self):
    """A preorder CONTINUE does not enter the value's children."""
    seen = []

    def visit(k, v, p):
      seen.append(str(k))
      return TraverseAction.CONTINUE if str(k) == 'a' else TraverseAction.ENTER
    assert traverse({'a': [1, 2], 'b': 3}, visit)
    assert seen == ['', 'a', 'b']

  def test_preorder_stop_ends_walk_and_returns_false(self):
    """STOP from the preorder visitor stops everything; traverse returns False."""
    seen = []

    def visit(k, v, p):
      seen.append(str(k))
      return TraverseAction.STOP if v == 1 else TraverseAction.ENTER
    assert traverse({'a': [1, 2], 'b': 3}, visit) is False
    assert seen == ['', 'a', 'a[0]']

  def test_postorder_stop_ends_walk(self):
    """STOP from the postorder visitor stops the walk too."""
    seen = []

    def visit(k, v, p):
      seen.append(str(k))
      return TraverseAction.STOP
    assert traverse([1, 2], postorder_visitor_fn=visit) is False
    assert seen == ['[0]']

  def test_visitors_returning_none_enter_and_continue(self):
    """A visitor returning None lets the walk go on everywhere."""
    post = []
    assert traverse([[1]], lambda k, v, p: None,
                    lambda k, v, p: post.append(str(k)))
    assert post == ['[0][0]', '[0]', '']

  def test_root_path_prefixes_paths(self):
    """`root_path` is the path given to the root."""
    seen = []
    traverse([1], lambda k, v, p: seen.append(str(k)), root_path='x.y')
    assert seen == ['x.y', 'x.y[0]']

  def test_walks_symbolic_objects_through_fields(self):
    """Objects are entered through their fields, in field order."""
    seen = []
    traverse(_net(), lambda k, v, p: seen.append(str(k)))
    assert seen == ['', 'layers', 'layers[0]', 'layers[0].filters',
                    'layers[0].activation', 'layers[1]', 'layers[1].filters',
                    'layers[1].activation', 'head', 'head.filters',
                    'head.activation']

  def test_tuples_and_plain_objects_are_leaves(self):
    """Tuples and non-symbolic objects are not entered."""
    seen = []
    traverse({'t': (1, 2), 'o': object()}, lambda k, v, p: seen.append(str(k)))
    assert seen == ['', 't', 'o']


class TestWalk:

  def test_keys_are_one_shared_stack(self):
    """Visitors see the keys of the current value; the stack is restored after."""
    keys_seen = []
    stack = ['root']
    assert walk({'a': [1]}, lambda keys, v, p: keys_seen.append(list(keys)),
                keys=stack)
    assert keys_seen == [['root'], ['root', 'a'], ['root', 'a', 0]]
    assert stack == ['root']

  def test_continue_prunes_but_post_still_runs(self):
    """A preorder CONTINUE skips the children; postorder sees the value."""
    post = []
    walk({'a': {'b': 1}, 'c': 2},
         lambda keys, v, p: TraverseAction.CONTINUE if keys == ['a'] else None,
         lambda keys, v, p: post.append(list(keys)))
    assert post == [['a'], ['c'], []]

  def test_stop_ends_the_walk(self):
    """STOP from a visitor ends the walk and walk returns False."""
    seen = []

    def pre(keys, v, p):
      seen.append(list(keys))
      return TraverseAction.STOP if keys == ['a'] else None
    assert not walk({'a': 1, 'b': 2}, pre)
    assert seen == [[], ['a']]


class TestFold:

  def test_results_are_built_bottom_up(self):
    """A node's result is computed from its children's results, by key."""
    tree = pg.Dict(a=pg.List([1, 2]), b=3)
    total = fold(tree, lambda keys, v, children: (
        sum(r for _, r in children) if children else
        (v if isinstance(v, int) else 0)))
    assert total == 6

  def test_unentered_values_get_no_children(self):
    """`enter` prunes: the value is combined with children None."""
    calls = []

    def combine(keys, v, children):
      calls.append((list(keys), children is None))
      return len(keys)
    fold({'a': {'b': 1}}, combine, enter=lambda keys, v: keys != ['a'])
    assert calls == [(['a'], True), ([], False)]


class TestNodes:

  def test_preorder_like_traverse(self):
    """`nodes` lists (path, value, parent) in the order `traverse` visits."""
    tree = pg.Dict(a=pg.Dict(x=1), b=2)
    visited = []
    traverse(tree, lambda k, v, p: visited.append(str(k)))
    assert [str(k) for k, _, _ in nodes(tree)] == visited == ['', 'a', 'a.x', 'b']
    assert nodes(tree)[2][2] is tree.a


class TestPositionalArity:

  def test_counts_functions_methods_and_callables(self):
    """Bound methods drop `self`; *args means any arity."""

    class C:

      def m(self, a, b):
        return a

      def __call__(self, a):
        return a
    assert positional_arity(lambda a, b=1: a) == 2
    assert positional_arity(C().m) == 2
    assert positional_arity(C()) == 1
    assert positional_arity(lambda *a: a) is None
    assert positional_arity(functools.partial(lambda a, b: a, 1)) == 1
    assert positional_arity(functools.partial(lambda *a: a, 1)) is None

  def test_any_arity_predicate_gets_parent(self):
    """A *args predicate is called with (value, parent)."""
    calls = []
    query([1], where=lambda *args: calls.append(len(args)))
    assert set(calls) == {2}


class TestPathStr:

  @given(st.lists(st.one_of(st.integers(0, 20), st.text(max_size=4)),
                  max_size=5))
  def test_matches_key_path_text(self, keys):
    """The memoized path text equals str(KeyPath(keys)) for any keys."""
    assert path_str(keys) == str(KeyPath(keys))

  def test_query_paths_parse_back(self):
    """Keys that need brackets come out in a form KeyPath parses back."""
    tree = pg.Dict({'a.b': [1], '1': 2, '': 3})
    paths = list(query(tree, where=lambda v: isinstance(v, int)))
    assert paths == ['[a.b][0]', '["1"]', '[]']
    assert [KeyPath.parse(p).query(tree) for p in paths] == [1, 2, 3]

  def test_non_string_keys_fall_back_to_key_path(self):
    """Other key types are formatted by KeyPath itself."""
    assert path_str(['a', 1.5]) == str(KeyPath(['a', 1.5]))


def test_docstring_examples_run():
  """Every example in the module's docstrings runs as shown."""
  results = doctest.testmod(_traverse, optionflags=doctest.ELLIPSIS)
  assert results.attempted and not results.failed


def test_traverse_passes_the_given_parent_to_the_root():
  """parent= is what the visitors receive as the root's parent."""
  owner = pg.Dict(x=1)
  seen = []
  pg.traverse(pg.Dict(a=1), lambda k, v, p: seen.append((str(k), p is owner)),
              parent=owner)
  assert seen == [('', True), ('a', False)]
