"""`CustomHyper`: a decision point whose DNA is a string the subclass interprets."""
from __future__ import annotations

from typing import Any

from pyglove import geno
from pyglove import symbolic
from pyglove import typing as pg_typing
from pyglove.hyper._base import HyperPrimitive
from pyglove.hyper._base import WhereFn
from pyglove.hyper._base import to_location
from pyglove.utils import KeyPath
from pyglove.utils import message_on_path


@symbolic.members([], init_arg_list=['name', 'hints'])
class CustomHyper(HyperPrimitive):
  """A hyper value with its own genotype: a `pg.geno.CustomDecisionPoint`.

  Subclasses implement `custom_decode(dna)` (DNA whose value is a str -> the
  value); they may implement `custom_encode(value)` (value -> DNA),
  `next_dna(dna=None)` (to make the space enumerable) and
  `random_dna(random_generator=None, previous_dna=None)` (to be sampled).

  Example:
    >>> class Word(pg.hyper.CustomHyper):
    ...   def custom_decode(self, dna):
    ...     return dna.value.upper()
    ...   def next_dna(self, dna=None):
    ...     return pg.DNA('a') if dna is None else None
    >>> pg.materialize(pg.Dict(w=Word()), pg.DNA('hi')).w
    'HI'
  """

  def dna_spec(self, location: KeyPath | str | None = None,
               where: WhereFn | None = None) -> geno.CustomDecisionPoint:
    """Returns the `pg.geno.CustomDecisionPoint` of this value."""
    del where
    cls = type(self)
    return geno.CustomDecisionPoint(
        hyper_type=cls.__name__,
        next_dna_fn=(self.next_dna if cls.next_dna is not CustomHyper.next_dna
                     else None),
        random_dna_fn=(self.random_dna
                       if cls.random_dna is not CustomHyper.random_dna else None),
        location=to_location(location), hints=self.hints, name=self.name)

  def decode(self, dna: geno.DNA, where: WhereFn | None = None) -> Any:
    """Returns `custom_decode(dna)` after checking that the DNA holds a str."""
    del where
    if not isinstance(dna.value, str):
      raise ValueError(message_on_path(
          f'{type(self).__name__} expects a DNA whose value is a str; got '
          f'{dna!r}.', self.sym_path))
    return self.custom_decode(dna)

  def encode(self, value: Any, where: WhereFn | None = None) -> geno.DNA:
    """Returns `custom_encode(value)`."""
    del where
    return self.custom_encode(value)

  def custom_decode(self, dna: geno.DNA) -> Any:
    """Returns the value that `dna` (whose value is a str) stands for."""
    raise NotImplementedError(
        f'{type(self).__name__} must implement custom_decode(dna).')

  def custom_encode(self, value: Any) -> geno.DNA:
    """Returns the DNA (whose value is a str) that stands for `value`."""
    raise NotImplementedError(
        f'{type(self).__name__} does not implement custom_encode(value), so '
        f'{value!r} cannot be encoded.')

  def next_dna(self, dna: geno.DNA | None = None) -> geno.DNA | None:
    """Returns the DNA after `dna` (the first for None), or None after the last."""
    raise NotImplementedError(
        f'{type(self).__name__} does not implement next_dna(dna): its values '
        f'cannot be enumerated.')

  def random_dna(self, random_generator: Any = None,
                 previous_dna: geno.DNA | None = None) -> geno.DNA:
    """Returns a random DNA, possibly derived from `previous_dna`."""
    raise NotImplementedError(
        f'{type(self).__name__} does not implement random_dna(): its values '
        f'cannot be sampled.')

  def first_dna(self) -> geno.DNA:
    """Returns the first DNA of this value (`next_dna(None)`)."""
    return self.next_dna(None)
