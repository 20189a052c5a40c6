"""`Object` (alias `Instance`): instances of a class; `Type`: subclasses of a class."""
from __future__ import annotations

from typing import Any

from pyglove.typing._base import ChildTransform
from pyglove.typing._base import ValueSpec
from pyglove.typing._base import describe
from pyglove.typing._forward_ref import ForwardRef
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import message_on_path
from pyglove.utils import to_json as _utils_to_json


class _ClassSpec(ValueSpec):
  """Shared by `Object` and `Type`: a class, possibly a forward reference."""

  def __init__(self, cls: type | ForwardRef, default: Any = MISSING_VALUE,
               is_noneable: bool = False):
    if not isinstance(cls, (type, ForwardRef)):
      raise TypeError(
          f'{type(self).__name__}: expected a class; got {describe(cls)}.')
    self._cls = cls
    super().__init__(default, is_noneable)

  @property
  def cls(self) -> type:
    """The class (a forward reference is resolved here).

    Raises:
      TypeError: a forward reference cannot be resolved.
    """
    return self._resolve(None)

  @property
  def value_type(self) -> Any:
    """The accepted type (object while a forward reference is unresolved)."""
    resolved = self._resolved()
    return object if resolved is None else resolved

  def _resolved(self) -> type | None:
    if isinstance(self._cls, ForwardRef):
      return self._cls.resolve()
    return self._cls

  def _resolve(self, root_path: KeyPath | None) -> type:
    cls = self._resolved()
    if cls is None:
      raise TypeError(message_on_path(
          f'Cannot resolve the forward reference {self._cls.name!r} in module '
          f'{self._cls.module!r}: no class of that name is defined.',
          root_path))
    return cls

  def _on_change(self) -> None:
    cls = self._resolved()
    self._fast_type = () if self._frozen or cls is None else cls

  def _args(self) -> dict[str, Any]:
    return {'cls': self._resolved() or self._cls}

  def _expected(self) -> str:
    cls = self._resolved()
    return self._cls.name if cls is None else cls.__name__

  def _is_compatible(self, other: ValueSpec) -> bool:
    if type(other) is not type(self):
      return False
    mine, theirs = self._resolved(), other._resolved()
    if mine is None or theirs is None:
      return self._cls == other._cls
    return issubclass(theirs, mine)

  def to_json(self, **kwargs: Any) -> dict[str, Any]:
    """The JSON form; a forward reference is resolved first."""
    result = super().to_json(**kwargs)
    result['cls'] = _utils_to_json(self._resolve(None), **kwargs)
    return result


class Object(_ClassSpec):
  """Accepts instances of `cls` (its subclasses included).

  Args:
    cls: the class, or a `ForwardRef` to it.
    default: the default value (copied for each use).
    is_noneable: whether None is accepted.

  Raises:
    TypeError: `cls` is not a class.

  Example:
    >>> import fractions
    >>> Object(fractions.Fraction).apply(fractions.Fraction(1, 2))
    Fraction(1, 2)
    >>> Object(fractions.Fraction).apply(1)
    Traceback (most recent call last):
      ...
    TypeError: Expected Fraction but got 1 (int).
  """

  def apply(self, value: Any, allow_partial: bool = False,
            child_transform: ChildTransform | None = None,
            root_path: KeyPath | None = None) -> Any:
    # A value with the custom typing hook decides for itself, even when it
    # is an instance of `cls` (a hyper value of a symbolic class).
    """See `ValueSpec.apply`; fast path: one isinstance test."""
    if isinstance(value, self._fast_type) and getattr(
        value.__class__, '__custom_apply__', None) is None:
      return value
    return self._apply_slow(value, allow_partial, child_transform, root_path)

  def _validate(self, value: Any, allow_partial: bool,
                child_transform: ChildTransform | None,
                root_path: KeyPath | None) -> Any:
    cls = self._resolve(root_path)
    if not isinstance(value, cls):
      raise self._type_error(value, root_path)
    self._on_change()
    return value


class Type(_ClassSpec):
  """Accepts `cls` itself and its subclasses (the classes, not instances).

  Example:
    >>> Type(Exception).apply(ValueError)
    <class 'ValueError'>
    >>> Type(Exception).apply(int)
    Traceback (most recent call last):
      ...
    TypeError: Expected a subclass of Exception but got <class 'int'> (type).
  """

  def apply(self, value: Any, allow_partial: bool = False,
            child_transform: ChildTransform | None = None,
            root_path: KeyPath | None = None) -> Any:
    """See `ValueSpec.apply`; fast path: one subclass test."""
    if isinstance(value, type) and issubclass(value, self._fast_type):
      return value
    return self._apply_slow(value, allow_partial, child_transform, root_path)

  def _validate(self, value: Any, allow_partial: bool,
                child_transform: ChildTransform | None,
                root_path: KeyPath | None) -> Any:
    cls = self._resolve(root_path)
    if not isinstance(value, type) or not issubclass(value, cls):
      raise self._type_error(value, root_path)
    self._on_change()
    return value

  def _expected(self) -> str:
    return f'a subclass of {super()._expected()}'

  @property
  def value_type(self) -> Any:
    """Always `type`: the accepted values are classes."""
    return type
