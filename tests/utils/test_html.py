"""Tests of Html: fragments that carry their CSS and scripts."""
from __future__ import annotations

import doctest

from hypothesis import given
from hypothesis import strategies as st
import pytest

from pyglove.utils import _html
from pyglove.utils._html import Html


def test_element_escapes_attributes_and_keeps_inner_markup():
  """Attribute values are escaped; inner strings are markup; None parts are skipped."""
  element = Html.element('a', ['<b>x</b>', None], href='/q?a=1&b="2"',
                         css_classes=['link', None, 'big'])
  assert element.to_str(content_only=True) == (
      '<a class="link big" href="/q?a=1&amp;b=&quot;2&quot;"><b>x</b></a>')


def test_element_attribute_names_and_values():
  """`for_` is `for`, `data_path` is `data-path`; True is bare, None and False are left out."""
  element = Html.element('input', for_='x', data_path='a.b', checked=True,
                         disabled=False, title=None)
  assert element.content == '<input for="x" data-path="a.b" checked></input>'


def test_inline_styles_and_bare_options():
  """styles= (a dict with `_` written `-`, or text) is the style attribute; options are bare."""
  element = Html.element('div', 'x', styles={'font_size': '12px', 'color': None,
                                             'margin': 0})
  assert element.content == '<div style="font-size:12px;margin:0;">x</div>'
  assert Html.element('p', styles='color:red').content == '<p style="color:red"></p>'
  assert Html.style_str(None) is None and Html.style_str({'a': None}) is None
  details = Html.element('details', ['<i>', '</i>'], options=['open', None], css_classes='n')
  assert details.content == '<details open class="n"><i></i></details>'


def test_joining_fragments_keeps_each_style_and_script_once_in_order():
  """Styles and scripts of joined fragments are merged without duplicates."""
  a = Html('<p>a</p>', styles=['p{}', 'q{}'], scripts=['f()'])
  b = Html('<p>b</p>', styles=['q{}', 'r{}'], scripts=['f()', 'g()'])
  joined = a + b
  assert joined.content == '<p>a</p><p>b</p>'
  assert joined.styles == ['p{}', 'q{}', 'r{}'] and joined.scripts == ['f()', 'g()']
  assert ('<i>' + a).content == '<i><p>a</p>' and (a + '<i>').content == '<p>a</p><i>'
  a += b
  assert a == joined and hash(a) == hash(joined)
  assert a != Html('<p>a</p><p>b</p>')


def test_page_notebook_and_content_forms():
  """A page has head and body; a notebook gets styles, markup, scripts; content_only the markup."""
  fragment = Html('<p>x</p>', styles=['p{color:red}'], scripts=['go()'])
  page = fragment.to_str()
  assert page.startswith('<!DOCTYPE html>') and str(fragment) == page
  assert page.index('<style>') < page.index('</head>') < page.index('<p>x</p>') < page.index(
      '<script>') < page.index('</body>')
  assert fragment._repr_html_() == (  # pylint: disable=protected-access
      '<style>\np{color:red}\n</style><p>x</p><script>\ngo()\n</script>')
  assert fragment.to_str(content_only=True) == '<p>x</p>'
  empty = Html()
  assert empty.to_str(content_only=True) == ''
  assert empty._repr_html_() == ''  # pylint: disable=protected-access


def test_values_with_to_html_and_functions_are_written_through_them():
  """A value with to_html() writes its fragment; a function writes what it returns."""

  class Card:

    def to_html(self):
      return Html('<b>card</b>', styles=['b{}'])

  fragment = Html(Card(), lambda: '<i>', lambda: None)
  assert fragment.content == '<b>card</b><i>' and fragment.styles == ['b{}']


def test_writing_anything_else_is_a_type_error():
  """Anything else cannot be written; the error says what can, and names the value."""
  with pytest.raises(TypeError, match=r'Html takes str, Html, a value with to_html\(\), a '
                                      r'function returning one, or None; got int: 3'):
    Html('<p>', 3)
  with pytest.raises(TypeError, match=r'got int: 4'):
    Html(lambda: 4)


def test_files_are_linked_in_the_head_and_loaded_in_the_body():
  """Style sheets are linked before the CSS; script files load before the scripts."""
  fragment = Html('<p>', style_files=['a.css'], scripts=['go()']).add_script_file('x.js')
  fragment.add_style_file('a.css', 'b&.css')
  assert fragment.style_files == ['a.css', 'b&.css'] and fragment.script_files == ['x.js']
  assert fragment.head_section == ('<head><meta charset="utf-8"><link rel="stylesheet" '
                                   'href="a.css"><link rel="stylesheet" href="b&amp;.css"></head>')
  assert fragment.body_section == ('<body><p><script src="x.js"></script>'
                                   '<script>\ngo()\n</script></body>')
  joined = Html('<i>') + fragment
  assert joined.style_files == ['a.css', 'b&.css'] and joined.script_files == ['x.js']


def test_from_value_wraps_markup_and_keeps_fragments():
  """from_value wraps a string, returns a fragment itself (or a copy), and None as None."""
  fragment = Html('<p>', styles=['p{}'])
  assert Html.from_value(fragment) is fragment
  copy = Html.from_value(fragment, copy=True)
  assert copy is not fragment and copy == fragment
  assert Html.from_value('<b>') == Html('<b>') and Html.from_value(None) is None


def test_repr_names_the_markup_and_counts():
  """repr shows the markup and how many styles and scripts the fragment needs."""
  assert repr(Html('<p>', styles=['a{}'])) == "Html('<p>', styles=1, scripts=0)"


@given(st.text())
def test_escaped_text_reads_back_as_the_text(text):
  """Escaping leaves no markup character and unescapes to the original text."""
  import html  # pylint: disable=g-import-not-at-top
  escaped = Html.escape(text)
  assert not set('<>"\'') & set(escaped)
  assert html.unescape(escaped) == text


def test_escape_of_other_values():
  """A non-string is escaped through str(); None stays None; a fragment keeps its styles."""
  assert Html.escape(['<a>']) == "[&#x27;&lt;a&gt;&#x27;]"
  assert Html.escape(None) is None and Html.escape(lambda: '<') == '&lt;'
  escaped = Html.escape(Html('<b>', styles=['b{}']))
  assert escaped.content == '&lt;b&gt;' and escaped.styles == ['b{}']


def test_escape_for_a_javascript_string():
  """javascript_str escapes backslashes, double quotes and line breaks instead."""
  assert Html.escape('a\\b "c"\n\t<', javascript_str=True) == 'a\\\\b \\"c\\"\\n\\t<'


def test_docstring_examples_run():
  """The module's docstring example runs as written."""
  results = doctest.testmod(_html)
  assert results.attempted and not results.failed
