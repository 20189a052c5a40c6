"""`Object` (alias `Instance`): instances of a class; `Type`: subclasses of a class."""
from __future__ import annotations

import sys
import typing
from typing import Any, Callable

from pyglove.typing import _subscript
from pyglove.typing._base import ChildTransform
from pyglove.typing._base import ValueSpec
from pyglove.typing._base import describe
from pyglove.typing._forward_ref import ForwardRef
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import RawText
from pyglove.utils import message_on_path
from pyglove.utils import to_json as _utils_to_json


class _ClassSpec(ValueSpec):
  """Shared by `Object` and `Type`: a class, possibly a forward reference."""

  def __init__(self, t: type | ForwardRef | str, default: Any = MISSING_VALUE,
               is_noneable: bool = False, frozen: bool = False,
               transform: Callable[[Any], Any] | None = None):
    if isinstance(t, str):
      t = ForwardRef(_caller_module(), t)
    if not isinstance(t, (type, ForwardRef)):
      raise TypeError(
          f'{type(self).__name__}: expected a class; got {describe(t)}.')
    self._cls = t
    super().__init__(default, is_noneable, frozen, transform)

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
          f'Cannot resolve the forward reference {self._cls.qualname!r} in '
          f'module {self._cls.module_name!r}: no class of that name is '
          'defined.', root_path))
    return cls

  def _on_change(self) -> None:
    cls = self._resolved()
    self._fast_type = (() if not self._fast_path_enabled() or cls is None
                       else cls)

  def _args(self) -> dict[str, Any]:
    return {'t': self._resolved() or self._cls}

  def _format_items(self) -> list[tuple[str, Any, Any]]:
    cls = self._resolved()
    name = self._cls.qualname if cls is None else cls.__name__
    return [('', RawText(name), None), *super()._format_items()]

  def _annotation(self) -> Any:
    cls = self._resolved()
    return cls if cls is not None else self._cls.qualname

  @classmethod
  def from_json(cls, json_value: dict[str, Any], **kwargs: Any) -> Any:
    """Rebuilds a spec from `to_json` output (older ``cls`` keys too)."""
    if 'cls' in json_value:
      json_value = dict(json_value)
      json_value['t'] = json_value.pop('cls')
    return super().from_json(json_value, **kwargs)

  def _expected(self) -> str:
    cls = self._resolved()
    return self._cls.qualname if cls is None else cls.__name__

  def _is_compatible(self, other: ValueSpec) -> bool:
    if type(other) is not type(self):
      return False
    mine, theirs = self._resolved(), other._resolved()
    if mine is None or theirs is None:
      return True  # As the reference: unknown until both names resolve.
    return issubclass(theirs, mine)

  def to_json(self, **kwargs: Any) -> dict[str, Any]:
    """The JSON form; a forward reference is resolved first."""
    result = super().to_json(**kwargs)
    result['t'] = _utils_to_json(self._resolve(None), **kwargs)
    return result


class Object(_ClassSpec):
  """Accepts instances of `t` (its subclasses included).

  Args:
    t: the class, a `ForwardRef` to it, or its name (looked up in the
      caller's module when first needed).
    default: the default value (copied for each use).
    transform: a function applied to a given value before it is checked.
    is_noneable: whether None is accepted.
    frozen: fix the value to the default.

  Raises:
    TypeError: `t` is not a class.

  Example:
    >>> import fractions
    >>> Object(fractions.Fraction).apply(fractions.Fraction(1, 2))
    Fraction(1, 2)
    >>> Object(fractions.Fraction).apply(1)
    Traceback (most recent call last):
      ...
    TypeError: Expected Fraction but got 1 (int).
  """

  def __class_getitem__(cls, params: Any) -> Any:
    """``Object[A]``: a spec by subscription, as in the reference."""
    return _subscript.class_argument(cls, params)

  def __init__(self, t: type | ForwardRef | str, default: Any = MISSING_VALUE,
               transform: Callable[[Any], Any] | None = None,
               is_noneable: bool = False, frozen: bool = False):
    super().__init__(t, default, is_noneable, frozen, transform)

  @property
  def schema(self) -> Any:
    """The schema of the class (a symbolic class's), or None."""
    return getattr(self._resolved(), '__schema__', None)

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
    cls = self._resolved()
    if cls is None:
      return value  # As the reference: no check until the name resolves.
    if not isinstance(value, cls):
      raise self._type_error(value, root_path)
    self._on_change()
    return value


class Type(_ClassSpec):
  """Accepts `t` itself and its subclasses (the classes, not instances).

  Args:
    t: the class, a `ForwardRef` to it, or its name.
    default: the default class.
    is_noneable: whether None is accepted.
    frozen: fix the value to the default.

  Example:
    >>> Type(Exception).apply(ValueError)
    <class 'ValueError'>
    >>> Type(Exception).apply(int)
    Traceback (most recent call last):
      ...
    TypeError: Expected a subclass of Exception but got <class 'int'> (type).
  """

  def __class_getitem__(cls, params: Any) -> Any:
    """``Type[A]``: a spec by subscription, as in the reference."""
    return _subscript.class_argument(cls, params)

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
    cls = self._resolved()
    if cls is None:
      return value  # As the reference: no check until the name resolves.
    if not isinstance(value, type) or not issubclass(value, cls):
      raise self._type_error(value, root_path)
    self._on_change()
    return value

  def __init__(self, t: type | ForwardRef | str, default: Any = MISSING_VALUE,
               is_noneable: bool = False, frozen: bool = False):
    super().__init__(t, default, is_noneable, frozen)

  @property
  def type(self) -> type:
    """The class whose subclasses are accepted."""
    return self.cls

  def _expected(self) -> str:
    return f'a subclass of {super()._expected()}'

  def _format_items(self) -> list[tuple[str, Any, Any]]:
    cls = self._resolved()
    items = super()._format_items()
    items[0] = ('', cls if cls is not None else RawText(self._cls.qualname),
                None)
    return items

  def _annotation(self) -> Any:
    return typing.Type[super()._annotation()]

  @property
  def value_type(self) -> Any:
    """Always `type`: the accepted values are classes."""
    return type


def _caller_module() -> str:
  """The module of the code creating a spec (for class names given as strings)."""
  frame = sys._getframe(1)  # pylint: disable=protected-access
  while frame is not None and frame.f_globals.get('__name__', '').startswith(
      'pyglove.typing'):
    frame = frame.f_back
  return '__main__' if frame is None else frame.f_globals.get('__name__',
                                                               '__main__')
