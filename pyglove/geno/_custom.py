"""`CustomDecisionPoint`: a decision whose DNA is a string the user's functions produce."""
from __future__ import annotations

from typing import Any, Callable

from pyglove.geno._dna import DNA
from pyglove.geno._dna import make_node
from pyglove.geno._spec import DNASpec
from pyglove.geno._spec import common_kwargs
from pyglove.geno._spec import error_path
from pyglove.utils import KeyPath
from pyglove.utils import from_json
from pyglove.utils import message_on_path
from pyglove.utils import to_json

_END = object()


class CustomDecisionPoint(DNASpec):
  """A decision encoded as ``DNA(str)``, e.g. a serialized graph or a permutation.

  Args:
    hyper_type: a name for the kind of value (informational).
    next_dna_fn: ``fn(dna_or_None) -> DNA | str | None``; enumerates the
      decision (None -> first, None returned after the last).
    random_dna_fn: ``fn(random_generator, previous_dna_or_None) -> DNA | str``.
    space_size: the number of values, -1 when unknown or infinite.

  Example:
    >>> from pyglove.geno import Space
    >>> c = CustomDecisionPoint(
    ...     next_dna_fn=lambda d: 'a' if d is None else (None if d.value == 'b' else 'b'),
    ...     space_size=2, location='w')
    >>> list(Space([c]).iter_dna())
    [DNA('a'), DNA('b')]
  """

  is_custom_decision_point = True

  def __init__(self,
               hyper_type: str | None = None,
               next_dna_fn: Callable[[DNA | None], Any] | None = None,
               random_dna_fn: Callable[[Any, DNA | None], Any] | None = None,
               space_size: int = -1,
               location: KeyPath | str = KeyPath(),
               hints: Any = None,
               name: str | None = None):
    super().__init__(location, hints, name)
    for label, fn in (('next_dna_fn', next_dna_fn), ('random_dna_fn', random_dna_fn)):
      if fn is not None and not callable(fn):
        raise TypeError(message_on_path(
            f'{label} must be callable or None; got {fn!r}.', error_path(self.location)))
    if type(space_size) is not int:
      raise TypeError(message_on_path(
          f'space_size must be an int; got {space_size!r}.', error_path(self.location)))
    self.hyper_type = hyper_type
    self.next_dna_fn = next_dna_fn
    self.random_dna_fn = random_dna_fn
    self._declared_size = space_size

  def _size(self) -> int:
    return self._declared_size if self._declared_size >= 0 else -1

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
      raise self._error(f'{source} must return a str or a DNA of a str; got {result!r}.')
    return make_node(value, [], self)

  def _enumerator(self) -> Callable[[DNA | None], Any]:
    if self.next_dna_fn is None:
      raise self._error(
          'Cannot enumerate DNA: this custom decision point has no next_dna_fn.')
    return self.next_dna_fn

  def _first(self) -> DNA:
    result = self._enumerator()(None)
    if result is None:
      raise self._error('next_dna_fn(None) returned None: the decision has no value.')
    return self._leaf(result, 'next_dna_fn')

  def _next(self, dna: DNA) -> DNA | None:
    result = self._enumerator()(dna)
    return None if result is None else self._leaf(result, 'next_dna_fn')

  def _make_sampler(self) -> Callable[[Any, Any], DNA]:
    return self._sample

  def _sample(self, rng: Any, previous: dict[str, DNA] | None) -> DNA:
    if self.random_dna_fn is None:
      raise self._error('Cannot sample: this custom decision point has no random_dna_fn.')
    before = None if previous is None else previous.get(str(self.id))
    return self._leaf(self.random_dna_fn(rng, before), 'random_dna_fn')

  def _from_numbers(self, it: Any) -> DNA:
    value = next(it, _END)
    if value is _END:
      raise self._error('Ran out of numbers: the DNA spec needs a value here.')
    return self._leaf(value, 'The number list')

  def _from_dict(self, get: Callable[..., Any]) -> DNA:
    return self._leaf(get(self), 'The dict')

  def _eq_key(self) -> tuple[Any, ...]:
    return (self.hyper_type, self.next_dna_fn, self.random_dna_fn,
            self._declared_size, self.location, self.hints, self.name)

  def __repr__(self) -> str:
    parts = []
    if self.hyper_type is not None:
      parts.append(f'hyper_type={self.hyper_type!r}')
    if self._declared_size >= 0:
      parts.append(f'space_size={self._declared_size}')
    return f'CustomDecisionPoint({", ".join(parts + self._common_repr())})'

  def to_json(self, **kwargs: Any) -> dict[str, Any]:
    """JSON form; the functions are stored pickled, so loading needs ``trusted=True``."""
    result = {
        '_type': _TYPE_KEY,
        'hyper_type': self.hyper_type,
        'next_dna_fn': to_json(self.next_dna_fn, **kwargs),
        'random_dna_fn': to_json(self.random_dna_fn, **kwargs),
        'space_size': self._declared_size,
    }
    result.update(self._common_json(**kwargs))
    return result

  @classmethod
  def from_json(cls, json_value: dict[str, Any], **kwargs: Any) -> 'CustomDecisionPoint':
    """Rebuilds the point from `to_json` output (functions need ``trusted=True``)."""
    return cls(
        json_value.get('hyper_type'),
        from_json(json_value.get('next_dna_fn'), **kwargs),
        from_json(json_value.get('random_dna_fn'), **kwargs),
        json_value.get('space_size', -1),
        **common_kwargs(json_value, **kwargs))


_TYPE_KEY = f'{CustomDecisionPoint.__module__}.{CustomDecisionPoint.__qualname__}'
