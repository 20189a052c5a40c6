"""How value specs relate: `is_compatible` (one accepts all the other does) and `extend`."""
from __future__ import annotations

from typing import Any

from pyglove.typing._values import describe
from pyglove.utils import MISSING_VALUE


class SpecRelations:
  """The relations part of `ValueSpec` (a mixin of it; see `ValueSpec`)."""

  def is_compatible(self, other: 'ValueSpec') -> bool:
    """Whether every value accepted by `other` is accepted by this spec.

    Example:
      >>> from pyglove.typing import Int
      >>> Int().is_compatible(Int(min_value=0)), Int(min_value=0).is_compatible(Int())
      (True, False)
    """
    if not isinstance(other, SpecRelations):
      raise TypeError(
          f'is_compatible expects a ValueSpec; got {describe(other)}.')
    if other.is_noneable and not self._is_noneable:
      return False
    if other.frozen:
      # A frozen spec holds one value: compatible if that one is accepted.
      return other.default is None or self._accepts(other.default)
    alternatives = other._alternatives()
    if alternatives is not None:
      return all(self.is_compatible(a) for a in alternatives)
    values = other._finite_values()
    if values is not None:
      return all(self._accepts(v) for v in values if v is not None)
    return self._is_compatible(other)

  def _alternatives(self) -> list['ValueSpec'] | None:
    """The specs this spec is a union of, or None."""
    return None

  def _finite_values(self) -> list[Any] | None:
    """All values this spec accepts when there are finitely many, or None."""
    return None

  def _accepts(self, value: Any) -> bool:
    try:
      self._validate(value, True, None, None)
    except (TypeError, ValueError, KeyError):
      return False
    return True

  def _is_compatible(self, other: 'ValueSpec') -> bool:
    """`is_compatible` once None is settled; subclasses compare constraints."""
    return type(other) is type(self) and self._args() == other._args()

  def extend(self, base: 'ValueSpec') -> 'ValueSpec':
    """Narrows `base` (a field spec of a base class) with this spec.

    Constraints this spec leaves open are taken from `base` (a range bound,
    a regex, the transform); then this spec must accept only values `base`
    accepts. It inherits the default of `base` when it has none. Returns self.

    Example:
      >>> from pyglove.typing import Int
      >>> Int(min_value=0).extend(Int(default=1)).default
      1
      >>> Int(max_value=5).extend(Int(min_value=1))
      Int(min=1, max=5)

    Raises:
      TypeError: the two specs accept different kinds of values, or the base
        is frozen (as the reference).
      ValueError: this spec accepts values (a wider range, None) that the
        base rejects.
    """
    if not isinstance(base, SpecRelations):
      raise TypeError(f'extend expects a ValueSpec; got {describe(base)}.')
    if base.frozen and not (self.frozen and _same(self.default, base.default)):
      raise TypeError(
          f'{self!r} cannot extend a frozen value spec: {base!r} (the base '
          'is frozen).')
    if not base._accepts_kind_of(self):
      raise TypeError(
          f'{self!r} cannot extend {base!r}: they accept different types.')
    if self._transform is None and base.transform is not None:
      self._transform = base.transform
      self._on_change()
    if type(base) is type(self):
      self._merge_constraints(base)
    if not base.is_compatible(self):
      raise ValueError(
          f'{self!r} cannot extend {base!r}: it accepts values the base '
          f'rejects.')
    if self._default is MISSING_VALUE and base.has_default:
      try:
        self.set_default(base.default)
      except (TypeError, ValueError):
        pass  # The base default lies outside the narrowed spec: none then.
    return self

  def _merge_constraints(self, base: 'ValueSpec') -> None:
    """Takes from `base` (a spec of the same class) the constraints this spec leaves open."""

  def _accepts_kind_of(self, other: 'ValueSpec') -> bool:
    """Whether `other` accepts the same kind of values (ignoring constraints)."""
    return isinstance(other, type(self))


def _same(a: Any, b: Any) -> bool:
  try:
    return a is b or bool(a == b)
  except Exception:  # pylint: disable=broad-except
    return False
