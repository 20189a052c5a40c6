"""`Choices`: pick one candidate (or k of them) from a list of candidate spaces."""
from __future__ import annotations

import math
import re
from typing import Any, Callable

from pyglove.geno._dna import DNA
from pyglove.geno._dna import make_node
from pyglove.geno._space import Space
from pyglove.geno._spec import DNASpec
from pyglove.geno._spec import common_kwargs
from pyglove.geno._spec import error_path
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import from_json
from pyglove.utils import message_on_path
from pyglove.utils import to_json


class Choices(DNASpec):
  """A categorical decision over candidate spaces.

  With ``num_choices == 1`` the DNA is ``DNA(i, children)``: index i and the
  DNA of candidate i's elements. With k > 1 it is ``DNA(None, [sub_1, ...,
  sub_k])``, each sub shaped like a single choice and decided by a subchoice
  spec (id ``x[j]``). Candidate i of n has id ``x[=i/n]``.

  Example:
    >>> c = Choices(2, [Space(), Space(), Space()], location='x')
    >>> c.space_size
    6
    >>> [str(s.id) for s in c.subchoices]
    ['x[0]', 'x[1]']

  Raises:
    TypeError: a candidate is not a `Space`, or a literal value is not a
      str/int/float.
    ValueError: no candidates, ``num_choices < 1``, more distinct choices
      than candidates, or literal values that don't match the candidates.
  """

  is_categorical = True

  def __init__(self,
               num_choices: int,
               candidates: Any,
               literal_values: Any = None,
               distinct: bool = True,
               sorted: bool = False,  # pylint: disable=redefined-builtin
               subchoice_index: int | None = None,
               location: KeyPath | str = KeyPath(),
               hints: Any = None,
               name: str | None = None):
    super().__init__(location, hints, name)
    candidates = list(candidates)
    _check_arguments(num_choices, candidates, literal_values, distinct, self.location)
    self.num_choices = num_choices
    self.candidates = candidates
    self.literal_values = None if literal_values is None else list(literal_values)
    self.distinct = bool(distinct)
    self.sorted = bool(sorted)
    self.subchoice_index = subchoice_index
    self.subchoices: list[Choices] = []
    if subchoice_index is not None:
      # A subchoice shares its parent's candidates, which keep their ids.
      return
    n = len(candidates)
    for i, c in enumerate(candidates):
      c.location = KeyPath(f'={i}/{n}')
      c._set_parent(self)
    if num_choices > 1:
      for j in range(num_choices):
        sub = Choices(1, candidates, literal_values, distinct, sorted,
                      subchoice_index=j, location=KeyPath(j), hints=hints,
                      name=name)
        sub._set_parent(self)
        self.subchoices.append(sub)
    # Raises on duplicate names across candidates now.
    self.named_decision_points  # pylint: disable=pointless-statement

  @property
  def is_subchoice(self) -> bool:
    """Whether this is subchoice j of a multi-choice (id ``x[j]``)."""
    return self.subchoice_index is not None

  @property
  def is_multi_choice(self) -> bool:
    """Whether this chooses more than one candidate (``num_choices > 1``)."""
    return self.num_choices > 1

  def format_candidate(self, index: int) -> str:
    """``'i/n (literal)'`` (or ``'i/n'`` without literal values) for candidate `index`."""
    text = f'{index}/{len(self.candidates)}'
    if self.literal_values is not None:
      text += f' ({self.literal_values[index]})'
    return text

  def _child_specs(self) -> list[DNASpec]:
    if self.subchoice_index is not None:
      return []
    return self.subchoices + self.candidates

  def _collect(self, out: list[DNASpec]) -> None:
    if self.subchoice_index is not None:
      out.append(self)
      return
    if self.num_choices == 1:
      out.append(self)
    else:
      out.extend(self.subchoices)
    for c in self.candidates:
      c._collect(out)

  def _size(self) -> int:
    sizes = [c.space_size for c in self.candidates]
    if any(s < 0 for s in sizes):
      return -1
    k = self.num_choices
    if k == 1:
      return sum(sizes)
    if not self.distinct and not self.sorted:
      return sum(sizes) ** k
    # Weighted counts of index sequences: elementary symmetric polynomials for
    # distinct picks, complete homogeneous ones for non-decreasing picks.
    e = [1] + [0] * k
    for s in sizes:
      if self.distinct:
        for j in range(k, 0, -1):
          e[j] += e[j - 1] * s
      else:
        for j in range(1, k + 1):
          e[j] += e[j - 1] * s
    if self.sorted:
      return e[k]
    return e[k] * math.factorial(k)

  # ----- Validation -----

  def _check(self, dna: DNA) -> None:
    if self.num_choices == 1:
      self._check_single(self, dna)
      return
    k = self.num_choices
    if dna.value is not None or len(dna.children) != k:
      raise self._error(
          f'Expected a DNA with no value and {k} children (one per subchoice), '
          f'got {dna!r}.')
    for sub, child in zip(self.subchoices, dna.children):
      self._check_single(sub, child)
    indices = [c.value for c in dna.children]
    if self.distinct and len(set(indices)) != k:
      raise self._error(f'Choices must be distinct, got indices {indices}.')
    if self.sorted and any(a > b for a, b in zip(indices, indices[1:])):
      raise self._error(f'Choices must be sorted, got indices {indices}.')

  def _check_single(self, point: 'Choices', dna: DNA) -> None:
    index = dna.value
    n = len(self.candidates)
    if type(index) is not int or not 0 <= index < n:
      raise point._error(
          f'Expected a choice index in [0, {n}), got {index!r} in {dna!r}.')
    candidate = self.candidates[index]
    m = len(candidate.elements)
    if len(dna.children) != m:
      raise point._error(
          f'Candidate {index} has {m} decision point(s), so the DNA needs '
          f'{m} child(ren); got {dna!r}.')
    candidate._check_children(dna.children)

  def _make_checker(self) -> Callable[[DNA, Any], bool]:
    n = len(self.candidates)
    sizes = [len(c.elements) for c in self.candidates]
    child_checkers = [c._children_checker() for c in self.candidates]

    def single(point: Choices) -> Callable[[DNA, Any], bool]:
      def check(dna: DNA, pairs: Any) -> bool:
        index = dna.value
        if type(index) is not int or not 0 <= index < n:
          return False
        children = dna.children
        if len(children) != sizes[index]:
          return False
        if pairs is not None:
          pairs.append((dna, point))
        return not children or child_checkers[index](children, pairs)
      return check

    if self.num_choices == 1:
      return single(self)
    k, distinct, ordered, multi = self.num_choices, self.distinct, self.sorted, self
    sub_checkers = [single(sub) for sub in self.subchoices]

    def check(dna: DNA, pairs: Any) -> bool:
      children = dna.children
      if dna.value is not None or len(children) != k:
        return False
      if pairs is not None:
        pairs.append((dna, multi))
      for f, c in zip(sub_checkers, children):
        if not f(c, pairs):
          return False
      indices = [c.value for c in children]
      if distinct and len(set(indices)) != k:
        return False
      return not ordered or all(a <= b for a, b in zip(indices, indices[1:]))
    return check

  # ----- Enumeration -----

  def _first(self) -> DNA:
    if self.num_choices == 1:
      return make_node(0, self.candidates[0]._first_children(), self)
    subs = self._fill([], 0)
    assert subs is not None  # A valid spec always has a first DNA.
    return make_node(None, subs, self)

  def _allowed(self, index: int, prefix: list[int]) -> bool:
    if self.distinct and index in prefix:
      return False
    if self.sorted and prefix:
      return index > prefix[-1] if self.distinct else index >= prefix[-1]
    return True

  def _fill(self, prefix: list[int], start: int) -> list[DNA] | None:
    """The smallest subchoice DNA for positions `start`.. after `prefix` indices."""
    indices = list(prefix)
    result = []
    n = len(self.candidates)
    for pos in range(start, self.num_choices):
      index = next((i for i in range(n) if self._allowed(i, indices)), None)
      if index is None:
        return None
      indices.append(index)
      result.append(make_node(index, self.candidates[index]._first_children(),
                              self.subchoices[pos]))
    return result

  def _next(self, dna: DNA) -> DNA | None:
    if self.num_choices == 1:
      return self._next_single(self, dna)
    subs = dna.children
    n = len(self.candidates)
    for pos in range(self.num_choices - 1, -1, -1):
      prefix = [c.value for c in subs[:pos]]
      current = subs[pos]
      children = self.candidates[current.value]._next_children(current.children)
      if children is not None:
        rest = self._fill(prefix + [current.value], pos + 1)
        if rest is not None:
          node = make_node(current.value, children, self.subchoices[pos])
          return make_node(None, _cloned(subs[:pos]) + [node] + rest, self)
      for index in range(current.value + 1, n):
        if not self._allowed(index, prefix):
          continue
        rest = self._fill(prefix + [index], pos + 1)
        if rest is not None:
          node = make_node(index, self.candidates[index]._first_children(),
                           self.subchoices[pos])
          return make_node(None, _cloned(subs[:pos]) + [node] + rest, self)
    return None

  def _next_single(self, point: 'Choices', dna: DNA) -> DNA | None:
    index = dna.value
    children = self.candidates[index]._next_children(dna.children)
    if children is not None:
      return make_node(index, children, point)
    if index + 1 < len(self.candidates):
      return make_node(index + 1, self.candidates[index + 1]._first_children(),
                       point)
    return None

  # ----- Sampling -----

  def _make_sampler(self) -> Callable[[Any, Any], DNA]:
    n = len(self.candidates)
    if all(not c.elements for c in self.candidates):
      samplers = None
    else:
      samplers = [c._children_sampler() for c in self.candidates]
    if self.num_choices == 1:
      return _single_sampler(self, n, samplers)
    subchoice_samplers = [_single_sampler(sub, n, samplers) for sub in self.subchoices]
    k, distinct, ordered, point = self.num_choices, self.distinct, self.sorted, self
    choices = range(n)

    def sample(rng: Any, previous: Any) -> DNA:
      if distinct:
        indices = rng.sample(choices, k)
      else:
        indices = [int(rng.random() * n) for _ in range(k)]
      if ordered:
        indices.sort()
      subs = [f(rng, previous, i) for f, i in zip(subchoice_samplers, indices)]
      return make_node(None, subs, point)
    return sample

  # ----- Conversions -----

  def _from_numbers(self, it: Any) -> DNA:
    if self.num_choices == 1:
      return self._single_from_numbers(self, it)
    return make_node(
        None, [self._single_from_numbers(sub, it) for sub in self.subchoices], self)

  def _single_from_numbers(self, point: 'Choices', it: Any) -> DNA:
    index = self._decode_index(point, _take(it, point))
    return make_node(index, self.candidates[index]._from_numbers_children(it), point)

  def _from_dict(self, get: Callable[..., Any]) -> DNA:
    if self.num_choices == 1:
      return self._single_from_dict(self, get(self), get)
    values = get(self, required=False)
    if values is MISSING_VALUE:
      values = [get(sub) for sub in self.subchoices]
    elif not isinstance(values, (list, tuple)) or len(values) != self.num_choices:
      raise self._error(
          f'Expected a list of {self.num_choices} choices for the '
          f'multi-choice, got {values!r}.')
    return make_node(
        None, [self._single_from_dict(sub, v, get)
               for sub, v in zip(self.subchoices, values)], self)

  def _single_from_dict(self, point: 'Choices', value: Any, get: Callable[..., Any]) -> DNA:
    index = self._decode_index(point, value)
    return make_node(index, self.candidates[index]._from_dict_children(get), point)

  def _decode_index(self, point: 'Choices', value: Any) -> int:
    """Reads a choice from an index, a DNA, a literal or an ``'i/n ...'`` string."""
    if isinstance(value, DNA):
      value = value.value
    n = len(self.candidates)
    if type(value) is int and 0 <= value < n:
      return value
    literals = self.literal_values
    if literals is not None and not isinstance(value, int) and value in literals:
      return literals.index(value)
    if isinstance(value, str):
      match = _CHOICE_TEXT.match(value)
      if match and int(match.group(2)) == n and int(match.group(1)) < n:
        return int(match.group(1))
    raise point._error(
        f'Expected a choice index in [0, {n}), a literal value or an '
        f'"i/{n}" string; got {value!r}.')

  def _eq_key(self) -> tuple[Any, ...]:
    return (self.num_choices, self.candidates, self.literal_values,
            self.distinct, self.sorted, self.subchoice_index, self.location,
            self.hints, self.name)

  def __repr__(self) -> str:
    parts = [f'num_choices={self.num_choices}', f'candidates={self.candidates!r}']
    if self.literal_values is not None:
      parts.append(f'literal_values={self.literal_values!r}')
    if self.num_choices > 1:
      parts.append(f'distinct={self.distinct}, sorted={self.sorted}')
    if self.subchoice_index is not None:
      parts.append(f'subchoice_index={self.subchoice_index}')
    return f'Choices({", ".join(parts + self._common_repr())})'

  def to_json(self, **kwargs: Any) -> dict[str, Any]:
    """JSON form; subchoices are derived, so they are not stored."""
    result = {
        '_type': _TYPE_KEY,
        'num_choices': self.num_choices,
        'candidates': [c.to_json(**kwargs) for c in self.candidates],
        'literal_values': to_json(self.literal_values, **kwargs),
        'distinct': self.distinct,
        'sorted': self.sorted,
    }
    result.update(self._common_json(**kwargs))
    return result

  @classmethod
  def from_json(cls, json_value: dict[str, Any], **kwargs: Any) -> 'Choices':
    """Rebuilds a `Choices` from `to_json` output."""
    return cls(
        json_value['num_choices'],
        [from_json(c, **kwargs) for c in json_value['candidates']],
        literal_values=from_json(json_value.get('literal_values'), **kwargs),
        distinct=json_value.get('distinct', True),
        sorted=json_value.get('sorted', False),
        **common_kwargs(json_value, **kwargs))


_TYPE_KEY = f'{Choices.__module__}.{Choices.__qualname__}'


def _check_arguments(num_choices: Any, candidates: list[Any], literal_values: Any,
                     distinct: bool, location: KeyPath) -> None:
  if type(num_choices) is not int:
    raise TypeError(message_on_path(
        f'num_choices must be an int; got {num_choices!r}.', error_path(location)))
  if num_choices < 1:
    raise ValueError(message_on_path(
        f'num_choices must be at least 1; got {num_choices}.', error_path(location)))
  if not candidates:
    raise ValueError(message_on_path(
        'Choices needs at least one candidate; got none.', error_path(location)))
  for i, c in enumerate(candidates):
    if not isinstance(c, Space):
      raise TypeError(message_on_path(
          f'Candidate {i} of the Choices must be a Space (an empty Space for '
          f'a constant); got {c!r}.', error_path(location)))
  if distinct and num_choices > len(candidates):
    raise ValueError(message_on_path(
        f'Cannot make {num_choices} distinct choices from {len(candidates)} '
        f'candidates.', error_path(location)))
  if literal_values is not None:
    literal_values = list(literal_values)
    if len(literal_values) != len(candidates):
      raise ValueError(message_on_path(
          f'Choices has {len(candidates)} candidates but '
          f'{len(literal_values)} literal values; they must match.', error_path(location)))
    for v in literal_values:
      if isinstance(v, bool) or not isinstance(v, (str, int, float)):
        raise TypeError(message_on_path(
            f'Literal values must be str, int or float; got {v!r} of type '
            f'{type(v).__name__}.', error_path(location)))


def _single_sampler(point: Choices, n: int, samplers: list[Any] | None) -> Callable[..., DNA]:
  """``fn(rng, previous, index=None) -> DNA`` for one choice (index drawn when None)."""
  new = _new

  def sample(rng: Any, previous: Any, index: int | None = None) -> DNA:
    if index is None:
      index = int(rng.random() * n)
    node = new(DNA)
    node.value = index
    node._point = point
    if samplers is None:
      node.children = []
    else:
      children = node.children = samplers[index](rng, previous)
      for c in children:
        c._parent = node
    return node
  return sample


def _cloned(nodes: list[DNA]) -> list[DNA]:
  # Nodes of the input DNA must keep their parent: the result gets copies.
  return [c.clone() for c in nodes]


def _take(it: Any, point: DNASpec) -> Any:
  value = next(it, _END)
  if value is _END:
    raise point._error('Ran out of numbers: the DNA spec needs a value here.')
  return value


_END = object()
_new = object.__new__
_CHOICE_TEXT = re.compile(r'^(\d+)/(\d+)')
