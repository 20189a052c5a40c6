"""Tests of the HTML view API: pg.to_html, pg.view, view_options, HtmlView, HtmlConvertible."""
from __future__ import annotations

import doctest

import pytest

import pyglove as pg
from pyglove.symbolic import _html_view


class Point(pg.Object):
  x: int
  y: int = 0


def test_symbolic_values_display_in_notebooks_as_the_tree():
  """Every symbolic value is HtmlConvertible; _repr_html_ embeds the tree with its CSS."""
  point = Point(1)
  assert isinstance(point, pg.views.HtmlConvertible)
  assert isinstance(pg.Dict(a=1), pg.views.HtmlConvertible)
  notebook = point._repr_html_()  # pylint: disable=protected-access
  assert notebook.startswith('<style>') and 'data-path="x"' in notebook
  assert '<!DOCTYPE' not in notebook
  assert point.to_html() == pg.to_html(point)
  assert point.to_html_str(content_only=True) == pg.to_html(point).to_str(content_only=True)


def test_to_html_str_gives_a_page_or_the_markup():
  """to_html_str is a whole page by default, only the markup with content_only."""
  page = pg.to_html_str(Point(1))
  markup = pg.to_html_str(Point(1), content_only=True)
  assert page.startswith('<!DOCTYPE html>') and markup in page
  assert markup.startswith('<div class="pg-tree">')


def test_view_options_set_defaults_that_calls_override():
  """Inside view_options, views use its options; call arguments win; blocks nest and unwind."""
  value = pg.Dict(a=pg.Dict(b=pg.Dict(c=1)))

  def open_count(**options):
    return pg.to_html_str(value, content_only=True, **options).count('<details open')

  assert open_count() == 1
  with pg.view_options(collapse_level=None):
    assert open_count() == 3
    assert open_count(collapse_level=0) == 0
    with pg.view_options(collapse_level=2):
      assert open_count() == 2
      assert value._repr_html_().count('<details open') == 2  # pylint: disable=protected-access
    assert open_count() == 3
  assert open_count() == 1


def test_view_options_unwind_when_the_block_raises():
  """An exception inside the block still restores the previous options."""
  with pytest.raises(RuntimeError):
    with pg.view_options(collapse_level=None):
      raise RuntimeError('boom')
  assert pg.to_html_str(pg.Dict(a=pg.Dict(b=1)), content_only=True).count('<details open') == 1


def test_views_are_registered_by_id():
  """HtmlView.dir lists the tree view; a subclass with a VIEW_ID is found by pg.view."""
  assert pg.views.HtmlView.dir()['html-tree-view'] is pg.views.HtmlTreeView

  class Plain(pg.views.HtmlView):
    VIEW_ID = 'test-plain-view'

    def render(self, value, *, name=None, root_path=None, **options):
      return pg.Html(f'<p>{pg.Html.escape(value)}</p>')

  try:
    assert pg.view('<x>', view_id='test-plain-view').content == '<p>&lt;x&gt;</p>'
    assert pg.to_html_str(1, view_id='test-plain-view', content_only=True) == '<p>1</p>'
  finally:
    del pg.views.HtmlView._registry['test-plain-view']  # pylint: disable=protected-access


def test_an_unknown_view_id_is_a_value_error_listing_the_views():
  """pg.view with a view ID nobody registered names it and the registered ones."""
  with pytest.raises(ValueError, match=r"No HTML view with ID 'tree'; registered: "
                                       r'html-tree-view'):
    pg.view(1, view_id='tree')


def test_a_view_without_render_says_so():
  """The base class's render names the subclass that must implement it."""

  class Unfinished(pg.views.HtmlView):
    pass

  with pytest.raises(NotImplementedError, match='Unfinished must implement render'):
    Unfinished().render(1)


def test_public_names_match_the_reference_layout():
  """pg.views and pg.views.html hold the reference's commonly used names."""
  for name in ('Html', 'HtmlConvertible', 'HtmlTreeView', 'HtmlView', 'to_html', 'to_html_str'):
    assert getattr(pg.views, name) is getattr(pg.views.html, name)
  assert pg.Html is pg.views.Html and pg.to_html is pg.views.to_html
  assert pg.view is pg.views.view and pg.view_options is pg.views.view_options


def test_docstring_examples_run():
  """The module's docstring examples run as written."""
  results = doctest.testmod(_html_view, extraglobs={'pg': pg})
  assert results.attempted and not results.failed
