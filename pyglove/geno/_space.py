"""`Space`: a list of independent decision points (a search space or a candidate).

The DNA of a root space is ``DNA(None)`` with no elements, the element's DNA
with one, and ``DNA(None, [one per element])`` with more. A candidate's DNA is
the children of the choice node that picks it: one per element, except that a
lone multi-choice contributes its subchoices directly (``DNA(1, [0, 2])``
picks candidate 1 and, in its multi-choice, candidates 0 and 2).
"""
from __future__ import annotations

from typing import Any, Callable

from pyglove import typing as pg_typing
from pyglove.geno._dna import DNA
from pyglove.geno._dna import error_path
from pyglove.geno._dna import make_node
from pyglove.geno._spec import DecisionPoint
from pyglove.geno._spec import DNASpec
from pyglove.utils import KeyPath
from pyglove.utils import message_on_path


class Space(DNASpec):
  """Independent decision points: the whole search space, or a choice's candidate.

  Args:
    elements: the decision points (`Choices`, `Float`, `Int`,
      `CustomDecisionPoint`), each at its own location.
    index: the candidate index when this is a candidate of a `Choices` (set
      by the choice).
    location: the key path of the space in the program it describes.
    hints: anything a search algorithm may read.

  Example:
    >>> from pyglove.geno import constant, floatv, oneof
    >>> space = Space([oneof([constant(), constant()], location='a'),
    ...                floatv(0.0, 1.0, location='b')])
    >>> space.decision_ids
    [KeyPath('a'), KeyPath('b')]
    >>> space.validate(DNA([1, 0.5]))

  Raises:
    TypeError: an element is not a decision point.
    ValueError: two elements share a location, or two decision points share
      a name (or a name equals another's id).
  """

  elements: pg_typing.List(pg_typing.Object(DecisionPoint), default=[])
  index: pg_typing.Int(min_value=0).noneable()

  is_space = True
  serialization_aliases = ('pyglove.generators.geno.Template', 'geno.Space',
                           'pyglove.core.geno.space.Space')

  _sym_signature_from_init = True  # inspect.signature shows the arguments below.

  def __init__(self, elements: Any = None, index: int | None = None, *,
               location: Any = KeyPath(), hints: Any = None, **kwargs: Any):
    super().__init__(elements=[] if elements is None else elements,
                     index=index, location=location, hints=hints, **kwargs)

  def _on_bound(self) -> None:
    super()._on_bound()
    seen = set()
    for e in self.elements:
      loc = str(e.location)
      if loc in seen:
        raise self._error(
            f'Two elements of a Space share the location {loc!r}; each '
            f'decision point needs its own location.')
      seen.add(loc)
    check_names(self)

  def _child_specs(self) -> list[DNASpec]:
    return list(getattr(self, 'elements', ()))

  @property
  def is_constant(self) -> bool:
    """Whether the space has no decision point."""
    return not self.elements

  def __getitem__(self, index: Any) -> Any:
    """An element by index or slice, or the decision point(s) by name or id."""
    if isinstance(index, (int, slice)):
      return self.elements[index]
    return super().__getitem__(index)

  def __iter__(self):
    return iter(self.elements)

  def _collect(self, out: list[Any]) -> None:
    for e in self.elements:
      e._collect(out)

  def _size(self) -> int:
    size = 1
    for e in self.elements:
      s = e.space_size
      if s < 0:
        return -1
      size *= s
    return size

  # A choice node's children are its candidate's element DNA, except that a
  # lone multi-choice gives its subchoices (see the module docstring).

  def _lone_multi_choice(self) -> Any:
    elements = self.elements
    if len(elements) == 1 and elements[0].is_categorical and (
        elements[0].num_choices > 1):
      return elements[0]
    return None

  def _wrap(self, children: list[DNA]) -> DNA:
    if len(children) == 1:
      return children[0]
    return make_node(None, children, None)

  def _unwrap(self, dna: DNA) -> list[DNA]:
    n = len(self.elements)
    if n == 1:
      return [dna]
    if dna.value is not None or len(dna.children) != n:
      raise self._error(
          f'Expected a DNA with no value and {n} children (one per element '
          f'of the space), got {dna!r}.')
    return dna.children

  def _check(self, dna: DNA) -> None:
    for e, c in zip(self.elements, self._unwrap(dna)):
      e._check(c)

  def _check_children(self, children: list[DNA]) -> None:
    multi = self._lone_multi_choice()
    if multi is not None:
      multi._check_subs(children)
      return
    for e, c in zip(self.elements, children):
      e._check(c)

  def _make_checker(self) -> Callable[[DNA, Any], bool]:
    if len(self.elements) == 1:
      return self.elements[0]._checker()
    n = len(self.elements)
    checkers = tuple(e._checker() for e in self.elements)

    def check(dna: DNA, pairs: Any) -> bool:
      children = dna.children
      if dna.value is not None or len(children) != n:
        return False
      for f, c in zip(checkers, children):
        if not f(c, pairs):
          return False
      return True
    return check

  def _children_checker(self) -> Callable[[list[DNA], Any], bool]:
    """``fn(children, pairs) -> bool`` for a choice node's children (count checked here)."""
    multi = self._lone_multi_choice()
    if multi is not None:
      return multi._subs_checker()
    n = len(self.elements)
    checkers = tuple(e._checker() for e in self.elements)

    def check_children(children: list[DNA], pairs: Any) -> bool:
      if len(children) != n:
        return False
      for f, c in zip(checkers, children):
        if not f(c, pairs):
          return False
      return True
    return check_children

  def _first(self) -> DNA:
    return self._wrap([e._first() for e in self.elements])

  def _first_children(self) -> list[DNA]:
    multi = self._lone_multi_choice()
    if multi is not None:
      return multi._first_subs()
    return [e._first() for e in self.elements]

  def _next(self, dna: DNA) -> DNA | None:
    children = self._next_elements(self._unwrap(dna))
    return None if children is None else self._wrap(children)

  def _next_children(self, children: list[DNA]) -> list[DNA] | None:
    multi = self._lone_multi_choice()
    if multi is not None:
      return multi._next_subs(children)
    return self._next_elements(children)

  def _next_elements(self, children: list[DNA]) -> list[DNA] | None:
    elements = self.elements
    for pos in range(len(elements) - 1, -1, -1):
      advanced = elements[pos]._next(children[pos])
      if advanced is not None:
        return ([c.clone() for c in children[:pos]] + [advanced]
                + [e._first() for e in elements[pos + 1:]])
    return None

  def _make_sampler(self) -> Callable[[Any, Any], DNA]:
    if len(self.elements) == 1:
      return self.elements[0]._sampler()
    samplers = tuple(e._sampler() for e in self.elements)

    def sample(rng: Any, previous: Any) -> DNA:
      return make_node(None, [f(rng, previous) for f in samplers], None)
    return sample

  def _children_sampler(self) -> Callable[[Any, Any], list[DNA]]:
    """``fn(rng, previous) -> children`` of a choice node picking this candidate."""
    multi = self._lone_multi_choice()
    if multi is not None:
      return multi._subs_sampler()
    samplers = tuple(e._sampler() for e in self.elements)
    if not samplers:
      return lambda rng, previous: []
    if len(samplers) == 1:
      only = samplers[0]
      return lambda rng, previous: [only(rng, previous)]
    return lambda rng, previous: [f(rng, previous) for f in samplers]

  def _from_numbers(self, it: Any) -> DNA:
    return self._wrap([e._from_numbers(it) for e in self.elements])

  def _from_numbers_children(self, it: Any) -> list[DNA]:
    multi = self._lone_multi_choice()
    if multi is not None:
      return multi._subs_from_numbers(it)
    return [e._from_numbers(it) for e in self.elements]

  def _from_dict(self, get: Callable[..., Any]) -> DNA:
    return self._wrap([e._from_dict(get) for e in self.elements])

  def _from_dict_children(self, get: Callable[..., Any]) -> list[DNA]:
    multi = self._lone_multi_choice()
    if multi is not None:
      return multi._subs_from_dict(get)
    return [e._from_dict(get) for e in self.elements]


def check_names(spec: DNASpec) -> None:
  """Raises ValueError when two decision points share a name, or a name is another's id.

  The points inside the candidates of a multi-choice count once (their
  copies under each subchoice share the names).
  """
  names: dict[str, Any] = {}
  stack: list[Any] = list(reversed(spec.elements)) if spec.is_space else [spec]
  while stack:
    point = stack.pop()
    if point.name is not None:
      first = names.get(point.name)
      if first is not None:
        raise ValueError(message_on_path(
            f'Decision name {point.name!r} is used twice: by {first.id} and '
            f'by {point.id}; names must be unique in a space.',
            error_path(point.id)))
      names[point.name] = point
    if point.is_categorical:
      for candidate in reversed(point.candidates):
        stack.extend(reversed(candidate.elements))
  for point in spec.decision_points:
    other = names.get(str(point.id))
    if other is not None and other is not point and not (
        point.is_subchoice and other is point.parent_spec):
      raise ValueError(message_on_path(
          f'Decision name {str(point.id)!r} of {other.id} is also the id of '
          f'another decision point.', error_path(point.id)))


def space(elements: Any = None, index: int | None = None, *,
          location: Any = KeyPath(), hints: Any = None) -> Space:
  """Builds a `Space` of decision points (the genotype of a template).

  Example:
    >>> from pyglove.geno import floatv
    >>> len(space([floatv(0.0, 1.0, location='x')]).decision_points)
    1
  """
  return Space(elements, index, location=location, hints=hints)


def constant() -> Space:
  """An empty `Space`: a candidate with no decision in it.

  Example:
    >>> constant().is_constant
    True
  """
  return Space()
