"""`KeyPath`: the location of a value in a tree of dicts, lists and objects.

A key path is an immutable sequence of keys. Integer keys are list indices and
print as ``[i]``; string keys print as ``.name``, or as ``[name]`` when the name
would not parse back (it contains ``.``, ``[`` or ``]``, is empty, or starts
with ``=`` as conditional decision ids such as ``a[=1/3].q`` do).
"""
from __future__ import annotations

import functools
from typing import Any, Iterable, Sequence

from pyglove.utils._missing import MISSING_VALUE

_BRACKETED_CHARS = frozenset('.[]\\')

# Parsed paths by their text. Rebinding by path strings parses the same few
# paths again and again; KeyPath is immutable, so the cached object is shared.
_PARSED: dict[str, 'KeyPath'] = {}
_MAX_PARSED = 4096


class StrKey:
  """Base of custom key objects that print as names in key paths (``a.<str(key)>``).

  Example:
    >>> class Slot(StrKey):
    ...   def __init__(self, name):
    ...     self.name = name
    ...   def __str__(self):
    ...     return f'__{self.name}__'
    >>> str(KeyPath(['a', Slot('b')]))
    'a.__b__'
  """


def _format_key(key: Any, first: bool) -> str:
  if isinstance(key, int) and not isinstance(key, bool):
    return f'[{key}]'
  text = str(key)
  if isinstance(key, StrKey):
    return text if first else '.' + text
  if text.isidentifier():  # The common case: a field name needs no brackets.
    return text if first else '.' + text
  escaped = text.replace('\\', '\\\\').replace(']', '\\]')
  if _looks_like_int(text) or text.startswith('"'):
    return f'["{escaped}"]'
  if not text or text[0] == '=' or _needs_brackets(text):
    return f'[{escaped}]'
  return text if first else '.' + text


def _needs_brackets(text: str) -> bool:
  return any(c in _BRACKETED_CHARS for c in text)


def _looks_like_int(text: str) -> bool:
  try:
    int(text)
  except ValueError:
    return False
  return True


@functools.total_ordering
class KeyPath:
  """An immutable path of keys from a root to a value.

  Example:
    >>> p = KeyPath.parse('model.layers[2].filters')
    >>> p.keys
    ['model', 'layers', 2, 'filters']
    >>> str(p.parent), p.key, p.depth
    ('model.layers[2]', 'filters', 4)
    >>> p == 'model.layers[2].filters'
    True
    >>> KeyPath.parse('a[=1/3].q').keys
    ['a', '=1/3', 'q']
  """

  __slots__ = ('_keys', '_str')

  def __init__(self, key_or_key_list: Any = None,
               parent: 'KeyPath | None' = None):
    if key_or_key_list is None:
      keys: list[Any] = []
    elif isinstance(key_or_key_list, KeyPath):
      keys = list(key_or_key_list._keys)
    elif isinstance(key_or_key_list, (list, tuple)):
      keys = list(key_or_key_list)
    else:
      keys = [key_or_key_list]
    if parent is not None:
      keys = parent._keys + keys
    self._keys = keys
    self._str: str | None = None

  @classmethod
  def from_value(cls, value: 'KeyPath | str | int | None') -> 'KeyPath':
    """Returns `value` as a KeyPath: a KeyPath as is, a string parsed, an int as one index."""
    if isinstance(value, KeyPath):
      return value
    if value is None:
      return cls()
    if isinstance(value, str):
      return cls.parse(value)
    if isinstance(value, int):
      return cls(value)
    raise TypeError(
        f'A key path must be a KeyPath, a str or an int; got {value!r} '
        f'of type {type(value).__name__}.')

  @classmethod
  def parse(cls, path_str: str, parent: 'KeyPath | None' = None) -> 'KeyPath':
    """Parses the string form of a key path (the inverse of `str`).

    Args:
      path_str: the text, e.g. ``a.b[0]``.
      parent: a path the parsed one is relative to (prepended).

    Raises:
      ValueError: `path_str` is malformed (an unclosed bracket, an empty
        name).

    Example:
      >>> KeyPath.parse('b[0]', parent=KeyPath('a'))
      a.b[0]
    """
    if not isinstance(path_str, str):
      raise TypeError(f'KeyPath.parse expects a str; got {path_str!r}.')
    result = _PARSED.get(path_str)
    if result is None:
      result = cls(_parse_keys(path_str))
      if len(_PARSED) >= _MAX_PARSED:
        _PARSED.clear()
      _PARSED[path_str] = result
    if parent is not None and parent._keys:
      return KeyPath(result._keys, parent=parent)
    return result

  @property
  def keys(self) -> list[Any]:
    """The keys from the root, as a new list."""
    return list(self._keys)

  @property
  def key(self) -> Any:
    """The last key.

    Raises:
      KeyError: the path is the root, which has no key.
    """
    if not self._keys:
      raise KeyError('The root key path has no key.')
    return self._keys[-1]

  @property
  def parent(self) -> 'KeyPath':
    """The path without its last key.

    Raises:
      KeyError: the path is the root, which has no parent.
    """
    if not self._keys:
      raise KeyError('The root key path has no parent.')
    return KeyPath(self._keys[:-1])

  @property
  def depth(self) -> int:
    return len(self._keys)

  @property
  def is_root(self) -> bool:
    return not self._keys

  @property
  def path(self) -> str:
    """The string form, e.g. ``a.b[0]``."""
    return str(self)

  def path_str(self, preserve_complex_keys: bool = True) -> str:
    """The string form; with `preserve_complex_keys=False`, keys are never bracketed.

    Example:
      >>> p = KeyPath(['a', 'x.y', 1])
      >>> p.path_str(), p.path_str(preserve_complex_keys=False)
      ('a[x.y][1]', 'a.x.y[1]')
    """
    if preserve_complex_keys:
      return str(self)
    return ''.join(
        f'[{k}]' if isinstance(k, int) and not isinstance(k, bool)
        else (str(k) if i == 0 else f'.{k}')
        for i, k in enumerate(self._keys))

  def format(self, *args: Any, **kwargs: Any) -> str:
    """The string form (formatting options do not apply to a path)."""
    del args, kwargs
    return str(self)

  def child(self, key: Any) -> 'KeyPath':
    """Returns this path extended by one key (cheap: no parsing)."""
    result = KeyPath.__new__(KeyPath)
    result._keys = self._keys + [key]
    parent_text = self._str
    result._str = (None if parent_text is None
                   else parent_text + _format_key(key, not self._keys))
    return result

  def __add__(self, other: Any) -> 'KeyPath':
    if isinstance(other, KeyPath):
      return KeyPath(self._keys + other._keys)
    if isinstance(other, str):
      return KeyPath(self._keys + KeyPath.parse(other)._keys)
    if not isinstance(other, int):
      from pyglove.utils._key_path_set import KeyPathSet  # pylint: disable=g-import-not-at-top
      if isinstance(other, KeyPathSet):
        return NotImplemented  # KeyPathSet.__radd__: the set under this path.
    return self.child(other)

  def __radd__(self, other: Any) -> 'KeyPath':
    return KeyPath.from_value(other) + self

  def __sub__(self, other: Any) -> 'KeyPath':
    """The path of this one relative to `other`, its ancestor (None: itself).

    Example:
      >>> KeyPath.parse('a.b.c') - 'a'
      b.c

    Raises:
      TypeError: `other` is not a KeyPath, a str, an int or None.
      ValueError: `other` is not this path or one of its ancestors.
    """
    if other is None:
      return self
    if isinstance(other, (str, int)) and not isinstance(other, bool):
      other = KeyPath.from_value(other)
    if not isinstance(other, KeyPath):
      raise TypeError(
          f'Cannot subtract {other!r} ({type(other).__name__}) from key path '
          f'{self}: expected a KeyPath, a str or an int.')
    n = len(other._keys)
    if self._keys[:n] != other._keys:
      raise ValueError(
          f'Cannot subtract key path {other} from {self}: it is not an '
          f'ancestor of it.')
    return KeyPath(self._keys[n:])

  def is_relative_to(self, other: 'KeyPath | str') -> bool:
    """Whether this path starts with `other` (every path is relative to the root)."""
    other = KeyPath.from_value(other)
    return self._keys[: len(other._keys)] == other._keys

  def query(self, src: Any, use_inferred: bool = False) -> Any:
    """Returns the value at this path inside `src`.

    Works on symbolic values (through `sym_getattr`), dicts, lists and objects
    with attributes. `use_inferred` is accepted for compatibility: values
    here are never inferred from elsewhere, so it changes nothing.

    Raises:
      KeyError: a key along the path does not exist; the message names the
        path walked so far.
    """
    del use_inferred
    current = src
    for depth, key in enumerate(self._keys):
      found = _get_child(current, key)
      if found is MISSING_VALUE:
        walked = KeyPath(self._keys[:depth])
        raise KeyError(
            f'Cannot find key {key!r} under {type(current).__name__} '
            f'at path {str(walked)!r} while querying {str(self)!r}.')
      current = found
    return current

  def exists(self, src: Any) -> bool:
    """Whether `query(src)` would succeed."""
    current = src
    for key in self._keys:
      current = _get_child(current, key)
      if current is MISSING_VALUE:
        return False
    return True

  def get(self, src: Any, default_value: Any = None,
          use_inferred: bool = False) -> Any:
    """Like `query`, returning `default_value` where the path does not exist."""
    del use_inferred
    return self.query(src) if self.exists(src) else default_value

  def __str__(self) -> str:
    if self._str is None:
      self._str = ''.join(
          _format_key(k, i == 0) for i, k in enumerate(self._keys))
    return self._str

  def __repr__(self) -> str:
    return str(self)

  def __len__(self) -> int:
    return len(self._keys)

  def __bool__(self) -> bool:
    return bool(self._keys)

  def __iter__(self):
    return iter(self._keys)

  def __getitem__(self, index: Any) -> Any:
    if isinstance(index, slice):
      return KeyPath(self._keys[index])
    return self._keys[index]

  def __eq__(self, other: Any) -> bool:
    if isinstance(other, KeyPath):
      return self._keys == other._keys
    if isinstance(other, str):
      return str(self) == other
    return NotImplemented

  def __ne__(self, other: Any) -> bool:
    result = self.__eq__(other)
    return result if result is NotImplemented else not result

  def __hash__(self) -> int:
    return hash(str(self))

  def __lt__(self, other: Any) -> bool:
    if isinstance(other, str):
      other = KeyPath.parse(other)
    if not isinstance(other, KeyPath):
      return NotImplemented
    return _sort_keys(self._keys) < _sort_keys(other._keys)

  def __copy__(self) -> 'KeyPath':
    return self

  def __deepcopy__(self, memo: dict[int, Any]) -> 'KeyPath':
    return self

  def __reduce__(self) -> tuple[Any, ...]:
    return (KeyPath, (self._keys,))


def _parse_keys(path: str) -> list[Any]:
  """The keys of a key path string; ValueError names what is malformed."""
  keys: list[Any] = []
  i, n = 0, len(path)
  while i < n:
    c = path[i]
    if c == '[':
      i, key = _parse_bracket(path, i)
      keys.append(key)
    elif c == '.':
      # As in the reference, empty names between dots (and a trailing dot)
      # are skipped: 'a..b.' is 'a.b'.
      i += 1
      start = i
      while i < n and path[i] not in '.[':
        i += 1
      if start < i:
        keys.append(path[start:i])
    elif c == ']':
      raise ValueError(f'Unmatched "]" in key path {path!r} at position {i}.')
    else:
      if keys:
        raise ValueError(
            f'Expected "." or "[" in key path {path!r} at position {i}.')
      start = i
      while i < n and path[i] not in '.[]':
        i += 1
      keys.append(path[start:i])
  return keys


def _sort_keys(keys: Sequence[Any]) -> list[tuple[int, Any]]:
  # Integers sort before strings; anything else by its text.
  result = []
  for k in keys:
    if isinstance(k, int) and not isinstance(k, bool):
      result.append((0, k, ''))
    else:
      result.append((1, 0, str(k)))
  return result


def _parse_bracket(path: str, start: int) -> tuple[int, Any]:
  """Parses ``[...]`` at `start`; returns the position after it and the key."""
  i = start + 1
  n = len(path)
  quoted = i < n and path[i] == '"'
  if quoted:
    i += 1
  chars: list[str] = []
  while i < n:
    c = path[i]
    if c == '\\' and i + 1 < n:
      chars.append(path[i + 1])
      i += 2
      continue
    if c == ']':
      break
    chars.append(c)
    i += 1
  else:
    raise ValueError(f'Unclosed "[" in key path {path!r} at position {start}.')
  text = ''.join(chars)
  if quoted:
    if not text.endswith('"'):
      raise ValueError(f'Unclosed quote in key path {path!r} at position {start}.')
    return i + 1, text[:-1]
  if _looks_like_int(text):
    return i + 1, int(text)
  return i + 1, text


def _get_child(value: Any, key: Any) -> Any:
  """Returns the child of `value` under `key`, or MISSING_VALUE."""
  sym_getattr = getattr(value, 'sym_getattr', None)
  if sym_getattr is not None and not isinstance(value, type):
    try:
      return sym_getattr(key)
    except (KeyError, IndexError, AttributeError, TypeError):
      return MISSING_VALUE
  if isinstance(value, dict):
    return value.get(key, MISSING_VALUE)
  if isinstance(value, (list, tuple)):
    if isinstance(key, int) and -len(value) <= key < len(value):
      return value[key]
    return MISSING_VALUE
  if isinstance(key, str):
    return getattr(value, key, MISSING_VALUE)
  return MISSING_VALUE


def join_keys(keys: Iterable[Any]) -> str:
  """Formats `keys` as a key path string without building a KeyPath."""
  return ''.join(_format_key(k, i == 0) for i, k in enumerate(keys))
