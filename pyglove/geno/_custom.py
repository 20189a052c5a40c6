"""`CustomDecisionPoint`: a decision whose DNA is a string the user's functions produce."""
from __future__ import annotations

from typing import Any, Callable

from pyglove import typing as pg_typing
from pyglove.geno._dna import DNA
from pyglove.geno._dna import make_node
from pyglove.geno._spec import DecisionPoint
from pyglove.utils import KeyPath

_END = object()
_FUNCTIONS = ('next_dna_fn', 'random_dna_fn')


class CustomDecisionPoint(DecisionPoint):
  """A decision encoded as ``DNA(str)``, e.g. a serialized graph or a permutation.

  The functions are process-local: JSON leaves them out and symbolic
  comparison ignores them, so a spec read back from a file compares equal
  to the one that wrote it.

  Args:
    hyper_type: a name for the kind of value (for display).
    next_dna_fn: ``fn(dna_or_None) -> DNA | str | None``; enumerates the
      decision (None -> first; returns None after the last).
    random_dna_fn: ``fn(random_generator, previous_dna_or_None) -> DNA | str``.
    hints: anything a search algorithm may read.
    location: the key path of the decision in the program it describes.
    name: a name unique in the space.
    space_size: the number of values, -1 when unknown or infinite.

  Example:
    >>> from pyglove.geno import Space
    >>> c = CustomDecisionPoint(
    ...     next_dna_fn=lambda d: 'a' if d is None else (None if d.value == 'b' else 'b'),
    ...     location='w')
    >>> list(Space([c]).iter_dna())
    [DNA('a'), DNA('b')]
  """

  hyper_type: pg_typing.Str().noneable()
  next_dna_fn: pg_typing.Callable().noneable()
  random_dna_fn: pg_typing.Callable().noneable()

  is_custom_decision_point = True
  serialization_aliases = ('pyglove.generators.geno.CustomDecisionPoint',
                           'geno.CustomDecisionPoint',
                           'pyglove.core.geno.custom.CustomDecisionPoint')

  _sym_signature_from_init = True  # inspect.signature shows the arguments below.

  def __init__(self, hyper_type: str | None = None,
               next_dna_fn: Callable[[DNA | None], Any] | None = None,
               random_dna_fn: Callable[[Any, DNA | None], Any] | None = None,
               hints: Any = None, location: Any = KeyPath(),
               name: str | None = None, **kwargs: Any):
    super().__init__(hyper_type=hyper_type, next_dna_fn=next_dna_fn,
                     random_dna_fn=random_dna_fn, hints=hints,
                     location=location, name=name, **kwargs)

  def _size(self) -> int:
    return -1  # Unknown: the functions alone know.

  def sym_eq(self, other: Any) -> bool:
    """Equal when type, hyper type, name, location and hints agree (not the functions)."""
    return type(other) is type(self) and self._identity() == other._identity()

  def sym_hash(self) -> int:
    return hash(self._identity())

  def _identity(self) -> tuple[Any, ...]:
    return (self.hyper_type, self.name, str(self.location), repr(self.hints))

  def to_json(self, **kwargs: Any) -> dict[str, Any]:
    """The JSON form, without the (process-local) functions."""
    result = super().to_json(**kwargs)
    for key in _FUNCTIONS:
      result.pop(key, None)
    return result

  def _check(self, dna: DNA) -> None:
    if type(dna.value) is not str or dna.children:
      raise self._error(f'Expected a leaf DNA with a str value, got {dna!r}.')

  def _make_checker(self) -> Callable[[DNA, Any], bool]:
    point = self

    def check(dna: DNA, pairs: Any) -> bool:
      if type(dna.value) is not str or dna.children:
        return False
      if pairs is not None:
        pairs.append((dna, point))
      return True
    return check

  def _leaf(self, result: Any, source: str) -> DNA:
    value = result.value if isinstance(result, DNA) else result
    if not isinstance(value, str):
      raise self._error(
          f'{source} must give a str or a DNA of a str; got {result!r}.')
    return make_node(value, [], self)

  def _unsupported(self, what: str, fn_name: str) -> NotImplementedError:
    kind = self.hyper_type or type(self).__name__
    return NotImplementedError(
        f'{what} is not supported by the {kind!r} decision point at '
        f'{str(self.id) or "<root>"}: it has no {fn_name}.')

  def _first(self) -> DNA:
    if self.next_dna_fn is None:
      raise self._unsupported('next_dna', 'next_dna_fn')
    result = self.next_dna_fn(None)
    if result is None:
      raise self._error('next_dna_fn(None) returned None: the decision has no value.')
    return self._leaf(result, 'next_dna_fn')

  def _next(self, dna: DNA) -> DNA | None:
    if self.next_dna_fn is None:
      raise self._unsupported('next_dna', 'next_dna_fn')
    result = self.next_dna_fn(dna)
    return None if result is None else self._leaf(result, 'next_dna_fn')

  def _make_sampler(self) -> Callable[[Any, Any], DNA]:
    return self._sample

  def _sample(self, rng: Any, previous: dict[str, DNA] | None) -> DNA:
    if self.random_dna_fn is None:
      raise self._unsupported('random_dna', 'random_dna_fn')
    before = None if previous is None else previous.get(str(self.id))
    return self._leaf(self.random_dna_fn(rng, before), 'random_dna_fn')

  def _from_numbers(self, it: Any) -> DNA:
    value = next(it, _END)
    if value is _END:
      raise self._error('Ran out of numbers: the DNA spec needs a value here.')
    return self._leaf(value, 'The number list')

  def _from_dict(self, get: Callable[..., Any]) -> DNA:
    return self._leaf(get(self), 'The dict')


def custom(hyper_type: str | None = None,
           next_dna_fn: Callable[[DNA | None], Any] | None = None,
           random_dna_fn: Callable[[Any, DNA | None], Any] | None = None,
           hints: Any = None, location: Any = KeyPath(),
           name: str | None = None) -> CustomDecisionPoint:
  """Builds a `CustomDecisionPoint` (the genotype of a `pg.hyper.CustomHyper`).

  Example:
    >>> custom('graph', hints='dag').hyper_type
    'graph'
  """
  return CustomDecisionPoint(hyper_type, next_dna_fn, random_dna_fn,
                             hints=hints, location=location, name=name)
