"""`DNASpec` and `DecisionPoint`: the symbolic bases of search-space descriptions.

A spec tree is a symbolic tree: a `Space` holds decision points in
`elements`, a `Choices` holds candidate `Space`s in `candidates` (and, for a
multi-choice, one subchoice per choice, each with its own copy of the
candidates). A node's `id` is its key path from the root (``a[=1/3].q``: field
``q`` of candidate 1 of 3 of the choice at ``a``); ids, lookup tables and the
compiled checker and sampler are cached on the node and dropped when the
subtree changes (`_on_bound`) or moves (`sym_setparent`).

Subclasses implement the private protocol the public methods use:
`_check(dna)` (raises the detailed error), `_make_checker()`,
`_make_sampler()`, `_first()`, `_next(dna)`, `_size()`, `_collect(out)`,
`_from_numbers(it)` and `_from_dict(get)`.
"""
from __future__ import annotations

import random as random_module
from typing import Any, Iterator

from pyglove import symbolic
from pyglove import typing as pg_typing
from pyglove.geno._dna import DNA
from pyglove.geno._dna import error_path
from pyglove.utils import KeyPath
from pyglove.utils import message_on_path
from pyglove.utils import type_key

# Per-node caches, rebuilt on demand. Ids depend on the ancestors; the others
# on the subtree only. Compiled functions are never saved (closures).
_ID_CACHES = ('_id', '_lookup')
_TREE_CACHES = ('_points', '_named', '_space_size', '_sample_fn', '_check_fn',
                '_subchoices')
_COMPILED = ('_sample_fn', '_check_fn')


class ConditionalKey:
  """The key of a candidate in a decision id: ``=i/n`` (candidate i of n).

  ``a[=1/3].q`` reads "field q when the choice at a picks candidate 1 of 3".
  It equals its text, so ids compare equal to parsed key paths.

  Example:
    >>> key = ConditionalKey(1, 3)
    >>> str(key), key.index, key.num_choices, key == '=1/3'
    ('=1/3', 1, 3, True)
  """

  __slots__ = ('_index', '_num_choices')

  def __init__(self, index: int, num_choices: int):
    self._index = index
    self._num_choices = num_choices

  @property
  def index(self) -> int:
    """The index of the candidate."""
    return self._index

  @property
  def num_choices(self) -> int:
    """The number of candidates of the choice."""
    return self._num_choices

  def __str__(self) -> str:
    return f'={self._index}/{self._num_choices}'

  def __repr__(self) -> str:
    return f'ConditionalKey({self._index}, {self._num_choices})'

  def __eq__(self, other: Any) -> bool:
    if isinstance(other, ConditionalKey):
      return (self._index, self._num_choices) == (other._index,
                                                  other._num_choices)
    if isinstance(other, str):
      return other == str(self)
    return NotImplemented

  def __hash__(self) -> int:
    return hash(str(self))


def to_location(location: Any) -> KeyPath:
  """A location argument (KeyPath, str or int) as a KeyPath."""
  try:
    return KeyPath.from_value(location)
  except (TypeError, ValueError) as e:
    raise type(e)(f'Invalid DNA spec location {location!r}: {e}') from None


class DNASpec(symbolic.Object):
  """Base of the search-space descriptions (`Space` and the decision points).

  Specs compare and hash by identity, so they can key dicts (as
  ``DNA.to_dict(key_type='dna_spec')`` does); use `pg.eq` for symbolic
  equality. `userdata` holds per-process data; `hints` is saved.
  """

  location: pg_typing.Object(KeyPath, default=KeyPath())
  hints: pg_typing.Any(default=None)

  use_symbolic_comparison = False

  is_space = False
  is_categorical = False
  is_numerical = False
  is_custom_decision_point = False

  def __init__(self, *args: Any, **kwargs: Any):
    if type(self) in _ABSTRACT:
      raise TypeError(
          f'{type(self).__name__} is abstract: build a Space, Choices, '
          f'Float, Int or CustomDecisionPoint.')
    if 'location' in kwargs:
      kwargs['location'] = to_location(kwargs['location'])
    super().__init__(*args, **kwargs)

  def _on_bound(self) -> None:
    self._reset_ids()
    d = self.__dict__
    for key in _TREE_CACHES:
      d.pop(key, None)

  def _reset_ids(self) -> None:
    """Drops the cached ids of this node and its descendants."""
    stack = [self]
    while stack:
      node = stack.pop()
      d = node.__dict__
      for key in _ID_CACHES:
        d.pop(key, None)
      stack.extend(node._child_specs())

  def sym_setparent(self, parent: Any, key: Any = None) -> None:
    super().sym_setparent(parent, key)
    # Ids are paths from the root: moving a subtree changes them.
    self._reset_ids()

  def _sym_getstate(self) -> Any:
    state = super()._sym_getstate()
    for key in _COMPILED + _ID_CACHES:
      state.pop(key, None)
    return state

  def _child_specs(self) -> list['DNASpec']:
    """The specs nested in this one (to reset their ids)."""
    return []

  # ----- Tree ---------------------------------------------------------------

  @property
  def parent_spec(self) -> 'DNASpec | None':
    """The spec this one is nested in (through a list field), or None for a root."""
    holder = self.sym_parent
    return None if holder is None else holder.sym_parent

  @property
  def parent_choice(self) -> 'DNASpec | None':
    """The choice whose candidate holds this spec, or None at the top."""
    parent = self.parent_spec
    if parent is None:
      return None
    return parent if self.is_space else parent.parent_choice

  @property
  def id(self) -> KeyPath:
    """The key path of this spec from the root (e.g. ``a[=1/3].q``)."""
    d = self.__dict__
    result = d.get('_id')
    if result is None:
      parent = self.parent_spec
      if parent is None:
        result = self.location
      elif self.is_space:
        result = KeyPath(ConditionalKey(self.index, len(parent.candidates)),
                         parent.id) + self.location
      else:
        result = parent.id + self.location
      d['_id'] = result
    return result

  @property
  def is_subchoice(self) -> bool:
    """Whether this is a subchoice of a multi-choice (only `Choices` can be)."""
    return False

  def _error(self, message: str) -> ValueError:
    return ValueError(message_on_path(message, error_path(self.id)))

  @property
  def userdata(self) -> Any:
    """Data for this process only (not saved, not cloned)."""
    from pyglove.geno import _attribute_dict  # pylint: disable=g-import-not-at-top
    return _attribute_dict.userdata_of(self)

  def set_userdata(self, key: str, value: Any) -> None:
    """Sets a user data entry (see `userdata`)."""
    self.userdata[key] = value

  # ----- Decision points ----------------------------------------------------

  @property
  def decision_points(self) -> list['DecisionPoint']:
    """Every decision point in preorder (a multi-choice as its subchoices)."""
    d = self.__dict__
    points = d.get('_points')
    if points is None:
      points = []
      self._collect(points)
      d['_points'] = points
    return points

  def _collect(self, out: list[Any]) -> None:
    out.append(self)

  @property
  def decision_ids(self) -> list[KeyPath]:
    """The ids of the decision points (a multi-choice once, by its own id)."""
    ids = []
    for p in self.decision_points:
      if p.is_subchoice:
        if p.subchoice_index == 0:
          ids.append(p.parent_spec.id)
      else:
        ids.append(p.id)
    return ids

  @property
  def named_decision_points(self) -> dict[str, Any]:
    """Name -> decision point (a list of subchoices for a named multi-choice)."""
    d = self.__dict__
    named = d.get('_named')
    if named is None:
      named = {}
      for p in self.decision_points:
        if p.name is None:
          continue
        first = named.get(p.name)
        if first is None:
          named[p.name] = [p] if p.is_subchoice else p
        elif isinstance(first, list):
          first.append(p)
        else:
          named[p.name] = [first, p]
      d['_named'] = named
    return named

  def _lookup_table(self) -> dict[str, Any]:
    """Decision points by name, id, multi-choice id and ``name[j]``."""
    d = self.__dict__
    table = d.get('_lookup')
    if table is None:
      table = {}
      for p in self.decision_points:
        table[str(p.id)] = p
        if p.is_subchoice:
          parent = p.parent_spec
          table.setdefault(str(parent.id), []).append(p)
          if p.name is not None:
            table[f'{p.name}[{p.subchoice_index}]'] = p
      table.update(self.named_decision_points)
      d['_lookup'] = table
    return table

  def __getitem__(self, name_or_id: Any) -> Any:
    """The decision point(s) with this name or id (a list for a multi-choice).

    Raises:
      KeyError: none has that name or id; the valid ones are listed.
    """
    key = str(name_or_id.id if isinstance(name_or_id, DNASpec) else name_or_id)
    table = self._lookup_table()
    found = table.get(key)
    if found is None:
      raise KeyError(
          f'No decision point with name or id {key!r} in the DNA spec at '
          f'{str(self.id) or "<root>"}; valid ones: {sorted(table)}.') from None
    return found

  def get(self, name_or_id: Any, default: Any = None) -> Any:
    """`self[name_or_id]`, or `default` when no decision point has that name or id.

    Example:
      >>> from pyglove.geno import floatv, space
      >>> spec = space([floatv(0.0, 1.0, location='lr', name='lr')])
      >>> spec.get('lr').max_value, spec.get('momentum')
      (1.0, None)
    """
    try:
      return self[name_or_id]
    except KeyError:
      return default

  def __len__(self) -> int:
    return len(self.decision_points)

  def __bool__(self) -> bool:
    # A spec without decision points is still a spec, not an empty container.
    return True

  # ----- DNA ------------------------------------------------------------------

  @property
  def space_size(self) -> int:
    """The number of distinct DNA this spec admits; -1 when infinite."""
    d = self.__dict__
    size = d.get('_space_size')
    if size is None:
      size = d['_space_size'] = self._size()
    return size

  def validate(self, dna: DNA) -> None:
    """Checks that `dna` fits this spec.

    Raises:
      TypeError: `dna` is not a DNA.
      ValueError: wrong index, shape or value, or a distinct/sorted rule
        broken; the message names the decision id.
    """
    if not isinstance(dna, DNA):
      raise TypeError(f'validate() expects a DNA; got {dna!r}.')
    self._fit(dna, None)

  def first_dna(self, attach_spec: bool = True) -> DNA:
    """The first DNA in this spec's order (first candidates, floats at their minimum).

    Raises:
      NotImplementedError: a custom decision point has no `next_dna_fn`.
    """
    dna = self._first()
    return self._attach(dna) if attach_spec else dna

  def next_dna(self, dna: DNA | None = None,
               attach_spec: bool = True) -> DNA | None:
    """The DNA after `dna` (the first one for None), or None after the last.

    A float keeps its value while the decisions after it advance; advancing
    the float itself raises, as floats cannot be enumerated.

    Example:
      >>> from pyglove.geno import constant, oneof, space
      >>> spec = space([oneof([constant(), constant()], location='a')])
      >>> spec.next_dna(DNA(0))
      DNA(1)

    Raises:
      ValueError: `dna` does not fit.
      NotImplementedError: enumeration reaches a float, or a custom decision
        point without `next_dna_fn`.
    """
    if dna is None:
      return self.first_dna(attach_spec)
    self._fit(dna, None)
    result = self._next(dna)
    if result is None or not attach_spec:
      return result
    return self._attach(result)

  def iter_dna(self, dna: DNA | None = None,
               attach_spec: bool = True) -> Iterator[DNA]:
    """Iterates the DNA after `dna` (from the first one for None), in order."""
    current = self.next_dna(dna, attach_spec)
    while current is not None:
      yield current
      current = self._next(current)
      if current is not None and attach_spec:
        self._attach(current)

  def random_dna(self, random_generator: Any = None, attach_spec: bool = True,
                 previous_dna: DNA | None = None) -> DNA:
    """Samples a DNA; randomness is consumed in decision-point preorder.

    A multi-choice draws its k indices first (`random.Random.sample` when
    distinct), then the decisions of each chosen candidate in order.

    Args:
      random_generator: a `random.Random` (default: the `random` module).
      attach_spec: whether the result gets this spec attached.
      previous_dna: a DNA whose decisions custom decision points may use.
    """
    rng = random_module if random_generator is None else random_generator
    previous = None
    if previous_dna is not None:
      previous = _nodes_by_id(previous_dna, self)
    dna = self._sampler()(rng, previous)
    if attach_spec:
      d = dna.__dict__
      d['_spec'] = d['_checked'] = self
    return dna

  def _sampler(self) -> Any:
    """``fn(rng, previous) -> DNA``, built once per spec: sampling is a hot path."""
    d = self.__dict__
    fn = d.get('_sample_fn')
    if fn is None:
      fn = d['_sample_fn'] = self._make_sampler()
    return fn

  def _fit(self, dna: DNA, pairs: list[tuple[DNA, Any]] | None) -> None:
    """Validates `dna`, collecting (node, spec) pairs when `pairs` is a list.

    The compiled checker only answers yes or no, fast; on no, the detailed
    `_check` walks again to raise the error that names the decision.
    """
    if not self._checker()(dna, pairs):
      self._check(dna)
      raise self._error(f'{dna!r} does not fit this DNA spec.')

  def _checker(self) -> Any:
    """``fn(dna, pairs) -> bool``, built once per spec."""
    d = self.__dict__
    fn = d.get('_check_fn')
    if fn is None:
      fn = d['_check_fn'] = self._make_checker()
    return fn

  def _attach(self, dna: DNA) -> DNA:
    """Marks a DNA made by this spec's own methods as validated against it."""
    d = dna.__dict__
    d['_spec'] = d['_checked'] = self
    return dna

  # ----- JSON and text ---------------------------------------------------------

  def to_json(self, **kwargs: Any) -> dict[str, Any]:
    """The fields as JSON, the location as its text."""
    result: dict[str, Any] = {'_type': type_key(type(self))}
    for key, value in self.sym_items():
      result[key] = (str(value) if key == 'location'
                     else symbolic.to_json(value, **kwargs))
    return result

  def format(self, compact: bool = False, verbose: bool = True,
             root_indent: int = 0, show_id: bool = True,
             **kwargs: Any) -> str:
    """The compact tree form (``Space({0 = 'a': Choices(...)})``) or the fields."""
    if not compact:
      return super().format(compact, verbose, root_indent, **kwargs)
    from pyglove.geno import _spec_format  # pylint: disable=g-import-not-at-top
    return _spec_format.format_spec(self, root_indent, show_id)

  def __str__(self) -> str:
    return self.format(compact=True)

  def __repr__(self) -> str:
    return self.format(compact=True)


class DecisionPoint(DNASpec):
  """Base of the decision points: `Choices`, `Float`, `Int`, `CustomDecisionPoint`."""

  name: pg_typing.Str().noneable()


_ABSTRACT = (DNASpec, DecisionPoint)


def _nodes_by_id(dna: DNA, spec: DNASpec) -> dict[str, DNA]:
  """Maps decision ids to the nodes of `dna` (attaching `spec` when needed)."""
  if dna.spec is None:
    dna = dna.clone().use_spec(spec)
  result = {}
  stack = [dna]
  while stack:
    node = stack.pop()
    point = node.decision_point
    if point is not None:
      result[str(point.id)] = node
    stack.extend(node.children)
  return result
