"""Tests for pg.format and the str/repr of symbolic values."""
from __future__ import annotations

import doctest

import pyglove as pg
from pyglove.symbolic import _format


class A(pg.Object):
  x: pg.typing.Annotated[int, 'The x.'] = 1
  y: list = []
  name: str = 'a'


class TestFormat:
  """Compact and multi-line forms."""

  def test_compact(self):
    """Compact form is one line with keys and indices."""
    assert pg.format(A(1, [2]), compact=True) == "A(x=1, y=[0: 2], name='a')"
    assert repr(pg.Dict(a=pg.List([1]))) == '{a=[0: 1]}'

  def test_str_is_one_line_when_it_fits(self):
    """str() keeps a small object on one line."""
    assert str(A(1, [2])) == "A(x=1, y=[0: 2], name='a')"

  def test_long_values_split_over_lines(self):
    """A node too wide for max_width lists its children indented."""
    text = pg.format(A(1, ['long' * 10, 'z']), max_width=40)
    assert text.splitlines() == [
        'A(',
        '  x=1,  # The x.',
        '  y=[',
        "    0: '" + 'long' * 10 + "',",
        "    1: 'z'",
        '  ],',
        "  name='a'",
        ')',
    ]

  def test_verbose_false_omits_descriptions(self):
    """verbose=False drops field descriptions."""
    text = pg.format(A(1, ['long' * 10]), max_width=20, verbose=False)
    assert '#' not in text

  def test_root_indent(self):
    """root_indent shifts the closing line of a split node."""
    text = pg.format(A(1, ['w' * 30]), max_width=30, root_indent=1)
    assert text.splitlines()[-1] == '  )'

  def test_hide_default_and_missing_values(self):
    """Default and missing values can be hidden."""
    assert pg.format(A(2), compact=True, hide_default_values=True) == 'A(x=2)'

    class B(pg.Object):
      p: int
      q: int = 0
    assert pg.format(B.partial(), compact=True,
                     hide_missing_values=True) == 'B(q=0)'
    assert pg.format(B.partial(), compact=True) == 'B(p=MISSING_VALUE, q=0)'

  def test_plain_values(self):
    """Plain containers, tuples, types and strings format like Python."""
    assert pg.format({'k': (1,), 'l': [A(), (1, 2)], 't': int},
                     compact=True) == (
                         "{'k': (1,), 'l': [A(x=1, y=[], name='a'), (1, 2)], "
                         "'t': int}")

  def test_plain_tuple_split_over_lines(self):
    """A long tuple splits with its items indented."""
    text = pg.format(('a' * 30, 'b' * 30), max_width=20)
    assert text.splitlines()[0] == '(' and text.splitlines()[-1] == ')'

  def test_method_matches_function(self):
    """x.format(...) is pg.format(x, ...)."""
    a = A(3)
    assert a.format(compact=True) == pg.format(a, compact=True)


def test_docstring_examples_run():
  """The examples in the module's docstrings run as written."""
  results = doctest.testmod(_format, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.failed == 0 and results.attempted > 0
