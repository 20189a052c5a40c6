"""Categorical hyper values: `oneof`, `manyof` and `permutate`.

A candidate may itself hold hyper values: it then opens a conditional
sub-space, whose decisions exist only when the candidate is chosen (their ids
read ``a[=1/3].q``: field ``q`` of candidate 1 of 3 of the choice at ``a``).
"""
from __future__ import annotations

from typing import Any, Iterable

from pyglove import geno
from pyglove import symbolic
from pyglove import typing as pg_typing
from pyglove.hyper import _dynamic_evaluation
from pyglove.hyper import _walk
from pyglove.hyper._base import HyperPrimitive
from pyglove.hyper._base import WhereFn
from pyglove.hyper._base import to_location
from pyglove.utils import KeyPath
from pyglove.utils import message_on_path

class Choices(HyperPrimitive):
  """Base of `OneOf` and `ManyOf`: choose `num_choices` of the candidates.

  `where`, when given, selects which hyper values inside the candidates are
  decisions of this choice (the others stay in place), like the `where` of
  `pg.template`.
  """

  def _on_bound(self) -> None:
    super()._on_bound()
    if not self.candidates:
      raise ValueError(message_on_path(
          f'{type(self).__name__} needs at least one candidate; got '
          f'candidates={list(self.candidates)!r}.', self.sym_path))
    if self.choices_distinct and self.num_choices > len(self.candidates):
      raise ValueError(message_on_path(
          f'{type(self).__name__} cannot choose {self.num_choices} distinct '
          f'values out of {len(self.candidates)} candidates; use distinct=False '
          f'or fewer choices.', self.sym_path))
    # The compiled sub-space of each candidate, for the last `where` used
    # (one entry only, so short-lived `where` lambdas are not kept alive).
    self._subspaces: tuple[Any, list[_walk.SubSpace]] | None = None

  def candidate_subspaces(self, where: WhereFn | None = None
                          ) -> list[_walk.SubSpace]:
    """Returns the sub-space of each candidate (cached until this value changes)."""
    cached = self._subspaces
    if cached is not None and cached[0] is where:
      return cached[1]
    own = self.where
    selected = where if own is None else own if where is None else (
        lambda v: where(v) and own(v))
    subspaces = [_walk.SubSpace(c, selected) for c in self.candidates]
    self._subspaces = (where, subspaces)
    return subspaces

  @property
  def is_leaf(self) -> bool:
    """Whether no candidate holds a hyper value (the choice opens no sub-space)."""
    return all(not sub.points for sub in self.candidate_subspaces())

  @property
  def candidate_templates(self) -> list[Any]:
    """The template of each candidate (its nested decision points)."""
    # Imported here: templates are built on this module.
    from pyglove.hyper._object_template import ObjectTemplate  # pylint: disable=g-import-not-at-top
    return [ObjectTemplate(c, where=self.where) for c in self.candidates]

  def literal_values(self) -> list[Any]:
    """Returns a short description of each candidate: itself if a number or str."""
    return [c if type(c) in (int, float, str) else _compact(c)
            for c in self.candidates]

  def dna_spec(self, location: KeyPath | str | None = None,
               where: WhereFn | None = None) -> geno.Choices:
    """Returns the `pg.geno.Choices` of this value, located at `location`.

    Example:
      >>> pg.oneof([1, 2]).dna_spec('x').space_size
      2
    """
    return self.candidate_spec(
        location,
        [sub.spec() for sub in self.candidate_subspaces(where)])

  def candidate_spec(self, location: KeyPath | str | None,
                     candidate_spaces: list[geno.Space]) -> geno.Choices:
    """Returns the `pg.geno.Choices` of this value given its candidates' spaces."""
    return geno.Choices(
        self.num_choices, candidate_spaces,
        literal_values=self.literal_values(),
        distinct=self.choices_distinct, sorted=self.choices_sorted,
        location=to_location(location), hints=self.hints, name=self.name)

  def first_indices(self) -> list[int]:
    """Returns the candidate indices of the first choice (as `first_dna` orders them)."""
    if self.choices_distinct:
      return list(range(self.num_choices))
    return [0] * self.num_choices

  def choice_dnas(self, dna: geno.DNA) -> list[geno.DNA]:
    """Splits the DNA of this value into one single-choice DNA per choice."""
    if self.num_choices == 1:
      return [dna]
    if dna.value is not None or len(dna.children) != self.num_choices:
      raise ValueError(message_on_path(
          f'{type(self).__name__} expects {self.num_choices} choices; got DNA '
          f'{dna!r}.', self.sym_path))
    return list(dna.children)

  def decode_choice(self, dna: geno.DNA, where: WhereFn | None = None) -> Any:
    """Returns the candidate that a single-choice DNA picks, itself decoded."""
    index = dna.value
    if type(index) is not int or not 0 <= index < len(self.candidates):
      raise ValueError(message_on_path(
          f'DNA value {index!r} is not a candidate index of {type(self).__name__} '
          f'(0 to {len(self.candidates) - 1}).', self.sym_path))
    subspace = self.candidate_subspaces(where)[index]
    children = _walk.candidate_dnas(subspace.points, dna.children)
    if len(children) != len(subspace.points):
      raise ValueError(message_on_path(
          f'Candidate {index} of {type(self).__name__} has '
          f'{len(subspace.points)} decision point(s); got DNA {dna!r}.',
          self.sym_path))
    return subspace.decode(children)

  def encode_choice(self, value: Any, where: WhereFn | None = None) -> geno.DNA:
    """Returns the single-choice DNA of the first candidate that fits `value`.

    Raises:
      ValueError: no candidate fits `value`.
    """
    for i, subspace in enumerate(self.candidate_subspaces(where)):
      if not subspace.points:
        if subspace.value == value:
          return geno.DNA(i)
        continue
      try:
        dnas = subspace.encode(value)
      except ValueError:
        continue
      return geno.DNA(i, dnas)
    raise ValueError(message_on_path(
        f'Value {value!r} fits no candidate of {type(self).__name__} '
        f'{list(self.candidates)!r}.', self.sym_path))

  def __custom_apply__(self, value_spec: Any, allow_partial: bool,
                       child_transform: Any, root_path: Any) -> Any:
    """Checks that every candidate fits the spec of the field holding this value."""
    del child_transform
    element_spec = self._choice_spec(value_spec, root_path)
    for i, candidate in enumerate(self.candidates):
      try:
        element_spec.apply(candidate, allow_partial=allow_partial)
      except (TypeError, ValueError) as e:
        raise type(e)(message_on_path(
            f'Candidate {i} ({candidate!r}) of {type(self).__name__} does not '
            f'fit {element_spec!r}: {e}', root_path)) from None
    return self

  def _choice_spec(self, value_spec: Any, root_path: Any) -> Any:
    """Returns the spec each chosen candidate must fit."""
    del root_path
    return value_spec


Choices = symbolic.members([
    ('num_choices', pg_typing.Int(min_value=1), 'Number of candidates to choose.'),
    ('candidates', pg_typing.List(pg_typing.Any()), 'Values to choose from.'),
    ('choices_distinct', pg_typing.Bool(default=True),
     'Whether the chosen candidates are distinct.'),
    ('choices_sorted', pg_typing.Bool(default=False),
     'Whether the chosen candidates keep the order of the candidates.'),
    ('where', pg_typing.Callable([pg_typing.Any()]).noneable(),
     'Selects the hyper values inside the candidates that are decisions.'),
], init_arg_list=['num_choices', 'candidates', 'choices_distinct',
                  'choices_sorted', 'hints'])(Choices)


class OneOf(Choices):
  """Chooses one of the candidates (`pg.oneof`)."""

  def decode(self, dna: geno.DNA, where: WhereFn | None = None) -> Any:
    """Returns the chosen candidate (decoded when it holds hyper values).

    Example:
      >>> pg.oneof([1, 2]).decode(pg.DNA(1))
      2
    """
    return self.decode_choice(dna, where)

  def assemble(self, chosen: list[Any]) -> Any:
    """Returns the value of this choice from its one chosen candidate."""
    return chosen[0]

  def encode(self, value: Any, where: WhereFn | None = None) -> geno.DNA:
    """Returns the DNA that chooses `value`.

    Example:
      >>> pg.oneof([1, 2]).encode(2)
      DNA(1)
    """
    return self.encode_choice(value, where)


OneOf = symbolic.members([
    ('num_choices', pg_typing.Int(default=1, min_value=1, max_value=1),
     'A OneOf chooses one candidate.'),
], init_arg_list=['candidates', 'hints', 'where'])(OneOf)


class ManyOf(Choices):
  """Chooses `num_choices` candidates, optionally distinct and sorted (`pg.manyof`)."""

  def decode(self, dna: geno.DNA, where: WhereFn | None = None) -> list[Any]:
    """Returns the list of chosen candidates.

    Example:
      >>> pg.manyof(2, [1, 2, 3]).decode(pg.DNA([0, 2]))
      [1, 3]
    """
    return [self.decode_choice(d, where) for d in self.choice_dnas(dna)]

  def assemble(self, chosen: list[Any]) -> list[Any]:
    """Returns the value of this choice from its chosen candidates."""
    return list(chosen)

  def encode(self, value: Any, where: WhereFn | None = None) -> geno.DNA:
    """Returns the DNA that chooses the list `value`.

    Example:
      >>> pg.manyof(2, [1, 2, 3]).encode([1, 3])
      DNA([0, 2])

    Raises:
      ValueError: `value` is not a list of `num_choices` candidates.
    """
    if not isinstance(value, (list, tuple)) or len(value) != self.num_choices:
      raise ValueError(message_on_path(
          f'{type(self).__name__} expects a list of {self.num_choices} values; '
          f'got {value!r}.', self.sym_path))
    return _walk.join_dnas([self.encode_choice(v, where) for v in value])

  def _choice_spec(self, value_spec: Any, root_path: Any) -> Any:
    if isinstance(value_spec, pg_typing.Any):
      return value_spec
    if not isinstance(value_spec, pg_typing.List):
      raise TypeError(message_on_path(
          f'{type(self).__name__} makes a list, which cannot fill a field of '
          f'{value_spec!r}.', root_path))
    max_size = value_spec.max_size
    if self.num_choices < value_spec.min_size or (
        max_size is not None and self.num_choices > max_size):
      raise ValueError(message_on_path(
          f'{type(self).__name__} makes lists of {self.num_choices} values, '
          f'but the field takes lists of {value_spec.min_size} to '
          f'{max_size} values.', root_path))
    return value_spec.element.value


ManyOf = symbolic.members([
    ('num_choices', pg_typing.Int(default=1, min_value=1),
     'Number of candidates to choose.'),
], init_arg_list=['num_choices', 'candidates', 'choices_distinct',
                  'choices_sorted', 'hints'])(ManyOf)


def _compact(value: Any) -> str:
  if isinstance(value, symbolic.Symbolic):
    return value.format(compact=True)
  return repr(value)


def oneof(candidates: Iterable[Any], *, name: str | None = None,
          hints: Any = None) -> Any:
  """Returns a hyper value that chooses one of `candidates`.

  Under define-by-run (`pg.hyper.DynamicEvaluationContext`) it returns the
  chosen candidate instead; a zero-argument lambda candidate is then called
  when chosen, so hyper values it creates form a conditional sub-space.

  Args:
    candidates: The values to choose from (may hold hyper values).
    name: An optional name for the decision point (unique in a space).
    hints: Optional hints for the search algorithm.

  Returns:
    A `pg.hyper.OneOf` (or, under define-by-run, the chosen value).

  Raises:
    ValueError: `candidates` is empty.

  Example:
    >>> pg.materialize(pg.oneof([1, 2, 3]), pg.DNA(2))
    3
  """
  value = OneOf(candidates=list(candidates), name=name, hints=hints)
  return _dynamic_evaluation.evaluate(value)


def manyof(k: int, candidates: Iterable[Any], distinct: bool = True,
           sorted: bool = False, *, name: str | None = None,  # pylint: disable=redefined-builtin
           hints: Any = None, choices_distinct: bool | None = None,
           choices_sorted: bool | None = None, **kwargs: Any) -> Any:
  """Returns a hyper value that chooses a list of `k` of `candidates`.

  Args:
    k: The number of choices.
    candidates: The values to choose from (may hold hyper values).
    distinct: Whether the choices must be distinct candidates.
    sorted: Whether the choices keep the candidates' order.
    name: An optional name for the decision point (unique in a space).
    hints: Optional hints for the search algorithm.
    choices_distinct: The paper's spelling of `distinct` (wins when given).
    choices_sorted: The paper's spelling of `sorted` (wins when given).
    **kwargs: more fields of `pg.hyper.ManyOf` (e.g. `where`).

  Returns:
    A `pg.hyper.ManyOf` (or, under define-by-run, the chosen list).

  Raises:
    ValueError: `candidates` is empty, or `k` distinct choices are impossible.

  Example:
    >>> pg.materialize(pg.manyof(2, [1, 2, 3]), pg.DNA([2, 0]))
    [3, 1]
  """
  value = ManyOf(
      num_choices=k, candidates=list(candidates),
      choices_distinct=distinct if choices_distinct is None else choices_distinct,
      choices_sorted=sorted if choices_sorted is None else choices_sorted,
      name=name, hints=hints, **kwargs)
  return _dynamic_evaluation.evaluate(value)


def permutate(candidates: Iterable[Any], name: str | None = None,
              hints: Any = None) -> Any:
  """Returns a hyper value that chooses an ordering of all `candidates`.

  Example:
    >>> pg.materialize(pg.permutate(['a', 'b']), pg.DNA([1, 0]))
    ['b', 'a']
  """
  candidates = list(candidates)
  return manyof(len(candidates), candidates, distinct=True, sorted=False,
                name=name, hints=hints)
