"""Tests of the Google-style docstring reader."""
from __future__ import annotations

from pyglove.typing._docstring import parse_docstring


def test_summary_and_args_with_continuations():
  """The first paragraph and each argument's text are read."""
  doc = parse_docstring('''Adds two
  numbers.

  More text.

  Args:
    x: the first
      number.
    y (int): the second.
    *args: more numbers.
    **kwargs: options.

  Returns:
    The sum.
  ''')
  assert doc.summary == 'Adds two numbers.'
  assert doc.args == {'x': 'the first number.', 'y': 'the second.',
                      'args': 'more numbers.', 'kwargs': 'options.'}


def test_empty_docstring():
  """No docstring gives no summary and no args."""
  doc = parse_docstring(None)
  assert doc.summary is None and doc.args == {}


def test_other_sections_are_ignored():
  """Only the Args section gives argument descriptions."""
  doc = parse_docstring('''Summary.

  Raises:
    ValueError: when bad.
  ''')
  assert doc.args == {}


def test_blank_line_ends_an_argument():
  """Text after a blank line is not appended to the previous argument."""
  doc = parse_docstring('''S.

  Args:
    x: one.

      not part of x.
  ''')
  assert doc.args == {'x': 'one.'}
