"""`Space`: a list of independent decision points (a search space or a candidate)."""
from __future__ import annotations

from typing import Any, Callable

from pyglove.geno._dna import DNA
from pyglove.geno._dna import make_node
from pyglove.geno._spec import DNASpec
from pyglove.geno._spec import common_kwargs
from pyglove.utils import KeyPath
from pyglove.utils import from_json

_new = object.__new__


class Space(DNASpec):
  """Independent decision points; the whole search space, or a choice's candidate.

  Its DNA is ``DNA(None)`` with no elements, the element's DNA with one, and
  ``DNA(None, [one per element])`` with more.

  Example:
    >>> from pyglove.geno import Choices, Float
    >>> space = Space([Choices(1, [Space(), Space()], location='a'),
    ...                Float(0.0, 1.0, location='b')])
    >>> space.decision_ids
    [KeyPath('a'), KeyPath('b')]
    >>> space.validate(DNA([1, 0.5]))

  Raises:
    TypeError: an element is not a decision point (`Choices`, `Float`,
      `Int`, `CustomDecisionPoint`).
    ValueError: two elements share a location, or two decision points in the
      tree share a name.
  """

  is_space = True

  def __init__(self,
               elements: Any = (),
               location: KeyPath | str = KeyPath(),
               hints: Any = None):
    super().__init__(location, hints, None)
    elements = list(elements)
    seen = set()
    for e in elements:
      if not isinstance(e, DNASpec) or e.is_space:
        raise TypeError(
            f'Elements of a Space must be decision points (Choices, Float, '
            f'Int, CustomDecisionPoint); got {e!r}.')
      loc = str(e.location)
      if loc in seen:
        raise ValueError(
            f'Two elements of a Space share the location {loc!r}; each '
            f'decision point needs its own location.')
      seen.add(loc)
    for e in elements:
      e._set_parent(self)
    self.elements = elements
    # Raises on duplicate names now rather than at the first lookup.
    self.named_decision_points  # pylint: disable=pointless-statement

  def _child_specs(self) -> list[DNASpec]:
    return self.elements

  def _collect(self, out: list[DNASpec]) -> None:
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

  # A candidate's DNA children are its elements' DNA (see Choices); the
  # whole-space DNA wraps the same list, hence the *_children variants.

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
    self._check_children(self._unwrap(dna))

  def _check_children(self, children: list[DNA]) -> None:
    for e, c in zip(self.elements, children):
      e._check(c)

  def _make_checker(self) -> Callable[[DNA, Any], bool]:
    if len(self.elements) == 1:
      return self.elements[0]._checker()
    n = len(self.elements)
    check_children = self._children_checker()

    def check(dna: DNA, pairs: Any) -> bool:
      if dna.value is not None or len(dna.children) != n:
        return False
      if pairs is not None:
        pairs.append((dna, None))
      return check_children(dna.children, pairs)
    return check

  def _children_checker(self) -> Callable[[list[DNA], Any], bool]:
    """``fn(children, pairs) -> bool`` for one child DNA per element (count already checked)."""
    checkers = tuple(e._checker() for e in self.elements)

    def check_children(children: list[DNA], pairs: Any) -> bool:
      for f, c in zip(checkers, children):
        if not f(c, pairs):
          return False
      return True
    return check_children

  def _first(self) -> DNA:
    return self._wrap(self._first_children())

  def _first_children(self) -> list[DNA]:
    return [e._first() for e in self.elements]

  def _next(self, dna: DNA) -> DNA | None:
    children = self._next_children(self._unwrap(dna))
    return None if children is None else self._wrap(children)

  def _next_children(self, children: list[DNA]) -> list[DNA] | None:
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
    sample_children = self._children_sampler()
    new = _new

    def sample(rng: Any, previous: Any) -> DNA:
      children = sample_children(rng, previous)
      node = new(DNA)
      node.value = None
      node.children = children
      node._point = None
      for c in children:
        c._parent = node
      return node
    return sample

  def _children_sampler(self) -> Callable[[Any, Any], list[DNA]]:
    """``fn(rng, previous) -> [one DNA per element]``."""
    samplers = tuple(e._sampler() for e in self.elements)
    if not samplers:
      return lambda rng, previous: []
    if len(samplers) == 1:
      only = samplers[0]
      return lambda rng, previous: [only(rng, previous)]
    return lambda rng, previous: [f(rng, previous) for f in samplers]

  def _from_numbers(self, it: Any) -> DNA:
    return self._wrap(self._from_numbers_children(it))

  def _from_numbers_children(self, it: Any) -> list[DNA]:
    return [e._from_numbers(it) for e in self.elements]

  def _from_dict(self, get: Callable[..., Any]) -> DNA:
    return self._wrap(self._from_dict_children(get))

  def _from_dict_children(self, get: Callable[..., Any]) -> list[DNA]:
    return [e._from_dict(get) for e in self.elements]

  def _eq_key(self) -> tuple[Any, ...]:
    return (self.location, self.hints, self.elements)

  def __repr__(self) -> str:
    parts = [f'elements={self.elements!r}'] if self.elements else []
    return f'Space({", ".join(parts + self._common_repr())})'

  def to_json(self, **kwargs: Any) -> dict[str, Any]:
    """JSON form: the elements, location and hints."""
    result = {'_type': _TYPE_KEY, 'elements': [e.to_json(**kwargs) for e in self.elements]}
    result.update(self._common_json(**kwargs))
    return result

  @classmethod
  def from_json(cls, json_value: dict[str, Any], **kwargs: Any) -> 'Space':
    """Rebuilds a `Space` from `to_json` output."""
    common = common_kwargs(json_value, **kwargs)
    del common['name']
    elements = [from_json(e, **kwargs) for e in json_value.get('elements', [])]
    return cls(elements, **common)


_TYPE_KEY = f'{Space.__module__}.{Space.__qualname__}'
