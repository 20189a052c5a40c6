"""`pg.diff` and `pg.Diff`: the differences between two values, as a symbolic tree.

A leaf `Diff` holds the two differing values (`left`, `right`). A node holds
the *types* of the two values it broke down (dicts, lists, symbolic objects
that `collapse` allows) and their per-key differences in `children`, keyed
by string (list indices too). A key present on one side only is paired with
`Diff.MISSING`. A Diff is truthy when there is a difference in it; the diff
of two equal values is ``Diff()``, which prints as ``No diff``.
"""
from __future__ import annotations

from typing import Any, Callable

from pyglove import typing as pg_typing
from pyglove.symbolic import _format
from pyglove.symbolic._base import Symbolic
from pyglove.symbolic._eq import eq
from pyglove.symbolic._eq import items_of
from pyglove.symbolic._eq import values_of
from pyglove.symbolic._object import Object
from pyglove.symbolic._members import members
from pyglove.utils import JSONConvertible
from pyglove.utils import KeyPath


class _Missing(JSONConvertible):
  """Stands for the value of a key that exists on one side of a diff only."""

  __slots__ = ()

  def to_json(self, **kwargs: Any) -> Any:
    return {'_type': 'pyglove.symbolic._diff._Missing'}

  @classmethod
  def from_json(cls, json_value: Any, **kwargs: Any) -> '_Missing':
    return Diff.MISSING

  def __eq__(self, other: Any) -> bool:
    return isinstance(other, _Missing)

  def __hash__(self) -> int:
    return hash(_Missing)

  def __copy__(self) -> '_Missing':
    return self

  def __deepcopy__(self, memo: Any) -> '_Missing':
    return self

  def __repr__(self) -> str:
    return 'MISSING'


class Diff(Object):
  """The difference between a left and a right value (see `pg.diff`).

  Example:
    >>> pg.Diff(3.14, 1.618)
    Diff(left=3.14, right=1.618)
    >>> d = pg.diff({'a': 1, 'b': [1, 2]}, {'a': 1, 'b': [1, 3]})
    >>> d.children['b'].children['1']
    Diff(left=2, right=3)
    >>> print(pg.diff([1], [1]))
    No diff
  """

  MISSING = _Missing()

  def _on_bound(self) -> None:
    super()._on_bound()
    if self.children:
      for side in ('left', 'right'):
        value = getattr(self, side)
        if not isinstance(value, type):
          raise ValueError(
              f'{side!r} of a Diff with children must be a type (the type of '
              f'the value broken down); got {value!r}.')
    self._has_diff = None

  @property
  def is_leaf(self) -> bool:
    """Whether this Diff holds no child Diff."""
    return not self.children

  def __bool__(self) -> bool:
    """Whether there is a difference (between the sides, or in a child)."""
    if self._has_diff is None:
      self._has_diff = (not eq(self.left, self.right)
                        or any(bool(c) for c in self.children.values()))
    return self._has_diff

  def sym_eq(self, other: Any) -> bool:
    """Diffs compare by their fields; a Diff without difference equals its value."""
    if Object.sym_eq(self, other):
      return True
    return not bool(self) and eq(self.left, other)

  @property
  def value(self) -> Any:
    """The common value of both sides.

    Raises:
      ValueError: the two sides differ.
    """
    if bool(self):
      raise ValueError(
          f'The two sides differ (left={self.left!r}, right={self.right!r}); '
          'a Diff has a single value only when they are equal.')
    return self.left

  def flatten(self, mode: str = 'diff') -> dict[str, 'Diff']:
    """Returns the leaves kept by `mode` as ``{key_path_str: Diff}``.

    Args:
      mode: 'diff' keeps the leaves that differ, 'same' those that do not,
        'both' all of them.
    """
    result: dict[str, Diff] = {}
    self._flatten_into(KeyPath(), mode, result)
    return result

  def _flatten_into(self, path: KeyPath, mode: str,
                    result: dict[str, 'Diff']) -> None:
    if self.is_leaf:
      if mode == 'both' or (mode == 'diff') == bool(self):
        result[str(path)] = self
      return
    is_list = issubclass(self.left, list) and issubclass(self.right, list)
    for key, child in self.children.items():
      child._flatten_into(path.child(int(key) if is_list else key), mode,  # pylint: disable=protected-access
                          result)
    if self.left is not self.right and mode != 'same':
      result[str(path.child('_type'))] = Diff(self.left, self.right)

  def format(self, compact: bool = False, verbose: bool = True,
             root_indent: int = 0, **kwargs: Any) -> str:
    """Prints the common value, ``No diff``, a leaf's two sides, or a node's children."""
    if not bool(self):
      if self.left is Diff.MISSING:
        return 'No diff'
      return _format.format(self.left, compact=compact, verbose=verbose,
                            root_indent=root_indent, **kwargs)
    if self.is_leaf:
      entries = [('left', self.left), ('right', self.right)]
      return _layout('Diff(', ')', entries, compact, root_indent, kwargs)
    if self.left is self.right and issubclass(self.left, list):
      open_ = '['
    elif self.left is self.right:
      open_ = f'{self.left.__name__}('
    else:
      open_ = f'{self.left.__name__}|{self.right.__name__}('
    return _layout(open_, ']' if open_ == '[' else ')',
                   list(self.children.items()), compact, root_indent, kwargs)


members([
    ('left', pg_typing.Any(default=Diff.MISSING),
     'The left value, or its type when the Diff has children.'),
    ('right', pg_typing.Any(default=Diff.MISSING),
     'The right value, or its type when the Diff has children.'),
    ('children', pg_typing.Dict([
        (pg_typing.StrKey(), pg_typing.Object(Diff), 'The Diff of a child.')
    ]), 'The differences of the children, by key.'),
])(Diff)


def _layout(open_: str, close: str, entries: list[tuple[str, Any]],
            compact: bool, indent: int, kwargs: dict[str, Any]) -> str:
  def text(value: Any, level: int) -> str:
    if isinstance(value, Diff):
      return value.format(compact=compact, root_indent=level, **kwargs)
    return _format.format(value, compact=compact, root_indent=level, **kwargs)

  if compact:
    return open_ + ', '.join(f'{k}={text(v, 0)}' for k, v in entries) + close
  pad = '  ' * (indent + 1)
  lines = [f'{pad}{k} = {text(v, indent + 1)}' for k, v in entries]
  return f'{open_}\n' + ',\n'.join(lines) + f'\n{"  " * indent}{close}'


_DIFF_MODES = ('diff', 'same', 'both')


def diff(left: Any, right: Any, flatten: bool = False,
         collapse: bool | str | Callable[[Any, Any], bool] = 'same_type',
         mode: str = 'diff') -> Diff | dict[str, Diff]:
  """The differences between two values, as a `Diff` tree.

  Dicts and lists are compared key by key; two symbolic objects are
  compared field by field when `collapse` allows it, otherwise they form one
  leaf. The values given are never modified nor re-parented.

  Args:
    left: the value on the left.
    right: the value on the right.
    flatten: return ``{key_path_str: leaf Diff}`` instead of a tree (with a
      ``'_type'`` entry where a node's two types differ).
    collapse: when to break two symbolic objects down into fields:
      'same_type' (only when their types are the same), True (always), False
      (never), or a callable ``fn(left, right) -> bool``.
    mode: 'diff' keeps the differing keys, 'same' the equal ones, 'both'
      all of them.

  Returns:
    A `Diff` (falsy when the values are equal), or a dict if `flatten`.

  Raises:
    ValueError: `mode` or `collapse` is not one of the accepted values.

  Example:
    >>> pg.diff({'a': 1, 'b': 2}, {'a': 1, 'b': 3}, flatten=True)
    {'b': Diff(left=2, right=3)}
    >>> print(pg.diff(pg.Dict(a=1), pg.Dict(a=1)))
    No diff
  """
  if mode not in _DIFF_MODES:
    raise ValueError(f'`mode` must be one of {_DIFF_MODES}; got {mode!r}.')
  should_collapse = _collapse_fn(collapse)
  result, has_diff = _diff(left, right, should_collapse, mode)
  if flatten:
    return result.flatten(mode)
  if not has_diff and mode == 'diff':
    return Diff()
  return result


def _collapse_fn(collapse: Any) -> Callable[[Any, Any], bool]:
  if isinstance(collapse, bool):
    return lambda x, y: collapse
  if collapse == 'same_type':
    return lambda x, y: type(x) is type(y)
  if callable(collapse):
    return collapse
  raise ValueError(
      "`collapse` must be 'same_type', a bool or a callable; got "
      f'{collapse!r}.')


def _diff(left: Any, right: Any, should_collapse: Callable[[Any, Any], bool],
          mode: str) -> tuple[Diff, bool]:
  """The Diff of two values in `mode`, and whether they differ."""
  if left is right or eq(left, right):
    return _leaf(left, right), False
  pairs = _paired_children(left, right, should_collapse)
  if pairs is None:
    return _leaf(left, right), True
  children, has_diff = {}, type(left) is not type(right)
  for key, left_child, right_child in pairs:
    child, child_has_diff = _diff(left_child, right_child, should_collapse,
                                  mode)
    has_diff = has_diff or child_has_diff
    if mode == 'both' or (mode == 'diff') == child_has_diff:
      children[str(key)] = child
  return Diff(type(left), type(right), children), has_diff


def _leaf(left: Any, right: Any) -> Diff:
  # A parentless symbolic value would be adopted by the Diff: give it a copy.
  return Diff(_detached(left), _detached(right))


def _detached(value: Any) -> Any:
  if isinstance(value, Symbolic) and value.sym_parent is None:
    return value.clone()
  return value


def _paired_children(left: Any, right: Any, should_collapse: Any
                     ) -> list[tuple[Any, Any, Any]] | None:
  """(key, left child, right child) over both values' keys; None for a leaf."""
  absent = Diff.MISSING
  if isinstance(left, list) and isinstance(right, list):
    left_values, right_values = list(values_of(left)), list(values_of(right))
    return [(i,
             left_values[i] if i < len(left_values) else absent,
             right_values[i] if i < len(right_values) else absent)
            for i in range(max(len(left_values), len(right_values)))]
  if isinstance(left, dict) and isinstance(right, dict):
    return _paired_items(dict(items_of(left)), dict(items_of(right)))
  if (isinstance(left, (dict, Symbolic)) and isinstance(right, (dict, Symbolic))
      and not isinstance(left, list) and not isinstance(right, list)
      and should_collapse(left, right)):
    return _paired_items(dict(items_of(left)), dict(items_of(right)))
  return None


def _paired_items(left: dict[Any, Any],
                  right: dict[Any, Any]) -> list[tuple[Any, Any, Any]]:
  absent = Diff.MISSING
  pairs = [(k, v, right.get(k, absent)) for k, v in left.items()]
  pairs.extend((k, absent, v) for k, v in right.items() if k not in left)
  return pairs
