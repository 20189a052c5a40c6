"""Tests for patchers from URI-like strings."""
from __future__ import annotations

import doctest

from hypothesis import given
from hypothesis import strategies as st
import pytest

import pyglove as pg
from pyglove.patching import _uri


@pytest.fixture
def typed():
  """A patcher with one argument of every URI-friendly spec."""

  @pg.patcher([
      ('i', pg.typing.Int(min_value=0)),
      ('f', pg.typing.Float()),
      ('b', pg.typing.Bool()),
      ('s', pg.typing.Str()),
      ('e', pg.typing.Enum('a', ['a', 'b'])),
      ('ints', pg.typing.List(pg.typing.Int())),
      ('o', pg.typing.Int().noneable()),
  ])
  def typed_patcher(target, i=0, f=0.0, b=False, s='', e='a', ints=None, o=None):
    del target
    return {'i': i, 'f': f, 'b': b, 's': s, 'e': e, 'ints': ints, 'o': o}

  return typed_patcher


class TestParseUri:

  @pytest.mark.parametrize('uri,expected', [
      ('name', ('name', [], {})),
      ('name?', ('name', [''], {})),
      ('name?1&2', ('name', ['1', '2'], {})),
      ('name?1&k=v&k2=a=b', ('name', ['1'], {'k': 'v', 'k2': 'a=b'})),
      ('_n.x?k=', ('_n.x', [], {'k': ''})),
  ])
  def test_split(self, uri, expected):
    assert _uri.parse_uri(uri) == expected

  @pytest.mark.parametrize('uri,message', [
      ('1bad', r"'1bad' is not a valid patcher name"),
      ('', r"'' is not a valid patcher name"),
      ('n?=1', r"Invalid patcher argument '=1'"),
      ('n?1x=2', r"Invalid patcher argument '1x=2'"),
      ('n?k=1&2', r"Positional argument '2' follows a keyword argument"),
  ])
  def test_malformed(self, uri, message):
    with pytest.raises(ValueError, match=message):
      _uri.parse_uri(uri)

  def test_not_a_string(self):
    with pytest.raises(TypeError, match=r'must be a string; got 3 of type int'):
      _uri.parse_uri(3)


class TestFromUri:

  def test_positional_and_keyword_arguments(self, typed):
    p = pg.patching.from_uri('typed_patcher?3&1.5&yes&s="None"&e=b&ints=1:2:3')
    assert isinstance(p, typed)
    assert (p.i, p.f, p.b, p.s, p.e, list(p.ints), p.o) == (
        3, 1.5, True, 'None', 'b', [1, 2, 3], None)
    assert p.target is pg.MISSING_VALUE

  @pytest.mark.parametrize('text,value', [
      ('true', True), ('1', True), ('no', False), ('False', False)])
  def test_bool_literals(self, typed, text, value):
    assert pg.patching.from_uri(f'typed_patcher?b={text}').b is value

  def test_none_literal_and_empty_list(self, typed):
    p = pg.patching.from_uri('typed_patcher?o=none&ints=')
    assert p.o is None and list(p.ints) == []

  @pytest.mark.parametrize('uri,error,message', [
      ('typed_patcher?i=x', ValueError, r"Cannot convert 'x' to int. \(path=typed_patcher.i\)"),
      ('typed_patcher?f=x', ValueError, r"Cannot convert 'x' to float"),
      ('typed_patcher?b=maybe', ValueError, r"Cannot convert 'maybe' to bool"),
      ('typed_patcher?s="abc', ValueError, r'Unmatched quote'),
      ('typed_patcher?i=-1', ValueError, r'out of range.*path=typed_patcher.i'),
      ('typed_patcher?e=c', ValueError, r'path=typed_patcher.e'),
      ('typed_patcher?ints=1:x', ValueError, r"path=typed_patcher.ints\[1\]"),
      ('typed_patcher?z=1', KeyError, r"has no argument 'z'; its arguments: \['i', 'f'"),
      ('typed_patcher?1&2&3&4&5&6&7&8', KeyError, r'takes 7 argument\(s\)'),
      ('no_such_patcher', KeyError, r"'no_such_patcher' is not registered"),
  ])
  def test_bad_arguments(self, typed, uri, error, message):
    with pytest.raises(error, match=message):
      pg.patching.from_uri(uri)


@given(st.integers(min_value=0, max_value=10**9),
       st.floats(allow_nan=False, allow_infinity=False),
       st.booleans(),
       st.text(alphabet=st.characters(blacklist_characters='&:"',
                                      blacklist_categories=('Cs',)),
               max_size=8).filter(lambda s: s not in ('None', 'none')),
       st.lists(st.integers(), max_size=4))
def test_uri_round_trip(i, f, b, s, ints):
  """Values written into a URI come back unchanged from `from_uri`."""

  @pg.patcher([
      ('i', pg.typing.Int(min_value=0)), ('f', pg.typing.Float()),
      ('b', pg.typing.Bool()), ('s', pg.typing.Str()),
      ('ints', pg.typing.List(pg.typing.Int()))])
  def round_trip(target, i, f, b, s, ints):
    del target
    return {}

  uri = (f'round_trip?{i}&{f!r}&b={b}&s="{s}"&ints='
         + ':'.join(str(x) for x in ints))
  p = pg.patching.from_uri(uri)
  assert (p.i, p.f, p.b, p.s, list(p.ints)) == (i, f, b, s, ints)


def test_docstring_examples_run():
  results = doctest.testmod(_uri, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.failed == 0 and results.attempted > 0
