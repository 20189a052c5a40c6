"""`AttributeDict`: a dict whose keys read and write as attributes too.

Search algorithms keep free-form state in one (an evolution's global state:
``state.num_generations += 1``), while it stays a plain `dict` for JSON,
pickling and equality.
"""
from __future__ import annotations

from typing import Any


class AttributeDict(dict):
  """A `dict` with attribute access to its keys.

  Keys named like a dict method (``items``, ``get``...) are reachable only by
  indexing. A missing key read as an attribute raises `AttributeError`, so
  `getattr(d, key, default)` and `hasattr` work as on any object.

  Example:
    >>> state = AttributeDict(num_generations=0)
    >>> state.num_generations += 1
    >>> state
    {'num_generations': 1}
    >>> state.species = []
    >>> sorted(state)
    ['num_generations', 'species']
  """

  __slots__ = ()

  def __getattr__(self, key: str) -> Any:
    try:
      return self[key]
    except KeyError:
      known = ', '.join(repr(k) for k in self) or 'none'
      raise AttributeError(
          f'AttributeDict has no key {key!r}; its keys are: {known}.') from None

  def __setattr__(self, key: str, value: Any) -> None:
    self[key] = value

  def __delattr__(self, key: str) -> None:
    try:
      del self[key]
    except KeyError:
      raise AttributeError(f'AttributeDict has no key {key!r} to delete.') from None
