"""`HtmlTreeView`: a value as a collapsible HTML tree that shows every key path.

Each symbolic value, dict or list becomes a `<details>` element (the
browser's own collapsible block: no script needed) whose summary names its
key and type and, while collapsed, previews its content in one line; every
other value is a leaf row. Each node carries its key path in `data-path`,
and its key's tooltip gives the path and the field's description. The tree
is built bottom-up in one walk over the value (`_traverse.walk`).

Example:
  >>> page = to_html(pg.Dict(model=pg.Dict(units=8)), collapse_level=None)
  >>> 'data-path="model.units"' in page.to_str(content_only=True)
  True
"""
from __future__ import annotations

import builtins
from typing import Any, Callable, Iterable

from pyglove.symbolic._base import Symbolic
from pyglove.symbolic._format import _is_default
from pyglove.symbolic._html_view import HtmlView
from pyglove.symbolic._html_view import to_html  # pylint: disable=unused-import (doctest)
from pyglove.symbolic._traverse import TraverseAction
from pyglove.symbolic._traverse import path_str
from pyglove.symbolic._traverse import walk
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils._html import Html

NodeFilter = Callable[[KeyPath, Any, Any], bool]

CSS = """\
.pg-tree { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: 13px; line-height: 1.55; color: #1f2328; text-align: left; }
.pg-tree summary { cursor: pointer; list-style: none; padding-left: 1.1em; text-indent: -1.1em; }
.pg-tree summary::-webkit-details-marker { display: none; }
.pg-tree summary::before { content: '\\25B8'; display: inline-block; width: 1.1em;
  text-indent: 0; color: #57606a; }
.pg-tree details[open] > summary::before { content: '\\25BE'; }
.pg-tree .pg-children { margin-left: 0.45em; padding-left: 0.9em;
  border-left: 1px dotted #afb8c1; }
.pg-tree .pg-leaf { padding-left: 1.1em; }
.pg-tree .pg-key { color: #8250df; }
.pg-tree .pg-sep { color: #57606a; }
.pg-tree .pg-type { color: #0550ae; font-weight: 600; }
.pg-tree .pg-count, .pg-tree .pg-preview { color: #57606a; }
.pg-tree details[open] > summary > .pg-preview { display: none; }
.pg-tree .pg-str { color: #0a3069; white-space: pre-wrap; word-break: break-word; }
.pg-tree .pg-int, .pg-tree .pg-float { color: #0550ae; }
.pg-tree .pg-bool, .pg-tree .pg-none { color: #cf222e; }
.pg-tree .pg-missing { color: #cf222e; font-style: italic; }
.pg-tree .pg-highlight > summary, .pg-tree .pg-leaf.pg-highlight { background: #fff8c5; }
.pg-tree .pg-lowlight { opacity: 0.55; }"""

_LEAF_CLASSES = {str: 'pg-str', int: 'pg-int', float: 'pg-float', bool: 'pg-bool',
                 type(None): 'pg-none'}
_OPTIONS = ('collapse_level', 'uncollapse', 'highlight', 'lowlight', 'hide_default_values',
            'hide_missing_values', 'enable_key_tooltip', 'max_summary_len', 'css_classes')


class HtmlTreeView(HtmlView):
  """The default view: a collapsible tree of the value, with key paths."""

  VIEW_ID = 'html-tree-view'

  def render(self, value: Any, *, name: str | None = None,
             root_path: KeyPath | str | None = None, **options: Any) -> Html:
    """Returns the tree of `value` as HTML.

    Args:
      value: any value; symbolic values, dicts and lists are nodes.
      name: a label for the root.
      root_path: the key path of `value` (prefixes every path shown).
      **options: any of
        collapse_level (int | None, default 1): nodes shallower than this
          start open (the root is at depth 0); None opens every node.
        uncollapse (key paths, or a `fn(path, value, parent) -> bool`):
          nodes that start open, with their ancestors.
        highlight, lowlight (`fn(path, value, parent) -> bool`): nodes to
          mark or dim.
        hide_default_values, hide_missing_values (bool, default False):
          leave out fields equal to their default, or missing.
        enable_key_tooltip (bool, default True): a key's tooltip gives its
          path and the field's description.
        max_summary_len (int, default 80): the length of a collapsed node's
          one-line preview.
        css_classes (list of str): classes added to the tree's element.

    Returns:
      The `Html` fragment, with the tree's CSS.

    Raises:
      TypeError: an option this view does not take, or of the wrong type.
    """
    unknown = sorted(set(options) - set(_OPTIONS))
    if unknown:
      raise TypeError(f'HtmlTreeView.render() got unexpected option(s) {unknown}; '
                      f'valid options: {", ".join(_OPTIONS)}.')
    renderer = _Renderer(**options)
    keys = KeyPath.from_value(root_path).keys
    body = renderer.render(value, keys, name)
    root = Html.element('div', [body], css_classes=['pg-tree', *renderer.css_classes])
    return root.add_style(CSS)


class _Renderer:
  """Renders one value with one set of options; see `HtmlTreeView.render`."""

  def __init__(self, collapse_level: int | None = 1,
               uncollapse: Iterable[KeyPath | str] | NodeFilter | None = None,
               highlight: NodeFilter | None = None, lowlight: NodeFilter | None = None,
               hide_default_values: bool = False, hide_missing_values: bool = False,
               enable_key_tooltip: bool = True, max_summary_len: int = 80,
               css_classes: Iterable[str] = ()) -> None:
    if collapse_level is not None and (not isinstance(collapse_level, int)
                                       or collapse_level < 0):
      raise TypeError(f'collapse_level must be an int >= 0 or None; got {collapse_level!r}.')
    if not isinstance(max_summary_len, int) or max_summary_len < 1:
      raise TypeError(f'max_summary_len must be an int >= 1; got {max_summary_len!r}.')
    if isinstance(css_classes, str) or not all(isinstance(c, str) for c in css_classes):
      raise TypeError(f'css_classes must be a list of class names; got {css_classes!r}.')
    for option, fn in (('highlight', highlight), ('lowlight', lowlight)):
      if fn is not None and not callable(fn):
        raise TypeError(f'{option} must be a function of (path, value, parent); got {fn!r}.')
    self.collapse_level = collapse_level
    self.open_paths: set[str] = set()
    self.open_fn: NodeFilter | None = None
    if callable(uncollapse):
      self.open_fn = uncollapse
    else:
      for path in uncollapse or ():
        keys = KeyPath.from_value(path).keys
        self.open_paths.update(path_str(keys[:i]) for i in range(len(keys) + 1))
    self.highlight, self.lowlight = highlight, lowlight
    self.hide_default_values = hide_default_values
    self.hide_missing_values = hide_missing_values
    self.enable_key_tooltip = enable_key_tooltip
    self.max_summary_len = max_summary_len
    self.css_classes = list(css_classes)

  def render(self, value: Any, keys: list[Any], name: str | None) -> str:
    """Walks `value` (at `keys`) once; returns the markup of its tree."""
    self.depth0, self.name = len(keys), name
    return self._tree(value, list(keys), None)[0]

  def _tree(self, value: Any, keys: list[Any], parent: Any) -> tuple[str, str]:
    """Returns the (markup, preview) of `value` at `keys`, from one walk over it."""
    # One frame per value being visited: the (key, markup, preview) of its
    # children rendered so far, or None for a value left out.
    frames: list[list[tuple[Any, str, str]] | None] = [[]]

    def pre(keys: list[Any], v: Any, parent: Any) -> TraverseAction | None:
      if len(keys) > self.depth0 and self._hidden(keys[-1], v, parent):
        frames.append(None)
        return TraverseAction.CONTINUE
      frames.append([])
      return TraverseAction.CONTINUE if _shown_whole(v) else None

    def post(keys: list[Any], v: Any, parent: Any) -> None:
      children = frames.pop()
      if children is None:
        return
      items = _listed_parts(v)
      if items is not None:  # A value outside the walk that lists its parts.
        children = [(k, *self._tree(child, [*keys, k], v)) for k, child in items
                    if not self._hidden(k, child, v)]
      label = self.name if len(keys) == self.depth0 else None
      markup, preview = self._node(keys, v, parent, children, items is not None, label)
      frames[-1].append((keys[-1] if keys else None, markup, preview))

    walk(value, pre, post, keys=keys, parent=parent)
    return frames[0][0][1:]

  def _hidden(self, key: Any, value: Any, parent: Any) -> bool:
    if value is MISSING_VALUE and self.hide_missing_values:
      return True
    if self.hide_default_values and isinstance(parent, Symbolic):
      field = parent._sym_child_field_or_none(key)  # pylint: disable=protected-access
      if field is not None and _is_default(value, field.value):
        return True
    return False

  def _node(self, keys: list[Any], value: Any, parent: Any,
            children: list[tuple[Any, str, str]], lists_parts: bool,
            label: str | None) -> tuple[str, str]:
    """Returns the (markup, one-line preview) of a value whose children are rendered."""
    path = path_str(keys)
    key_html = self._key(keys, parent, path, label)
    classes = self._marks(keys, value, parent)
    depth = len(keys) - self.depth0
    if not lists_parts and (not isinstance(value, (Symbolic, dict, list)) or _shown_whole(value)):
      text = _leaf_text(value)
      leaf = (f'<div class="pg-leaf{classes}" data-path="{Html.escape(path)}">{key_html}'
              f'<span class="{_leaf_class(value)}">{Html.escape(text)}</span></div>')
      return leaf, text
    title, open_, close = _brackets(value)
    keyed = not isinstance(value, list)
    if type(value) is dict:  # pylint: disable=unidiomatic-typecheck
      previews = [f'{k!r}: {p}' for k, _, p in children]  # As Python writes dicts.
    else:
      previews = [(f'{_preview_key(k)}={p}' if keyed else p) for k, _, p in children]
    preview = self._clip(open_ + ', '.join(previews) + close)
    # The parent's preview names an object's type, as `Conv(filters=16)`.
    outer = preview if isinstance(value, (dict, list)) else self._clip(title + preview)
    count = ''
    if isinstance(value, (dict, list)):
      unit = 'item' if len(value) == 1 else 'items'
      count = f' <span class="pg-count">{len(value)} {unit}</span> '
    head = f'{key_html}<span class="pg-type">{Html.escape(title)}</span>'
    if not children:
      space = ' ' if isinstance(value, (dict, list)) else ''  # `list []`, `Identity()`.
      return (f'<div class="pg-leaf{classes}" data-path="{Html.escape(path)}">{head}{space}'
              f'<span class="pg-preview">{Html.escape(open_ + close)}</span></div>', outer)
    opened = ' open' if self._is_open(keys, value, parent, path, depth) else ''
    markup = (f'<details{opened} class="pg-node{classes}" data-path="{Html.escape(path)}">'
              f'<summary>{head}{count}<span class="pg-preview">{Html.escape(preview)}</span>'
              f'</summary><div class="pg-children">{"".join(m for _, m, _ in children)}</div>'
              '</details>')
    return markup, outer

  def _key(self, keys: list[Any], parent: Any, path: str, label: str | None) -> str:
    if not keys or label is not None:
      if label is None:
        return ''
      text, tooltip = label, path
    else:
      key = keys[-1]
      text = f'[{key}]' if isinstance(parent, list) else str(key)
      tooltip = path
      if isinstance(parent, Symbolic):
        field = parent._sym_child_field_or_none(key)  # pylint: disable=protected-access
        if field is not None and field.description:
          tooltip = f'{path}\n{field.description}'
    title = f' title="{Html.escape(tooltip)}"' if self.enable_key_tooltip and tooltip else ''
    return f'<span class="pg-key"{title}>{Html.escape(text)}</span><span class="pg-sep">: </span>'

  def _marks(self, keys: list[Any], value: Any, parent: Any) -> str:
    marks = ''
    if self.highlight is not None and self.highlight(KeyPath(keys), value, parent):
      marks += ' pg-highlight'
    if self.lowlight is not None and self.lowlight(KeyPath(keys), value, parent):
      marks += ' pg-lowlight'
    return marks

  def _is_open(self, keys: list[Any], value: Any, parent: Any, path: str,
               depth: int) -> bool:
    if self.collapse_level is None or depth < self.collapse_level:
      return True
    if path in self.open_paths:
      return True
    return self.open_fn is not None and bool(self.open_fn(KeyPath(keys), value, parent))

  def _clip(self, text: str) -> str:
    if len(text) <= self.max_summary_len:
      return text
    return text[:self.max_summary_len - 1] + '\u2026'


def _shown_whole(value: Any) -> bool:
  """Whether a symbolic value shows as one leaf of its repr (its class sets `_html_tree_leaf`).

  A value with a compact form of its own (a DNA is `DNA(1, [0, 2])`) reads
  better so than as a tree of its fields.
  """
  return getattr(type(value), '_html_tree_leaf', False)


def _listed_parts(value: Any) -> list[tuple[Any, Any]] | None:
  """The (name, value) parts a value outside the walk lists for its view, or None.

  Values that are not symbolic (e.g. search results) show as nodes by
  defining ``_html_tree_items()``.
  """
  if isinstance(value, (Symbolic, dict, list)):
    return None
  items = getattr(value, '_html_tree_items', None)
  return None if items is None else list(items())


def _brackets(value: Any) -> tuple[str, str, str]:
  """(type label, opening, closing) of a node's preview."""
  if isinstance(value, dict):
    return type(value).__name__, '{', '}'
  if isinstance(value, list):
    return type(value).__name__, '[', ']'
  return type(value).__name__, '(', ')'


def _preview_key(key: Any) -> str:
  return key if isinstance(key, str) else builtins.repr(key)


def _leaf_text(value: Any) -> str:
  if value is MISSING_VALUE:
    return 'MISSING_VALUE'
  if isinstance(value, type):
    return value.__qualname__
  return builtins.repr(value)


def _leaf_class(value: Any) -> str:
  if value is MISSING_VALUE:
    return 'pg-missing'
  return _LEAF_CLASSES.get(type(value), 'pg-object')
