"""`Float` and `Int`: numerical decision points over a closed range."""
from __future__ import annotations

import math
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

_SCALES = (None, 'linear', 'log', 'rlog')
_END = object()
_new = object.__new__
_EXACT_FLOAT_RANGE = 1 << 40


class _Numerical(DNASpec):
  """Shared parts of `Float` and `Int`: a range, a leaf DNA, number conversions."""

  is_numerical = True
  _value_types: tuple[type, ...] = ()
  _kind = ''

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
    return make_node(value, [], self)


def _check_range(cls_name: str, min_value: Any, max_value: Any, location: KeyPath,
                 types: tuple[type, ...]) -> None:
  for v in (min_value, max_value):
    if isinstance(v, bool) or not isinstance(v, types):
      raise TypeError(message_on_path(
          f'{cls_name} bounds must be {" or ".join(t.__name__ for t in types)}; '
          f'got {v!r} of type {type(v).__name__}.', error_path(location)))
  if not (math.isfinite(min_value) and math.isfinite(max_value)):
    raise ValueError(message_on_path(
        f'{cls_name} bounds must be finite; got (min_value={min_value!r}, '
        f'max_value={max_value!r}).', error_path(location)))
  if min_value > max_value:
    raise ValueError(message_on_path(
        f'{cls_name} needs min_value <= max_value; got (min_value={min_value!r}, '
        f'max_value={max_value!r}).', error_path(location)))


class Float(_Numerical):
  """A continuous decision in ``[min_value, max_value]``.

  `scale` shapes random sampling: 'linear' (or None) is uniform, 'log' is
  uniform in log space, 'rlog' mirrors 'log' so more mass lies near
  `max_value`. Floats cannot be enumerated: `next_dna` raises.

  Example:
    >>> f = Float(0.001, 0.1, scale='log', location='lr')
    >>> f.validate(DNA(0.01))

  Raises:
    TypeError: a bound is not a number.
    ValueError: ``min_value > max_value``, an unknown scale, or a log scale
      with ``min_value <= 0``.
  """

  _value_types = (float, int)
  _kind = 'a float'

  def __init__(self,
               min_value: float,
               max_value: float,
               scale: str | None = None,
               location: KeyPath | str = KeyPath(),
               hints: Any = None,
               name: str | None = None):
    super().__init__(location, hints, name)
    _check_range('Float', min_value, max_value, self.location, (int, float))
    if scale not in _SCALES:
      raise ValueError(message_on_path(
          f"Float scale must be None, 'linear', 'log' or 'rlog'; got "
          f'{scale!r}.', error_path(self.location)))
    if scale in ('log', 'rlog') and min_value <= 0:
      raise ValueError(message_on_path(
          f'Float with scale {scale!r} needs min_value > 0; got '
          f'min_value={min_value!r}.', error_path(self.location)))
    self.min_value = float(min_value)
    self.max_value = float(max_value)
    self.scale = scale
    if scale in ('log', 'rlog'):
      self._log_min = math.log(self.min_value)
      self._log_span = math.log(self.max_value) - self._log_min
    self._span = self.max_value - self.min_value

  def _size(self) -> int:
    return -1

  def _not_enumerable(self) -> ValueError:
    return self._error(
        'Cannot enumerate DNA: Float decision points are continuous; sample '
        'them with random_dna() or a search algorithm instead.')

  def _first(self) -> DNA:
    raise self._not_enumerable()

  def _next(self, dna: DNA) -> DNA | None:
    raise self._not_enumerable()

  def _make_sampler(self) -> Callable[[Any, Any], DNA]:
    lo, hi, span, point, new, exp = (
        self.min_value, self.max_value, self._span, self, _new, math.exp)
    scale = self.scale
    if scale in ('log', 'rlog'):
      log_min, log_span = self._log_min, self._log_span
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
      node.value = value
      node.children = []
      node._point = point
      return node
    return sample

  def _eq_key(self) -> tuple[Any, ...]:
    return (self.min_value, self.max_value, self.scale, self.location,
            self.hints, self.name)

  def __repr__(self) -> str:
    parts = [f'min_value={self.min_value!r}', f'max_value={self.max_value!r}']
    if self.scale is not None:
      parts.append(f'scale={self.scale!r}')
    return f'Float({", ".join(parts + self._common_repr())})'

  def to_json(self, **kwargs: Any) -> dict[str, Any]:
    """JSON form: bounds, scale, location, hints and name."""
    result = {'_type': _FLOAT_KEY, 'min_value': to_json(self.min_value),
              'max_value': to_json(self.max_value), 'scale': self.scale}
    result.update(self._common_json(**kwargs))
    return result

  @classmethod
  def from_json(cls, json_value: dict[str, Any], **kwargs: Any) -> 'Float':
    """Rebuilds a `Float` from `to_json` output."""
    return cls(from_json(json_value['min_value']), from_json(json_value['max_value']),
               json_value.get('scale'), **common_kwargs(json_value, **kwargs))


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

  _value_types = (int,)
  _kind = 'an int'

  def __init__(self,
               min_value: int,
               max_value: int,
               location: KeyPath | str = KeyPath(),
               hints: Any = None,
               name: str | None = None):
    super().__init__(location, hints, name)
    _check_range('Int', min_value, max_value, self.location, (int,))
    self.min_value = int(min_value)
    self.max_value = int(max_value)
    self._count = self.max_value - self.min_value + 1

  def _size(self) -> int:
    return self._count

  def _first(self) -> DNA:
    return make_node(self.min_value, [], self)

  def _next(self, dna: DNA) -> DNA | None:
    if dna.value >= self.max_value:
      return None
    return make_node(dna.value + 1, [], self)

  def _make_sampler(self) -> Callable[[Any, Any], DNA]:
    lo, count, point, new = self.min_value, self._count, self, _new
    # random() carries 53 bits; wider ranges need randrange to reach every value.
    exact = count < _EXACT_FLOAT_RANGE

    def sample(rng: Any, previous: Any) -> DNA:
      offset = int(rng.random() * count) if exact else rng.randrange(count)
      node = new(DNA)
      node.value = lo + offset
      node.children = []
      node._point = point
      return node
    return sample

  def _eq_key(self) -> tuple[Any, ...]:
    return (self.min_value, self.max_value, self.location, self.hints, self.name)

  def __repr__(self) -> str:
    parts = [f'min_value={self.min_value!r}', f'max_value={self.max_value!r}']
    return f'Int({", ".join(parts + self._common_repr())})'

  def to_json(self, **kwargs: Any) -> dict[str, Any]:
    """JSON form: bounds, location, hints and name."""
    result = {'_type': _INT_KEY, 'min_value': self.min_value,
              'max_value': self.max_value}
    result.update(self._common_json(**kwargs))
    return result

  @classmethod
  def from_json(cls, json_value: dict[str, Any], **kwargs: Any) -> 'Int':
    """Rebuilds an `Int` from `to_json` output."""
    return cls(json_value['min_value'], json_value['max_value'],
               **common_kwargs(json_value, **kwargs))


_FLOAT_KEY = f'{Float.__module__}.{Float.__qualname__}'
_INT_KEY = f'{Int.__module__}.{Int.__qualname__}'
