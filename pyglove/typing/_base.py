"""`ValueSpec`: the base of every value spec, and the `CustomTyping` hook.

A value spec validates (and may convert) one value. Each subclass keeps the
common valid case of `apply` to a handful of operations on precomputed
attributes and hands everything else (a missing value, None, a frozen spec, a
value that validates itself, a wrong value) to `_apply_slow` here, which is the
only place that builds error messages.
"""
from __future__ import annotations

import copy
import types
import weakref
from typing import Any, Callable as CallableType

from pyglove.typing._json_key import TypingJSONConvertible
from pyglove.typing._json_key import json_key
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import from_json as _utils_from_json
from pyglove.utils import message_on_path
from pyglove.utils import to_json as _utils_to_json

# Defaults of these types are shared between instances without copying.
_IMMUTABLE_TYPES = (type(None), bool, int, float, complex, str, bytes, type,
                    frozenset)

ChildTransform = CallableType[[KeyPath, Any, Any], Any]

# Errors a child's validation may raise. Containers validate children without
# building key paths and catch these only to validate the failing child again
# with its path, so that the message names where it failed.
VALIDATION_ERRORS = (TypeError, ValueError, KeyError)

_ROOT = KeyPath()


def child_path(root_path: KeyPath | str | None, key: Any) -> KeyPath:
  """The path of child `key` under `root_path` (the root when None).

  Example:
    >>> str(child_path('a.b', 0)), str(child_path(None, 'x'))
    ('a.b[0]', 'x')
  """
  if root_path is None:
    return _ROOT.child(key)
  return KeyPath.from_value(root_path).child(key)


class CustomTyping:
  """Declares the hook through which a value validates itself against a spec.

  `ValueSpec.apply` calls ``value.__custom_apply__(spec, allow_partial,
  child_transform, root_path)`` on a value that defines it and returns its
  result instead of checking the value's type (after the frozen and None
  checks). Hyper values use it to check their candidates against the spec.
  Any class defining the method works; inheriting this one documents it.

  Example:
    >>> class Doubler(CustomTyping):
    ...   def __custom_apply__(self, value_spec, allow_partial, child_transform,
    ...                        root_path):
    ...     return 2
    >>> from pyglove.typing import Int
    >>> Int().apply(Doubler())
    2
  """

  def __custom_apply__(self, value_spec: 'ValueSpec', allow_partial: bool,
                       child_transform: ChildTransform | None,
                       root_path: KeyPath | None) -> Any:
    raise NotImplementedError(
        f'{type(self).__name__} must implement __custom_apply__().')


def describe(value: Any) -> str:
  """`value` with its type, for error messages: ``-1 (int)``."""
  return f'{value!r} ({type(value).__name__})'


def is_immutable(value: Any) -> bool:
  """Whether `value` can be shared as a default without being copied."""
  if isinstance(value, _IMMUTABLE_TYPES) or value is MISSING_VALUE:
    return True
  if type(value) is tuple:
    return all(is_immutable(v) for v in value)
  # Functions are shared, not copied; a callable object with state is not.
  return isinstance(value, (types.FunctionType, types.BuiltinFunctionType))


def default_copier(value: Any) -> CallableType[[Any], Any] | None:
  """How to copy a default so that no two values share it (None: no copy)."""
  if is_immutable(value):
    return None
  if type(value) is list and all(is_immutable(v) for v in value):
    return list.copy
  if type(value) is dict and all(is_immutable(v) for v in value.values()):
    return dict.copy
  return copy.deepcopy


class ValueSpec(TypingJSONConvertible):
  """Base of the value specs: validates one value, with a default.

  Subclasses implement `_validate` (type and constraint checks of a value that
  is neither missing nor None) and `_args` (their constructor arguments, for
  equality, repr and JSON); they may override `apply` with a fast path that
  falls back to `_apply_slow`.

  Attributes:
    value_type: the type (or tuple of types) of accepted values.
  """

  value_type: Any = object
  # Specs that accept None whatever the settings do not print `noneable`.
  _none_by_nature = False
  # Attributes holding weak caches; they are not pickled but rebuilt empty.
  _weak_caches: tuple[str, ...] = ()

  def __init__(self, default: Any = MISSING_VALUE, is_noneable: bool = False):
    self._is_noneable = is_noneable
    self._frozen = False
    self._default = MISSING_VALUE
    self._copy_default = None
    self._on_change()
    if default is not MISSING_VALUE:
      self.set_default(default)

  # Properties.

  @property
  def default(self) -> Any:
    """The default value, or MISSING_VALUE when there is none."""
    return self._default

  @property
  def has_default(self) -> bool:
    """Whether the spec has a default value."""
    return self._default is not MISSING_VALUE

  @property
  def is_noneable(self) -> bool:
    """Whether None is accepted."""
    return self._is_noneable

  @property
  def frozen(self) -> bool:
    """Whether the value is fixed to the default."""
    return self._frozen

  # Mutators: like the reference, they change the spec and return it.

  def noneable(self) -> 'ValueSpec':
    """Makes the spec accept None; None becomes the default if there was none.

    Example:
      >>> from pyglove.typing import Int
      >>> Int().noneable().apply(None) is None
      True
    """
    self._is_noneable = True
    if self._default is MISSING_VALUE:
      self._default = None
    self._on_change()
    return self

  def set_default(self, default: Any, root_path: KeyPath | None = None
                  ) -> 'ValueSpec':
    """Sets the default after validating it (MISSING_VALUE removes it).

    Example:
      >>> from pyglove.typing import Int
      >>> Int().set_default(3).default
      3

    Raises:
      TypeError/ValueError: `default` is not accepted by the spec.
    """
    if default is not MISSING_VALUE:
      frozen, self._frozen = self._frozen, False
      try:
        default = self.apply(default, allow_partial=True, root_path=root_path)
      finally:
        self._frozen = frozen
    self._default = default
    self._copy_default = default_copier(default)
    self._on_change()
    return self

  def freeze(self, value: Any = MISSING_VALUE) -> 'ValueSpec':
    """Fixes the value: only the default (or `value`) is accepted from now on.

    Example:
      >>> from pyglove.typing import Int
      >>> Int().freeze(1).apply(MISSING_VALUE)
      1

    Raises:
      ValueError: there is neither `value` nor a default to freeze to.
    """
    if value is not MISSING_VALUE:
      self.set_default(value)
    if self._default is MISSING_VALUE:
      raise ValueError(
          f'Cannot freeze {self!r}: it has no default and no value was given.')
    self._frozen = True
    self._on_change()
    return self

  def _on_change(self) -> None:
    """Recomputes what the fast path of `apply` relies on."""

  # Validation.

  def apply(self, value: Any, allow_partial: bool = False,
            child_transform: ChildTransform | None = None,
            root_path: KeyPath | None = None) -> Any:
    """Validates `value` and returns it, possibly converted.

    Args:
      value: the value to check; MISSING_VALUE means "not given".
      allow_partial: accept missing values (here and in children).
      child_transform: called as ``fn(child_path, child_field, child_value)``
        on each validated child of a container; its result replaces the child.
      root_path: the key path of `value`, named in error messages.

    Returns:
      The validated value (the default for MISSING_VALUE).

    Raises:
      TypeError: the value has the wrong type.
      ValueError: the value breaks a constraint, is None where None is not
        accepted, is missing, or the spec is frozen.
      KeyError: a dict holds a key its schema does not define.

    Example:
      >>> from pyglove.typing import Int
      >>> Int(min_value=0).apply(3)
      3
    """
    return self._apply_slow(value, allow_partial, child_transform, root_path)

  def _apply_slow(self, value: Any, allow_partial: bool,
                  child_transform: ChildTransform | None,
                  root_path: KeyPath | None) -> Any:
    if value is MISSING_VALUE:
      return self._missing(allow_partial, root_path)
    if self._frozen:
      if value is self._default or safe_eq(value, self._default):
        return self._default
      raise ValueError(message_on_path(
          f'Frozen field is not assignable: got {describe(value)}, the value '
          f'is fixed to {self._default!r}.', root_path))
    if value is None:
      if self._is_noneable:
        return None
      raise ValueError(message_on_path(
          f'Value cannot be None: expected {self._expected()}.', root_path))
    custom = getattr(type(value), '__custom_apply__', None)
    if custom is not None and not isinstance(value, type):
      return custom(value, self, allow_partial, child_transform, root_path)
    return self._validate(value, allow_partial, child_transform, root_path)

  def _missing(self, allow_partial: bool, root_path: KeyPath | None) -> Any:
    default = self._default
    if default is not MISSING_VALUE:
      copier = self._copy_default
      return default if copier is None else copier(default)
    if allow_partial:
      return MISSING_VALUE
    raise ValueError(message_on_path(
        'Required value is not specified.', root_path))

  def _validate(self, value: Any, allow_partial: bool,
                child_transform: ChildTransform | None,
                root_path: KeyPath | None) -> Any:
    """Checks a value that is neither missing nor None; returns it converted."""
    raise NotImplementedError

  def _type_error(self, value: Any, root_path: KeyPath | None) -> TypeError:
    return TypeError(message_on_path(
        f'Expected {self._expected()} but got {describe(value)}.', root_path))

  def _expected(self) -> str:
    """What the spec accepts, in words, for error messages."""
    types = self.value_type if isinstance(self.value_type, tuple) else (
        self.value_type,)
    return ' or '.join(getattr(t, '__name__', str(t)) for t in types)

  # Relations between specs.

  def is_compatible(self, other: 'ValueSpec') -> bool:
    """Whether every value accepted by `other` is accepted by this spec.

    Example:
      >>> from pyglove.typing import Int
      >>> Int().is_compatible(Int(min_value=0)), Int(min_value=0).is_compatible(Int())
      (True, False)
    """
    if not isinstance(other, ValueSpec):
      raise TypeError(
          f'is_compatible expects a ValueSpec; got {describe(other)}.')
    if other.is_noneable and not self._is_noneable:
      return False
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

    This spec must accept only values `base` accepts; it inherits the default
    of `base` when it has none. Returns self.

    Example:
      >>> from pyglove.typing import Int
      >>> Int(min_value=0).extend(Int(default=1)).default
      1

    Raises:
      TypeError: the two specs accept different kinds of values.
      ValueError: the base is frozen, or this spec accepts values (a wider
        range, None) that the base rejects.
    """
    if not isinstance(base, ValueSpec):
      raise TypeError(f'extend expects a ValueSpec; got {describe(base)}.')
    if base.frozen:
      raise ValueError(
          f'{self!r} cannot extend {base!r}: the base is frozen.')
    if not base._accepts_kind_of(self):
      raise TypeError(
          f'{self!r} cannot extend {base!r}: they accept different types.')
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

  def _accepts_kind_of(self, other: 'ValueSpec') -> bool:
    """Whether `other` accepts the same kind of values (ignoring constraints)."""
    return isinstance(other, type(self))

  # Equality, repr and JSON, all driven by `_args`.

  def _args(self) -> dict[str, Any]:
    """Constructor arguments besides the default, in order."""
    return {}

  def __eq__(self, other: Any) -> bool:
    if self is other:
      return True
    if type(other) is not type(self):
      return False
    return (self._args() == other._args()
            and safe_eq(self._default, other._default)
            and self._is_noneable == other._is_noneable
            and self._frozen == other._frozen)

  def __ne__(self, other: Any) -> bool:
    return not self.__eq__(other)

  def __hash__(self) -> int:
    return hash((type(self), repr(self)))

  def __repr__(self) -> str:
    parts = []
    if self._default is not MISSING_VALUE:
      parts.append(f'default={self._default!r}')
    parts.extend(f'{k}={v!r}' for k, v in self._args().items()
                 if v is not None)
    if self._is_noneable and not self._none_by_nature:
      parts.append('noneable=True')
    if self._frozen:
      parts.append('frozen=True')
    return f'{type(self).__name__}({", ".join(parts)})'

  def __getstate__(self) -> dict[str, Any]:
    state = dict(self.__dict__)
    for name in self._weak_caches:
      del state[name]
    return state

  def __setstate__(self, state: dict[str, Any]) -> None:
    self.__dict__.update(state)
    for name in self._weak_caches:
      setattr(self, name, weakref.WeakKeyDictionary())

  def __copy__(self) -> 'ValueSpec':
    result = type(self).__new__(type(self))
    result.__dict__.update(self.__dict__)
    result._on_change()
    return result

  def to_json(self, **kwargs: Any) -> dict[str, Any]:
    """``{'_type': ..., <constructor args>, 'default', 'is_noneable', 'frozen'}``."""
    result = {'_type': json_key(type(self))}
    for k, v in self._args().items():
      result[k] = _utils_to_json(v, **kwargs)
    if self._default is not MISSING_VALUE:
      result['default'] = _utils_to_json(self._default, **kwargs)
    if self._is_noneable:
      result['is_noneable'] = True
    if self._frozen:
      result['frozen'] = True
    return result

  @classmethod
  def from_json(cls, json_value: dict[str, Any], **kwargs: Any) -> 'ValueSpec':
    """Rebuilds a spec from `to_json` output."""
    args = {k: _utils_from_json(v, **kwargs) for k, v in json_value.items()
            if k not in ('_type', 'default', 'is_noneable', 'frozen')}
    spec = cls(**args)
    if json_value.get('is_noneable'):
      spec.noneable()
    if 'default' in json_value:
      spec.set_default(_utils_from_json(json_value['default'], **kwargs))
    if json_value.get('frozen'):
      spec.freeze()
    return spec


def safe_eq(a: Any, b: Any) -> bool:
  """`a == b` as a bool; identity when `==` does not give one (numpy arrays)."""
  try:
    return bool(a == b)
  except Exception:  # An odd __eq__ (numpy arrays) does not make specs differ.
    return a is b
