"""`pg.Insertion` / `pg.insert`: a rebind value that inserts into a list instead of replacing."""
from __future__ import annotations

from typing import Any


class Insertion:
  """Marks a value to insert before a list index in `rebind`.

  Example:
    >>> pg.List([1, 3]).rebind({1: pg.insert(2)})
    [1, 2, 3]
  """

  __slots__ = ('value',)

  def __init__(self, value: Any):
    self.value = value

  def __repr__(self) -> str:
    return f'Insertion({self.value!r})'


def insert(value: Any) -> Insertion:
  """Returns `Insertion(value)` (the spelling used in the paper).

  Example:
    >>> pg.Dict(layers=[1, 3]).rebind({'layers[1]': pg.insert(2)})
    {layers=[0: 1, 1: 2, 2: 3]}
  """
  return Insertion(value)
