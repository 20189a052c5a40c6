"""A DNA spec seen as a fixed-width vector of dimensions, for the TPE.

Every trial becomes one row of floats, one column per *dimension*:

  - a single choice is a categorical dimension holding the candidate index;
  - a sorted, distinct multi-choice (a subset of k of n candidates) is n
    binary dimensions, "candidate i is in the subset", so subsets sharing
    members are close whatever positions the members sit at;
  - any other multi-choice (a permutation, a multiset, k free draws) is k
    categorical dimensions, one per position (sorted before decoding when the
    spec asks for it);
  - a float or an int is one numerical dimension in [0, 1] (log-scaled
    floats in log space, so kernels are symmetric where the search is);
  - a custom decision point has no dimension (the TPE draws it with its own
    `random_dna_fn`).

A dimension inside a choice's candidate is *conditional*: it is active only
when its parent dimension holds that candidate (for multi-choices: when any
position holds it, or when its subset bit is set). Inactive dimensions hold
NaN. Dimensions are numbered in preorder, so a parent always precedes its
children and activity is computed in one pass.
"""
from __future__ import annotations

import math
import random
from typing import Any

import numpy as np

from pyglove import geno
from pyglove.generators import _plan

CATEGORICAL, NUMERICAL = 0, 1


class Encoding:
  """The dimensions of a spec and the maps between its DNA and rows.

  Attributes:
    kinds: per dimension, CATEGORICAL or NUMERICAL.
    cat_dims, num_dims_index: the categorical and the numerical dimensions.
    sizes: per dimension, the number of categories (0 for numerical ones).
    int_spans: per dimension, max - min of an int (0 for the others); ints
      take the values k / span in the row.
    conditions: per dimension, None (always active) or (parent dimensions,
      value): active when any parent dimension is active and holds value.
    subtrees: the dimensions of each root-level decision and the decisions
      below it, for modelling them jointly.
    subsets: (dimensions, k) of each sorted distinct multi-choice.
    permutations: the position dimensions of each distinct unsorted one.
    multisets: the position dimensions of each sorted non-distinct one.
  """

  def __init__(self, spec: geno.DNASpec):
    self.plan = _plan.Plan(spec)
    self.kinds: list[int] = []
    self.sizes: list[int] = []
    self.int_spans: list[int] = []
    self.conditions: list[tuple[tuple[int, ...], int] | None] = []
    self.subsets: list[tuple[list[int], int]] = []
    self.permutations: list[list[int]] = []
    self.multisets: list[list[int]] = []
    self._dims: dict[int, Any] = {}
    # The dimensions of each element of the root space (a decision and its subtree).
    self.subtrees: list[list[int]] = []
    for element in self.plan.root.elements:
      first = len(self.kinds)
      self._point(element, None)
      if len(self.kinds) > first:
        self.subtrees.append(list(range(first, len(self.kinds))))
    self.num_dims = len(self.kinds)
    kinds = np.asarray(self.kinds, dtype=np.int64)
    self.sizes_array = np.asarray(self.sizes, dtype=np.float64)
    self.int_spans_array = np.asarray(self.int_spans, dtype=np.float64)
    # Categorical dimensions side by side in one-hot form: `cat_offsets[i]`
    # is where the categories of the i-th categorical dimension start.
    self.cat_dims = np.flatnonzero(kinds == CATEGORICAL)
    self.num_dims_index = np.flatnonzero(kinds == NUMERICAL)
    cat_sizes = self.sizes_array[self.cat_dims].astype(np.int64)
    self.cat_offsets = np.concatenate([[0], np.cumsum(cat_sizes)[:-1]]).astype(np.int64)
    self.num_categories = int(cat_sizes.sum())
    # The `_parzen.Layout` of each blocking, built on first use.
    self.layouts: dict[str, Any] = {}

  def _new_dim(self, kind: int, size: int, condition: Any, span: int = 0) -> int:
    self.kinds.append(kind)
    self.sizes.append(size)
    self.int_spans.append(span)
    self.conditions.append(condition)
    return len(self.kinds) - 1

  def _space(self, space: _plan.SpaceNode, condition: Any) -> None:
    for element in space.elements:
      self._point(element, condition)

  def _point(self, node: Any, condition: Any) -> None:
    kind = type(node)
    if kind is _plan.ChoiceNode:
      dim = self._new_dim(CATEGORICAL, len(node.candidates), condition)
      self._dims[id(node)] = dim
      for i, candidate in enumerate(node.candidates):
        self._space(candidate, ((dim,), i))
    elif kind is _plan.MultiNode:
      self._multi(node, condition)
    elif kind is _plan.FloatNode:
      self._dims[id(node)] = self._new_dim(NUMERICAL, 0, condition)
    elif kind is _plan.IntNode:
      span = node.max_value - node.min_value
      self._dims[id(node)] = self._new_dim(NUMERICAL, 0, condition, max(span, 1))

  def _multi(self, node: _plan.MultiNode, condition: Any) -> None:
    n, k = node.num_candidates, len(node.subs)
    # Candidate spaces are shared by the subchoices, so their dimensions are too.
    candidates = node.subs[0].candidates
    if node.distinct and node.sorted:
      bits = [self._new_dim(CATEGORICAL, 2, condition) for _ in range(n)]
      self._dims[id(node)] = ('subset', bits)
      self.subsets.append((bits, k))
      for i, candidate in enumerate(candidates):
        self._space(candidate, ((bits[i],), 1))
      return
    positions = [self._new_dim(CATEGORICAL, n, condition) for _ in range(k)]
    self._dims[id(node)] = ('positions', positions)
    if node.distinct:
      self.permutations.append(positions)
    elif node.sorted:
      self.multisets.append(positions)
    for i, candidate in enumerate(candidates):
      self._space(candidate, (tuple(positions), i))

  # ---- DNA -> row ----

  def encode(self, dna: geno.DNA) -> np.ndarray:
    """The row of a DNA of this spec (NaN for inactive dimensions)."""
    row = [math.nan] * self.num_dims
    root = self.plan.root
    self._encode_elements(root, _plan.space_children(root, dna), row)
    return np.asarray(row, dtype=np.float64)

  def _encode_elements(self, space: _plan.SpaceNode, children: list[geno.DNA],
                       row: list[float]) -> None:
    for element, child in zip(space.elements, children):
      self._encode_point(element, child, row)

  def _encode_point(self, node: Any, dna: geno.DNA, row: list[float]) -> None:
    kind = type(node)
    if kind is _plan.ChoiceNode:
      row[self._dims[id(node)]] = dna.value
      space = node.candidates[dna.value]
      self._encode_elements(space, _plan.candidate_children(space, dna.children), row)
    elif kind is _plan.MultiNode:
      style, dims = self._dims[id(node)]
      indices = [c.value for c in dna.children]
      if style == 'subset':
        for d in dims:
          row[d] = 0.0
        for i in indices:
          row[dims[i]] = 1.0
      else:
        for d, i in zip(dims, indices):
          row[d] = i
      seen = set()
      for sub, child in zip(node.subs, dna.children):
        # A candidate picked twice shares its dimensions: its first pick is kept.
        if child.value not in seen:
          seen.add(child.value)
          space = sub.candidates[child.value]
          self._encode_elements(
              space, _plan.candidate_children(space, child.children), row)
    elif kind is _plan.FloatNode or kind is _plan.IntNode:
      row[self._dims[id(node)]] = node.to_unit(dna.value)

  # ---- row -> DNA ----

  def decode(self, row: np.ndarray, rng: random.Random) -> geno.DNA:
    """The DNA of a row whose active dimensions are valid; `rng` draws custom points."""
    values = row.tolist()
    return _plan.space_dna(self._decode_elements(self.plan.root, values, rng))

  def _decode_elements(self, space: _plan.SpaceNode, values: list[float],
                       rng: random.Random) -> list[geno.DNA]:
    return [self._decode_point(e, values, rng) for e in space.elements]

  def _decode_point(self, node: Any, values: list[float], rng: random.Random) -> geno.DNA:
    kind = type(node)
    if kind is _plan.ChoiceNode:
      i = int(values[self._dims[id(node)]])
      return geno.DNA(i, self._decode_elements(node.candidates[i], values, rng))
    if kind is _plan.MultiNode:
      style, dims = self._dims[id(node)]
      if style == 'subset':
        indices = [i for i, d in enumerate(dims) if values[d] == 1.0]
      else:
        indices = [int(values[d]) for d in dims]
        if node.sorted:
          indices.sort()
      return geno.DNA(None, [
          geno.DNA(i, self._decode_elements(sub.candidates[i], values, rng))
          for sub, i in zip(node.subs, indices)])
    if kind is _plan.FloatNode or kind is _plan.IntNode:
      return geno.DNA(node.from_unit(values[self._dims[id(node)]]))
    return node.point.random_dna(rng, attach_spec=False)

  # ---- vectorized helpers over many rows ----

  def mask_inactive(self, rows: np.ndarray) -> None:
    """Sets the dimensions that their parents switch off to NaN, in place."""
    for d, condition in enumerate(self.conditions):
      if condition is None:
        continue
      parents, value = condition
      active = rows[:, parents[0]] == value
      for p in parents[1:]:
        active |= rows[:, p] == value
      rows[~active, d] = math.nan

  def repair(self, rows: np.ndarray, np_rng: np.random.Generator) -> None:
    """Makes multi-choice dimensions obey distinctness, subset size and order, in place."""
    for bits, k in self.subsets:
      # Keep k members: drawn members first, random order within each group.
      keys = np.nan_to_num(rows[:, bits]) + 0.5 * np_rng.random((len(rows), len(bits)))
      top = np.argsort(-keys, axis=1)[:, :k]
      chosen = np.zeros((len(rows), len(bits)))
      np.put_along_axis(chosen, top, 1.0, axis=1)
      rows[:, bits] = chosen
    for positions in self.permutations:
      # Position by position, a value already taken in its row moves to a random free one.
      n = self.sizes[positions[0]]
      taken = np.zeros((len(rows), n), dtype=bool)
      everywhere = np.arange(len(rows))
      for d in positions:
        values = rows[:, d].astype(np.int64)
        repeated = taken[everywhere, values]
        if repeated.any():
          keys = np.where(taken[repeated], -1.0, np_rng.random((int(repeated.sum()), n)))
          values[repeated] = np.argmax(keys, axis=1)
          rows[:, d] = values
        taken[everywhere, values] = True
    for positions in self.multisets:
      rows[:, positions] = np.sort(rows[:, positions], axis=1)

  def one_hot(self, cat_values: np.ndarray, scale: np.ndarray | None = None) -> np.ndarray:
    """Rows x categories: `scale[d]` (or 1) at each active categorical value, else 0.

    Args:
      cat_values: rows x categorical dimensions, NaN where inactive.
      scale: optional per categorical dimension factors.
    """
    out = np.zeros((len(cat_values), self.num_categories))
    rows, dims = np.nonzero(~np.isnan(cat_values))
    columns = self.cat_offsets[dims] + cat_values[rows, dims].astype(np.int64)
    out[rows, columns] = 1.0 if scale is None else scale[dims]
    return out
