"""Turns what the user searches (a DNA spec, a hyper value, a function) into a DNA spec and a decoder."""
from __future__ import annotations

import functools
import types
from typing import Any, Callable

from pyglove import geno


class DynamicExample:
  """The example of a define-by-run search: applies the trial's DNA to the function's hyper values.

  Use it as a context manager, or call it for one (the reference's spelling):

    >>> def fn():
    ...   return pg.oneof([1, 2]) * pg.floatv(0.0, 1.0)
    >>> for example, feedback in pg.sample(fn, num_examples=5):
    ...   with example():
    ...     feedback(fn())
  """

  __slots__ = ('_context', '_dna', '_active')

  def __init__(self, context: Any, dna: Any) -> None:
    self._context = context
    self._dna = dna
    self._active = None

  @property
  def dna(self) -> Any:
    """The trial's DNA."""
    return self._dna

  def __call__(self) -> Any:
    return self._context.apply(self._dna)

  def __enter__(self) -> Any:
    self._active = self._context.apply(self._dna)
    return self._active.__enter__()

  def __exit__(self, *exc_info: Any) -> Any:
    active, self._active = self._active, None
    return active.__exit__(*exc_info)


def _identity(dna: Any) -> Any:
  return dna


_DEFINE_BY_RUN_TYPES = (types.FunctionType, types.MethodType, functools.partial)


def resolve_space(space: Any, where: Callable[[Any], bool] | None
                  ) -> tuple[Any, Callable[[Any], Any]]:
  """Returns ``(dna_spec, decode)`` for a search space given to `pg.sample`.

  - a `pg.DNASpec`: the examples are the DNA themselves;
  - a plain function (or method, or functools.partial): a define-by-run
    space; it is run once to collect its hyper values, and each example is a
    `DynamicExample` to run it under;
  - a `pg.hyper.DynamicEvaluationContext` that has collected a space: the same;
  - anything else (a symbolic value with hyper values): its template decodes
    each DNA into a concrete value, or, with `where`, into the sub-space with
    only the selected decision points decided.

  The template is compiled once here, never per trial.

  Raises:
    ValueError: `where` was given with a DNA spec or a define-by-run context
      (it only selects hyper values of a symbolic value or function).
  """
  if isinstance(space, geno.DNASpec):
    _reject_where(where, 'a DNA spec')
    return space, _identity
  from pyglove import hyper  # pylint: disable=g-import-not-at-top
  if isinstance(space, hyper.DynamicEvaluationContext):
    _reject_where(where, 'a DynamicEvaluationContext (give it where= instead)')
    return space.dna_spec, functools.partial(DynamicExample, space)
  if isinstance(space, _DEFINE_BY_RUN_TYPES):
    context = hyper.DynamicEvaluationContext(where=where)
    with context.collect():
      space()
    return context.dna_spec, functools.partial(DynamicExample, context)
  template = hyper.template(space, where=where)
  return template.dna_spec(), template.decode


def _reject_where(where: Any, what: str) -> None:
  if where is not None:
    raise ValueError(
        f'where= selects hyper values of a symbolic value or function; the '
        f'space given is {what}, so where={where!r} cannot apply.')
