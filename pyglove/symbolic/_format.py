"""`pg.format`: readable text for symbolic values (and plain containers holding them).

Compact form puts everything on one line: ``A(x=1, y=[0: 2], z={a=1})``.
The default form keeps a node on one line while it fits in `max_width`
columns and otherwise lists its children one per line, indented.
"""
from __future__ import annotations

import builtins
from typing import Any

from pyglove.symbolic._base import Symbolic
from pyglove.utils import MISSING_VALUE


class _Options:
  __slots__ = ('compact', 'verbose', 'hide_default_values',
               'hide_missing_values', 'max_width')

  def __init__(self, compact: bool, verbose: bool, hide_default_values: bool,
               hide_missing_values: bool, max_width: int):
    self.compact = compact
    self.verbose = verbose
    self.hide_default_values = hide_default_values
    self.hide_missing_values = hide_missing_values
    self.max_width = max_width


def format(value: Any, compact: bool = False, verbose: bool = True,  # pylint: disable=redefined-builtin
           root_indent: int = 0, hide_default_values: bool = False,
           hide_missing_values: bool = False, max_width: int = 80,
           indent_size: int = 2) -> str:
  """Returns a readable text form of `value`.

  Args:
    value: any value; symbolic values, dicts, lists and tuples are laid out,
      anything else uses its repr.
    compact: everything on one line.
    verbose: in the multi-line form, add field descriptions as comments.
    root_indent: the indentation level of the first line (multi-line form).
    hide_default_values: omit fields whose value is their default.
    hide_missing_values: omit fields whose value is missing.
    max_width: the width a node may take before it is split over lines.
    indent_size: spaces per indentation level.

  Returns:
    The text.

  Example:
    >>> pg.format(pg.Dict(x=1, y=pg.List([2])), compact=True)
    '{x=1, y=[0: 2]}'
  """
  options = _Options(compact, verbose, hide_default_values,
                     hide_missing_values, max_width)
  if compact:
    return _compact(value, options)
  return _multiline(value, options, root_indent, indent_size)


def _entries(value: Any, options: _Options) -> tuple[str, str, str, list[Any]]:
  """(open, close, separator, [(key, child, description)]) of a container."""
  if isinstance(value, Symbolic) and not isinstance(value, (dict, list)):
    open_, close, sep = type(value).__name__ + '(', ')', '='
  elif isinstance(value, Symbolic):
    open_, close, sep = ('{', '}', '=') if isinstance(value, dict) else (
        '[', ']', ': ')
  elif isinstance(value, dict):
    return '{', '}', ': ', [(builtins.repr(k), v, None)
                            for k, v in value.items()]
  else:
    # Plain lists and tuples print as Python does.
    close = ',)' if isinstance(value, tuple) and len(value) == 1 else (
        ')' if isinstance(value, tuple) else ']')
    return '(' if isinstance(value, tuple) else '[', close, '', [
        (None, v, None) for v in value]
  entries = []
  for k, v in value.sym_items():
    if v is MISSING_VALUE and options.hide_missing_values:
      continue
    field = value._sym_child_field_or_none(k)  # pylint: disable=protected-access
    if (options.hide_default_values and field is not None
        and _is_default(v, field.value.default)):
      continue
    entries.append((k, v, None if field is None else field.description))
  return open_, close, sep, entries


def _is_default(value: Any, default: Any) -> bool:
  if default is MISSING_VALUE:
    return False
  try:
    return value is default or bool(value == default)
  except Exception:  # pylint: disable=broad-except
    return False


def _is_container(value: Any) -> bool:
  return isinstance(value, (Symbolic, dict, list, tuple))


def _compact(value: Any, options: _Options) -> str:
  if not _is_container(value):
    return _leaf(value)
  open_, close, sep, entries = _entries(value, options)
  parts = [_compact(v, options) if k is None else
           f'{k}{sep}{_compact(v, options)}' for k, v, _ in entries]
  return open_ + ', '.join(parts) + close


def _multiline(value: Any, options: _Options, indent: int,
               indent_size: int) -> str:
  one_line = _compact(value, options)
  if (not _is_container(value)
      or indent * indent_size + len(one_line) <= options.max_width):
    return one_line
  open_, close, sep, entries = _entries(value, options)
  if not entries:
    return one_line
  pad = ' ' * ((indent + 1) * indent_size)
  lines = [open_]
  for i, (k, v, description) in enumerate(entries):
    text = _multiline(v, options, indent + 1, indent_size)
    line = pad + (text if k is None else f'{k}{sep}{text}')
    if i < len(entries) - 1:
      line += ','
    if options.verbose and description:
      line += f'  # {description}'
    lines.append(line)
  lines.append(' ' * (indent * indent_size) + (
      ')' if close == ',)' else close))
  return '\n'.join(lines)


def _leaf(value: Any) -> str:
  if value is MISSING_VALUE:
    return 'MISSING_VALUE'
  if isinstance(value, str):
    return builtins.repr(value)
  if isinstance(value, type):
    return value.__qualname__
  return builtins.repr(value)
