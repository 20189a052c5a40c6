"""`Union`: a value accepted by any of several specs."""
from __future__ import annotations

import weakref
import typing
from typing import Any

from pyglove.typing._base import VALIDATION_ERRORS
from pyglove.typing._base import ChildTransform
from pyglove.typing._base import ValueSpec
from pyglove.typing._base import as_spec
from pyglove.typing._base import describe
from pyglove.typing._base import nested_annotation
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import message_on_path


def _may_accept(spec: ValueSpec, cls: type) -> bool:
  """Whether values of class `cls` have the type `spec` is made for."""
  return issubclass(cls, spec.value_type)


class Union(ValueSpec):
  """Accepts a value accepted by one of `candidates`, tried in order.

  Candidates whose value type matches the value's class are tried first (the
  order is computed once per class); the others after them, since some
  convert (Float accepts an int).

  Args:
    candidates: at least two specs (or annotations); nested unions are
      flattened.
    default: the default value.
    is_noneable: whether None is accepted (also when a candidate accepts it).
    frozen: fix the value to the default.

  Raises:
    TypeError: a candidate is not a ValueSpec.
    ValueError: fewer than two candidates.

  Example:
    >>> from pyglove.typing import Int, Str
    >>> Union([Int(), Str()]).apply('a')
    'a'
    >>> Union([Int(), Str()]).apply(1.5)
    Traceback (most recent call last):
      ...
    TypeError: Expected one of [Int(), Str()] but got 1.5 (float).
  """

  _weak_caches = ('_order',)

  def __init__(self, candidates: list[ValueSpec], default: Any = MISSING_VALUE,
               is_noneable: bool = False, frozen: bool = False):
    if not isinstance(candidates, (list, tuple)):
      raise TypeError(
          f'Union candidates must be a list of ValueSpecs; got '
          f'{describe(candidates)}.')
    flat: list[ValueSpec] = []
    for c in candidates:
      c = as_spec(c, 'Union', 'candidates')
      flat.extend(c.candidates if isinstance(c, Union) else [c])
    if len(flat) < 2:
      raise ValueError(
          f'Union needs at least two candidates; got {len(flat)}: {flat!r}.')
    self._candidates = flat
    self._order: weakref.WeakKeyDictionary[type, tuple[ValueSpec, ...]] = (
        weakref.WeakKeyDictionary())
    self.value_type = tuple(c.value_type for c in flat)
    super().__init__(default,
                     is_noneable or any(c.is_noneable for c in flat), frozen)

  @property
  def candidates(self) -> list[ValueSpec]:
    """The candidate specs, in order."""
    return self._candidates

  def noneable(self, is_noneable: bool = True,
               use_none_as_default: bool = True) -> 'Union':
    """Makes the union and every candidate accept None (or not)."""
    super().noneable(is_noneable, use_none_as_default)
    for c in self._candidates:
      c.noneable(is_noneable, use_none_as_default=False)
    return self

  def get_candidate(self, dest_spec: ValueSpec) -> ValueSpec | None:
    """The first candidate whose values `dest_spec` all accepts, or None.

    A candidate of the same spec class as `dest_spec` is preferred.

    Example:
      >>> from pyglove.typing import Any, Int, Str
      >>> Union([Int(), Str()]).get_candidate(Str())
      Str()
    """
    same_class = [c for c in self._candidates
                  if type(c) is type(dest_spec) and dest_spec.is_compatible(c)]
    if same_class:
      return same_class[0]
    return next((c for c in self._candidates if dest_spec.is_compatible(c)),
                None)

  def format(self, compact: bool = False, verbose: bool = True,
             root_indent: int = 0, **kwargs: Any) -> str:
    """See `ValueSpec.format`; the candidates wrap over lines past 20 characters."""
    kwargs.setdefault('list_wrap_threshold', 20)
    return super().format(compact, verbose, root_indent, **kwargs)

  def _format_items(self) -> list[tuple[str, Any, Any]]:
    return [('', self._candidates, None), *super()._format_items()]

  def _annotation(self) -> Any:
    return typing.Union[tuple(nested_annotation(c)
                              for c in self._candidates)]

  def _candidates_for(self, cls: type) -> tuple[ValueSpec, ...]:
    order = self._order.get(cls)
    if order is None:
      matching = [c for c in self._candidates if _may_accept(c, cls)]
      order = tuple(matching + [c for c in self._candidates
                                if c not in matching])
      self._order[cls] = order
    return order

  def _validate(self, value: Any, allow_partial: bool,
                child_transform: ChildTransform | None,
                root_path: KeyPath | None) -> Any:
    errors = []
    for candidate in self._candidates_for(type(value)):
      try:
        return candidate.apply(value, allow_partial, child_transform,
                               root_path)
      except VALIDATION_ERRORS as e:
        errors.append((candidate, e))
    matching = [e for c, e in errors if _may_accept(c, type(value))]
    if len(matching) == 1:
      # Exactly one candidate is of the value's type: its error is precise.
      raise matching[0]
    raise TypeError(message_on_path(
        f'Expected one of {self._candidates!r} but got {describe(value)}.',
        root_path))

  def _alternatives(self) -> list[ValueSpec]:
    return self._candidates

  def _is_compatible(self, other: ValueSpec) -> bool:
    return any(c.is_compatible(other) for c in self._candidates)

  def _accepts_kind_of(self, other: ValueSpec) -> bool:
    others = other._alternatives() or [other]
    return all(any(c._accepts_kind_of(o) for c in self._candidates)
               for o in others)

  def _expected(self) -> str:
    return f'one of {self._candidates!r}'

  def _args(self) -> dict[str, Any]:
    return {'candidates': self._candidates}
