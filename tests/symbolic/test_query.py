"""Tests for pyglove.symbolic._query: traverse, query, contains, is_deterministic."""
from __future__ import annotations

import doctest
import functools
import re

from hypothesis import given
from hypothesis import strategies as st
import pytest

import pyglove as pg
from pyglove.symbolic._query import TraverseAction
from pyglove.symbolic._query import contains
from pyglove.symbolic._query import is_abstract
from pyglove.symbolic import _query
from pyglove.symbolic._query import is_deterministic
from pyglove.symbolic._query import path_str
from pyglove.symbolic._query import positional_arity
from pyglove.symbolic._query import query
from pyglove.symbolic._query import traverse
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE


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


class TestQuery:

  def test_where_selects_values_by_path_string(self):
    """`where(v)` selects values; keys are path strings in preorder."""
    net = _net()
    result = query(net, where=lambda v: isinstance(v, Layer))
    assert list(result) == ['layers[0]', 'layers[1]', 'head']
    assert result['head'] is net.head

  def test_where_with_parent(self):
    """`where(v, parent)` receives the parent too."""
    net = _net()
    result = query(net, where=lambda v, p: isinstance(v, int) and p is net.head)
    assert result == {'head.filters': 10}

  def test_path_regex_uses_re_match(self):
    """The regex must match from the start of the path."""
    net = _net()
    assert query(net, r'.*filters') == {
        'layers[0].filters': 16, 'layers[1].filters': 32, 'head.filters': 10}
    assert query(net, r'filters') == {}
    assert query(net, re.compile(r'head\.a')) == {'head.activation': 'relu'}

  def test_path_regex_and_where_combine(self):
    """A value is selected only when both the regex and `where` accept it."""
    result = query(_net(), r'layers', where=lambda v: v == 'tanh')
    assert result == {'layers[1].activation': 'tanh'}

  def test_no_criteria_selects_root_only(self):
    """With no criteria everything matches, and the root is not entered."""
    tree = {'a': 1}
    assert query(tree) == {'': tree}

  def test_enter_selected_also_searches_inside(self):
    """`enter_selected` keeps searching under selected values."""
    tree = {'a': {'a': 1}}
    assert list(query(tree, where=lambda v: isinstance(v, dict))) == ['']
    assert list(query(tree, where=lambda v: isinstance(v, dict),
                      enter_selected=True)) == ['', 'a']

  def test_predicate_as_first_argument(self):
    """The first positional argument may be the predicate (paper style)."""
    assert query([1, 'x'], lambda v: isinstance(v, str)) == {'[1]': 'x'}

  def test_method_form_on_symbolic_value(self):
    """`x.query(predicate)` works on symbolic values."""
    net = _net()
    assert list(net.query(lambda v: isinstance(v, Layer))) == [
        'layers[0]', 'layers[1]', 'head']
    assert net.query(r'head\.f') == {'head.filters': 10}

  def test_custom_selector_with_two_or_three_args(self):
    """`custom_selector(k, v)` or `(k, v, p)` decides alone."""
    tree = {'a': 1, 'b': 2}
    assert query(tree, custom_selector=lambda k, v: k == 'b') == {'b': 2}
    assert query(tree, custom_selector=lambda k, v, p: p is tree and v == 1) == {
        'a': 1}

  def test_custom_selector_with_where_is_value_error(self):
    """`custom_selector` excludes `path_regex` and `where`."""
    with pytest.raises(ValueError, match='must be None when `custom_selector`'):
      query({}, 'a', custom_selector=lambda k, v: True)

  def test_predicate_and_where_together_is_value_error(self):
    """A predicate first argument and `where` together are ambiguous."""
    with pytest.raises(ValueError, match='also `where`'):
      query({}, lambda v: True, where=lambda v: True)

  def test_bad_regex_is_value_error(self):
    """An invalid regex is a ValueError naming it."""
    with pytest.raises(ValueError, match=r"'\[' is not a valid regular"):
      query({}, '[')

  def test_bad_path_regex_type_is_type_error(self):
    """A path regex that is neither str nor predicate is a TypeError."""
    with pytest.raises(TypeError, match='got 1 of type int'):
      query({}, 1)

  def test_predicate_with_wrong_arity_is_type_error(self):
    """`where` must take one or two arguments."""
    with pytest.raises(TypeError, match='`where` must take 1 or 2'):
      query({}, where=lambda a, b, c: True)
    with pytest.raises(TypeError, match='`custom_selector` must take 2 or 3'):
      query({}, custom_selector=lambda a: True)


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


class TestContains:

  def test_value_compared_symbolically(self):
    """A value is found anywhere, root included, by symbolic equality."""
    net = _net()
    assert contains(net, Layer(32, 'tanh'))
    assert contains(net, 'relu')
    assert contains(net, net)
    assert not contains(net, Layer(33))

  def test_default_value_looks_for_none(self):
    """With neither `value` nor `type`, contains() looks for None."""
    assert contains({'a': [None]})
    assert not contains({'a': [0]})

  def test_type(self):
    """`type=` looks for instances of a class."""
    assert contains({'a': [1.5]}, type=float)
    assert contains(_net(), type=(str, bytes))
    assert not contains({'a': [1]}, type=str)

  def test_sym_contains_method(self):
    """The method form delegates here."""
    assert _net().sym_contains(type=Layer)
    assert not _net().sym_contains(99)


class TestDeterminism:

  def test_hyper_value_anywhere_makes_tree_non_deterministic(self):
    """A node whose class marks `is_hyper_value` anywhere counts."""
    assert is_deterministic(_net())
    assert not is_deterministic({'a': [FakeHyper([1, 2])]})
    assert not is_deterministic(FakeHyper([1]))
    assert not Net(layers=[FakeHyper([1])]).is_deterministic

  def test_abstract_means_missing_or_hyper(self):
    """Missing values and hyper values make a tree abstract."""
    assert not is_abstract(_net())
    assert is_abstract({'a': MISSING_VALUE})
    assert is_abstract([FakeHyper([1])])
    assert is_abstract(Required.partial())
    assert Required.partial().is_abstract


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
  results = doctest.testmod(_query, optionflags=doctest.ELLIPSIS)
  assert results.attempted and not results.failed
