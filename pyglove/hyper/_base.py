"""The bases of hyper values: placeholders for to-be-decided parts of a program.

A hyper value is a symbolic object (it can be cloned, rebound, compared and
serialized like any other) that stands for a value still to be chosen. It is
deliberately unusable as a concrete value: calling it, or using it as a number,
raises a `TypeError` that says which decision was left open.
"""
from __future__ import annotations

from typing import Any, Callable

from pyglove import symbolic
from pyglove import typing as pg_typing
from pyglove.utils import KeyPath

# `where` selects the hyper primitives that form a (sub-)space.
WhereFn = Callable[[Any], bool]


class HyperValue(symbolic.Object, symbolic.NonDeterministic):
  """Base of every hyper value: symbolic, abstract, never a concrete value.

  Subclasses validate themselves against the spec of the field that holds them
  through `__custom_apply__`, so a search space is type-checked as strictly as
  a concrete program.
  """

  # `pyglove.symbolic` treats a tree holding such a node as non-deterministic.
  is_hyper_value = True

  def dna_spec(self, location: KeyPath | str | None = None) -> Any:
    """The genotype of this value (a `pg.DNASpec`) located at `location`."""
    raise NotImplementedError(
        f'{type(self).__name__} must implement dna_spec().')

  def decode(self, dna: Any) -> Any:
    """The value that `dna` chooses."""
    raise NotImplementedError(f'{type(self).__name__} must implement decode().')

  def encode(self, value: Any) -> Any:
    """The DNA that chooses `value`."""
    raise NotImplementedError(f'{type(self).__name__} must implement encode().')

  @property
  def dna(self) -> Any:
    """The DNA last set with `set_dna`, or None."""
    return self.__dict__.get('_sym_dna')

  def set_dna(self, dna: Any) -> None:
    """Remembers `dna` as this value's current decision (see `dna`)."""
    self.__dict__['_sym_dna'] = dna

  def __custom_apply__(self, value_spec: Any, allow_partial: bool,
                       child_transform: Any, root_path: Any) -> Any:
    """Accepts this hyper value for a field of `value_spec` (override to check)."""
    del value_spec, allow_partial, child_transform, root_path
    return self

  def _raise_abstract(self, *args: Any, **kwargs: Any) -> Any:
    del args, kwargs
    raise TypeError(
        f'{type(self).__name__} is a hyper value (an undecided part of a search '
        f'space), not a concrete value: materialize the space first, e.g. with '
        f'pg.materialize, pg.iter, pg.random_sample or pg.sample. '
        f'Got {self!r}.')

  # Using an undecided value as if it were concrete is always a bug.
  __call__ = _raise_abstract
  __int__ = __float__ = __index__ = __complex__ = _raise_abstract
  __add__ = __radd__ = __sub__ = __rsub__ = _raise_abstract
  __mul__ = __rmul__ = __truediv__ = __rtruediv__ = _raise_abstract
  __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = _raise_abstract
  __pow__ = __rpow__ = __neg__ = __pos__ = __abs__ = _raise_abstract


class HyperPrimitive(HyperValue):
  """A hyper value that is one decision point of a search space.

  Subclasses implement `dna_spec` (the decision point as a `pg.geno` spec),
  `decode` (DNA -> value) and `encode` (value -> DNA). `where` restricts the
  nested hyper values that count as decisions (the others stay in place).
  Signatures: `dna_spec(location=None, where=None)`, `decode(dna, where=None)`,
  `encode(value, where=None)`. Every primitive has a `name` and `hints`.
  """


HyperPrimitive = symbolic.members([
    ('name', pg_typing.Str().noneable(), 'Name of the decision point.'),
    ('hints', pg_typing.Any(default=None), 'Hints for the search algorithm.'),
], init_arg_list=[])(HyperPrimitive)


def is_hyper(value: Any) -> bool:
  """Returns True when `value` is a hyper value (its class sets `is_hyper_value`).

  Example:
    >>> is_hyper(pg.oneof([1, 2])), is_hyper(1)
    (True, False)
  """
  return getattr(type(value), 'is_hyper_value', False) is True


def to_location(location: KeyPath | str | int | None) -> KeyPath:
  """Returns `location` as a KeyPath (None is the root).

  Example:
    >>> str(to_location('a.b[0]')), to_location(None).depth
    ('a.b[0]', 0)
  """
  return KeyPath.from_value(location)
