"""Counting and enumerating the DNA of a `Choices`, in order.

The order is that of the picks' indices, last pick fastest, each candidate's
own decisions enumerated within its pick; distinct and sorted picks skip the
index sequences they rule out.
"""
from __future__ import annotations

import math
from typing import Any

from pyglove.geno._dna import DNA
from pyglove.geno._dna import make_node


def space_size(choices: Any) -> int:
  """The number of distinct DNA of `choices` (-1 when a candidate is infinite)."""
  sizes = [c.space_size for c in choices.candidates]
  if any(s < 0 for s in sizes):
    return -1
  k = choices.num_choices
  if k == 1:
    return sum(sizes)
  if not choices.distinct and not choices.sorted:
    return sum(sizes) ** k
  # Weighted counts of index sequences: elementary symmetric polynomials for
  # distinct picks, complete homogeneous ones for non-decreasing picks.
  e = [1] + [0] * k
  for s in sizes:
    if choices.distinct:
      for j in range(k, 0, -1):
        e[j] += e[j - 1] * s
    else:
      for j in range(1, k + 1):
        e[j] += e[j - 1] * s
  if choices.sorted:
    return e[k]
  return e[k] * math.factorial(k)


def first_single(point: Any, index: int) -> DNA:
  """The first DNA of a single choice (or subchoice) picking candidate `index`."""
  return make_node(index, point.candidates[index]._first_children(), point)  # pylint: disable=protected-access


def next_single(point: Any, dna: DNA) -> DNA | None:
  """The DNA after `dna` for a single choice, or None after its last."""
  index = dna.value
  children = point.candidates[index]._next_children(dna.children)  # pylint: disable=protected-access
  if children is not None:
    return make_node(index, children, point)
  if index + 1 < len(point.candidates):
    return first_single(point, index + 1)
  return None


def _allowed(choices: Any, index: int, prefix: list[int]) -> bool:
  if choices.distinct and index in prefix:
    return False
  if choices.sorted and prefix:
    return index > prefix[-1] if choices.distinct else index >= prefix[-1]
  return True


def _fill(choices: Any, prefix: list[int], start: int) -> list[DNA] | None:
  """The smallest subs for positions `start`.. after the `prefix` indices."""
  indices = list(prefix)
  result = []
  n = len(choices.candidates)
  subs = choices.subchoices
  for pos in range(start, choices.num_choices):
    index = next((i for i in range(n) if _allowed(choices, i, indices)), None)
    if index is None:
      return None
    indices.append(index)
    result.append(first_single(subs[pos], index))
  return result


def first_subs(choices: Any) -> list[DNA]:
  """The first subs of a multi-choice."""
  subs = _fill(choices, [], 0)
  assert subs is not None  # A valid spec always has a first DNA.
  return subs


def next_subs(choices: Any, subs: list[DNA]) -> list[DNA] | None:
  """The subs after `subs`, or None after the last."""
  n = len(choices.candidates)
  points = choices.subchoices
  for pos in range(choices.num_choices - 1, -1, -1):
    prefix = [c.value for c in subs[:pos]]
    current = subs[pos]
    point = points[pos]
    children = point.candidates[current.value]._next_children(current.children)  # pylint: disable=protected-access
    if children is not None:
      rest = _fill(choices, prefix + [current.value], pos + 1)
      if rest is not None:
        node = make_node(current.value, children, point)
        return _cloned(subs[:pos]) + [node] + rest
    for index in range(current.value + 1, n):
      if not _allowed(choices, index, prefix):
        continue
      rest = _fill(choices, prefix + [index], pos + 1)
      if rest is not None:
        return _cloned(subs[:pos]) + [first_single(point, index)] + rest
  return None


def _cloned(nodes: list[DNA]) -> list[DNA]:
  # Nodes of the input DNA must keep their parent: the result gets copies.
  return [c.clone() for c in nodes]
