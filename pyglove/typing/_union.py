"""`Union`: a value accepted by any of several specs."""
from __future__ import annotations

import weakref
from typing import Any

from pyglove.typing._base import VALIDATION_ERRORS
from pyglove.typing._base import ChildTransform
from pyglove.typing._base import ValueSpec
from pyglove.typing._base import describe
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
    candidates: at least two specs; nested unions are flattened.
    default: the default value.
    is_noneable: whether None is accepted (also when a candidate accepts it).

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
               is_noneable: bool = False):
    flat: list[ValueSpec] = []
    for c in candidates if isinstance(candidates, (list, tuple)) else [None]:
      if not isinstance(c, ValueSpec):
        raise TypeError(
            f'Union candidates must be a list of ValueSpecs; got '
            f'{describe(candidates)}.')
      flat.extend(c.candidates if isinstance(c, Union) else [c])
    if len(flat) < 2:
      raise ValueError(
          f'Union needs at least two candidates; got {len(flat)}: {flat!r}.')
    self._candidates = flat
    self._order: weakref.WeakKeyDictionary[type, tuple[ValueSpec, ...]] = (
        weakref.WeakKeyDictionary())
    self.value_type = tuple(c.value_type for c in flat)
    super().__init__(default,
                     is_noneable or any(c.is_noneable for c in flat))

  @property
  def candidates(self) -> list[ValueSpec]:
    """The candidate specs, in order."""
    return self._candidates

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
