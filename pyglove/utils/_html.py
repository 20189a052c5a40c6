"""`Html`: a fragment of HTML together with the CSS and scripts it needs.

Views build their output from small fragments; each fragment carries the
style sheets and scripts its markup relies on, and joining fragments joins
those too, keeping each style or script once, in first-seen order. A
fragment becomes a whole page (`to_str()`), the markup alone
(`to_str(content_only=True)`), or what a notebook embeds (`_repr_html_`).

Example:
  >>> item = Html.element('li', [Html.escape('a < b')], css_classes=['item'])
  >>> page = Html.element('ul', [item]).add_style('.item { color: red; }')
  >>> page.to_str(content_only=True)
  '<ul><li class="item">a &lt; b</li></ul>'
"""
from __future__ import annotations

import html
from typing import Any, Callable, Iterable, Union

# A part of a fragment: markup (inserted as is), another fragment, a value with
# `to_html()`, a function returning one of these, or None (skipped).
Part = Union[str, 'Html', Callable[[], Any], None]


class Html:
  """Markup plus the CSS, scripts and files it needs; fragments join with `+` or `write`.

  Strings given to the constructor, `write` or `element` are markup and are
  inserted as they are: pass text through `Html.escape` first.

  Args:
    *content: the fragment's markup, in order.
    style_files: URLs of style sheets the markup needs (each linked once).
    styles: CSS the markup needs (each kept once).
    script_files: URLs of scripts the markup needs (each loaded once).
    scripts: JavaScript the markup needs (each kept once).
  """

  __slots__ = ('_parts', '_styles', '_scripts', '_style_files', '_script_files')

  def __init__(self, *content: Part, style_files: Iterable[str] = (),
               styles: Iterable[str] = (), script_files: Iterable[str] = (),
               scripts: Iterable[str] = ()) -> None:
    self._parts: list[str] = []
    self._styles: dict[str, None] = dict.fromkeys(styles or ())
    self._scripts: dict[str, None] = dict.fromkeys(scripts or ())
    self._style_files: dict[str, None] = dict.fromkeys(style_files or ())
    self._script_files: dict[str, None] = dict.fromkeys(script_files or ())
    self.write(*content)

  @property
  def content(self) -> str:
    """The markup of the fragment."""
    if len(self._parts) > 1:
      self._parts[:] = [''.join(self._parts)]
    return self._parts[0] if self._parts else ''

  @property
  def styles(self) -> list[str]:
    """The CSS the fragment needs, in first-seen order."""
    return list(self._styles)

  @property
  def scripts(self) -> list[str]:
    """The JavaScript the fragment needs, in first-seen order."""
    return list(self._scripts)

  @property
  def style_files(self) -> list[str]:
    """The URLs of the style sheets the fragment links, in first-seen order."""
    return list(self._style_files)

  @property
  def script_files(self) -> list[str]:
    """The URLs of the scripts the fragment loads, in first-seen order."""
    return list(self._script_files)

  def write(self, *content: Part) -> Html:
    """Appends markup or fragments (taking their styles and scripts); returns self."""
    for part in content:
      part = _to_part(part)
      if part is None:
        continue
      if isinstance(part, Html):
        self._parts.append(part.content)
        for mine, theirs in self._shared(part):
          mine.update(dict.fromkeys(theirs))
      else:
        self._parts.append(part)
    return self

  def _shared(self, other: Html) -> list[tuple[dict[str, None], dict[str, None]]]:
    """Pairs this fragment's styles, scripts and files with `other`'s."""
    # pylint: disable=protected-access
    return [(self._styles, other._styles), (self._scripts, other._scripts),
            (self._style_files, other._style_files), (self._script_files, other._script_files)]

  def add_style(self, *css: str) -> Html:
    """Adds CSS the markup needs (each once); returns self."""
    self._styles.update(dict.fromkeys(css))
    return self

  def add_script(self, *js: str) -> Html:
    """Adds JavaScript the markup needs (each once); returns self."""
    self._scripts.update(dict.fromkeys(js))
    return self

  def add_style_file(self, *url: str) -> Html:
    """Links style sheets the markup needs (each once); returns self."""
    self._style_files.update(dict.fromkeys(url))
    return self

  def add_script_file(self, *url: str) -> Html:
    """Loads scripts the markup needs (each once); returns self."""
    self._script_files.update(dict.fromkeys(url))
    return self

  def __add__(self, other: Part) -> Html:
    return Html(self, other)

  def __radd__(self, other: Part) -> Html:
    return Html(other, self)

  def __iadd__(self, other: Part) -> Html:
    return self.write(other)

  def _key(self) -> tuple[Any, ...]:
    return (self.content, *(tuple(mine) for mine, _ in self._shared(self)))

  def __eq__(self, other: Any) -> bool:
    if not isinstance(other, Html):
      return NotImplemented
    return self._key() == other._key()  # pylint: disable=protected-access

  def __hash__(self) -> int:
    return hash(self._key())

  def __repr__(self) -> str:
    return f'Html({self.content!r}, styles={len(self._styles)}, scripts={len(self._scripts)})'

  def __str__(self) -> str:
    return self.to_str()

  # ---- Whole pages and notebook cells ----------------------------------------

  def to_str(self, *, content_only: bool = False) -> str:
    """Returns the markup alone, or a whole page with the styles and scripts.

    Args:
      content_only: return only the markup (no styles, scripts or page).
    """
    if content_only:
      return self.content
    return f'<!DOCTYPE html>\n<html>{self.head_section}{self.body_section}</html>'

  def _repr_html_(self) -> str:
    """What a notebook embeds: the styles, the markup and the scripts, no page."""
    return self.style_section + self.content + self.script_section

  @property
  def head_section(self) -> str:
    """The page's ``<head>``: its encoding and the style sheets."""
    return f'<head><meta charset="utf-8">{self.style_section}</head>'

  @property
  def body_section(self) -> str:
    """The page's ``<body>``: the markup, then the scripts."""
    return f'<body>{self.content}{self.script_section}</body>'

  @property
  def style_section(self) -> str:
    """The linked style sheets and a ``<style>`` element with the CSS."""
    links = ''.join(f'<link rel="stylesheet" href="{html.escape(url)}">'
                    for url in self._style_files)
    if not self._styles:
      return links
    return links + '<style>\n' + '\n'.join(self._styles) + '\n</style>'

  @property
  def script_section(self) -> str:
    """The loaded scripts and a ``<script>`` element with the JavaScript."""
    files = ''.join(f'<script src="{html.escape(url)}"></script>' for url in self._script_files)
    if not self._scripts:
      return files
    return files + '<script>\n' + '\n'.join(self._scripts) + '\n</script>'

  # ---- Building markup ------------------------------------------------------

  @classmethod
  def element(cls, tag: str, inner_html: Iterable[Part] | Part = None, *,
              options: Iterable[str | None] | str | None = None,
              css_classes: Iterable[str | None] | str | None = None,
              styles: dict[str, Any] | str | None = None, **properties: Any) -> Html:
    """Returns the fragment ``<tag ...>inner_html</tag>``.

    Args:
      tag: the element's tag name.
      inner_html: the element's children: markup, fragments, or None (skipped).
      options: bare attributes, e.g. 'open' for ``<details open>`` (None
        entries are skipped).
      css_classes: its CSS classes (None entries are skipped).
      styles: its inline CSS, as text or a dict of properties (`_` in a name
        becomes `-`; None values are skipped).
      **properties: its attributes. A trailing `_` is dropped (`for_`) and
        other `_` become `-` (`data_path` is `data-path`); True gives a bare
        attribute, None and False leave it out; values are escaped.

    Returns:
      The fragment, holding the styles and scripts of its children.
    """
    opening = [tag]
    opening.extend(_names(options))
    classes = ' '.join(_names(css_classes))
    if classes:
      opening.append(f'class="{html.escape(classes)}"')
    style = cls.style_str(styles)
    if style:
      opening.append(f'style="{html.escape(style)}"')
    for name, value in properties.items():
      if value is None or value is False:
        continue
      name = (name[:-1] if name.endswith('_') else name).replace('_', '-')
      opening.append(name if value is True else f'{name}="{html.escape(str(value))}"')
    if inner_html is None or isinstance(inner_html, (str, Html)) or not isinstance(
        inner_html, (list, tuple)):
      inner_html = [inner_html]
    return cls(f'<{" ".join(opening)}>', *inner_html, f'</{tag}>')

  @classmethod
  def escape(cls, s: Any, javascript_str: bool = False) -> Any:
    """Escapes text for HTML (``& < > " '``), or for a JavaScript string literal.

    Args:
      s: text (anything else is escaped as its `str`), a fragment (its markup
        is escaped, its styles and scripts kept), a function returning one of
        these, or None (returned as is).
      javascript_str: escape backslashes, double quotes and line breaks for a
        double-quoted JavaScript string instead.

    Returns:
      The escaped text, fragment, or None.
    """
    if not isinstance(s, (str, Html)) and (hasattr(s, 'to_html') or callable(s)):
      s = _to_part(s)
    if s is None:
      return None
    escape = _escape_js if javascript_str else html.escape
    if isinstance(s, Html):
      escaped = Html(escape(s.content))
      for mine, theirs in escaped._shared(s):  # pylint: disable=protected-access
        mine.update(theirs)
      return escaped
    return escape(s if isinstance(s, str) else str(s))

  @classmethod
  def from_value(cls, value: Part, copy: bool = False) -> Html | None:
    """Returns `value` as a fragment: markup wrapped, a fragment as is (or a copy), None as None."""
    part = _to_part(value)
    if part is None:
      return None
    if isinstance(part, Html) and not copy:
      return part
    return cls(part)

  @staticmethod
  def style_str(style: dict[str, Any] | str | None) -> str | None:
    """Returns inline CSS: a string as is; ``{'font_size': '12px'}`` gives ``font-size:12px;``."""
    if isinstance(style, str):
      return style or None
    text = ''.join(f'{name.replace("_", "-")}:{value};'
                   for name, value in (style or {}).items() if value is not None)
    return text or None


def _to_part(value: Any, calls: int = 0) -> str | Html | None:
  """Reads one part of a fragment (see `Part`)."""
  if value is None or isinstance(value, (str, Html)):
    return value
  to_html = getattr(value, 'to_html', None)
  if callable(to_html):  # Before calling: a symbolic function is callable too.
    return to_html()
  if callable(value) and not calls:
    return _to_part(value(), calls + 1)
  raise TypeError(f'Html takes str, Html, a value with to_html(), a function returning one, '
                  f'or None; got {type(value).__name__}: {value!r}.')


def _names(names: Iterable[str | None] | str | None) -> list[str]:
  """The non-empty names of a name or a list of names."""
  if isinstance(names, str):
    names = [names]
  return [n for n in names or () if n]


def _escape_js(text: str) -> str:
  return (text.replace('\\', '\\\\').replace('"', '\\"').replace('\r', '\\r')
          .replace('\n', '\\n').replace('\t', '\\t'))
