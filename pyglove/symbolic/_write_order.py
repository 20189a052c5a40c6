"""The order of a rebind's writes into one list, so that its indices mean what they meant before.

``pg.List([1, 2, 3]).rebind({0: MISSING_VALUE, 1: MISSING_VALUE})`` deletes
the items that were at 0 and 1 (leaving ``[3]``), as the reference does:
every index of one rebind refers to the list before the rebind. Writes in
place come first, then deletions and insertions from the highest index
down (a deletion before an insertion at the same index), then appends in
ascending order; writes to other nodes keep their order.
"""
from __future__ import annotations

from typing import Any

from pyglove.symbolic._insertion import Insertion
from pyglove.utils import MISSING_VALUE


def order_writes(plan: list[Any]) -> list[Any]:
  """Reorders the prepared writes (node, key, value, ...) of one batch (see the module doc)."""
  by_list: dict[int, list[int]] = {}
  for i, entry in enumerate(plan):
    if isinstance(entry[0], list):
      by_list.setdefault(id(entry[0]), []).append(i)
  if all(len(positions) < 2 for positions in by_list.values()):
    return plan  # No list gets two writes: nothing to reorder.
  result = list(plan)
  for positions in by_list.values():
    if len(positions) < 2:
      continue
    size = len(plan[positions[0]][0])
    ordered = sorted((plan[i] for i in positions),
                     key=lambda entry: _rank(entry[1], entry[2], size))
    for i, entry in zip(positions, ordered):
      result[i] = entry
  return result


def _rank(key: int, value: Any, size: int) -> tuple[int, int, int]:
  index = key + size if key < 0 else key
  shifts = value is MISSING_VALUE or isinstance(value, Insertion)
  if index >= size:
    return 2, index, 0  # An append (or an insertion at the end).
  if shifts:
    return 1, -index, 0 if value is MISSING_VALUE else 1
  return 0, index, 0
