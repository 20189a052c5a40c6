"""`format`: the text form of values, one line (compact) or indented over lines.

Everything printable by the library derives from `Formattable`: its `str` is
the indented form and its `repr` the compact one, both produced by its
`format(compact, verbose, root_indent, **kwargs)`. `format` here also lays out
plain lists, tuples and dicts holding such values, so that a list of objects
prints as readably as one object. `kvlist_str` is the shared layout of
``Label(key=value, ...)`` used by value specs and fields.
"""
from __future__ import annotations

import builtins
import contextlib
import enum
import threading
from typing import Any, Callable, Iterator, Sequence

# A function given the value and its indentation that returns its text, or
# None to let `format` decide.
CustomFormatFn = Callable[[Any, int], 'str | None']

_INDENT = '  '


class BracketType(enum.IntEnum):
  """The brackets around a formatted container."""
  ROUND = 0
  SQUARE = 1
  CURLY = 2


_BRACKETS = {BracketType.ROUND: ('(', ')'), BracketType.SQUARE: ('[', ']'),
             BracketType.CURLY: ('{', '}')}
_BRACKET_NAMES = {'round': BracketType.ROUND, 'square': BracketType.SQUARE,
                  'curly': BracketType.CURLY}
_local = threading.local()


def _scoped_kwargs(name: str) -> dict[str, Any]:
  return getattr(_local, name, None) or {}


@contextlib.contextmanager
def _kwargs_scope(name: str, kwargs: dict[str, Any]) -> Iterator[dict[str, Any]]:
  previous = _scoped_kwargs(name)
  current = {**previous, **kwargs}
  setattr(_local, name, current)
  try:
    yield current
  finally:
    setattr(_local, name, previous)


def str_format(**kwargs: Any) -> contextlib.AbstractContextManager[dict[str, Any]]:
  """Within the block, `str()` of formattable values uses these format options.

  Example:
    >>> import pyglove as pg
    >>> with pg.str_format(hide_default_values=True):
    ...   print(pg.Dict(x=1))
    {
      x = 1
    }
  """
  return _kwargs_scope('str_kwargs', kwargs)


def repr_format(**kwargs: Any) -> contextlib.AbstractContextManager[dict[str, Any]]:
  """Within the block, `repr()` of formattable values uses these format options."""
  return _kwargs_scope('repr_kwargs', kwargs)


class Formattable:
  """Base of values with a one-line (`repr`) and an indented (`str`) text form.

  Subclasses implement `format`; `str` and `repr` call `pg.format` with the
  class's `__str_format_kwargs__` / `__repr_format_kwargs__`.

  Example:
    >>> class P(Formattable):
    ...   def format(self, compact=False, verbose=True, root_indent=0, **kwargs):
    ...     return kvlist_str([('x', 1, None)], compact, label='P')
    >>> repr(P()), str(P())
    ('P(x=1)', 'P(\\n  x=1\\n)')
  """

  __str_format_kwargs__: dict[str, Any] = {'compact': False, 'verbose': True}
  __repr_format_kwargs__: dict[str, Any] = {'compact': True}

  def format(self, compact: bool = False, verbose: bool = True,
             root_indent: int = 0, **kwargs: Any) -> str:
    """The text form: one line when `compact`, else indented by `root_indent` levels."""
    raise NotImplementedError

  def __str__(self) -> str:
    return format(self, **{**self.__str_format_kwargs__,
                           **_scoped_kwargs('str_kwargs')})

  def __repr__(self) -> str:
    return format(self, **{**self.__repr_format_kwargs__,
                           **_scoped_kwargs('repr_kwargs')})


class RawText(Formattable):
  """Text printed as is (e.g. a class name where a repr would add quotes)."""

  def __init__(self, text: str):
    self.text = text

  def format(self, *args: Any, **kwargs: Any) -> str:
    del args, kwargs
    return self.text

  def __eq__(self, other: Any) -> bool:
    if isinstance(other, RawText):
      return self.text == other.text
    return isinstance(other, str) and self.text == other

  def __hash__(self) -> int:
    return hash(self.text)


def indent(text: str, level: int) -> str:
  """`text` preceded by `level` indentation steps."""
  return _INDENT * level + text


def bracket_chars(bracket_type: BracketType | str) -> tuple[str, str]:
  """The (open, close) characters of a `BracketType` (or 'round', 'square', 'curly').

  Raises:
    ValueError: an unknown bracket type.
  """
  if isinstance(bracket_type, str):
    bracket_type = _BRACKET_NAMES.get(bracket_type, bracket_type)
  try:
    return _BRACKETS[bracket_type]
  except (KeyError, TypeError):
    raise ValueError(
        f'Unknown bracket type {bracket_type!r}; valid: round, square, '
        f'curly (or a BracketType).') from None


def format(value: Any, compact: bool = False, verbose: bool = True,  # pylint: disable=redefined-builtin
           root_indent: int = 0, list_wrap_threshold: int = 80,
           strip_object_id: bool = False, include_keys: Any = None,
           exclude_keys: Any = None, markdown: bool = False,
           max_str_len: int | None = None, max_bytes_len: int | None = None,
           *, custom_format: CustomFormatFn | None = None,
           memo: set[int] | None = None, **kwargs: Any) -> str:
  """The text form of `value`, on one line (`compact`) or indented.

  Args:
    value: any value. Formattable values (symbolic values, value specs) lay
      themselves out; lists, tuples and dicts are laid out here; anything
      else prints with `repr` (compact) or `str`.
    compact: one line.
    verbose: include details such as field descriptions.
    root_indent: the indentation level of the lines after the first.
    list_wrap_threshold: a plain list or tuple longer than this (in
      characters) gets one item per line.
    strip_object_id: print ``Cls(...)`` instead of ``<Cls object at 0x..>``.
    include_keys: only these keys of a top-level dict or object.
    exclude_keys: not these keys of a top-level dict or object.
    markdown: quote the result as markdown code.
    max_str_len: cut strings longer than this (with ``...``).
    max_bytes_len: cut bytes longer than this (with ``...``).
    custom_format: a function of (value, indent) tried on every value first;
      it returns the text, or None to let `format` decide.
    memo: ids of the values being formatted (cycles print as ``<recursive>``).
    **kwargs: options passed on to `Formattable.format` (e.g.
      `hide_default_values`, `python_format`).

  Returns:
    The text.

  Example:
    >>> import pyglove as pg
    >>> print(pg.format(pg.Dict(a=1, b=[0, 1]), compact=True))
    {a=1, b=[0: 0, 1: 1]}
    >>> print(pg.format({'a': 1}, compact=False))
    {
      'a': 1
    }
  """
  if custom_format is not None:
    text = custom_format(value, root_indent)
    if text is not None:
      return _markdown(text, markdown)
  if memo is None:
    memo = set()
  key = id(value)
  if key in memo:
    return f'<recursive {type(value).__name__} at 0x{key:x}>'
  memo.add(key)
  try:
    text = _format(value, compact, verbose, root_indent, list_wrap_threshold,
                   strip_object_id, include_keys, exclude_keys, max_str_len,
                   max_bytes_len, custom_format, memo, kwargs)
  finally:
    memo.discard(key)
  return _markdown(text, markdown)


def _format(value: Any, compact: bool, verbose: bool, root_indent: int,
            list_wrap_threshold: int, strip_object_id: bool, include_keys: Any,
            exclude_keys: Any, max_str_len: int | None,
            max_bytes_len: int | None, custom_format: CustomFormatFn | None,
            memo: set[int], kwargs: dict[str, Any]) -> str:
  if isinstance(value, Formattable):
    return value.format(
        compact=compact, verbose=verbose, root_indent=root_indent,
        list_wrap_threshold=list_wrap_threshold,
        strip_object_id=strip_object_id, include_keys=include_keys,
        exclude_keys=exclude_keys, max_str_len=max_str_len,
        max_bytes_len=max_bytes_len, custom_format=custom_format, memo=memo,
        **kwargs)

  def child(v: Any) -> str:
    return format(v, compact, verbose, root_indent + 1, list_wrap_threshold,
                  strip_object_id, max_str_len=max_str_len,
                  max_bytes_len=max_bytes_len, custom_format=custom_format,
                  memo=memo, **kwargs)

  if isinstance(value, (list, tuple)):
    open_, close = ('[', ']') if isinstance(value, list) else ('(', ')')
    items = [child(v) for v in value]
    text = open_ + ', '.join(items) + close
    if compact or len(text) <= list_wrap_threshold:
      return text
    return (open_ + '\n' + ',\n'.join(indent(i, root_indent + 1) for i in items)
            + '\n' + indent(close, root_indent))
  if isinstance(value, dict):
    items = [f'{k!r}: {child(v)}' for k, v in value.items()
             if _included(k, include_keys, exclude_keys)]
    if compact or not value:
      return '{' + ', '.join(items) + '}'
    return ('{\n' + ',\n'.join(indent(i, root_indent + 1) for i in items)
            + '\n' + indent('}', root_indent))
  if isinstance(value, str):
    if max_str_len is not None and len(value) > max_str_len:
      value = value[:max_str_len] + '...'
    return builtins.repr(value)
  if isinstance(value, bytes):
    if max_bytes_len is not None and len(value) > max_bytes_len:
      value = value[:max_bytes_len] + b'...'
    return builtins.repr(value)
  text = builtins.repr(value) if compact else builtins.str(value)
  if strip_object_id and 'object at 0x' in text:
    text = f'{type(value).__name__}(...)'
  return text


def _included(key: Any, include_keys: Any, exclude_keys: Any) -> bool:
  if include_keys:
    return key in include_keys
  return not exclude_keys or key not in exclude_keys


def _markdown(text: str, markdown: bool) -> str:
  if not markdown:
    return text
  return f'`{text}`' if '\n' not in text else f'```\n{text}\n```'


def kvlist_str(kvlist: Sequence[tuple[str, Any, Any]], compact: bool = True,
               verbose: bool = False, root_indent: int = 0, *,
               label: str | None = None,
               bracket_type: BracketType | str = BracketType.ROUND,
               custom_format: CustomFormatFn | None = None,
               memo: set[int] | None = None, **kwargs: Any) -> str:
  """Lays out ``label(key=value, ...)``, omitting pairs equal to their default.

  Args:
    kvlist: (key, value, default) triples; a pair is left out when the value
      equals the default (or one of them, when the default is a tuple). An
      empty key prints the value alone.
    compact: one line.
    verbose: passed on to the values.
    root_indent: the indentation level of the label.
    label: the text before the bracket; None gives the pairs alone.
    bracket_type: a BracketType (or 'round', 'square', 'curly').
    custom_format: see `format`.
    memo: see `format`.
    **kwargs: passed on to `format` for each value.

  Example:
    >>> kvlist_str([('x', 1, 0), ('y', 0, 0)], label='P')
    'P(x=1)'
  """
  child_indent = root_indent + 1 if label else root_indent
  parts = []
  for key, value, default in kvlist:
    defaults = default if isinstance(default, tuple) else (default,)
    if any(_equal(value, d) for d in defaults):
      continue
    text = format(value, compact=compact, verbose=verbose,
                  root_indent=child_indent, custom_format=custom_format,
                  memo=memo, **kwargs)
    parts.append(f'{key}={text}' if key else text)
  if compact:
    body = ', '.join(parts)
  else:
    body = ',\n'.join(indent(p, child_indent) for p in parts)
  if label is None:
    return body
  open_, close = bracket_chars(bracket_type)
  if not parts:
    return label + open_ + close
  if compact:
    return label + open_ + body + close
  return label + open_ + '\n' + body + '\n' + indent(close, root_indent)


def _equal(value: Any, default: Any) -> bool:
  if value is default:
    return True
  try:
    return bool(value == default)
  except Exception:  # pylint: disable=broad-except
    return False  # e.g. numpy arrays: their == is not a truth value.
