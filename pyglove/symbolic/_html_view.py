"""HTML views of values: `pg.to_html`, `pg.view`, and `_repr_html_` for notebooks.

A view turns a value into `Html`. Views are classes registered by their
`VIEW_ID`; the default, 'html-tree-view', draws a collapsible tree with the
key path of every node (`_html_tree.HtmlTreeView`). Symbolic values, and a
search's results, trials and measurements, inherit `HtmlConvertible`, so
Jupyter shows them as that tree. `view_options` sets default options for the
views rendered inside a `with` block, e.g. how deep trees open in a notebook.

Example:
  >>> html = to_html(pg.Dict(x=1, y=[2, 3]))
  >>> 'data-path="y[1]"' in html.to_str(content_only=True)
  True
"""
from __future__ import annotations

import contextlib
import threading
from typing import Any, Iterator

from pyglove.utils import KeyPath
from pyglove.utils._html import Html

DEFAULT_VIEW_ID = 'html-tree-view'


class HtmlView:
  """The base of HTML views: a subclass with a `VIEW_ID` is registered under it.

  Subclasses implement `render(value, *, name, root_path, **options)`.
  """

  VIEW_ID: str | None = None
  _registry: dict[str, type[HtmlView]] = {}

  def __init_subclass__(cls, **kwargs: Any) -> None:
    super().__init_subclass__(**kwargs)
    if cls.VIEW_ID is not None:
      HtmlView._registry[cls.VIEW_ID] = cls

  @classmethod
  def dir(cls) -> dict[str, type[HtmlView]]:
    """Returns the registered view classes by view ID."""
    _load_builtin_views()
    return dict(HtmlView._registry)

  @staticmethod
  def create(view_id: str) -> HtmlView:
    """Returns a new view of the class registered as `view_id`.

    Raises:
      ValueError: no view is registered under `view_id`.
    """
    views = HtmlView.dir()
    if view_id not in views:
      raise ValueError(f'No HTML view with ID {view_id!r}; registered: '
                       f'{", ".join(sorted(views))}.')
    return views[view_id]()

  def render(self, value: Any, *, name: str | None = None,
             root_path: KeyPath | str | None = None, **options: Any) -> Html:
    """Returns the HTML of `value` (named `name`, at `root_path`)."""
    raise NotImplementedError(f'{type(self).__name__} must implement render().')


def _load_builtin_views() -> None:
  # The tree view needs the traversal, which needs this module's importers:
  # it is imported (and so registered) on first use.
  from pyglove.symbolic import _html_tree  # pylint: disable=g-import-not-at-top,unused-import


_local = threading.local()


@contextlib.contextmanager
def view_options(**options: Any) -> Iterator[None]:
  """Within the block, views render with these options unless a call overrides them.

  Example:
    >>> with view_options(collapse_level=None):   # Open every node.
    ...   html = to_html(pg.Dict(a=pg.Dict(b=1)))
    >>> html.to_str(content_only=True).count('<details open')
    2
  """
  previous = getattr(_local, 'options', {})
  _local.options = {**previous, **options}
  try:
    yield
  finally:
    _local.options = previous


def view(value: Any, *, name: str | None = None,
         root_path: KeyPath | str | None = None,
         view_id: str = DEFAULT_VIEW_ID, **options: Any) -> Html:
  """Renders `value` with the view registered as `view_id`.

  Args:
    value: any value; symbolic values, dicts and lists become trees.
    name: a label for the root (e.g. the variable's name).
    root_path: the key path of `value` in a larger tree (prefixes every path).
    view_id: which view renders it (`HtmlView.dir()` lists them).
    **options: the view's options (see `HtmlTreeView.render`), over those
      of enclosing `view_options` blocks.

  Returns:
    The `Html` fragment with the styles it needs.

  Raises:
    ValueError: `view_id` names no view.
    TypeError: an option the view does not take.

  Example:
    >>> view([1, 2], name='xs').to_str(content_only=True).count('data-path=')
    3
  """
  merged = {**getattr(_local, 'options', {}), **options}
  return HtmlView.create(view_id).render(value, name=name, root_path=root_path, **merged)


def to_html(value: Any, *, name: str | None = None,
            root_path: KeyPath | str | None = None,
            view_id: str = DEFAULT_VIEW_ID, **options: Any) -> Html:
  """Returns the HTML view of `value` (a collapsible tree by default).

  Takes the arguments of `view`. Example:
    >>> page = to_html(pg.Dict(lr=0.1)).to_str()
    >>> page.startswith('<!DOCTYPE html>') and 'lr' in page
    True
  """
  return view(value, name=name, root_path=root_path, view_id=view_id, **options)


def to_html_str(value: Any, *, name: str | None = None,
                root_path: KeyPath | str | None = None,
                view_id: str = DEFAULT_VIEW_ID, content_only: bool = False,
                **options: Any) -> str:
  """Returns the HTML view of `value` as a string: a page, or only the markup.

  Example:
    >>> to_html_str(1, content_only=True).count('pg-int')
    1
  """
  return to_html(value, name=name, root_path=root_path, view_id=view_id,
                 **options).to_str(content_only=content_only)


class HtmlConvertible:
  """A value with an HTML view: `to_html`, `to_html_str`, and notebook display.

  Every symbolic value is one. Jupyter calls `_repr_html_` to display a
  value, which renders the default view (honouring `view_options`).
  """

  __slots__ = ()

  def to_html(self, **options: Any) -> Html:
    """Returns this value's HTML view; takes the arguments of `pg.to_html`."""
    return to_html(self, **options)

  def to_html_str(self, *, content_only: bool = False, **options: Any) -> str:
    """Returns this value's HTML view as a string; see `pg.to_html_str`."""
    return to_html_str(self, content_only=content_only, **options)

  def _repr_html_(self) -> str:
    return to_html(self)._repr_html_()  # pylint: disable=protected-access
