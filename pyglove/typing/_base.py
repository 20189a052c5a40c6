"""`ValueSpec`: the base of every value spec.

A value spec validates (and may convert) one value. Each subclass keeps the
common valid case of `apply` to a handful of operations on precomputed
attributes and hands everything else (a missing value, None, a frozen spec, a
value that validates itself, a wrong value) to `_apply_slow` here, which is the
only place that builds error messages.
"""
from __future__ import annotations

import typing
import weakref
from typing import Any, Callable as CallableType

from pyglove.typing._conversion import get_converter
from pyglove.typing._conversion import has_converters
from pyglove.typing._custom_typing import ChildTransform
from pyglove.typing._custom_typing import CustomTyping
from pyglove.typing._json_key import TypingJSONConvertible
from pyglove.typing._json_key import json_key
from pyglove.typing._relations import SpecRelations
from pyglove.typing._values import VALIDATION_ERRORS
from pyglove.typing._values import child_path
from pyglove.typing._values import default_copier
from pyglove.typing._values import describe
from pyglove.typing._values import is_immutable
from pyglove.typing._values import safe_eq
from pyglove.utils import Formattable
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import from_json as _utils_from_json
from pyglove.utils import kvlist_str
from pyglove.utils import message_on_path
from pyglove.utils import to_json as _utils_to_json

# Re-exported: the spec modules import these from here.
__all__ = ['CustomTyping', 'ValueSpec', 'VALIDATION_ERRORS', 'ChildTransform',
           'as_spec', 'child_path', 'default_copier', 'describe',
           'is_immutable', 'nested_annotation', 'safe_eq']


class ValueSpec(SpecRelations, TypingJSONConvertible, Formattable):
  """Base of the value specs: validates one value, with a default.

  Subclasses implement `_validate` (type and constraint checks of a value that
  is neither missing nor None), `_args` (their constructor arguments, for
  equality and JSON) and `_format_items` (their printed arguments); they may
  override `apply` with a fast path that falls back to `_apply_slow`, taken
  only while `_fast_path_enabled()`.

  Args (common to the specs):
    default: the default value (MISSING_VALUE: none, the value is required).
    is_noneable: whether None is accepted.
    frozen: fix the value to the default: other values are rejected.
    transform: a function applied to each given value before it is checked
      (e.g. a converter); its errors name the key path.

  Attributes:
    value_type: the type (or tuple of types) of accepted values.
  """

  value_type: Any = object
  # Specs that accept None whatever the settings do not print `noneable`.
  _none_by_nature = False
  # Attributes holding weak caches; they are not pickled but rebuilt empty.
  _weak_caches: tuple[str, ...] = ()
  # `str()` of a spec is its indented form (see `Formattable`).
  __str_format_kwargs__ = {'compact': False, 'verbose': True}

  @classmethod
  def from_annotation(cls, annotation: Any, auto_typing: bool = False,
                      accept_value_as_annotation: bool = False,
                      parent_module: Any = None) -> 'ValueSpec':
    """A spec from a Python annotation (see `pg.typing.from_annotation`).

    Without `auto_typing` the annotation is kept as documentation:
    ``ValueSpec.from_annotation(int)`` is ``Any(annotation=int)``.
    """
    from pyglove.typing import _annotation_api  # pylint: disable=g-import-not-at-top
    return _annotation_api.value_spec_from_annotation(
        annotation, auto_typing, accept_value_as_annotation, parent_module)

  def __init__(self, default: Any = MISSING_VALUE, is_noneable: bool = False,
               frozen: bool = False,
               transform: CallableType[[Any], Any] | None = None):
    if transform is not None and not callable(transform):
      raise TypeError(
          f'{type(self).__name__}: transform must be callable; got '
          f'{describe(transform)}.')
    self._is_noneable = is_noneable
    self._frozen = False
    self._default = MISSING_VALUE
    self._copy_default = None
    self._transform = transform
    self._on_change()
    if default is not MISSING_VALUE:
      self.set_default(default)
    if frozen:
      self._frozen = True
      self._on_change()

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

  @property
  def transform(self) -> CallableType[[Any], Any] | None:
    """The function applied to given values before they are checked, or None."""
    return self._transform

  @property
  def annotation(self) -> Any:
    """The Python annotation this spec stands for (``Optional[...]`` if noneable).

    Example:
      >>> from pyglove.typing import Int
      >>> Int().annotation, Int().noneable().annotation
      (<class 'int'>, typing.Optional[int])
    """
    annotation = self._annotation()
    if self._is_noneable and not self._none_by_nature:
      return typing.Optional[annotation]
    return annotation

  def _annotation(self) -> Any:
    """The annotation of the accepted values, None aside."""
    value_type = self.value_type
    if isinstance(value_type, tuple):
      return typing.Union[value_type]
    return value_type

  def _fast_path_enabled(self) -> bool:
    """Whether `apply` may accept a value of the right class at once.

    Not when the spec is frozen or transforms values: then every value goes
    through `_apply_slow`.
    """
    return not self._frozen and self._transform is None

  # Mutators: like the reference, they change the spec and return it.

  def noneable(self, is_noneable: bool = True,
               use_none_as_default: bool = True) -> 'ValueSpec':
    """Makes the spec accept None (or not); returns it.

    Args:
      is_noneable: accept None, or stop accepting it.
      use_none_as_default: make None the default when there is none.

    Example:
      >>> from pyglove.typing import Int
      >>> Int().noneable().apply(None) is None
      True
      >>> Int().noneable(use_none_as_default=False).default
      MISSING_VALUE
    """
    self._is_noneable = is_noneable
    if is_noneable:
      if use_none_as_default and self._default is MISSING_VALUE:
        self._default = None
        self._copy_default = None
    elif self._default is None:
      self._default = MISSING_VALUE
    self._on_change()
    return self

  def set_default(self, default: Any, use_default_apply: bool = True,
                  root_path: KeyPath | None = None) -> 'ValueSpec':
    """Sets the default (MISSING_VALUE removes it); returns the spec.

    Args:
      default: the new default.
      use_default_apply: validate (and convert) the default first.
      root_path: the key path named in a validation error.

    Example:
      >>> from pyglove.typing import Int
      >>> Int().set_default(3).default
      3

    Raises:
      TypeError/ValueError: `default` is not accepted by the spec.
    """
    if default is not MISSING_VALUE and use_default_apply:
      frozen, self._frozen = self._frozen, False
      try:
        default = self.apply(default, allow_partial=True, root_path=root_path)
      finally:
        self._frozen = frozen
    self._default = default
    self._copy_default = default_copier(default)
    self._on_change()
    return self

  def freeze(self, permanent_value: Any = MISSING_VALUE,
             apply_before_use: bool = True) -> 'ValueSpec':
    """Fixes the value: only the default (or `permanent_value`) is accepted from now on.

    Args:
      permanent_value: the value to fix (default: the current default).
      apply_before_use: validate `permanent_value` first.

    Example:
      >>> from pyglove.typing import Int
      >>> Int().freeze(1).apply(MISSING_VALUE)
      1

    Raises:
      ValueError: there is neither `permanent_value` nor a default to freeze
        to.
    """
    if permanent_value is not MISSING_VALUE:
      self.set_default(permanent_value, use_default_apply=apply_before_use)
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
      return self._none(root_path)
    custom = getattr(type(value), '__custom_apply__', None)
    if custom is not None and not isinstance(value, type):
      return custom(value, self, allow_partial, child_transform, root_path)
    if self._transform is not None:
      value = self._run_transform(value, root_path)
      if value is MISSING_VALUE:
        return self._missing(allow_partial, root_path)
      if value is None:
        return self._none(root_path)
    return self._apply_typed(value, allow_partial, child_transform, root_path)

  def _apply_typed(self, value: Any, allow_partial: bool,
                   child_transform: ChildTransform | None,
                   root_path: KeyPath | None) -> Any:
    """Converts a value of another type (by a registered converter), then validates."""
    if (has_converters() and type(value) is not bool
        and not self._is_instance(value)):
      converter = get_converter(type(value), self.value_type)
      if converter is not None:
        try:
          value = converter(value)
        except Exception as e:  # pylint: disable=broad-except
          raise TypeError(message_on_path(
              f'Cannot convert {describe(value)} to {self._expected()}: '
              f'{type(e).__name__}: {e}', root_path)) from e
    return self._validate(value, allow_partial, child_transform, root_path)

  def _is_instance(self, value: Any) -> bool:
    try:
      return isinstance(value, self.value_type)
    except TypeError:
      return True  # An unusual value_type: let `_validate` decide.

  def _run_transform(self, value: Any, root_path: KeyPath | None) -> Any:
    try:
      return self._transform(value)
    except Exception as e:  # pylint: disable=broad-except
      if root_path is None:
        raise
      try:
        error = type(e)(message_on_path(str(e), root_path))
      except Exception:  # pylint: disable=broad-except
        raise e from None  # An exception type that takes other arguments.
      raise error.with_traceback(e.__traceback__) from None

  def _none(self, root_path: KeyPath | None) -> None:
    if self._is_noneable:
      return None
    raise ValueError(message_on_path(
        f'Value cannot be None: expected {self._expected()}.', root_path))

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

  def format(self, compact: bool = False, verbose: bool = True,
             root_indent: int = 0, **kwargs: Any) -> str:
    """The text form: ``Int(default=1, min=0)`` when compact, else one argument a line.

    Example:
      >>> from pyglove.typing import Int
      >>> print(Int(default=1, min_value=0).format(compact=False))
      Int(
        default=1,
        min=0
      )
    """
    return kvlist_str(self._format_items(), compact=compact, verbose=verbose,
                      root_indent=root_indent, label=type(self).__name__,
                      **kwargs)

  def _format_items(self) -> list[tuple[str, Any, Any]]:
    """(name, value, default) of the printed arguments; equal-to-default ones are left out."""
    return [('default', self._default, MISSING_VALUE),
            ('noneable', self._is_noneable and not self._none_by_nature,
             False),
            ('frozen', self._frozen, False)]

  def __getstate__(self) -> dict[str, Any]:
    state = dict(self.__dict__)
    for name in self._weak_caches:
      del state[name]
    # A function (list.copy, copy.deepcopy): derived from the default, and
    # safe loaders of pickled generator state allow no function by name.
    state.pop('_copy_default', None)
    return state

  def __setstate__(self, state: dict[str, Any]) -> None:
    self.__dict__.update(state)
    for name in self._weak_caches:
      setattr(self, name, weakref.WeakKeyDictionary())
    self._copy_default = default_copier(self._default)

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


def as_spec(value: Any, owner: str, arg_name: str) -> 'ValueSpec':
  """`value` as a ValueSpec: a spec as is, an annotation (``int``) converted.

  Raises:
    TypeError: `value` is neither a spec nor an annotation.
  """
  if isinstance(value, ValueSpec):
    return value
  # Imported here: annotations are converted by a module built on this one.
  from pyglove.typing._annotation import from_annotation  # pylint: disable=g-import-not-at-top
  try:
    return from_annotation(value)
  except (TypeError, ValueError) as e:
    raise TypeError(
        f'{owner}: {arg_name} must be a ValueSpec or an annotation; got '
        f'{describe(value)} ({e}).') from None


def nested_annotation(spec: 'ValueSpec') -> Any:
  """`spec.annotation` inside a composite annotation (``typing.Any`` when it has none)."""
  annotation = spec.annotation
  return typing.Any if annotation is MISSING_VALUE else annotation
