"""Tests of KeyPath, including the parse/str round trip property."""
from __future__ import annotations

import copy
import pickle

from hypothesis import given
from hypothesis import strategies as st
import pytest

from pyglove.utils import KeyPath
from pyglove.utils._key_path import join_keys

_keys = st.lists(st.one_of(st.integers(min_value=0, max_value=10**6), st.text()),
                 max_size=6)


@given(_keys)
def test_parse_inverts_str(keys):
  """KeyPath.parse(str(p)) == p for any keys."""
  path = KeyPath(keys)
  assert KeyPath.parse(str(path)) == path
  assert KeyPath.parse(str(path)).keys == keys


def test_string_form():
  """Ints print as [i], names with dots are bracketed, digits quoted."""
  assert str(KeyPath(['model', 'layers', 2, 'filters'])) == 'model.layers[2].filters'
  assert str(KeyPath(['a.b', 'c'])) == '[a.b].c'
  assert str(KeyPath(['1'])) == '["1"]'
  assert str(KeyPath(['a', '=1/3', 'q'])) == 'a[=1/3].q'
  assert str(KeyPath()) == '' and join_keys(['a', 0]) == 'a[0]'


def test_parse_accessors():
  """keys, key, parent, depth and is_root describe the path."""
  p = KeyPath.parse('model.layers[2].filters')
  assert p.keys == ['model', 'layers', 2, 'filters'] and p.key == 'filters'
  assert p.parent == 'model.layers[2]' and p.depth == 4 and len(p) == 4
  assert not p.is_root and KeyPath().is_root
  assert p.path == 'model.layers[2].filters' and p[0] == 'model'
  assert p[1:3] == KeyPath(['layers', 2]) and list(p) == p.keys


def test_parse_errors():
  """Malformed strings are ValueErrors; non-strings TypeErrors."""
  for text, message in [('a]', 'Unmatched'), ('a[1', 'Unclosed'),
                        ('[1]b', 'Expected "." or "\\["'), ('["a]', 'Unclosed quote')]:
    with pytest.raises(ValueError, match=message):
      KeyPath.parse(text)
  with pytest.raises(TypeError, match='KeyPath.parse expects a str'):
    KeyPath.parse(1)


def test_root_has_no_parent():
  """The root's parent is a KeyError."""
  with pytest.raises(KeyError, match='no parent'):
    KeyPath().parent


def test_child_and_add():
  """child and + extend paths."""
  p = KeyPath('a')
  assert p.child(0) == 'a[0]' and p + 'b.c' == 'a.b.c' and p + KeyPath('x') == 'a.x'
  assert p + 1 == 'a[1]' and 'x' + p == 'x.a'
  assert KeyPath('b', parent=KeyPath('a')) == 'a.b'


def test_from_value():
  """from_value accepts paths, strings, ints and None."""
  p = KeyPath('a')
  assert KeyPath.from_value(p) is p and KeyPath.from_value('a.b') == 'a.b'
  assert KeyPath.from_value(1) == '[1]' and KeyPath.from_value(None) == ''
  with pytest.raises(TypeError, match='A key path must be a KeyPath, a str or an int'):
    KeyPath.from_value(1.5)


def test_query_and_exists():
  """query walks dicts, lists and attributes; a missing key is a KeyError."""
  class Obj:
    x = {'y': [1, 2]}

  value = {'a': Obj()}
  assert KeyPath.parse('a.x.y[1]').query(value) == 2
  assert KeyPath.parse('a.x.y[1]').exists(value)
  assert not KeyPath.parse('a.x.z').exists(value)
  assert KeyPath.parse('a.q').get(value, 'd') == 'd'
  with pytest.raises(KeyError, match="Cannot find key 'z' under dict at path 'a.x'"):
    KeyPath.parse('a.x.z').query(value)
  with pytest.raises(KeyError):
    KeyPath.parse('a.x.y[5]').query(value)


def test_query_uses_sym_getattr():
  """Symbolic values are walked through sym_getattr."""
  class Sym:
    def sym_getattr(self, key):
      if key == 'k':
        return 'v'
      raise KeyError(key)

  assert KeyPath('k').query(Sym()) == 'v' and not KeyPath('j').exists(Sym())


def test_equality_ordering_hash():
  """Paths equal their string form, sort ints before strings, hash alike."""
  assert KeyPath('a') == 'a' and KeyPath('a') != 'b' and KeyPath('a') != 1
  assert hash(KeyPath.parse('a.b')) == hash(KeyPath(['a', 'b']))
  assert KeyPath([0]) < KeyPath(['a']) and KeyPath('a') < 'b'
  paths = [KeyPath.parse(s) for s in ('b', 'a[1]', 'a[0]')]
  assert sorted(paths) == ['a[0]', 'a[1]', 'b']
  assert KeyPath('a').__lt__(1) is NotImplemented
  assert KeyPath('a').is_relative_to('') and KeyPath.parse('a.b').is_relative_to('a')
  assert not KeyPath('a').is_relative_to('b')


def test_copy_and_pickle():
  """Copies are the same path object; pickling round-trips."""
  p = KeyPath.parse('a[0]')
  assert copy.copy(p) is p and copy.deepcopy(p) is p
  assert pickle.loads(pickle.dumps(p)) == p and repr(p) == 'a[0]'


def test_root_has_no_key_and_is_falsy():
  """The root path is falsy and has no key (KeyError), as in the reference."""
  assert not KeyPath() and KeyPath('a') and KeyPath.parse('a[0]').key == 0
  with pytest.raises(KeyError, match='root key path has no key'):
    KeyPath().key


def test_subtraction_gives_the_relative_path():
  """`p - ancestor` is the path below the ancestor; anything else is an error."""
  p = KeyPath.parse('a.b[0].c')
  assert p - 'a.b' == '[0].c' and p - KeyPath('a') == 'b[0].c'
  assert p - None is p and p - p == KeyPath() and p - '' == p
  with pytest.raises(ValueError, match='not an ancestor'):
    p - 'x'
  with pytest.raises(ValueError, match='not an ancestor'):
    KeyPath('a') - 'a.b'
  with pytest.raises(TypeError, match='Cannot subtract 1.5'):
    p - 1.5


def test_parse_with_parent_and_reference_keywords():
  """`parse(path_str, parent=)`, `get(src, default_value=)`, `query(src, use_inferred=)`."""
  assert KeyPath.parse('b[0]', parent=KeyPath('a')) == 'a.b[0]'
  assert KeyPath(key_or_key_list=['a', 1]) == 'a[1]'
  src = {'a': [1, 2]}
  assert KeyPath.parse('a[1]').query(src=src, use_inferred=True) == 2
  assert KeyPath.parse('a[5]').get(src=src, default_value=3) == 3
  assert KeyPath.parse('a[0]').exists(src=src)


def test_path_str_and_format():
  """`path_str` optionally drops the brackets of complex keys; `format` is the text."""
  p = KeyPath(['a', 'x.y', 1])
  assert p.path_str() == 'a[x.y][1]' and p.format(compact=True) == 'a[x.y][1]'
  assert p.path_str(preserve_complex_keys=False) == 'a.x.y[1]'


def test_empty_names_between_dots_are_skipped():
  """As in the reference, 'a..b' is 'a.b' and a trailing dot is ignored."""
  assert KeyPath.parse('a..b') == 'a.b' and KeyPath.parse('a.b.c.').parent == 'a.b'


def test_str_key_objects_print_as_names():
  """A key deriving from pg.utils.StrKey prints with a dot, never in brackets."""
  from pyglove.utils import StrKey

  class Slot(StrKey):

    def __str__(self):
      return '__b.c__'
  assert str(KeyPath(['a', Slot()])) == 'a.__b.c__'
