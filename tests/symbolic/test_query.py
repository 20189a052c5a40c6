"""Tests for pyglove.symbolic._query: query, contains, is_deterministic, is_abstract."""
from __future__ import annotations

import doctest
import re

import pytest

import pyglove as pg
from pyglove.symbolic import _query
from pyglove.symbolic._query import contains
from pyglove.symbolic._query import is_abstract
from pyglove.symbolic._query import is_deterministic
from pyglove.symbolic._query import query
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


def test_docstring_examples_run():
  """Every example in the module's docstrings runs as shown."""
  results = doctest.testmod(_query, optionflags=doctest.ELLIPSIS)
  assert results.attempted and not results.failed


def test_builtin_without_signature_is_a_value_predicate():
  """where=bool (no inspectable signature) is called with the value alone."""
  assert pg.query(pg.Dict(a=0, b=pg.Dict(c=1)), 'b', where=bool) == {'b': {'c': 1}}
  assert list(pg.query(pg.List([0, 3]), where=bool, enter_selected=True)) == ['', '[1]']
