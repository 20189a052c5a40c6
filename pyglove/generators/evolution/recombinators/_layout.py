"""The decisions of a DNA as a flat vector, one slot per decision point instance.

Point-wise recombination merges parents decision by decision, including
decisions that are inactive in some parents. A `Layout` numbers every
decision a DNA of a space could make, in preorder (a decision before those
its value conditions), so a DNA reads into a list of values (None where
inactive) and a list of values writes back into a DNA. Decision points
inside a multi-choice's candidates get one slot per subchoice.
"""
from __future__ import annotations

from typing import Any, Callable

from pyglove import geno
from pyglove.generators import _plan


class Slot:
  """One decision: its compiled node, its parent slot and the range of its descendants.

  Attributes:
    index: the position in `Layout.slots`.
    node: the `_plan` node (a single choice, a multi-choice, a float, an int
      or a custom decision point).
    point: the decision point (the multi-choice itself for a multi-choice).
    children: per value that activates them (a candidate index; for a
      multi-choice a (subchoice, candidate) pair), the child slots in order.
    end: one past the last descendant, so descendants are
      ``slots[index + 1:end]``.
    subchoice_ranges: for a multi-choice, the (start, end) range of the
      descendants of each subchoice.
  """

  __slots__ = ('index', 'node', 'point', 'children', 'end', 'subchoice_ranges')

  def __init__(self, index: int, node: Any):
    self.index = index
    self.node = node
    self.point = node.point
    self.children: dict[Any, list[Slot]] = {}
    self.end = index + 1
    self.subchoice_ranges: list[tuple[int, int]] = []


class Layout:
  """The slots of a compiled space (see the module docstring).

  Example:
    >>> S, C, F = geno.Space, geno.Choices, geno.Float
    >>> spec = S([C(1, [S([F(0.0, 1.0, location='lr')]), S()], location='opt')])
    >>> layout = Layout(_plan.Plan(spec))
    >>> layout.read(geno.DNA((1))), layout.read(geno.DNA((0, 0.5)))
    ([1, None], [0, 0.5])
    >>> layout.write([0, 0.25])
    DNA(0, 0.25)
  """

  def __init__(self, plan: _plan.Plan):
    self.plan = plan
    self.slots: list[Slot] = []
    self.roots = [self._add(e) for e in plan.root.elements]

  def _add(self, node: Any) -> Slot:
    slot = Slot(len(self.slots), node)
    self.slots.append(slot)
    kind = type(node)
    if kind is _plan.ChoiceNode:
      for c, candidate in enumerate(node.candidates):
        slot.children[c] = [self._add(e) for e in candidate.elements]
    elif kind is _plan.MultiNode:
      for j, sub in enumerate(node.subs):
        start = len(self.slots)
        for c, candidate in enumerate(sub.candidates):
          slot.children[(j, c)] = [self._add(e) for e in candidate.elements]
        slot.subchoice_ranges.append((start, len(self.slots)))
    slot.end = len(self.slots)
    return slot

  def read(self, dna: geno.DNA) -> list[Any]:
    """The value of each slot in `dna`: an int, a list of ints (multi-choice), a float, a str or None."""
    values: list[Any] = [None] * len(self.slots)
    elements = _plan.space_children(self.plan.root, dna)
    for slot, element in zip(self.roots, elements):
      self._read(slot, element, values)
    return values

  def _read(self, slot: Slot, dna: geno.DNA, values: list[Any]) -> None:
    kind = type(slot.node)
    if kind is _plan.MultiNode:
      values[slot.index] = [s.value for s in dna.children]
      for j, sub in enumerate(dna.children):
        space = slot.node.subs[j].candidates[sub.value]
        for child, sub_dna in zip(slot.children[(j, sub.value)],
                                  _plan.candidate_children(space, sub.children)):
          self._read(child, sub_dna, values)
      return
    values[slot.index] = dna.value
    if kind is _plan.ChoiceNode:
      space = slot.node.candidates[dna.value]
      for child, child_dna in zip(slot.children[dna.value],
                                  _plan.candidate_children(space, dna.children)):
        self._read(child, child_dna, values)

  def write(self, values: list[Any],
            fill: Callable[[Slot], Any] | None = None) -> geno.DNA:
    """Builds the DNA that makes the decisions `values` (inactive slots are ignored).

    Args:
      values: a value per slot, as `read` returns.
      fill: gives the value of an active slot whose value is None.

    Raises:
      ValueError: an active slot is None and there is no `fill`.
    """
    return _plan.space_dna([self._write(s, values, fill) for s in self.roots])

  def _write(self, slot: Slot, values: list[Any], fill: Any) -> geno.DNA:
    value = values[slot.index]
    if value is None:
      if fill is None:
        raise ValueError(f'No value for the active decision point {slot.point!r}.')
      value = fill(slot)
    kind = type(slot.node)
    if kind is _plan.ChoiceNode:
      return geno.DNA(value, [self._write(c, values, fill) for c in slot.children[value]])
    if kind is _plan.MultiNode:
      return geno.DNA(None, [
          geno.DNA(v, [self._write(c, values, fill) for c in slot.children[(j, v)]])
          for j, v in enumerate(value)])
    return geno.DNA(value)

  def points(self) -> list[Any]:
    """The distinct decision points of the slots, in preorder."""
    seen: set[int] = set()
    points = []
    for slot in self.slots:
      if id(slot.point) not in seen:
        seen.add(id(slot.point))
        points.append(slot.point)
    return points


def layout_of(op: Any, plan: _plan.Plan) -> Layout:
  """The layout of `plan`, cached on `op` for the last space it met."""
  cached = op.__dict__.get('_layout')
  if cached is None or cached.plan is not plan:
    cached = op.__dict__['_layout'] = Layout(plan)
  return cached
