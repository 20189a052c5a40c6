"""Compact DNA literals: parsing nested ints, floats, strs, lists and tuples, and printing them.

A list holds decisions side by side; a tuple ``(v, x)`` is choice v opening x
(several decisions when x is a list), and a longer tuple is a chain of
nested choices. Two rules keep one tree per literal: a value-less node with
a single child is that child, and a value-less only child is spliced into
its parent. Literals nested deeper than `pyglove.utils.max_depth()` levels
(a chain counts one level per item) are refused with ValueError, the limit
every loader of this library follows.
"""
from __future__ import annotations

from typing import Any

from pyglove.geno import _dna
from pyglove.geno import _dna_copy
from pyglove.utils import DeepRecursion
from pyglove.utils import check_depth
from pyglove.utils import max_depth

_WHAT = 'The DNA literal'


def parse(literal: Any) -> Any:
  """A DNA from a literal; list items and tuple tails become children.

  Raises:
    TypeError: a leaf is not None, an int, a float or a str.
    ValueError: a malformed tuple, or nesting deeper than `max_depth()`.
  """
  if not isinstance(literal, (list, tuple)):
    return _parse(literal, 0)
  check_depth(literal, _WHAT)
  with DeepRecursion(_WHAT):
    return _parse(literal, 0)


def _too_deep(limit: int) -> ValueError:
  return ValueError(
      f'{_WHAT} nests more than {limit} levels deep (counting each item of a '
      f'chain), deeper than this process loads.')


def _parse(literal: Any, depth: int) -> Any:
  kind = type(literal)
  if kind is list:
    return node(None, [_parse(x, depth + 1) for x in literal])
  if kind is tuple:
    return _parse_tuple(literal, depth)
  if isinstance(literal, _dna.DNA):
    return _dna_copy.clone(literal, False)
  return _dna.make_node(_dna.normalize_value(literal), [], None)


def _parse_tuple(literal: tuple[Any, ...], depth: int) -> Any:
  """``(v, x)``: v with child x (a list: children); ``(v0, v1, ..., x)``: a chain."""
  n = len(literal)
  if n < 2:
    raise ValueError(
        f'A DNA tuple literal needs a value and what it opens, at least 2 '
        f'items; got {literal!r}.')
  limit = max_depth()
  if depth + n - 1 > limit:
    raise _too_deep(limit)
  for v in literal[:-1]:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
      raise ValueError(
          f'In a DNA tuple literal every item but the last is a choice (an int '
          f'or a float); got {v!r} in {literal!r}.')
  last = literal[-1]
  if isinstance(last, list):
    children = [_parse(x, depth + n - 1) for x in last]
  else:
    children = [_parse(last, depth + n - 1)]
  result = node(_dna.normalize_value(literal[-2]), children)
  for v in reversed(literal[:-2]):
    result = _dna.make_node(_dna.normalize_value(v), [result], None)
  return result


def node(value: Any, children: list[Any]) -> Any:
  """A new node under the normalization rules (see the module docstring)."""
  if len(children) == 1:
    only = children[0]
    if only.value is None:
      children = only.children
    elif value is None:
      return only
  return _dna.make_node(value, children, None)


def own_children(children: Any) -> list[Any]:
  """The children of a new node: literals parsed, DNA of a symbolic tree copied.

  A compact child moves to the new node (its old parent, if any, is a
  compact tree being rebuilt, as when an algorithm replaces one decision).

  Raises:
    TypeError: `children` is not a list or tuple.
  """
  if not isinstance(children, (list, tuple)):
    raise TypeError(
        f'DNA children must be a list; got {children!r} of type '
        f'{type(children).__name__}.')
  result = []
  for c in children:
    if not isinstance(c, _dna.DNA):
      c = parse(c)
    elif _in_symbolic_tree(c):
      c = _dna_copy.clone(c, False)
    result.append(c)
  return result


def take_children(dropped: Any) -> list[Any]:
  """The children of a node being dropped, to put under another (copied if linked)."""
  if dropped.__dict__.get('_compact'):
    return dropped.children
  return [_dna_copy.clone(c, False) for c in dropped.children]


def _in_symbolic_tree(dna: Any) -> bool:
  """Whether `dna` is a child in a symbolic tree (a compact child is simply moved)."""
  d = dna.__dict__
  if d.get('_compact'):
    return d.get('_sym_parent') is not None  # Linked under a symbolic parent.
  return dna.sym_parent is not None


def to_literal(dna: Any) -> Any:
  """The compact literal of `dna`: a value, a list, or a ``(value, ...)`` tuple."""
  children = dna.children
  if not children:
    return dna.value
  items = [to_literal(c) for c in children]
  value = dna.value
  if value is None:
    return items
  if len(items) == 1:
    only = items[0]
    if isinstance(only, tuple):
      return (value,) + only
    if not isinstance(only, list):
      return (value, only)
  return (value, items)
