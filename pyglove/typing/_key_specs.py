"""Key specs: which keys a field covers (`ConstStrKey`, `StrKey`, `ListKey`, `TupleKey`).

A field of a fixed schema has a plain `str` key. The other keys are matched by
a `KeySpec`: `StrKey` (any string, or those matching a regex) for dicts with
open keys, and `ListKey` / `TupleKey` for the elements of lists and tuples.
"""
from __future__ import annotations

import re
from typing import Any

from pyglove.typing._json_key import TypingJSONConvertible
from pyglove.typing._json_key import json_key
from pyglove.utils import Formattable


class KeySpec(TypingJSONConvertible, Formattable):
  """Base of the key specs: which keys of a dict (or positions) a field covers.

  Schemas keep constant keys as plain strings; `ConstStrKey` is their key
  spec form, equal (and hashing equal) to the string.
  """

  # Constant keys name one key; the others match a set of keys.
  is_const = False

  def match(self, key: Any) -> bool:
    """Whether `key` is covered by this spec."""
    raise NotImplementedError

  def extend(self, base: 'KeySpec') -> 'KeySpec':
    """Checks that this key spec overrides `base` (they must be equal); returns self.

    Raises:
      KeyError: the two key specs differ.
    """
    if self != base:
      raise KeyError(f'{self} cannot extend {base}: the keys are different.')
    return self

  def format(self, compact: bool = False, verbose: bool = True,
             root_indent: int = 0, **kwargs: Any) -> str:
    """``StrKey(regex='a.*')``: a key spec always prints on one line."""
    del compact, verbose, root_indent, kwargs
    args = ', '.join(f'{k}={v!r}' for k, v in self._format_args().items())
    return f'{type(self).__name__}({args})'

  def _format_args(self) -> dict[str, Any]:
    return {k: v for k, v in self._args().items() if v is not None}

  def _args(self) -> dict[str, Any]:
    return {}

  def __eq__(self, other: Any) -> bool:
    return type(other) is type(self) and self._args() == other._args()

  def __ne__(self, other: Any) -> bool:
    return not self.__eq__(other)

  def __hash__(self) -> int:
    return hash((type(self), tuple(self._args().items())))

  def to_json(self, **kwargs: Any) -> dict[str, Any]:
    """The JSON form of the key spec."""
    return {'_type': json_key(type(self)), **self._args()}

  @classmethod
  def from_json(cls, json_value: dict[str, Any], **kwargs: Any) -> 'KeySpec':
    """Rebuilds a key spec from `to_json` output."""
    return cls(**{k: v for k, v in json_value.items() if k != '_type'})


class ConstStrKey(KeySpec):
  """One fixed string key (schemas store such keys as plain strings).

  Example:
    >>> k = ConstStrKey('x')
    >>> k == 'x', k.match('x'), k.match('y'), str(k)
    (True, True, False, 'x')
  """

  is_const = True

  def __init__(self, text: str):
    if not isinstance(text, str):
      raise TypeError(f'ConstStrKey: text must be a str; got {text!r}.')
    self._text = text

  @property
  def text(self) -> str:
    """The key."""
    return self._text

  def match(self, key: Any) -> bool:
    """Whether `key` is this key."""
    return key == self._text

  def format(self, *args: Any, **kwargs: Any) -> str:
    """The key itself."""
    del args, kwargs
    return self._text

  def _args(self) -> dict[str, Any]:
    return {'text': self._text}

  def __eq__(self, other: Any) -> bool:
    if isinstance(other, ConstStrKey):
      return self._text == other._text
    return isinstance(other, str) and self._text == other

  def __hash__(self) -> int:
    return hash(self._text)


class NonConstKey(KeySpec):
  """Base of the key specs matching several keys (`StrKey`, `ListKey`, `TupleKey`)."""


class StrKey(NonConstKey):
  """Matches string keys, all of them or those matching `regex` (`re.match`).

  Example:
    >>> StrKey('x.*').match('xy'), StrKey('x.*').match('y'), StrKey().match(1)
    (True, False, False)
  """

  def __init__(self, regex: str | None = None):
    self._regex = None if regex is None else re.compile(regex)

  @property
  def regex(self) -> re.Pattern[str] | None:
    """The compiled regex, or None to match every string."""
    return self._regex

  def match(self, key: Any) -> bool:
    """Whether `key` is covered by this spec."""
    if not isinstance(key, str):
      return False
    return self._regex is None or self._regex.match(key) is not None

  def _args(self) -> dict[str, Any]:
    return {'regex': None if self._regex is None else self._regex.pattern}


class ListKey(NonConstKey):
  """Matches list indices in ``[min_value, max_value)``.

  Example:
    >>> ListKey(max_value=2).match(1), ListKey(max_value=2).match(2)
    (True, False)
  """

  def __init__(self, min_value: int = 0, max_value: int | None = None):
    self._min_value = min_value
    self._max_value = max_value

  @property
  def min_value(self) -> int:
    """The smallest matched index."""
    return self._min_value

  @property
  def max_value(self) -> int | None:
    """The first index not matched, or None."""
    return self._max_value

  def match(self, key: Any) -> bool:
    """Whether `key` is covered by this spec."""
    return (isinstance(key, int) and not isinstance(key, bool)
            and key >= self._min_value
            and (self._max_value is None or key < self._max_value))

  def _args(self) -> dict[str, Any]:
    return {'min_value': self._min_value, 'max_value': self._max_value}

  def _format_args(self) -> dict[str, Any]:
    return self._args()


class TupleKey(NonConstKey):
  """Matches one tuple position, or every position when `index` is None.

  Example:
    >>> TupleKey(1).match(1), TupleKey(1).match(0), TupleKey().match(5)
    (True, False, True)
  """

  def __init__(self, index: int | None = None):
    self._index = index

  @property
  def index(self) -> int | None:
    """The matched position, or None for all."""
    return self._index

  def match(self, key: Any) -> bool:
    """Whether `key` is covered by this spec."""
    if not isinstance(key, int) or isinstance(key, bool):
      return False
    return self._index is None or key == self._index

  def _args(self) -> dict[str, Any]:
    return {'index': self._index}
