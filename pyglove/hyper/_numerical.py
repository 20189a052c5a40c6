"""Numerical hyper values: `floatv` (a float range) and `intv` (an integer range)."""
from __future__ import annotations

from typing import Any

from pyglove import geno
from pyglove import symbolic
from pyglove import typing as pg_typing
from pyglove.hyper import _dynamic_evaluation
from pyglove.hyper._base import HyperPrimitive
from pyglove.hyper._base import WhereFn
from pyglove.hyper._base import to_location
from pyglove.utils import KeyPath
from pyglove.utils import message_on_path

class _Range(HyperPrimitive):
  """A value in [min_value, max_value]; subclasses fix the number type."""

  _number_types: tuple[type, ...]
  _kind: str

  def _on_bound(self) -> None:
    super()._on_bound()
    if self.min_value > self.max_value:
      raise ValueError(message_on_path(
          f'{type(self).__name__}: `min_value <= max_value` must hold; got '
          f'min_value={self.min_value!r}, max_value={self.max_value!r}.',
          self.sym_path))

  def _checked(self, value: Any, what: str) -> Any:
    if (type(value) not in self._number_types
        or not self.min_value <= value <= self.max_value):
      raise ValueError(message_on_path(
          f'{what} {value!r} is not {self._kind} in '
          f'[{self.min_value}, {self.max_value}] as {type(self).__name__} '
          f'expects.', self.sym_path))
    return value

  def decode(self, dna: geno.DNA, where: WhereFn | None = None) -> Any:
    """Returns the number that `dna` holds, checked against the range.

    Example:
      >>> pg.floatv(0.0, 1.0).decode(pg.DNA(0.5))
      0.5
    """
    del where
    return self._number_types[0](self._checked(dna.value, 'DNA value'))

  def encode(self, value: Any, where: WhereFn | None = None) -> geno.DNA:
    """Returns the DNA that holds `value`.

    Example:
      >>> pg.intv(1, 3).encode(2)
      DNA(2)
    """
    del where
    return geno.DNA(self._number_types[0](self._checked(value, 'Value')))

  def __custom_apply__(self, value_spec: Any, allow_partial: bool,
                       child_transform: Any, root_path: Any) -> Any:
    """Checks that both ends of the range fit the spec of the field."""
    del child_transform
    for bound in (self.min_value, self.max_value):
      try:
        value_spec.apply(bound, allow_partial=allow_partial)
      except (TypeError, ValueError) as e:
        raise type(e)(message_on_path(
            f'{type(self).__name__} range [{self.min_value}, {self.max_value}] '
            f'does not fit {value_spec!r}: {e}', root_path)) from None
    return self


@symbolic.members([
    ('min_value', pg_typing.Float(), 'Lower bound (inclusive).'),
    ('max_value', pg_typing.Float(), 'Upper bound (inclusive).'),
    ('scale', pg_typing.Enum(None, [None, 'linear', 'log', 'rlog']),
     'How values are distributed: linear, log, or reverse log.'),
], init_arg_list=['min_value', 'max_value', 'scale', 'name', 'hints'])
class Float(_Range):
  """A float in [min_value, max_value] (`pg.floatv`)."""

  _number_types = (float, int)
  _kind = 'a float'

  def _on_bound(self) -> None:
    super()._on_bound()
    if self.scale in ('log', 'rlog') and self.min_value <= 0:
      raise ValueError(message_on_path(
          f'Float with scale={self.scale!r} needs min_value > 0; got '
          f'min_value={self.min_value!r}.', self.sym_path))

  def dna_spec(self, location: KeyPath | str | None = None,
               where: WhereFn | None = None) -> geno.Float:
    """Returns the `pg.geno.Float` of this value, located at `location`."""
    del where
    return geno.Float(self.min_value, self.max_value, scale=self.scale,
                      location=to_location(location), hints=self.hints,
                      name=self.name)


@symbolic.members([
    ('min_value', pg_typing.Int(), 'Lower bound (inclusive).'),
    ('max_value', pg_typing.Int(), 'Upper bound (inclusive).'),
], init_arg_list=['min_value', 'max_value', 'name', 'hints'])
class Int(_Range):
  """An integer in [min_value, max_value] (`pg.intv`), one compact decision."""

  _number_types = (int,)
  _kind = 'an integer'

  def dna_spec(self, location: KeyPath | str | None = None,
               where: WhereFn | None = None) -> geno.Int:
    """Returns the `pg.geno.Int` of this value, located at `location`."""
    del where
    return geno.Int(self.min_value, self.max_value,
                    location=to_location(location), hints=self.hints,
                    name=self.name)


def floatv(min_value: float, max_value: float, scale: str | None = None, *,
           name: str | None = None, hints: Any = None) -> Any:
  """Returns a hyper value for a float in [min_value, max_value].

  Args:
    min_value: Lower bound (inclusive).
    max_value: Upper bound (inclusive).
    scale: None or 'linear' (uniform), 'log' (uniform in log space) or 'rlog'
      (more density near `max_value`); 'log' and 'rlog' need min_value > 0.
    name: An optional name for the decision point (unique in a space).
    hints: Optional hints for the search algorithm.

  Returns:
    A `pg.hyper.Float` (or, under define-by-run, the chosen float).

  Raises:
    ValueError: min_value > max_value, or a log scale with min_value <= 0.

  Example:
    >>> pg.materialize(pg.floatv(0.0, 1.0), pg.DNA(0.25))
    0.25
  """
  return _dynamic_evaluation.evaluate(Float(
      min_value=min_value, max_value=max_value, scale=scale, name=name,
      hints=hints))


def intv(min_value: int, max_value: int, *, name: str | None = None,
         hints: Any = None) -> Any:
  """Returns a hyper value for an integer in [min_value, max_value].

  Args:
    min_value: Lower bound (inclusive).
    max_value: Upper bound (inclusive).
    name: An optional name for the decision point (unique in a space).
    hints: Optional hints for the search algorithm.

  Returns:
    A `pg.hyper.Int` (or, under define-by-run, the chosen integer).

  Raises:
    ValueError: min_value > max_value.

  Example:
    >>> pg.materialize(pg.intv(6, 12), pg.DNA(8))
    8
  """
  return _dynamic_evaluation.evaluate(Int(
      min_value=min_value, max_value=max_value, name=name, hints=hints))
