"""Symbolic comparison: equality, hashing and a total order over any values.

`eq` compares symbolic objects by exact type and field values, and recurses
into dicts, lists and tuples so that a symbolic value nested in a plain
container still compares symbolically. `hash` is consistent with `eq`.
`lt`/`gt` give a total order for sorting mixed values:

  MISSING_VALUE < None < numbers (bool, int, float) < str < lists and tuples
  < dicts < symbolic objects < other values.

Within a rank: numbers by value, strings lexicographically, sequences element
by element (then by length, then lists before tuples), dicts by their items
sorted by key, symbolic objects by ``module.QualName`` and then by field
values in field order, other values by type name and then by their own ``<``
when they have one.
"""
from __future__ import annotations

import builtins
import itertools
import numbers
import threading
from typing import Any

from pyglove.symbolic._base import Symbolic
from pyglove.symbolic._object import Object
from pyglove.utils import MISSING_VALUE
from pyglove.utils import KeyPath

_ABSENT = object()
_ABSENT_PAIR = (_ABSENT, _ABSENT)
_SCALAR_TYPES = frozenset([int, float, str, bool, type(None)])

# Rank of each kind of value in the total order of `lt`.
_RANK_MISSING = 0
_RANK_NONE = 1
_RANK_NUMBER = 2
_RANK_STR = 3
_RANK_SEQUENCE = 4
_RANK_DICT = 5
_RANK_SYMBOLIC = 6
_RANK_OTHER = 7


# The base implementations, recognized by identity before looking further.
_BASE_METHODS = {name: getattr(Symbolic, name)
                 for name in ('sym_eq', 'sym_hash', 'to_json')}
_BASE_SYM_EQ = Symbolic.sym_eq
_OBJECT_SYM_ITEMS = Object.sym_items


def has_custom(cls: type, name: str) -> bool:
  """Whether `cls.<name>` is a user override rather than the library's own.

  The library's methods (defined in `pyglove.symbolic`) delegate to the
  functions here, so only an override is worth calling.
  """
  method = getattr(cls, name, None)
  if method is None or method is _BASE_METHODS.get(name):
    return False
  module = getattr(method, '__module__', None) or ''
  return not module.startswith('pyglove.symbolic.')


_dispatch_state = threading.local()
# Returned by `dispatch_custom` when the override is already running for the
# same value: an override that calls the library's method (through `super()`)
# lands back here, and must then get the built-in behaviour, not itself.
NOT_DISPATCHED = object()


def dispatch_custom(value: Any, name: str, *args: Any, **kwargs: Any) -> Any:
  """Calls the user override `value.<name>(...)` unless it is already running.

  Returns:
    The override's result, or `NOT_DISPATCHED` when re-entered for the same
    value (the caller then does the built-in work).
  """
  active = getattr(_dispatch_state, 'active', None)
  if active is None:
    active = _dispatch_state.active = set()
  key = (id(value), name)
  if key in active:
    return NOT_DISPATCHED
  active.add(key)
  try:
    return getattr(value, name)(*args, **kwargs)
  finally:
    active.discard(key)


def eq(left: Any, right: Any) -> bool:
  """Symbolic equality of any two values.

  Symbolic objects are equal when they have the same type and equal field
  values (a class that overrides `sym_eq` decides for itself); a `pg.Dict`
  equals a dict and a `pg.List` a list with equal items. Other values use
  ``==``.

  Example:
    >>> eq({'a': [1, 2]}, {'a': [1, 2.0]})
    True
    >>> eq([1], (1,))
    False
  """
  if left is right:
    return True
  left_type = type(left)
  if left_type in _SCALAR_TYPES and type(right) in _SCALAR_TYPES:
    return left == right
  if isinstance(left, Symbolic):
    if isinstance(left, (dict, list)):
      return _eq_containers(left, right)
    if has_custom(left_type, 'sym_eq'):
      result = dispatch_custom(left, 'sym_eq', right)
      if result is not NOT_DISPATCHED:
        return bool(result)
    if left_type is type(right):
      return _eq_fields(left, right)
    return _eq_custom_right(left, right)
  if isinstance(left, (dict, list, tuple)):
    return _eq_containers(left, right)
  if isinstance(right, Symbolic):
    return _eq_custom_right(left, right)
  return _plain_eq(left, right)


def _eq_containers(left: Any, right: Any) -> bool:
  if isinstance(left, dict):
    return isinstance(right, dict) and _eq_dicts(left, right)
  if isinstance(left, list):
    return isinstance(right, list) and _eq_sequences(left, right)
  return isinstance(right, tuple) and _eq_sequences(left, right)


def _eq_custom_right(left: Any, right: Any) -> bool:
  """Values that are not two symbolic objects of one type.

  Only an override of `sym_eq` on `right` may find them equal.
  """
  if isinstance(right, Symbolic) and has_custom(type(right), 'sym_eq'):
    result = dispatch_custom(right, 'sym_eq', left)
    if result is not NOT_DISPATCHED:
      return bool(result)
  return False


def ne(left: Any, right: Any) -> bool:
  """Symbolic inequality: ``not eq(left, right)``.

  Example:
    >>> ne([1], [2])
    True
  """
  return not eq(left, right)


def _plain_eq(left: Any, right: Any) -> bool:
  result = left == right
  if result is True or result is False:
    return result
  # Array-like values return element-wise results.
  all_fn = getattr(result, 'all', None)
  if all_fn is not None:
    return bool(all_fn())
  return bool(result)


def _items_of(value: dict[Any, Any]) -> Any:
  return value.sym_items() if isinstance(value, Symbolic) else value.items()


def _values_of(value: Any) -> Any:
  return value.sym_values() if isinstance(value, Symbolic) else value


def _eq_dicts(left: dict[Any, Any], right: dict[Any, Any]) -> bool:
  if len(left) != len(right):
    return False
  get = right.sym_getattr if isinstance(right, Symbolic) else right.get
  for key, x in _items_of(left):
    y = get(key, _ABSENT)
    if x is y:
      continue
    if y is _ABSENT or not _eq_child(x, y):
      return False
  return True


def _eq_sequences(left: Any, right: Any) -> bool:
  if len(left) != len(right):
    return False
  for x, y in zip(_values_of(left), _values_of(right)):
    if x is not y and not _eq_child(x, y):
      return False
  return True


def _eq_child(x: Any, y: Any) -> bool:
  """`eq` of two children that are not the same object, minus its dispatch.

  Scalars compare directly, and two objects of one type that keep the
  default comparison go straight to their field dicts.
  """
  x_type = type(x)
  if x_type in _SCALAR_TYPES and type(y) in _SCALAR_TYPES:
    return x == y
  if (x_type is type(y) and issubclass(x_type, Object)
      and x_type.sym_eq is _BASE_SYM_EQ
      and x_type.sym_items is _OBJECT_SYM_ITEMS):
    return _eq_object_values(x._sym_values, y._sym_values)  # pylint: disable=protected-access
  return eq(x, y)


def _eq_object_values(left: dict[str, Any], right: dict[str, Any]) -> bool:
  """Compares the field dicts of two objects of one type, in any key order."""
  if len(left) != len(right):
    return False
  get = right.get
  for key, x in left.items():
    y = get(key, _ABSENT)
    if x is y:
      continue
    # Scalars and default-compared objects inline: they are most fields,
    # and a call each through `_eq_child` would dominate.
    x_type = type(x)
    if x_type in _SCALAR_TYPES and type(y) in _SCALAR_TYPES:
      if x != y:
        return False
    elif (x_type is type(y) and issubclass(x_type, Object)
          and x_type.sym_eq is _BASE_SYM_EQ
          and x_type.sym_items is _OBJECT_SYM_ITEMS):
      if not _eq_object_values(x._sym_values, y._sym_values):  # pylint: disable=protected-access
        return False
    elif y is _ABSENT or not _eq_child(x, y):
      return False
  return True


def _eq_fields(left: Any, right: Any) -> bool:
  """Compares two symbolic objects of one type by their (key, value) items."""
  if type(left).sym_items is _OBJECT_SYM_ITEMS:
    return _eq_object_values(left._sym_values, right._sym_values)  # pylint: disable=protected-access
  for (lk, x), (rk, y) in itertools.zip_longest(
      left.sym_items(), right.sym_items(), fillvalue=_ABSENT_PAIR):
    if lk != rk:
      # Keys in another order (or a different number of them).
      return _eq_dicts(dict(left.sym_items()), dict(right.sym_items()))
    if x is not y and not _eq_child(x, y):
      return False
  return True


def hash(value: Any) -> int:  # pylint: disable=redefined-builtin
  """A hash consistent with `eq`: equal values hash equal.

  Symbolic objects hash their type and field values (a class that overrides
  `sym_hash` decides for itself); dicts and lists hash their items, so a
  `pg.Dict` hashes like the equal dict. Unhashable plain values (e.g. sets)
  hash their contents, or their type when they have no other form.

  Example:
    >>> hash({'a': [1, 2]}) == hash({'a': [1, 2]})
    True
  """
  value_type = type(value)
  if value_type in _SCALAR_TYPES:
    return builtins.hash(value)
  if isinstance(value, dict):
    return builtins.hash(
        (dict, frozenset((k, hash(v)) for k, v in _items_of(value))))
  if isinstance(value, list):
    values = _values_of(value)
    return builtins.hash((list, tuple([hash(v) for v in values])))
  if isinstance(value, tuple):
    return builtins.hash(tuple([hash(v) for v in value]))
  if isinstance(value, Symbolic):
    if has_custom(value_type, 'sym_hash'):
      result = dispatch_custom(value, 'sym_hash')
      if result is not NOT_DISPATCHED:
        return result
    return builtins.hash(
        (value_type, frozenset((k, hash(v)) for k, v in value.sym_items())))
  try:
    return builtins.hash(value)
  except TypeError:
    pass
  if isinstance(value, (set, frozenset)):
    return builtins.hash(frozenset(value))
  return builtins.hash(value_type)


def _rank(value: Any) -> int:
  value_type = type(value)
  if value_type is int or value_type is float or value_type is bool:
    return _RANK_NUMBER
  if value_type is str:
    return _RANK_STR
  if value is None:
    return _RANK_NONE
  if value is MISSING_VALUE:
    return _RANK_MISSING
  if isinstance(value, (list, tuple)):
    return _RANK_SEQUENCE
  if isinstance(value, dict):
    return _RANK_DICT
  if isinstance(value, Symbolic):
    return _RANK_SYMBOLIC
  if isinstance(value, numbers.Real):
    return _RANK_NUMBER
  if isinstance(value, str):
    return _RANK_STR
  return _RANK_OTHER


def lt(left: Any, right: Any) -> bool:
  """Whether `left` sorts before `right` in the total order of this module.

  The order (see the module docstring) ranks kinds of values first, so
  mixed values sort without raising: ``None < 1 < 'a' < [0] < {} < A()``.

  Example:
    >>> lt(None, 0), lt(3.5, 'x'), lt('x', [2]), lt([2], {'a': 1})
    (True, True, True, True)
    >>> lt([1, 2], [1, 3])
    True
  """
  return _compare(left, right) < 0


def gt(left: Any, right: Any) -> bool:
  """Whether `left` sorts after `right`: ``lt(right, left)``.

  Example:
    >>> gt('a', 1)
    True
  """
  return _compare(left, right) > 0


def _compare(left: Any, right: Any) -> int:
  """-1, 0 or 1 as `left` sorts before, with or after `right`."""
  if left is right:
    return 0
  left_rank, right_rank = _rank(left), _rank(right)
  if left_rank != right_rank:
    return -1 if left_rank < right_rank else 1
  if left_rank == _RANK_NUMBER or left_rank == _RANK_STR:
    return -1 if left < right else (1 if right < left else 0)
  if left_rank == _RANK_SEQUENCE:
    return _compare_sequences(left, right)
  if left_rank == _RANK_DICT:
    return _compare_dicts(left, right)
  if left_rank == _RANK_SYMBOLIC:
    return _compare_symbolic(left, right)
  if left_rank == _RANK_OTHER:
    return _compare_others(left, right)
  return 0


def _compare_sequences(left: Any, right: Any) -> int:
  left_values, right_values = _values_of(left), _values_of(right)
  for x, y in zip(left_values, right_values):
    result = _compare(x, y)
    if result:
      return result
  if len(left) != len(right):
    return -1 if len(left) < len(right) else 1
  left_is_tuple, right_is_tuple = isinstance(left, tuple), isinstance(right, tuple)
  if left_is_tuple != right_is_tuple:
    return 1 if left_is_tuple else -1
  return 0


def _sorted_items(value: dict[Any, Any]) -> list[tuple[Any, Any]]:
  import functools  # pylint: disable=g-import-not-at-top
  return sorted(_items_of(value),
                key=functools.cmp_to_key(lambda x, y: _compare(x[0], y[0])))


def _compare_dicts(left: dict[Any, Any], right: dict[Any, Any]) -> int:
  return _compare_sequences(_sorted_items(left), _sorted_items(right))


def _compare_symbolic(left: Any, right: Any) -> int:
  if type(left) is not type(right):
    left_name, right_name = _type_name(type(left)), _type_name(type(right))
    if left_name != right_name:
      return -1 if left_name < right_name else 1
    return _compare(id(type(left)), id(type(right)))
  return _compare_sequences(
      [v for _, v in left.sym_items()], [v for _, v in right.sym_items()])


def _compare_others(left: Any, right: Any) -> int:
  left_name, right_name = _type_name(type(left)), _type_name(type(right))
  if left_name != right_name:
    return -1 if left_name < right_name else 1
  try:
    if left < right:
      return -1
    if right < left:
      return 1
  except TypeError:
    pass
  return 0


def _type_name(cls: type) -> str:
  return f'{cls.__module__}.{cls.__qualname__}'


class _Absent:
  """Stands for the value of a key that exists on one side of a diff only."""

  __slots__ = ()

  def __repr__(self) -> str:
    return 'MISSING'


class Diff:
  """The differences between two values, as a tree.

  A leaf holds two values (`left`, `right`). A node whose two values were
  broken down (dicts, lists, symbolic objects of the same type) holds their
  per-key differences in `children`. A key present on one side only is
  paired with `Diff.MISSING`. A Diff is truthy when its two values differ.

  Example:
    >>> d = diff({'a': 1, 'b': [1, 2]}, {'a': 1, 'b': [1, 3]})
    >>> d.children['b'].children[1]
    Diff(left=2, right=3)
    >>> bool(diff([1], [1]))
    False
  """

  MISSING = _Absent()

  __slots__ = ('left', 'right', 'children')

  def __init__(self, left: Any = MISSING, right: Any = MISSING,
               children: dict[Any, 'Diff'] | None = None) -> None:
    self.left = left
    self.right = right
    self.children: dict[Any, Diff] = children or {}

  @property
  def is_leaf(self) -> bool:
    return not self.children

  @property
  def value(self) -> Any:
    """The common value of both sides.

    Raises:
      ValueError: the two sides differ.
    """
    if self:
      raise ValueError(
          f'The two sides differ (left={self.left!r}, right={self.right!r}); '
          'a Diff has a single value only when they are equal.')
    return self.left

  def __bool__(self) -> bool:
    return not eq(self.left, self.right)

  def flatten(self) -> dict[str, 'Diff']:
    """Returns the leaves as ``{key_path_str: Diff}`` (the root's path is '')."""
    result: dict[str, Diff] = {}
    self._flatten_into(KeyPath(), result)
    return result

  def _flatten_into(self, path: KeyPath, result: dict[str, 'Diff']) -> None:
    if self.is_leaf:
      result[str(path)] = self
      return
    for key, child in self.children.items():
      child._flatten_into(path.child(key), result)  # pylint: disable=protected-access

  def __eq__(self, other: Any) -> bool:
    if not isinstance(other, Diff):
      return NotImplemented
    return (eq(self.left, other.left) and eq(self.right, other.right)
            and eq(self.children, other.children))

  def __ne__(self, other: Any) -> bool:
    result = self.__eq__(other)
    return result if result is NotImplemented else not result

  def __hash__(self) -> int:
    return hash((Diff, self.left, self.right, self.children))

  def format(self, compact: bool = False, root_indent: int = 0) -> str:
    """A readable form: leaves as ``Diff(left=.., right=..)``, nodes by type.

    Args:
      compact: all on one line.
      root_indent: the indent level (of two spaces) of the first line.
    """
    if self.is_leaf:
      return f'Diff(left={self.left!r}, right={self.right!r})'
    left_type, right_type = type(self.left).__name__, type(self.right).__name__
    name = left_type if left_type == right_type else f'{left_type}|{right_type}'
    if compact:
      body = ', '.join(f'{_key_text(k)}={c.format(compact=True)}'
                       for k, c in self.children.items())
      return f'{name}({body})'
    inner = '  ' * (root_indent + 1)
    lines = [f'{inner}{_key_text(k)}={c.format(root_indent=root_indent + 1)}'
             for k, c in self.children.items()]
    body = ',\n'.join(lines)
    return f'{name}(\n{body}\n{"  " * root_indent})'

  def __str__(self) -> str:
    return self.format()

  def __repr__(self) -> str:
    return self.format(compact=True)


_DIFF_MODES = ('diff', 'same', 'both')


def diff(left: Any, right: Any, flatten: bool = False,
         collapse: Any = 'same_type',
         mode: str = 'diff') -> Diff | dict[str, Diff]:
  """The differences between two values, as a `Diff` tree.

  Dicts and lists are compared key by key; two symbolic objects are
  compared field by field when `collapse` allows it, otherwise they form one
  leaf.

  Args:
    left: the value on the left.
    right: the value on the right.
    flatten: return ``{key_path_str: leaf Diff}`` instead of a tree.
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
    >>> diff({'a': 1, 'b': 2}, {'a': 1, 'b': 3}, flatten=True)
    {'b': Diff(left=2, right=3)}
  """
  if mode not in _DIFF_MODES:
    raise ValueError(
        f'`mode` must be one of {_DIFF_MODES}; got {mode!r}.')
  should_collapse = _collapse_fn(collapse)
  result = _diff(left, right, should_collapse, mode)
  if flatten:
    return {} if result is None else result.flatten()
  return Diff(left, right) if result is None else result


def _collapse_fn(collapse: Any) -> Any:
  if collapse == 'same_type':
    return lambda x, y: type(x) is type(y)
  if isinstance(collapse, bool):
    return lambda x, y: collapse
  if callable(collapse):
    return collapse
  raise ValueError(
      "`collapse` must be 'same_type', a bool or a callable; got "
      f'{collapse!r}.')


def _diff(left: Any, right: Any, should_collapse: Any, mode: str) -> Diff | None:
  """The Diff of two values in `mode`, or None when there is nothing to show."""
  if eq(left, right):
    return None if mode == 'diff' else Diff(left, right)
  pairs = _paired_children(left, right, should_collapse)
  if pairs is None:
    return None if mode == 'same' else Diff(left, right)
  children = {}
  for key, left_child, right_child in pairs:
    child = _diff(left_child, right_child, should_collapse, mode)
    if child is not None:
      children[key] = child
  if not children and mode == 'same':
    return None
  return Diff(left, right, children)


def _paired_children(left: Any, right: Any,
                     should_collapse: Any) -> list[tuple[Any, Any, Any]] | None:
  """(key, left child, right child) over both values' keys; None for a leaf."""
  absent = Diff.MISSING
  if isinstance(left, list) and isinstance(right, list):
    left_values, right_values = list(_values_of(left)), list(_values_of(right))
    return [(i,
             left_values[i] if i < len(left_values) else absent,
             right_values[i] if i < len(right_values) else absent)
            for i in range(max(len(left_values), len(right_values)))]
  if isinstance(left, dict) and isinstance(right, dict):
    return _paired_items(dict(_items_of(left)), dict(_items_of(right)))
  if (isinstance(left, Symbolic) and isinstance(right, Symbolic)
      and not isinstance(left, list) and not isinstance(right, list)
      and should_collapse(left, right)):
    return _paired_items(dict(left.sym_items()), dict(right.sym_items()))
  return None


def _paired_items(left: dict[Any, Any],
                  right: dict[Any, Any]) -> list[tuple[Any, Any, Any]]:
  absent = Diff.MISSING
  pairs = [(k, v, right.get(k, absent)) for k, v in left.items()]
  pairs.extend((k, absent, v) for k, v in right.items() if k not in left)
  return pairs


def _key_text(key: Any) -> str:
  return f'[{key}]' if isinstance(key, int) else str(key)
