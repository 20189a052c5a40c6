"""`AttributeDict`: a dict whose keys read and write as attributes too.

Search algorithms keep free-form state in one (an evolution's global state:
``state.num_generations += 1``), while it stays a plain `dict` for JSON,
pickling and equality.
"""
from __future__ import annotations

from typing import Any, Callable

from pyglove.geno import _state_json


class MissingKeyError(KeyError, AttributeError):
  """A key missing from an `AttributeDict`, read as an attribute."""

  def __str__(self) -> str:
    return str(self.args[0]) if self.args else ''


@_state_json.register
class AttributeDict(dict):
  """A `dict` with attribute access to its keys.

  Keys named like a dict method (``items``, ``get``...) are reachable only by
  indexing. A missing key read as an attribute raises an error that is both
  an `AttributeError` (so `getattr(d, key, default)` and `hasattr` work as on
  any object) and a `KeyError` (as the reference raises).

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
      raise MissingKeyError(
          f'AttributeDict has no key {key!r}; its keys are: {known}.') from None

  def __setattr__(self, key: str, value: Any) -> None:
    self[key] = value

  def __delattr__(self, key: str) -> None:
    try:
      del self[key]
    except KeyError:
      raise AttributeError(f'AttributeDict has no key {key!r} to delete.') from None

  def to_state_json(self, encode: Callable[[Any], Any]) -> dict[str, Any]:
    """Its form in generator state: the items, each through `encode`."""
    return {'items': [[encode(k), encode(v)] for k, v in self.items()]}

  @classmethod
  def from_state_json(cls, data: Any, decode: Callable[[Any], Any]) -> 'AttributeDict':
    """Rebuilds what `to_state_json` wrote.

    Raises:
      ValueError: `data` is not such a form.
    """
    items = data.get('items') if isinstance(data, dict) else None
    if not isinstance(items, list) or not all(
        isinstance(item, list) and len(item) == 2 for item in items):
      raise ValueError(
          f'Malformed generator state: an AttributeDict needs a list of '
          f'[key, value] items; got {data!r}.')
    return cls((decode(k), decode(v)) for k, v in items)


def userdata_of(owner: Any) -> AttributeDict:
  """The `userdata` of a DNA or DNA spec: made empty, in its `__dict__`, on first use."""
  d = owner.__dict__
  data = d.get('_userdata')
  if data is None:
    data = d['_userdata'] = AttributeDict()
  return data
