"""Tests of pyglove/utils/_formatting.py: `format`, `kvlist_str`, `Formattable`."""
from __future__ import annotations

import pytest

from pyglove.utils import BracketType
from pyglove.utils import Formattable
from pyglove.utils import RawText
from pyglove.utils import bracket_chars
from pyglove.utils import format as pg_format
from pyglove.utils import kvlist_str
from pyglove.utils import repr_format
from pyglove.utils import str_format


class _Point(Formattable):

  def __init__(self, x, y=0):
    self.x, self.y = x, y

  def format(self, compact=False, verbose=True, root_indent=0, **kwargs):
    return kvlist_str([('x', self.x, None), ('y', self.y, 0)], compact,
                      verbose, root_indent, label='Point', **kwargs)


def test_kvlist_omits_defaults_and_lays_out_lines():
  """Pairs equal to their default are left out; non-compact puts one a line."""
  assert repr(_Point(1)) == 'Point(x=1)'
  assert str(_Point(1, 2)) == 'Point(\n  x=1,\n  y=2\n)'
  assert kvlist_str([('a', 1, (1, 2))], label='L') == 'L()'
  assert kvlist_str([('', RawText('raw'), None), ('b', 'x', None)]) == 'raw, b=\'x\''


def test_nested_values_indent_by_level():
  """A child laid out over lines is indented one level deeper."""
  text = str(_Point(_Point(1, 2)))
  assert text == 'Point(\n  x=Point(\n    x=1,\n    y=2\n  )\n)'


def test_plain_containers():
  """Lists wrap only past the threshold; dicts are one key a line unless compact."""
  assert pg_format([1, 'a']) == "[1, 'a']"
  assert pg_format(list(range(40)), list_wrap_threshold=20).startswith('[\n  0,\n  1,')
  assert pg_format({'a': 1}) == "{\n  'a': 1\n}"
  assert pg_format({'a': 1}, compact=True) == "{'a': 1}" and pg_format({}) == '{}'
  assert pg_format((1,), compact=True) == '(1)'


def test_leaves_strings_and_options():
  """Compact leaves use repr, others str; long strings and object ids can be cut."""
  assert pg_format('abcdef', max_str_len=3) == "'abc...'"
  assert pg_format(b'abcdef', max_bytes_len=2) == "b'ab...'"
  assert pg_format(object(), strip_object_id=True) == 'object(...)'
  assert pg_format({'a': 1, 'b': 2}, compact=True, exclude_keys={'a'}) == "{'b': 2}"
  assert pg_format({'a': 1, 'b': 2}, compact=True, include_keys={'a'}) == "{'a': 1}"
  assert pg_format(1, markdown=True) == '`1`'
  assert pg_format(_Point(1, 2), markdown=True).startswith('```\nPoint(')
  assert pg_format(1, custom_format=lambda v, indent: 'one') == 'one'


def test_recursion_is_cut():
  """A container holding itself prints a marker instead of recursing forever."""
  a = []
  a.append(a)
  assert pg_format(a).startswith('[<recursive list at 0x')


def test_str_and_repr_format_scopes():
  """Within str_format/repr_format blocks, str()/repr() take those options."""
  with str_format(compact=True):
    assert str(_Point(1, 2)) == 'Point(x=1, y=2)'
  with repr_format(compact=False):
    assert repr(_Point(1, 2)).startswith('Point(\n')
  assert repr(_Point(1, 2)) == 'Point(x=1, y=2)'


def test_brackets():
  """bracket_chars takes a BracketType or its name; anything else is a ValueError."""
  assert bracket_chars(BracketType.CURLY) == ('{', '}')
  assert bracket_chars('square') == ('[', ']')
  assert kvlist_str([('a', 1, None)], label='S', bracket_type='square') == 'S[a=1]'
  with pytest.raises(ValueError, match="Unknown bracket type 'angle'"):
    bracket_chars('angle')


def test_raw_text_equality():
  """RawText equals its text and prints it unquoted."""
  assert RawText('x') == 'x' and RawText('x') == RawText('x') and repr(RawText('x')) == 'x'
