"""The text form of symbolic values, in pyglove's layout.

Compact (`repr`): one line, ``A(x=1, y=[0: 2], z={a=1})``. Indented (`str`):
one child a line, ``key = value`` for dict keys and object fields and
``index : value`` for list items, nested values indented one level deeper;
with `verbose`, field descriptions precede their fields as ``# ...``
comments. `pg.format` (`pyglove.utils.format`) lays out any value and calls
`format_node` here for symbolic ones.
"""
from __future__ import annotations

from typing import Any

from pyglove import typing as pg_typing
from pyglove.utils import BracketType
from pyglove.utils import MISSING_VALUE
from pyglove.utils import bracket_chars
from pyglove.utils import format  # pylint: disable=redefined-builtin
from pyglove.utils import indent


def format_node(node: Any, compact: bool = False, verbose: bool = True,
                root_indent: int = 0, *, python_format: bool = False,
                hide_frozen: bool = True, hide_default_values: bool = False,
                hide_missing_values: bool = False, include_keys: Any = None,
                exclude_keys: Any = None, use_inferred: bool = False,
                cls_name: str | None = None,
                bracket_type: Any = BracketType.CURLY,
                key_as_attribute: bool = False,
                extra_blankline_for_field_docstr: bool = False,
                **kwargs: Any) -> str:
  """The text of a symbolic dict-like node (a `pg.Dict`, or an object's fields).

  Args:
    node: a `pg.Dict` or `pg.Object`.
    compact: one line.
    verbose: print field descriptions (indented form only).
    root_indent: the indentation level of the node's first line.
    python_format: ``'key': value`` (``key=value`` for objects) instead of
      ``key = value``.
    hide_frozen: leave out frozen fields.
    hide_default_values: leave out fields whose value is their default.
    hide_missing_values: leave out fields whose value is missing.
    include_keys: only these keys.
    exclude_keys: not these keys.
    use_inferred: accepted for compatibility (values are never inferred).
    cls_name: the label before the bracket (an object's class name).
    bracket_type: the brackets (curly for dicts, round for objects).
    key_as_attribute: print keys as attribute names (``x=1``) in the Python
      format.
    extra_blankline_for_field_docstr: an empty line before each described
      field but the first.
    **kwargs: passed on to the children.

  Returns:
    The text.
  """
  del use_inferred
  entries = _entries(node, hide_frozen, hide_default_values,
                     hide_missing_values, include_keys, exclude_keys)
  open_, close = bracket_chars(bracket_type)
  label = cls_name or ''
  if not entries:
    return f'{label}{open_}{close}'
  child_kwargs = dict(kwargs, hide_frozen=hide_frozen,
                      hide_default_values=hide_default_values,
                      hide_missing_values=hide_missing_values,
                      python_format=python_format,
                      extra_blankline_for_field_docstr=(
                          extra_blankline_for_field_docstr))
  parts = []
  for i, (key, value, field) in enumerate(entries):
    text = _value_text(value, field, compact, verbose, root_indent + 1,
                       child_kwargs)
    if not python_format:
      key_text = f'[{key}]' if isinstance(key, int) else key
      item = f'{key_text}={text}' if compact else f'{key_text} = {text}'
    elif key_as_attribute:
      item = f'{key}={text}'
    else:
      item = f'{key!r}: {text}'
    if compact:
      parts.append(item)
      continue
    comment = ''
    description = getattr(field, 'description', None)
    if verbose and description:
      if i and extra_blankline_for_field_docstr:
        comment = '\n'
      comment += ''.join(indent(f'# {line}\n', root_indent + 1)
                         for line in description.split('\n'))
    parts.append(comment + indent(item, root_indent + 1))
  if compact:
    return f'{label}{open_}' + ', '.join(parts) + close
  return (f'{label}{open_}\n' + ',\n'.join(parts) + '\n'
          + indent(close, root_indent))


def format_list(node: Any, compact: bool = False, verbose: bool = True,
                root_indent: int = 0, *, python_format: bool = False,
                use_inferred: bool = False, cls_name: str | None = None,
                bracket_type: Any = BracketType.SQUARE,
                **kwargs: Any) -> str:
  """The text of a `pg.List`: ``[0: a, 1: b]``, or one ``index : value`` a line.

  Args:
    node: the list.
    compact: one line.
    verbose: passed on to the items.
    root_indent: the indentation level of the list's first line.
    python_format: print items without their indices.
    use_inferred: accepted for compatibility (values are never inferred).
    cls_name: a label before the bracket.
    bracket_type: the brackets (square by default).
    **kwargs: passed on to the items.
  """
  del use_inferred
  open_, close = bracket_chars(bracket_type)
  label = cls_name or ''
  items = list(node.sym_items())
  if not items:
    return f'{label}{open_}{close}'
  spec = getattr(node, 'value_spec', None)
  field = None if spec is None else spec.element
  child_kwargs = dict(kwargs, python_format=python_format)
  parts = []
  for index, value in items:
    text = _value_text(value, field, compact, verbose, root_indent + 1,
                       child_kwargs)
    if python_format:
      parts.append(text)
    else:
      parts.append(f'{index}: {text}' if compact else f'{index} : {text}')
  if compact:
    return f'{label}{open_}' + ', '.join(parts) + close
  return (f'{label}{open_}\n'
          + ',\n'.join(indent(p, root_indent + 1) for p in parts) + '\n'
          + indent(close, root_indent))


def _entries(node: Any, hide_frozen: bool, hide_default_values: bool,
             hide_missing_values: bool, include_keys: Any,
             exclude_keys: Any) -> list[tuple[Any, Any, Any]]:
  """(key, value, field or None) of the children to print, in order."""
  result = []
  for key, value in node.sym_items():
    if include_keys:
      if key not in include_keys:
        continue
    elif exclude_keys and key in exclude_keys:
      continue
    field = node._sym_child_field_or_none(key)  # pylint: disable=protected-access
    if field is not None:
      if hide_frozen and field.value.frozen:
        continue
      if value is MISSING_VALUE:
        if hide_missing_values:
          continue
      elif hide_default_values and _is_default(value, field.value):
        continue
    result.append((key, value, field))
  return result


def _is_default(value: Any, spec: Any) -> bool:
  if not spec.has_default:
    return False
  default = spec.default
  try:
    return value is default or bool(value == default)
  except Exception:  # pylint: disable=broad-except
    return False  # e.g. numpy arrays: their == is not a truth value.


def _value_text(value: Any, field: Any, compact: bool, verbose: bool,
                level: int, kwargs: dict[str, Any]) -> str:
  if value is MISSING_VALUE and field is not None and not compact:
    value = pg_typing.MissingValue(field.value)
  return format(value, compact, verbose, level, **kwargs)
