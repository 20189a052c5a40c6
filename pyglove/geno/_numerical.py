"""`Float` and `Int`: numerical decision points over a closed range."""
from __future__ import annotations

import math
from typing import Any, Callable

from pyglove import typing as pg_typing
from pyglove.geno._dna import DNA
from pyglove.geno._dna import make_node
from pyglove.geno._spec import DecisionPoint
from pyglove.utils import KeyPath

_END = object()
_new = object.__new__
_EXACT_FLOAT_RANGE = 1 << 40


class _Numerical(DecisionPoint):
  """Shared parts of `Float` and `Int`: a range, a leaf DNA, number conversions."""

  is_numerical = True
  _value_types: tuple[type, ...] = ()
  _kind = ''

  def _on_bound(self) -> None:
    super()._on_bound()
    lo, hi = self.min_value, self.max_value
    if not (math.isfinite(lo) and math.isfinite(hi)):
      raise self._error(
          f'{type(self).__name__} bounds must be finite; got (min_value={lo!r}, '
          f'max_value={hi!r}).')
    if lo > hi:
      raise self._error(
          f'{type(self).__name__} needs min_value <= max_value; got '
          f'(min_value={lo!r}, max_value={hi!r}).')

  def _check(self, dna: DNA) -> None:
    value = dna.value
    if type(value) not in self._value_types or dna.children:
      raise self._error(
          f'Expected a leaf DNA with {self._kind} value, got {dna!r}.')
    if not self.min_value <= value <= self.max_value:
      raise self._error(
          f'Value {value!r} is out of range (min={self.min_value!r}, '
          f'max={self.max_value!r}).')

  def _make_checker(self) -> Callable[[DNA, Any], bool]:
    types, lo, hi, point = self._value_types, self.min_value, self.max_value, self

    def check(dna: DNA, pairs: Any) -> bool:
      value = dna.value
      if type(value) not in types or dna.children or not lo <= value <= hi:
        return False
      if pairs is not None:
        pairs.append((dna, point))
      return True
    return check

  def _from_numbers(self, it: Any) -> DNA:
    value = next(it, _END)
    if value is _END:
      raise self._error('Ran out of numbers: the DNA spec needs a value here.')
    return self._leaf(value)

  def _from_dict(self, get: Callable[..., Any]) -> DNA:
    value = get(self)
    return self._leaf(value.value if isinstance(value, DNA) else value)

  def _leaf(self, value: Any) -> DNA:
    if type(value) not in self._value_types:
      raise self._error(f'Expected {self._kind} value, got {value!r}.')
    if not self.min_value <= value <= self.max_value:
      raise self._error(
          f'Value {value!r} is out of range (min={self.min_value!r}, '
          f'max={self.max_value!r}).')
    return make_node(value, [], self)

  def _first(self) -> DNA:
    return make_node(self.min_value, [], self)


class Float(_Numerical):
  """A continuous decision in ``[min_value, max_value]``.

  `scale` shapes random sampling: 'linear' (or None) is uniform, 'log' is
  uniform in log space, 'rlog' mirrors 'log' so more mass lies near
  `max_value`. For enumeration a float stays at `min_value`: `first_dna` puts
  it there, and `next_dna` raises when it would have to move.

  Example:
    >>> f = Float(0.001, 0.1, scale='log', location='lr')
    >>> f.validate(DNA(0.01))

  Raises:
    TypeError: a bound is not a number.
    ValueError: ``min_value > max_value``, an unknown scale, or a log scale
      with ``min_value <= 0``.
  """

  min_value: float
  max_value: float
  scale: pg_typing.Enum(None, [None, 'linear', 'log', 'rlog'])

  _value_types = (float, int)
  _kind = 'a float'
  serialization_aliases = ('pyglove.generators.geno.Float', 'geno.Float',
                           'pyglove.core.geno.numerical.Float')

  _sym_signature_from_init = True  # inspect.signature shows the arguments below.

  def __init__(self, min_value: float, max_value: float,
               scale: str | None = None, hints: Any = None,
               location: Any = KeyPath(), name: str | None = None,
               **kwargs: Any):
    super().__init__(min_value=min_value, max_value=max_value, scale=scale,
                     hints=hints, location=location, name=name, **kwargs)

  def _on_bound(self) -> None:
    super()._on_bound()
    if self.scale in ('log', 'rlog') and self.min_value <= 0:
      raise self._error(
          f'Float with scale {self.scale!r} needs min_value > 0; got '
          f'min_value={self.min_value!r}.')

  def _size(self) -> int:
    return -1

  def _next(self, dna: DNA) -> DNA | None:
    raise NotImplementedError(
        f'Cannot enumerate past the Float decision point at '
        f'{str(self.id) or "<root>"}: it is continuous. Sample it with '
        f'random_dna() or a search algorithm instead.')

  def _make_sampler(self) -> Callable[[Any, Any], DNA]:
    lo, hi, point, new, exp = (
        self.min_value, self.max_value, self, _new, math.exp)
    span = hi - lo
    scale = self.scale
    if scale in ('log', 'rlog'):
      log_min = math.log(lo)
      log_span = math.log(hi) - log_min
    mirrored = scale == 'rlog'

    def sample(rng: Any, previous: Any) -> DNA:
      if scale is None or scale == 'linear':
        value = lo + rng.random() * span
      elif mirrored:
        value = hi + lo - exp(log_min + rng.random() * log_span)
      else:
        value = exp(log_min + rng.random() * log_span)
      # Rounding can step just outside the range.
      if value > hi:
        value = hi
      elif value < lo:
        value = lo
      node = new(DNA)
      d = node.__dict__
      d['_compact'] = True
      d['value'] = value
      d['children'] = []
      d['_point'] = point
      return node
    return sample


class Int(_Numerical):
  """An integer decision in ``[min_value, max_value]`` (one DNA value, not a choice per value).

  Example:
    >>> i = Int(1, 4, location='layers')
    >>> i.space_size, i.first_dna(), i.next_dna(DNA(4))
    (4, DNA(1), None)

  Raises:
    TypeError: a bound is not an int.
    ValueError: ``min_value > max_value``.
  """

  min_value: int
  max_value: int

  _value_types = (int,)
  _kind = 'an int'

  _sym_signature_from_init = True  # inspect.signature shows the arguments below.

  def __init__(self, min_value: int, max_value: int, hints: Any = None,
               location: Any = KeyPath(), name: str | None = None,
               **kwargs: Any):
    super().__init__(min_value=min_value, max_value=max_value, hints=hints,
                     location=location, name=name, **kwargs)

  def _size(self) -> int:
    return self.max_value - self.min_value + 1

  def _next(self, dna: DNA) -> DNA | None:
    if dna.value >= self.max_value:
      return None
    return make_node(dna.value + 1, [], self)

  def _make_sampler(self) -> Callable[[Any, Any], DNA]:
    lo, point, new = self.min_value, self, _new
    count = self.max_value - lo + 1
    # random() carries 53 bits; wider ranges need randrange to reach every value.
    exact = count < _EXACT_FLOAT_RANGE

    def sample(rng: Any, previous: Any) -> DNA:
      offset = int(rng.random() * count) if exact else rng.randrange(count)
      node = new(DNA)
      d = node.__dict__
      d['_compact'] = True
      d['value'] = lo + offset
      d['children'] = []
      d['_point'] = point
      return node
    return sample


def floatv(min_value: float, max_value: float, scale: str | None = None,
           hints: Any = None, location: Any = KeyPath(),
           name: str | None = None) -> Float:
  """Builds a `Float` decision point (the genotype of `pg.floatv`).

  Example:
    >>> floatv(0.0, 1.0, location='x').space_size
    -1
  """
  return Float(min_value, max_value, scale, hints=hints, location=location,
               name=name)
