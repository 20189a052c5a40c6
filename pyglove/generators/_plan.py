"""A DNA spec compiled once into a light tree that search algorithms walk fast.

`geno` specs are rich objects (ids, names, hints, JSON). Mutators and the PPO
policy touch every decision of every proposal, so they walk this compiled form
instead: plain slotted nodes that know only shape, ranges and a dense index per
decision point. It also owns the DNA shape rules (how a Space's elements and a
choice's sub-space map to DNA children), so they are written once.
"""
from __future__ import annotations

import math
import random
from typing import Any

from pyglove import geno
from pyglove.geno import _dna
from pyglove.geno import _state_json


class SpaceNode:
  """A `geno.Space`: its elements, in order.

  `lone_multi` tells that its only element is a multi-choice, whose
  subchoices are then the children of the choice node picking this space.
  """
  __slots__ = ('elements', 'lone_multi')

  def __init__(self, elements: tuple[Any, ...]):
    self.elements = elements
    self.lone_multi = len(elements) == 1 and type(elements[0]) is MultiNode


class ChoiceNode:
  """One categorical decision: a single choice, or one subchoice of a multi-choice."""
  __slots__ = ('point', 'index', 'candidates')

  def __init__(self, point: Any, index: int, candidates: tuple[SpaceNode, ...]):
    self.point = point
    self.index = index
    self.candidates = candidates


class MultiNode:
  """A multi-choice (num_choices > 1): k subchoices over shared candidates."""
  __slots__ = ('point', 'subs', 'distinct', 'sorted', 'num_candidates')

  def __init__(self, point: Any, subs: tuple[ChoiceNode, ...]):
    self.point = point
    self.subs = subs
    self.distinct = point.distinct
    self.sorted = point.sorted
    self.num_candidates = len(point.candidates)


class FloatNode:
  """A float decision; `lo`/`hi` are in the sampling scale (log for log scales)."""
  __slots__ = ('point', 'index', 'min_value', 'max_value', 'scale', 'lo', 'hi')

  def __init__(self, point: Any, index: int):
    self.point = point
    self.index = index
    self.min_value = point.min_value
    self.max_value = point.max_value
    self.scale = point.scale
    if self.scale in ('log', 'rlog'):
      # 'rlog' mirrors 'log' around the range's middle: mass gathers near max.
      self.lo, self.hi = math.log(self.min_value), math.log(self.max_value)
    else:
      self.lo, self.hi = self.min_value, self.max_value

  def from_unit(self, u: float) -> float:
    """Maps u in [0, 1] to a value in [min_value, max_value] under the scale."""
    x = self.lo + (self.hi - self.lo) * u
    if self.scale == 'log':
      value = math.exp(x)
    elif self.scale == 'rlog':
      value = self.max_value + self.min_value - math.exp(x)
    else:
      value = x
    return min(max(value, self.min_value), self.max_value)

  def to_unit(self, value: float) -> float:
    """Maps a value in range back to [0, 1] under the scale (inverse of `from_unit`)."""
    if self.hi == self.lo:
      return 0.5
    if self.scale == 'log':
      x = math.log(value)
    elif self.scale == 'rlog':
      x = math.log(max(self.max_value + self.min_value - value, self.min_value))
    else:
      x = value
    return min(max((x - self.lo) / (self.hi - self.lo), 0.0), 1.0)


class IntNode:
  """An integer-range decision."""
  __slots__ = ('point', 'index', 'min_value', 'max_value')

  def __init__(self, point: Any, index: int):
    self.point = point
    self.index = index
    self.min_value = point.min_value
    self.max_value = point.max_value

  def from_unit(self, u: float) -> int:
    """Maps u in [0, 1] to the nearest integer of the range."""
    span = self.max_value - self.min_value
    return self.min_value + min(max(int(round(u * span)), 0), span)

  def to_unit(self, value: int) -> float:
    """Maps an integer of the range to [0, 1]."""
    span = self.max_value - self.min_value
    return 0.5 if span == 0 else (value - self.min_value) / span


class CustomNode:
  """A custom decision point: sampled only through its own `random_dna_fn`."""
  __slots__ = ('point',)

  def __init__(self, point: Any):
    self.point = point


@_state_json.register
class Plan:
  """A compiled DNA spec: the root node plus dense lists of its decision points.

  Attributes:
    root: the compiled root `SpaceNode`.
    choices: every `ChoiceNode` (single choices and subchoices) in preorder;
      `node.index` is its position here.
    numericals: every `FloatNode`/`IntNode` in preorder, indexed likewise.
  """

  def __init__(self, spec: Any):
    self.spec = spec
    self.choices: list[ChoiceNode] = []
    self.numericals: list[FloatNode | IntNode] = []
    self.root = self._space(spec)

  def to_state_json(self, encode: Any) -> dict[str, Any]:
    """Its JSON form in generator state: the spec alone (the rest derives from it)."""
    return {'spec': encode(self.spec)}

  @classmethod
  def from_state_json(cls, data: Any, decode: Any) -> Plan:
    """Recompiles the plan of the spec `to_state_json` wrote.

    Raises:
      ValueError: `data` holds no DNA spec.
    """
    spec = decode(data.get('spec')) if isinstance(data, dict) else None
    if not isinstance(spec, geno.DNASpec):
      raise ValueError(
          f'Malformed generator state: a Plan needs a DNA spec; got {data!r}.')
    return cls(spec)

  def _space(self, space: Any) -> SpaceNode:
    return SpaceNode(tuple(self._point(e) for e in space.elements))

  def _point(self, point: Any) -> Any:
    if isinstance(point, geno.Choices):
      if point.num_choices == 1:
        return self._choice(point, None)
      # The subchoices share one compiled copy of the candidates (those of the
      # first subchoice): what an algorithm learns about a candidate's
      # decisions holds whichever pick chose it.
      subs = point.subchoices
      candidates = self._candidates(subs[0])
      return MultiNode(point, tuple(self._choice(s, candidates) for s in subs))
    if isinstance(point, geno.Float):
      node = FloatNode(point, len(self.numericals))
      self.numericals.append(node)
      return node
    if isinstance(point, geno.Int):
      node = IntNode(point, len(self.numericals))
      self.numericals.append(node)
      return node
    return CustomNode(point)

  def _choice(self, point: Any, candidates: tuple[SpaceNode, ...] | None) -> ChoiceNode:
    node = ChoiceNode(point, len(self.choices), ())
    self.choices.append(node)
    node.candidates = self._candidates(point) if candidates is None else candidates
    return node

  def _candidates(self, point: Any) -> tuple[SpaceNode, ...]:
    return tuple(self._space(c) for c in point.candidates)


def space_dna(children: list[geno.DNA]) -> geno.DNA:
  """Shapes the DNA of a Space from the DNA of its elements."""
  if len(children) == 1:
    return children[0]
  return geno.DNA(None, children)


def space_children(space: SpaceNode, dna: geno.DNA) -> list[geno.DNA]:
  """Splits the DNA of a Space into the DNA of its elements."""
  n = len(space.elements)
  if n == 0:
    return []
  if n == 1:
    return [dna]
  return dna.children


def candidate_children(space: SpaceNode, children: list[geno.DNA]) -> list[geno.DNA]:
  """The DNA of each element of a chosen candidate, from the choice node's children.

  A lone multi-choice in a candidate gives its subchoices as the choice
  node's children (``DNA(1, [0, 2])``); they are grouped back into the
  multi-choice's DNA (a copy: nodes have one parent). Building goes the
  other way by itself: ``geno.DNA(i, [multi_dna])`` splices.
  """
  if space.lone_multi and not (len(children) == 1 and children[0].value is None):
    return [geno.DNA(None, list(children))]
  return children


def random_space(space: SpaceNode, rng: random.Random) -> list[geno.DNA]:
  """Samples each element of a Space uniformly; returns the elements' DNA."""
  return [random_point(e, rng) for e in space.elements]


def random_point(node: Any, rng: random.Random) -> geno.DNA:
  """Samples one decision point (and the sub-space it activates) uniformly."""
  kind = type(node)
  if kind is ChoiceNode:
    i = rng.randrange(len(node.candidates))
    return geno.DNA(i, random_space(node.candidates[i], rng))
  if kind is MultiNode:
    return random_multi(node, rng)
  if kind is FloatNode:
    return geno.DNA(node.from_unit(rng.random()))
  if kind is IntNode:
    return geno.DNA(rng.randint(node.min_value, node.max_value))
  return node.point.random_dna(rng, attach_spec=False)


def random_multi(node: MultiNode, rng: random.Random) -> geno.DNA:
  """Samples a multi-choice: k (distinct, sorted if asked) indices with their sub-spaces."""
  k, n = len(node.subs), node.num_candidates
  if node.distinct:
    indices = rng.sample(range(n), k)
  else:
    indices = [rng.randrange(n) for _ in range(k)]
  if node.sorted:
    indices.sort()
  return geno.DNA(None, [
      geno.DNA(i, random_space(sub.candidates[i], rng))
      for sub, i in zip(node.subs, indices)])


def active_decisions(plan: Plan, dna: geno.DNA) -> list[tuple[Any, geno.DNA, tuple[int, ...]]]:
  """Lists the decisions active in `dna`, in preorder.

  Returns:
    (node, dna_node, path) triples, where `path` is the child indices leading
    from `dna` to `dna_node`. A multi-choice appears once, as its `MultiNode`
    (its subchoices move together under the distinct/sorted constraints).
  """
  out: list[tuple[Any, geno.DNA, tuple[int, ...]]] = []
  _collect_space(plan.root, dna, (), out)
  return out


def _collect_space(space: SpaceNode, dna: geno.DNA, path: tuple[int, ...], out: list) -> None:
  elements = space.elements
  if len(elements) == 1:
    _collect_point(elements[0], dna, path, out)
    return
  children = dna.children
  for j, element in enumerate(elements):
    _collect_point(element, children[j], path + (j,), out)


def _collect_point(node: Any, dna: geno.DNA, path: tuple[int, ...], out: list) -> None:
  out.append((node, dna, path))
  kind = type(node)
  if kind is ChoiceNode:
    _collect_candidate(node, dna, path, out)
  elif kind is MultiNode:
    for j, (sub, child) in enumerate(zip(node.subs, dna.children)):
      _collect_candidate(sub, child, path + (j,), out)


def _collect_candidate(node: ChoiceNode, dna: geno.DNA, path: tuple[int, ...], out: list) -> None:
  children = dna.children
  space = node.candidates[dna.value]
  if space.lone_multi:
    # Its subchoices are this node's children: the multi-choice is addressed
    # as "all children of the node at `path`" (see `replace_at`).
    multi = space.elements[0]
    out.append((multi, dna, path + (SPLICED,)))
    for j, (sub, child) in enumerate(zip(multi.subs, children)):
      _collect_candidate(sub, child, path + (j,), out)
    return
  for j, element in enumerate(space.elements):
    _collect_point(element, children[j], path + (j,), out)


# The last step of a path addressing a lone multi-choice spliced into the
# children of a choice node.
SPLICED = -1


def node_at(dna: geno.DNA, path: tuple[int, ...]) -> geno.DNA:
  """The node of `dna` at `path` (a spliced multi-choice: the choice node holding it)."""
  for i in path:
    if i != SPLICED:
      dna = dna.children[i]
  return dna


def replace_at(dna: geno.DNA, path: tuple[int, ...], new: geno.DNA, depth: int = 0) -> geno.DNA:
  """Returns `dna` with the node at `path` replaced by `new`.

  The nodes along the path are rebuilt and the others are reused, so callers
  pass a tree they own (a clone): DNA nodes have a single parent.
  """
  if depth == len(path):
    return new
  if path[depth] == SPLICED:
    return geno.DNA(dna.value, [new])  # `new` is a multi-choice: spliced back.
  children = list(dna.children)
  i = path[depth]
  children[i] = replace_at(children[i], path, new, depth + 1)
  return _rebuilt(dna.value, children, children[i])


def _rebuilt(value: Any, children: list[geno.DNA], changed: geno.DNA) -> geno.DNA:
  """``geno.DNA(value, children)`` for the nodes of a compact clone that the caller owns.

  The new node adopts the children as the constructor would. Only `changed`
  may come from elsewhere: if it is symbolic, or the constructor would
  reshape the node (a lone child without a value, or no value of its own),
  the constructor builds it.
  """
  if len(children) == 1 and (value is None or changed.value is None):
    return geno.DNA(value, children)
  cd = changed.__dict__
  if not cd.get('_compact') or cd.get('_sym_parent') is not None:
    return geno.DNA(value, children)
  return _dna.make_node(value, children, None)
