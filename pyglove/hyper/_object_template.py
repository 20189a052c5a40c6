"""`ObjectTemplate`: a search space as a value with hyper values, and its DNA codec.

The template walks its value once (preorder) to find the decision points and
keeps them with their key paths, which are their decision ids; the DNA spec is
built once. `decode(dna)` validates the DNA, then clones the value once and
replaces each decision point with its decoded choice; `encode(program)`
finds the DNA that decodes into `program`.
"""
from __future__ import annotations

import types
from typing import Any

from pyglove import geno
from pyglove import symbolic
from pyglove.hyper import _derived
from pyglove.hyper import _dynamic_evaluation
from pyglove.hyper import _walk
from pyglove.hyper._base import WhereFn
from pyglove.utils import KeyPath


class ObjectTemplate:
  """A value holding hyper values, seen as a search space.

  Args:
    value: The search space: a symbolic value (or a plain dict/list, made
      symbolic) with hyper values anywhere in it, or a hyper value.
    compute_derived: Resolve derived values (`pg.hyper.reference`) in the
      decoded programs (False leaves them in place).
    where: Selects the hyper primitives that are decisions of this space;
      the others stay in the decoded programs as they are.

  Example:
    >>> t = pg.template(pg.Dict(x=pg.oneof([1, 2]), y=pg.floatv(0.0, 1.0)))
    >>> [str(i) for i in t.dna_spec().decision_ids]
    ['x', 'y']
    >>> t.decode(pg.DNA([1, 0.5])) == {'x': 2, 'y': 0.5}
    True
    >>> t.encode(pg.Dict(x=1, y=0.25))
    DNA([0, 0.25])
  """

  def __init__(self, value: Any, compute_derived: bool = True,
               where: WhereFn | None = None) -> None:
    if type(value) is dict:
      value = symbolic.Dict(value)
    elif type(value) is list:
      value = symbolic.List(value)
    self._value = value
    self._where = where
    self._subspace = _walk.SubSpace(value, where)
    self._has_derived = compute_derived and _derived.contains_derived(value)
    self._compute_derived = compute_derived
    self._spec: geno.Space | None = None

  @property
  def value(self) -> Any:
    """The search space this template decodes from."""
    return self._value

  @property
  def compute_derived(self) -> bool:
    """Whether decoding resolves derived values."""
    return self._compute_derived

  @property
  def root_path(self) -> Any:
    """The key path of the space's value in its tree (the root for a parentless value)."""
    sym_path = getattr(self._value, 'sym_path', None)
    return sym_path if sym_path is not None else KeyPath()

  @property
  def where(self) -> WhereFn | None:
    """The function selecting the decision points, or None for all of them."""
    return self._where

  @property
  def hyper_primitives(self) -> list[tuple[str, Any]]:
    """The top-level decision points as (decision id, hyper value), in preorder."""
    return [(str(path), hyper) for path, hyper in self._subspace.points]

  @property
  def is_constant(self) -> bool:
    """True when the space has no decision point (it decodes to copies of itself)."""
    return not self._subspace.points

  def dna_spec(self, location: Any = None) -> geno.Space:
    """Returns the DNA spec of this space (built once), optionally located at `location`."""
    if self._spec is None:
      self._spec = self._subspace.spec()
    if location is None or not KeyPath.from_value(location):
      return self._spec
    return geno.Space(self._spec.elements, location=location,
                      hints=self._spec.hints)

  @property
  def dna(self) -> geno.DNA | None:
    """The DNA last decoded or given to `set_dna` (None before any), as in the reference."""
    return self.__dict__.get('_dna')

  def set_dna(self, dna: geno.DNA | None) -> None:
    """Remembers `dna` as this template's current decision (see `dna`)."""
    self._dna = dna

  def decode(self, dna: geno.DNA | Any) -> Any:
    """Returns the program that `dna` chooses: a copy of the space, decided.

    Args:
      dna: A `pg.DNA` (or a DNA literal such as ``[0, (1, 0.5)]``).

    Raises:
      ValueError: `dna` does not fit the DNA spec (naming the decision id).
    """
    if not isinstance(dna, geno.DNA):
      dna = geno.DNA(dna)
    dna.use_spec(self.dna_spec())
    self._dna = dna
    subspace = self._subspace
    result = _detach(subspace.decode(
        _walk.element_dnas(dna, len(subspace.points))), self._value)
    if self._has_derived:
      result = _derived.resolve_derived(result)
    return result

  def encode(self, value: Any) -> geno.DNA:
    """Returns the DNA that decodes into `value`.

    Raises:
      ValueError: `value` is not a program of this space (naming the key path
        where it differs), or breaks a constraint of the DNA spec.
    """
    dnas = self._subspace.encode(value)
    dna = _walk.join_dnas(dnas) if dnas else geno.DNA(None)
    return dna.use_spec(self.dna_spec())

  def try_encode(self, value: Any) -> tuple[bool, geno.DNA | None]:
    """``(True, dna)`` when `value` is a program of this space, else ``(False, None)``.

    Example:
      >>> pg.template(pg.Dict(x=pg.oneof([1, 2]))).try_encode(pg.Dict(x=3))
      (False, None)
    """
    try:
      return True, self.encode(value)
    except ValueError:
      return False, None

  def __repr__(self) -> str:
    return f'ObjectTemplate(value={self._value!r})'


def _detach(value: Any, root: Any) -> Any:
  """Copies what still belongs to the template, so programs never share nodes."""
  if isinstance(value, symbolic.Symbolic):
    if value is root or value.sym_parent is not None:
      return value.clone(deep=True)
    return value
  if type(value) is list:
    return [_detach(v, root) for v in value]
  return value


def template(value: Any, where: WhereFn | None = None) -> ObjectTemplate:
  """Returns the `ObjectTemplate` of a search space.

  Example:
    >>> pg.template(pg.Dict(x=pg.oneof([1, 2]))).dna_spec().space_size
    2
  """
  return ObjectTemplate(value, where=where)


def dna_spec(value: Any, where: WhereFn | None = None) -> geno.Space:
  """Returns the DNA spec of a search space, or of a define-by-run function.

  Args:
    value: A value with hyper values, or a function that creates hyper values
      as it runs (it is run once, see `pg.hyper.trace`).
    where: Selects the hyper primitives that are decisions.

  Example:
    >>> pg.dna_spec(pg.Dict(x=pg.oneof([1, 2]), y=pg.intv(1, 3))).space_size
    6
  """
  if isinstance(value, (types.FunctionType, types.MethodType)):
    return _dynamic_evaluation.trace(value, where=where).dna_spec
  return ObjectTemplate(value, where=where).dna_spec()
