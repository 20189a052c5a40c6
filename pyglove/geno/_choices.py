"""`Choices`: pick one candidate (or k of them) from a list of candidate spaces.

With ``num_choices == 1`` the DNA is ``DNA(i, children)``: index i and the
DNA of candidate i's elements. With k > 1 it is ``DNA(None, [sub_1, ...,
sub_k])`` (its "subs"), each sub shaped like a single choice and decided by
a subchoice: a `Choices` with id ``x[j]`` and its own copy of the candidates,
so the decisions inside candidate i of subchoice j have ids ``x[j][=i/n]...``.
A lone multi-choice in a candidate gives its subs directly as the children
of the choice node above it (see `pyglove.geno._space`).
"""
from __future__ import annotations

import re
from typing import Any, Callable

from pyglove import symbolic
from pyglove import typing as pg_typing
from pyglove.geno import _choices_enum
from pyglove.geno._dna import DNA
from pyglove.geno._dna import make_node
from pyglove.geno._space import Space
from pyglove.geno._space import check_names
from pyglove.geno._spec import DecisionPoint
from pyglove.geno._spec import DNASpec
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE

_new = object.__new__
_CHOICE_TEXT = re.compile(r'^(\d+)/(\d+)(?: \((.*)\))?$', re.S)
_DISPLAY_FORMATS = ('choice', 'literal', 'choice_and_literal')


class Choices(DecisionPoint):
  """A categorical decision over candidate spaces (one choice, or k).

  Args:
    num_choices: how many candidates to pick (k).
    candidates: one `Space` per candidate (`constant()` for a plain value).
    literal_values: what each candidate stands for (str, int or float), for
      display and for reading decisions by value.
    distinct: the k picks differ.
    sorted: the k picks are in ascending index order.
    subchoice_index: j for subchoice j of a multi-choice (set by it).
    hints: anything a search algorithm may read.
    location: the key path of the decision in the program it describes.
    name: a name unique in the space, to look the decision up by.

  Example:
    >>> from pyglove.geno import constant
    >>> c = Choices(2, [constant(), constant(), constant()], location='x')
    >>> c.space_size, [str(s.id) for s in c.subchoices]
    (6, ['x[0]', 'x[1]'])

  Raises:
    TypeError: a candidate is not a `Space`, or a literal is not a
      str/int/float.
    ValueError: no candidates, ``num_choices < 1``, more distinct choices
      than candidates, or literal values that don't match the candidates.
  """

  num_choices: pg_typing.Int(min_value=1, default=1)
  candidates: pg_typing.List(pg_typing.Object(Space), min_size=1)
  literal_values: pg_typing.List(
      pg_typing.Union([pg_typing.Str(), pg_typing.Int(), pg_typing.Float()]),
      min_size=1).noneable()
  distinct: bool = True
  sorted: bool = False
  subchoice_index: pg_typing.Int(min_value=0).noneable()

  is_categorical = True
  serialization_aliases = ('pyglove.generators.geno.Choices', 'geno.Choices',
                           'pyglove.core.geno.categorical.Choices')

  _sym_signature_from_init = True  # inspect.signature shows the arguments below.

  def __init__(self, num_choices: int = 1, candidates: Any = MISSING_VALUE,
               literal_values: Any = None, distinct: bool = True,
               sorted: bool = False,  # pylint: disable=redefined-builtin
               subchoice_index: int | None = None, hints: Any = None,
               location: Any = KeyPath(), name: str | None = None,
               **kwargs: Any):
    super().__init__(num_choices=num_choices, candidates=candidates,
                     literal_values=literal_values, distinct=distinct,
                     sorted=sorted, subchoice_index=subchoice_index,
                     hints=hints, location=location, name=name, **kwargs)

  def _on_bound(self) -> None:
    super()._on_bound()
    k, n = self.num_choices, len(self.candidates)
    if self.distinct and k > n:
      raise self._error(
          f'Cannot make {k} distinct choices from {n} candidates.')
    if k > 1 and self.subchoice_index is not None:
      raise self._error(
          f'A multi-choice (num_choices={k}) cannot be a subchoice.')
    literals = self.literal_values
    if literals is not None and len(literals) != n:
      raise self._error(
          f'Choices has {n} candidates but {len(literals)} literal values; '
          f'they must match.')
    self.__dict__['_literal_index'] = (
        {} if literals is None else {v: i for i, v in enumerate(literals)})
    for i, c in enumerate(self.candidates):
      if c.index != i:
        c.rebind(index=i, skip_notification=True, raise_on_no_change=False)
        c._reset_ids()  # pylint: disable=protected-access
    if self.subchoice_index is None:
      check_names(self)

  def _sym_setstate(self, state: Any) -> None:
    super()._sym_setstate(state)
    subs = self.__dict__.get('_subchoices')
    if subs:
      subs.sym_setparent(self, '_subchoices')

  def _child_specs(self) -> list[DNASpec]:
    d = self.__dict__
    return list(d.get('candidates', ())) + list(d.get('_subchoices') or ())

  @property
  def is_subchoice(self) -> bool:
    """Whether this is subchoice j of a multi-choice (id ``x[j]``)."""
    return self.subchoice_index is not None

  @property
  def is_multi_choice(self) -> bool:
    """Whether this picks more than one candidate (``num_choices > 1``)."""
    return self.num_choices > 1

  @property
  def subchoices(self) -> list['Choices']:
    """The subchoices of a multi-choice (empty for a single choice)."""
    d = self.__dict__
    subs = d.get('_subchoices')
    if subs is None:
      if self.num_choices == 1:
        subs = []
      else:
        subs = symbolic.List([
            Choices(1, self.candidates, self.literal_values, self.distinct,
                    self.sorted, subchoice_index=j, hints=self.hints,
                    location=KeyPath(j), name=self.name)
            for j in range(self.num_choices)])
        subs.sym_setparent(self, '_subchoices')
      d['_subchoices'] = subs
    return subs

  def subchoice(self, index: int) -> 'Choices':
    """Subchoice `index` (this choice itself for a single choice).

    Raises:
      ValueError: called on a subchoice.
    """
    if self.is_subchoice:
      raise self._error('subchoice() is not defined on a subchoice.')
    if self.num_choices == 1:
      return self
    return self.subchoices[index]

  @property
  def choice_specs(self) -> list['Choices']:
    """The spec of each choice: the subchoices, or ``[self]`` for a single choice."""
    return [self.subchoice(i) for i in range(self.num_choices)]

  def __getitem__(self, index: Any) -> Any:
    """A choice spec by index or slice, or the decision point(s) by name or id."""
    if isinstance(index, (int, slice)):
      return self.choice_specs[index]
    return super().__getitem__(index)

  def format_candidate(self, index: int,
                       display_format: str = 'choice_and_literal') -> Any:
    """Candidate `index` for display: ``'i/n'``, its literal, or ``'i/n (literal)'``.

    Without literal values every format gives ``'i/n'``.

    Raises:
      ValueError: an unknown display format.
    """
    if display_format not in _DISPLAY_FORMATS:
      raise ValueError(
          f'display_format must be one of {_DISPLAY_FORMATS}; got '
          f'{display_format!r}.')
    choice = f'{index}/{len(self.candidates)}'
    literals = self.literal_values
    if not literals or display_format == 'choice':
      return choice
    if display_format == 'literal':
      return literals[index]
    return f'{choice} ({literals[index]})'

  def candidate_index(self, choice_value: Any) -> int:
    """The index of a candidate given as a literal value, ``'i/n'`` or ``'i/n (literal)'``.

    Raises:
      ValueError: no candidate matches.
    """
    n = len(self.candidates)
    literal_index = self.__dict__['_literal_index']
    if isinstance(choice_value, (str, int, float)) and not isinstance(
        choice_value, bool):
      index = literal_index.get(choice_value)
      if index is not None:
        return index
    if isinstance(choice_value, str):
      match = _CHOICE_TEXT.match(choice_value)
      if match and int(match.group(2)) == n and int(match.group(1)) < n:
        index = int(match.group(1))
        literal = match.group(3)
        literals = self.literal_values
        if literal is None or (literals and str(literals[index]) == literal):
          return index
    raise self._error(
        f'{choice_value!r} matches no candidate: expected a literal value '
        f'({self.literal_values!r}) or an "i/{n}" string.')

  def _collect(self, out: list[Any]) -> None:
    if self.num_choices == 1:
      out.append(self)
      for c in self.candidates:
        c._collect(out)
    else:
      for sub in self.subchoices:
        sub._collect(out)

  def _size(self) -> int:
    return _choices_enum.space_size(self)

  # ----- Validation -----------------------------------------------------------

  def _check(self, dna: DNA) -> None:
    if self.num_choices == 1:
      self._check_single(dna)
      return
    if dna.value is not None:
      raise self._error(
          f'Expected a DNA with no value and {self.num_choices} children (one '
          f'per subchoice), got {dna!r}.')
    self._check_subs(dna.children)

  def _check_subs(self, subs: list[DNA]) -> None:
    k = self.num_choices
    if len(subs) != k:
      raise self._error(
          f'Expected {k} subchoice DNA (one per choice), got {subs!r}.')
    for sub, child in zip(self.subchoices, subs):
      sub._check_single(child)
    indices = [c.value for c in subs]
    if self.distinct and len(set(indices)) != k:
      raise self._error(f'Choices must be distinct, got indices {indices}.')
    if self.sorted and any(a > b for a, b in zip(indices, indices[1:])):
      raise self._error(f'Choices must be sorted, got indices {indices}.')

  def _check_single(self, dna: DNA) -> None:
    index = dna.value
    n = len(self.candidates)
    if type(index) is not int or not 0 <= index < n:
      raise self._error(
          f'Expected a choice index in [0, {n}), got {index!r} in {dna!r}.')
    candidate = self.candidates[index]
    if not candidate._children_checker()(dna.children, None):
      candidate._check_children(dna.children)
      raise self._error(
          f'Candidate {index} has {len(candidate.decision_points)} decision '
          f'point(s); the DNA does not fit them: {dna!r}.')

  def _make_checker(self) -> Callable[[DNA, Any], bool]:
    if self.num_choices == 1:
      return self._single_checker()
    check_subs = self._subs_checker()
    point = self

    def check(dna: DNA, pairs: Any) -> bool:
      if dna.value is not None:
        return False
      if pairs is not None:
        pairs.append((dna, point))
      return check_subs(dna.children, pairs)
    return check

  def _single_checker(self) -> Callable[[DNA, Any], bool]:
    n = len(self.candidates)
    # None for a constant candidate: its DNA has no children.
    child_checkers = [c._children_checker() if c.elements else None
                      for c in self.candidates]
    point = self

    def check(dna: DNA, pairs: Any) -> bool:
      index = dna.value
      if type(index) is not int or not 0 <= index < n:
        return False
      if pairs is not None:
        pairs.append((dna, point))
      check_children = child_checkers[index]
      if check_children is None:
        return not dna.children
      return check_children(dna.children, pairs)
    return check

  def _subs_checker(self) -> Callable[[list[DNA], Any], bool]:
    """``fn(subs, pairs) -> bool`` for the k subchoice DNA of a multi-choice."""
    k, distinct, ordered = self.num_choices, self.distinct, self.sorted
    checkers = [sub._single_checker() for sub in self.subchoices]

    def check_subs(subs: list[DNA], pairs: Any) -> bool:
      if len(subs) != k:
        return False
      for f, c in zip(checkers, subs):
        if not f(c, pairs):
          return False
      indices = [c.value for c in subs]
      if distinct and len(set(indices)) != k:
        return False
      return not ordered or all(a <= b for a, b in zip(indices, indices[1:]))
    return check_subs

  # ----- Enumeration (pyglove.geno._choices_enum) -------------------------------

  def _first(self) -> DNA:
    if self.num_choices == 1:
      return _choices_enum.first_single(self, 0)
    return make_node(None, self._first_subs(), self)

  def _first_subs(self) -> list[DNA]:
    return _choices_enum.first_subs(self)

  def _next(self, dna: DNA) -> DNA | None:
    if self.num_choices == 1:
      return _choices_enum.next_single(self, dna)
    subs = self._next_subs(dna.children)
    return None if subs is None else make_node(None, subs, self)

  def _next_subs(self, subs: list[DNA]) -> list[DNA] | None:
    return _choices_enum.next_subs(self, subs)

  # ----- Sampling -------------------------------------------------------------

  def _make_sampler(self) -> Callable[[Any, Any], DNA]:
    if self.num_choices == 1:
      return _single_sampler(self)
    sample_subs = self._subs_sampler()
    point = self
    return lambda rng, previous: make_node(None, sample_subs(rng, previous),
                                           point)

  def _subs_sampler(self) -> Callable[[Any, Any], list[DNA]]:
    """``fn(rng, previous) -> subs``: the k indices first, then each candidate's decisions."""
    samplers = [_single_sampler(sub) for sub in self.subchoices]
    k, distinct, ordered = self.num_choices, self.distinct, self.sorted
    n = len(self.candidates)
    choices = range(n)

    def sample_subs(rng: Any, previous: Any) -> list[DNA]:
      if distinct:
        indices = rng.sample(choices, k)
      else:
        indices = [int(rng.random() * n) for _ in range(k)]
      if ordered:
        indices.sort()
      return [f(rng, previous, i) for f, i in zip(samplers, indices)]
    return sample_subs

  # ----- Conversions ------------------------------------------------------------

  def _from_numbers(self, it: Any) -> DNA:
    if self.num_choices == 1:
      return self._single_from_numbers(it)
    return make_node(None, self._subs_from_numbers(it), self)

  def _subs_from_numbers(self, it: Any) -> list[DNA]:
    return [sub._single_from_numbers(it) for sub in self.subchoices]

  def _single_from_numbers(self, it: Any) -> DNA:
    value = next(it, _END)
    if value is _END:
      raise self._error('Ran out of numbers: the DNA spec needs a value here.')
    index = self._decode_index(value)
    return make_node(
        index, self.candidates[index]._from_numbers_children(it), self)

  def _from_dict(self, get: Callable[..., Any]) -> DNA:
    if self.num_choices == 1:
      return self._single_from_dict(get(self), get)
    return make_node(None, self._subs_from_dict(get), self)

  def _subs_from_dict(self, get: Callable[..., Any]) -> list[DNA]:
    values = get(self, required=False)
    if values is MISSING_VALUE:
      values = [get(sub) for sub in self.subchoices]
    elif not isinstance(values, (list, tuple)) or len(values) != (
        self.num_choices):
      raise self._error(
          f'Expected a list of {self.num_choices} choices for the '
          f'multi-choice, got {values!r}.')
    return [sub._single_from_dict(v, get)
            for sub, v in zip(self.subchoices, values)]

  def _single_from_dict(self, value: Any, get: Callable[..., Any]) -> DNA:
    if isinstance(value, DNA) and value.children:
      self._check_single(value)
      return value.clone()
    index = self._decode_index(value)
    return make_node(
        index, self.candidates[index]._from_dict_children(get), self)

  def _decode_index(self, value: Any) -> int:
    """Reads a choice from an index, a DNA, a literal or an ``'i/n ...'`` string."""
    if isinstance(value, DNA):
      value = value.value
    n = len(self.candidates)
    if type(value) is int and 0 <= value < n:
      return value
    if type(value) is int:
      raise self._error(
          f'Choice index {value} is out of range: there are {n} candidates.')
    return self.candidate_index(value)


def _single_sampler(point: Choices) -> Callable[..., DNA]:
  """``fn(rng, previous, index=None) -> DNA`` for one choice (index drawn when None)."""
  n = len(point.candidates)
  if all(not c.elements for c in point.candidates):
    samplers = None
  else:
    samplers = [c._children_sampler() for c in point.candidates]  # pylint: disable=protected-access
  new = _new

  def sample(rng: Any, previous: Any, index: int | None = None) -> DNA:
    if index is None:
      index = int(rng.random() * n)
    node = new(DNA)
    d = node.__dict__
    d['_compact'] = True
    d['value'] = index
    d['_point'] = point
    if samplers is None:
      d['children'] = []
    else:
      children = d['children'] = samplers[index](rng, previous)
      for c in children:
        c.__dict__['_parent'] = node
    return node
  return sample


_END = object()


def manyof(num_choices: int, candidates: list[Any], distinct: bool = True,
           sorted: bool = False,  # pylint: disable=redefined-builtin
           literal_values: list[Any] | None = None, hints: Any = None,
           location: Any = KeyPath(), name: str | None = None) -> Choices:
  """Builds a multi-choice spec (the genotype of `pg.manyof`).

  A decision point given as a candidate becomes a one-element `Space`.

  Example:
    >>> from pyglove.geno import constant
    >>> manyof(2, [constant(), constant(), constant()]).space_size
    6
  """
  return Choices(num_choices, [_as_space(c) for c in candidates],
                 literal_values, distinct, sorted, hints=hints,
                 location=location, name=name)


def oneof(candidates: list[Any], literal_values: list[Any] | None = None,
          hints: Any = None, location: Any = KeyPath(),
          name: str | None = None) -> Choices:
  """Builds a single-choice spec (the genotype of `pg.oneof`).

  Example:
    >>> from pyglove.geno import constant, floatv
    >>> oneof([constant(), floatv(0.0, 1.0)]).space_size
    -1
  """
  return manyof(1, candidates, literal_values=literal_values, hints=hints,
                location=location, name=name)


def _as_space(candidate: Any) -> Any:
  if isinstance(candidate, DecisionPoint):
    return Space([candidate])
  return candidate

