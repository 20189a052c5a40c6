"""`DNASpec`: the base of the search-space descriptions that DNA is read against.

A spec tree is built bottom-up (elements, then the `Space` holding them, then
the `Choices` holding spaces as candidates). When a spec is placed under a
parent its `id` (absolute key path) changes, so ids and lookup tables are
cached and reset for the subtree on each re-parenting.
"""
from __future__ import annotations

import random as random_module
from typing import Any, Iterator

from pyglove.geno._dna import DNA
from pyglove.utils import KeyPath
from pyglove.utils import JSONConvertible
from pyglove.utils import from_json
from pyglove.utils import message_on_path
from pyglove.utils import to_json


class DNASpec(JSONConvertible):
  """Base of `Space`, `Choices`, `Float`, `Int` and `CustomDecisionPoint`.

  Subclasses implement the private protocol used by the public methods:
  `_check(dna)` (raises the detailed error), `_make_checker()`,
  `_make_sampler()`, `_first()`, `_next(dna)`, `_size()`, `_collect(out)`,
  `_from_numbers(it)`, `_from_dict(get)`, `_child_specs()` and `_eq_key()`.
  The compiled checker and sampler are closures built once per spec.
  """

  is_space = False
  is_categorical = False
  is_numerical = False
  is_custom_decision_point = False

  def __init__(self, location: Any, hints: Any, name: str | None):
    if name is not None and not isinstance(name, str):
      raise TypeError(
          f'A decision name must be a str or None; got {name!r} of type '
          f'{type(name).__name__}.')
    self.location = KeyPath.from_value(location)
    self.hints = hints
    self.name = name
    self._parent: DNASpec | None = None
    self._id: KeyPath | None = None
    self._points: list[DNASpec] | None = None
    self._lookup: dict[str, Any] | None = None
    self._space_size: int | None = None
    self._sample_fn: Any = None
    self._check_fn: Any = None

  # ----- Tree -----

  @property
  def parent_spec(self) -> 'DNASpec | None':
    """The spec this one is nested in, or None for a root."""
    return self._parent

  @property
  def id(self) -> KeyPath:
    """The absolute key path of this spec (e.g. ``a[=1/3].q``)."""
    if self._id is None:
      parent = self._parent
      self._id = self.location if parent is None else parent.id + self.location
    return self._id

  @property
  def is_subchoice(self) -> bool:
    """Whether this is a subchoice of a multi-choice (only `Choices` can be)."""
    return False

  def _set_parent(self, parent: 'DNASpec') -> None:
    self._parent = parent
    self._reset_ids()

  def _reset_ids(self) -> None:
    self._id = None
    self._lookup = None
    for child in self._child_specs():
      child._reset_ids()

  def _child_specs(self) -> list['DNASpec']:
    return []

  def _error(self, message: str) -> ValueError:
    return ValueError(message_on_path(message, error_path(self.id)))

  # ----- Decision points -----

  @property
  def decision_points(self) -> list['DNASpec']:
    """Every decision point in preorder (multi-choices as their subchoices)."""
    if self._points is None:
      points: list[DNASpec] = []
      self._collect(points)
      self._points = points
    return self._points

  def _collect(self, out: list['DNASpec']) -> None:
    out.append(self)

  @property
  def decision_ids(self) -> list[KeyPath]:
    """The ids of `decision_points`."""
    return [p.id for p in self.decision_points]

  @property
  def named_decision_points(self) -> dict[str, Any]:
    """Name -> decision point (a list of subchoices for a multi-choice).

    Raises:
      ValueError: two decision points share a name.
    """
    named: dict[str, Any] = {}
    for p in self.decision_points:
      name = p.name
      if name is None:
        continue
      existing = named.get(name)
      if p.is_subchoice:
        if existing is None:
          named[name] = [p]
          continue
        if isinstance(existing, list) and existing[0].parent_spec is p.parent_spec:
          existing.append(p)
          continue
      elif existing is None:
        named[name] = p
        continue
      first = existing[0] if isinstance(existing, list) else existing
      raise ValueError(message_on_path(
          f'Decision name {name!r} is used twice: by {first.id} and by '
          f'{p.id}; names must be unique in a space.', error_path(p.id)))
    return named

  def _lookup_table(self) -> dict[str, Any]:
    if self._lookup is None:
      table: dict[str, Any] = {}
      for p in self.decision_points:
        table[str(p.id)] = p
        if p.is_subchoice:
          table[str(p.parent_spec.id)] = p.parent_spec
          if p.name is not None:
            table[f'{p.name}[{p.subchoice_index}]'] = p
      table.update(self.named_decision_points)
      self._lookup = table
    return self._lookup

  def get(self, name_or_id: Any) -> Any:
    """The decision point with this name or id (a list for a multi-choice name).

    Example:
      >>> from pyglove.geno import Float, Space
      >>> space = Space([Float(0.0, 1.0, location='lr', name='lr')])
      >>> space.get('lr').max_value
      1.0

    Raises:
      KeyError: no decision point has that name or id; the valid ones are listed.
    """
    key = name_or_id if isinstance(name_or_id, str) else str(name_or_id)
    table = self._lookup_table()
    found = table.get(key)
    if found is None:
      raise KeyError(
          f'No decision point with name or id {key!r} in the DNA spec at '
          f'{str(self.id) or "<root>"}; valid ones: {sorted(table)}.') from None
    return found

  def __len__(self) -> int:
    return len(self.decision_points)

  def __bool__(self) -> bool:
    # A spec without decision points is still a spec, not a falsy container.
    return True

  # ----- DNA -----

  @property
  def space_size(self) -> int:
    """The number of distinct DNA this spec admits; -1 when infinite."""
    if self._space_size is None:
      self._space_size = self._size()
    return self._space_size

  def validate(self, dna: DNA) -> None:
    """Checks that `dna` fits this spec.

    Raises:
      ValueError: wrong index, wrong shape, value out of range, or a
        distinct/sorted rule broken; the message names the decision id.
    """
    if not isinstance(dna, DNA):
      raise TypeError(f'validate() expects a DNA; got {dna!r}.')
    self._fit(dna, None)

  def first_dna(self) -> DNA:
    """The first DNA in this spec's order (every choice at its first candidate).

    Raises:
      ValueError: the spec has a continuous or unenumerable decision point.
    """
    return self._attach(self._first())

  def next_dna(self, dna: DNA | None = None) -> DNA | None:
    """The DNA after `dna` (the first one for None), or None after the last.

    Example:
      >>> from pyglove.geno import Choices, Space
      >>> space = Space([Choices(1, [Space(), Space()], location='a')])
      >>> space.next_dna(DNA(0))
      DNA(1)

    Raises:
      ValueError: `dna` does not fit, or the spec has a continuous or
        unenumerable decision point.
    """
    if dna is None:
      return self.first_dna()
    self._fit(dna, None)
    result = self._next(dna)
    return None if result is None else self._attach(result)

  def iter_dna(self, dna: DNA | None = None) -> Iterator[DNA]:
    """Iterates the DNA after `dna` (from the first one for None), in order.

    Raises:
      ValueError: the spec has a continuous or unenumerable decision point.
    """
    current = self.next_dna(dna)
    while current is not None:
      yield current
      current = self._next(current)
      if current is not None:
        self._attach(current)

  def random_dna(self,
                 random_generator: Any = None,
                 attach_spec: bool = True,
                 previous_dna: DNA | None = None) -> DNA:
    """Samples a DNA; randomness is consumed in decision-point preorder.

    A multi-choice draws its k indices first (`random.Random.sample` when
    distinct), then the decisions of each chosen candidate in order.

    Args:
      random_generator: a `random.Random` (default: the `random` module).
      attach_spec: whether the result gets this spec attached.
      previous_dna: a DNA whose decisions custom decision points may use.

    Example:
      >>> import random
      >>> from pyglove.geno import Int, Space
      >>> space = Space([Int(1, 3, location='x')])
      >>> space.random_dna(random.Random(1)) in [DNA(1), DNA(2), DNA(3)]
      True
    """
    rng = random_module if random_generator is None else random_generator
    previous = None
    if previous_dna is not None:
      previous = _nodes_by_id(previous_dna, self)
    dna = self._sampler()(rng, previous)
    if attach_spec:
      dna._spec = self
    return dna

  def _sampler(self) -> Any:
    """``fn(rng, previous) -> DNA``, built once per spec: sampling is a hot path."""
    fn = self._sample_fn
    if fn is None:
      fn = self._sample_fn = self._make_sampler()
    return fn

  def _fit(self, dna: DNA, pairs: list[tuple[DNA, Any]] | None) -> None:
    """Validates `dna`, collecting (node, decision point) pairs when `pairs` is a list.

    The compiled checker only answers yes or no, fast; on no, the detailed
    `_check` walks again to raise the error that names the decision.
    """
    if not self._checker()(dna, pairs):
      self._check(dna)

  def _checker(self) -> Any:
    """``fn(dna, pairs) -> bool``, built once per spec."""
    fn = self._check_fn
    if fn is None:
      fn = self._check_fn = self._make_checker()
    return fn

  def __getstate__(self) -> dict[str, Any]:
    # The compiled functions are closures over this very object: a copy or an
    # unpickled spec must build its own.
    state = dict(self.__dict__)
    state['_sample_fn'] = None
    state['_check_fn'] = None
    return state

  def _attach(self, dna: DNA) -> DNA:
    dna._spec = self
    return dna

  # ----- Comparison, repr -----

  def __eq__(self, other: Any) -> bool:
    if self is other:
      return True
    if type(self) is not type(other):
      return NotImplemented
    return self.id == other.id and self._eq_key() == other._eq_key()

  def __ne__(self, other: Any) -> bool:
    result = self.__eq__(other)
    return result if result is NotImplemented else not result

  def __hash__(self) -> int:
    return hash((type(self).__name__, str(self.id), self.name))

  def _common_json(self, **kwargs: Any) -> dict[str, Any]:
    result: dict[str, Any] = {'location': str(self.location)}
    if self.hints is not None:
      result['hints'] = to_json(self.hints, **kwargs)
    if self.name is not None:
      result['name'] = self.name
    return result

  def _common_repr(self) -> list[str]:
    parts = []
    if not self.location.is_root:
      parts.append(f'location={str(self.location)!r}')
    if self.name is not None:
      parts.append(f'name={self.name!r}')
    if self.hints is not None:
      parts.append(f'hints={self.hints!r}')
    return parts


def error_path(path: KeyPath) -> KeyPath | None:
  """`path` for `message_on_path`, or None for the root (which has no text)."""
  return None if path.is_root else path


def common_kwargs(json_value: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
  """The location/hints/name constructor arguments stored by `_common_json`."""
  return {
      'location': KeyPath.parse(json_value.get('location', '')),
      'hints': from_json(json_value.get('hints'), **kwargs),
      'name': json_value.get('name'),
  }


def _nodes_by_id(dna: DNA, spec: DNASpec) -> dict[str, DNA]:
  """Maps decision ids to the nodes of `dna` (attaching `spec` when needed)."""
  if dna.spec is None:
    dna = dna.clone().use_spec(spec)
  result = {}
  stack = [dna]
  while stack:
    node = stack.pop()
    if node.decision_point is not None:
      result[str(node.decision_point.id)] = node
    stack.extend(node.children)
  return result
