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
from typing import Any, Iterable, Union

# A part of a fragment: markup (inserted as is), another fragment, or None (skipped).
Part = Union[str, 'Html', None]


class Html:
  """Markup plus the CSS and scripts it needs; fragments join with `+` or `write`.

  Strings given to the constructor, `write` or `element` are markup and are
  inserted as they are: pass text through `Html.escape` first.

  Args:
    *parts: the fragment's markup, in order.
    styles: CSS the markup needs (each kept once).
    scripts: JavaScript the markup needs (each kept once).
  """

  __slots__ = ('_parts', '_styles', '_scripts')

  def __init__(self, *parts: Part, styles: Iterable[str] = (),
               scripts: Iterable[str] = ()) -> None:
    self._parts: list[str] = []
    self._styles: dict[str, None] = {}
    self._scripts: dict[str, None] = {}
    self.add_style(*styles)
    self.add_script(*scripts)
    self.write(*parts)

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

  def write(self, *parts: Part) -> Html:
    """Appends markup or fragments (taking their styles and scripts); returns self."""
    for part in parts:
      if part is None:
        continue
      if isinstance(part, Html):
        self._parts.append(part.content)
        self.add_style(*part._styles)  # pylint: disable=protected-access
        self.add_script(*part._scripts)  # pylint: disable=protected-access
      elif isinstance(part, str):
        self._parts.append(part)
      else:
        raise TypeError(f'Html.write takes str, Html or None; got {type(part).__name__}: '
                        f'{part!r}.')
    return self

  def add_style(self, *css: str) -> Html:
    """Adds CSS the markup needs (each once); returns self."""
    for style in css:
      self._styles.setdefault(style, None)
    return self

  def add_script(self, *js: str) -> Html:
    """Adds JavaScript the markup needs (each once); returns self."""
    for script in js:
      self._scripts.setdefault(script, None)
    return self

  def __add__(self, other: Part) -> Html:
    return Html(self, other)

  def __radd__(self, other: Part) -> Html:
    return Html(other, self)

  def __iadd__(self, other: Part) -> Html:
    return self.write(other)

  def __eq__(self, other: Any) -> bool:
    if not isinstance(other, Html):
      return NotImplemented
    return (self.content, self.styles, self.scripts) == (other.content, other.styles,
                                                         other.scripts)

  def __hash__(self) -> int:
    return hash((self.content, tuple(self._styles), tuple(self._scripts)))

  def __repr__(self) -> str:
    return f'Html({self.content!r}, styles={len(self._styles)}, scripts={len(self._scripts)})'

  def __str__(self) -> str:
    return self.to_str()

  def to_str(self, content_only: bool = False) -> str:
    """Returns the markup alone, or a whole page with the styles and scripts.

    Args:
      content_only: return only the markup (no styles, scripts or page).
    """
    if content_only:
      return self.content
    return ('<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
            f'{self._style_section()}</head><body>'
            f'{self.content}{self._script_section()}</body></html>')

  def _repr_html_(self) -> str:
    """What a notebook embeds: the styles, the markup and the scripts, no page."""
    return self._style_section() + self.content + self._script_section()

  def _style_section(self) -> str:
    if not self._styles:
      return ''
    return '<style>\n' + '\n'.join(self._styles) + '\n</style>'

  def _script_section(self) -> str:
    if not self._scripts:
      return ''
    return '<script>\n' + '\n'.join(self._scripts) + '\n</script>'

  # ---- Building markup ------------------------------------------------------

  @classmethod
  def element(cls, tag: str, inner: Iterable[Part] | Part = None, *,
              css_classes: Iterable[str | None] | str | None = None,
              styles: dict[str, Any] | None = None, **attributes: Any) -> Html:
    """Returns the fragment ``<tag ...>inner</tag>``.

    Args:
      tag: the element's tag name.
      inner: the element's children: markup, fragments or None (skipped).
      css_classes: its CSS classes (None entries are skipped).
      styles: its inline CSS properties (`_` in a name becomes `-`; None
        values are skipped).
      **attributes: its attributes. A trailing `_` is dropped (`for_`) and
        other `_` become `-` (`data_path` is `data-path`); True gives a bare
        attribute, None and False leave it out; values are escaped.

    Returns:
      The fragment, holding the styles and scripts of its children.
    """
    fragment = cls()
    opening = [tag]
    if isinstance(css_classes, str):
      css_classes = [css_classes]
    classes = ' '.join(c for c in css_classes or () if c)
    if classes:
      opening.append(f'class="{html.escape(classes)}"')
    style = cls.style_str(styles)
    if style:
      opening.append(f'style="{html.escape(style)}"')
    for name, value in attributes.items():
      if value is None or value is False:
        continue
      name = name[:-1] if name.endswith('_') else name
      name = name.replace('_', '-')
      opening.append(name if value is True else f'{name}="{html.escape(str(value))}"')
    fragment.write(f'<{" ".join(opening)}>')
    if isinstance(inner, (str, Html)) or inner is None:
      inner = [inner]
    fragment.write(*inner)
    return fragment.write(f'</{tag}>')

  @staticmethod
  def escape(text: Any) -> str:
    """Returns `text` (or ``str(text)``) with ``& < > " '`` escaped for HTML."""
    return html.escape(text if isinstance(text, str) else str(text))

  @staticmethod
  def style_str(styles: dict[str, Any] | None) -> str:
    """Returns inline CSS from a dict: ``{'font_size': '12px'}`` gives ``font-size:12px;``."""
    return ''.join(f'{name.replace("_", "-")}:{value};'
                   for name, value in (styles or {}).items() if value is not None)
