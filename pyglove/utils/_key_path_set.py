"""`KeyPathSet`: a set of key paths stored as a trie (prefix queries, subtrees).

Each node of the trie is a dict from a key to the node below it; the marker
key ``'$'`` says that the path ending at that node is in the set. Keys keep
the order in which they were first added, which is the order of iteration.
"""
from __future__ import annotations

import copy
from typing import Any, Iterable, Iterator

from pyglove.utils._formatting import Formattable
from pyglove.utils._key_path import KeyPath

_END = '$'


class KeyPathSet(Formattable):
  """A set of `KeyPath`s, with prefix queries, subtrees and set algebra.

  Paths may be given as `KeyPath`s, strings (``'a.b[0]'``) or ints.

  Args:
    paths: the initial paths.
    include_intermediate: also add every prefix of each path (the root too).

  Example:
    >>> s = KeyPathSet(['a.b', 'a.c[0]'])
    >>> 'a.b' in s, 'a' in s, s.has_prefix('a')
    (True, False, True)
    >>> s.subtree('a')
    KeyPathSet([b, c[0]])
  """

  def __init__(self, paths: Iterable[Any] | None = None,
               include_intermediate: bool = False):
    self._trie: dict[Any, Any] = {}
    for path in paths or ():
      self.add(path, include_intermediate)

  # ---- Single paths ----------------------------------------------------------

  def add(self, path: Any, include_intermediate: bool = False) -> bool:
    """Adds `path` (and its prefixes with `include_intermediate`); whether it was new."""
    node = self._trie
    for key in KeyPath.from_value(path).keys:
      if include_intermediate:
        node[_END] = True
      node = node.setdefault(key, {})
    if _END in node:
      return False
    node[_END] = True
    return True

  def remove(self, path: Any) -> bool:
    """Removes `path` (longer paths under it stay); whether it was there."""
    nodes = [self._trie]
    keys = KeyPath.from_value(path).keys
    for key in keys:
      node = nodes[-1].get(key)
      if node is None:
        return False
      nodes.append(node)
    if not nodes[-1].pop(_END, False):
      return False
    # Drop the nodes left without paths, from the bottom up.
    for key, parent, node in zip(reversed(keys), reversed(nodes[:-1]),
                                 reversed(nodes[1:])):
      if node:
        break
      del parent[key]
    return True

  def __contains__(self, path: Any) -> bool:
    node = self._node(path)
    return node is not None and _END in node

  def has_prefix(self, root_path: Any) -> bool:
    """Whether some path of the set starts with `root_path`."""
    return self._node(root_path) is not None

  def _node(self, path: Any) -> dict[Any, Any] | None:
    node = self._trie
    for key in KeyPath.from_value(path).keys:
      node = node.get(key)
      if node is None:
        return None
    return node

  # ---- The whole set ---------------------------------------------------------

  def __bool__(self) -> bool:
    return bool(self._trie)

  def __iter__(self) -> Iterator[KeyPath]:
    """Depth first, keys in insertion order; a path where its marker was added."""
    return _walk(self._trie, [])

  def __eq__(self, other: Any) -> bool:
    return isinstance(other, KeyPathSet) and self._trie == other._trie

  def __ne__(self, other: Any) -> bool:
    return not self.__eq__(other)

  __hash__ = None  # type: ignore[assignment]  # Mutable.

  def subtree(self, root_path: Any) -> 'KeyPathSet':
    """The paths under `root_path`, relative to it (a view sharing this set's trie).

    Returns this set itself for the root path, an empty set when no path
    starts with `root_path`.
    """
    path = KeyPath.from_value(root_path)
    if not path:
      return self
    node = self._node(path)
    result = KeyPathSet()
    if node is not None:
      result._trie = node  # pylint: disable=protected-access
    return result

  def rebase(self, prefix: Any) -> None:
    """Puts every path under `prefix` (in place)."""
    trie = self._trie
    for key in reversed(KeyPath.from_value(prefix).keys):
      trie = {key: trie}
    self._trie = trie

  def clear(self) -> None:
    self._trie = {}

  def copy(self) -> 'KeyPathSet':
    result = KeyPathSet()
    result._trie = copy.deepcopy(self._trie)  # pylint: disable=protected-access
    return result

  # ---- Set algebra -------------------------------------------------------------

  def update(self, other: 'KeyPathSet') -> None:
    """Adds the paths of `other`."""
    _merge(self._trie, other._trie)  # pylint: disable=protected-access

  def union(self, other: 'KeyPathSet') -> 'KeyPathSet':
    result = self.copy()
    result.update(other)
    return result

  def __add__(self, other: 'KeyPathSet') -> 'KeyPathSet':
    return self.union(other)

  def __radd__(self, other: Any) -> 'KeyPathSet':
    """``KeyPath + KeyPathSet``: this set under that path."""
    result = self.copy()
    result.rebase(other)
    return result

  def difference_update(self, other: 'KeyPathSet') -> None:
    """Removes the paths of `other`."""
    _subtract(self._trie, other._trie)  # pylint: disable=protected-access

  def difference(self, other: 'KeyPathSet') -> 'KeyPathSet':
    result = self.copy()
    result.difference_update(other)
    return result

  def intersection_update(self, other: 'KeyPathSet') -> None:
    """Keeps only the paths also in `other`."""
    _intersect(self._trie, other._trie)  # pylint: disable=protected-access

  def intersection(self, other: 'KeyPathSet') -> 'KeyPathSet':
    result = self.copy()
    result.intersection_update(other)
    return result

  # ---- Conversion and text -----------------------------------------------------

  @classmethod
  def from_value(cls, value: Any,
                 include_intermediate: bool = False) -> 'KeyPathSet':
    """`value` itself if a KeyPathSet, else a set of the paths it lists.

    Raises:
      ValueError: `value` is neither a KeyPathSet nor a list, tuple or set.
    """
    if isinstance(value, KeyPathSet):
      return value
    if isinstance(value, (list, tuple, set, frozenset)):
      return cls(value, include_intermediate)
    raise ValueError(
        f'Cannot convert {value!r} to KeyPathSet: expected a KeyPathSet or '
        'a list, tuple or set of key paths.')

  def format(self, compact: bool = True, verbose: bool = True,
             root_indent: int = 0, **kwargs: Any) -> str:
    paths = ', '.join(str(p) for p in self)
    if compact:
      return f'KeyPathSet([{paths}])'
    indent = '  ' * (root_indent + 1)
    return f'KeyPathSet(\n{indent}[{paths}]\n{"  " * root_indent})'


def _merge(target: dict[Any, Any], source: dict[Any, Any]) -> None:
  for key, child in source.items():
    if key == _END:
      target[_END] = True
    else:
      _merge(target.setdefault(key, {}), child)


def _subtract(target: dict[Any, Any], source: dict[Any, Any]) -> None:
  for key, child in source.items():
    if key == _END:
      target.pop(_END, None)
    elif key in target:
      _subtract(target[key], child)
      if not target[key]:
        del target[key]


def _intersect(target: dict[Any, Any], source: dict[Any, Any]) -> None:
  for key in list(target):
    if key not in source:
      del target[key]
    elif key != _END:
      _intersect(target[key], source[key])
      if not target[key]:
        del target[key]


def _walk(node: dict[Any, Any], keys: list[Any]) -> Iterator[KeyPath]:
  for key, child in node.items():
    if key == _END:
      yield KeyPath(keys)
    else:
      yield from _walk(child, keys + [key])
