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


def test_inline_styles():
  """styles= becomes a style attribute with `_` written as `-`; None values are skipped."""
  element = Html.element('div', 'x', styles={'font_size': '12px', 'color': None,
                                             'margin': 0})
  assert element.content == '<div style="font-size:12px;margin:0;">x</div>'
  assert Html.style_str(None) == ''


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
  """A page has the head and body; a notebook gets styles, markup, scripts; content_only the markup."""
  fragment = Html('<p>x</p>', styles=['p{color:red}'], scripts=['go()'])
  page = fragment.to_str()
  assert page.startswith('<!DOCTYPE html>') and str(fragment) == page
  assert page.index('<style>') < page.index('</head>') < page.index('<p>x</p>') < page.index(
      '<script>') < page.index('</body>')
  assert fragment._repr_html_() == (  # pylint: disable=protected-access
      '<style>\np{color:red}\n</style><p>x</p><script>\ngo()\n</script>')
  assert fragment.to_str(content_only=True) == '<p>x</p>'
  assert Html().to_str(content_only=True) == '' and Html()._repr_html_() == ''  # pylint: disable=protected-access


def test_writing_anything_else_is_a_type_error():
  """Only markup, fragments and None can be written; the error names the value."""
  with pytest.raises(TypeError, match=r'Html.write takes str, Html or None; got int: 3'):
    Html('<p>', 3)


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


def test_escape_of_a_non_string_escapes_its_str():
  """A non-string is escaped through str()."""
  assert Html.escape(['<a>']) == "[&#x27;&lt;a&gt;&#x27;]"


def test_docstring_examples_run():
  """The module's docstring example runs as written."""
  results = doctest.testmod(_html)
  assert results.attempted and not results.failed
