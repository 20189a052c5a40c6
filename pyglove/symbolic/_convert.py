"""Validating a value for a symbolic slot, turning plain dicts and lists into `pg.Dict`/`pg.List`.

Every value stored in a symbolic tree passes through `validate_child`: it is
checked against the spec of its slot, and containers become symbolic nodes
bound to the spec that applies to them, so later edits are checked too. The
user's own dicts and lists are copied, never mutated.
"""
from __future__ import annotations

from typing import Any, Callable

from pyglove import typing as pg_typing
from pyglove.symbolic._base import Symbolic
from pyglove.utils import KeyPath
from pyglove.utils import message_on_path

# `from_validated` of pg.Dict and pg.List, by the plain type they convert.
# `_dict` and `_list` register themselves when they load: they build on this
# module, so it cannot import them.
VALIDATION_ERRORS = (TypeError, ValueError, KeyError)
# Exact types of immutable values without children: never copied, adopted
# or converted (invariant 1 of `_fastpath`, which builds on this module).
ATOMIC_TYPES = frozenset([int, float, str, bool, type(None), complex, bytes])

_FROM_VALIDATED: dict[type, Callable[[Any, Any, bool], Symbolic]] = {}


def register_container(plain_type: type,
                       from_validated: Callable[[Any, Any, bool], Symbolic]
                       ) -> None:
  """Registers the symbolic container that plain `dict` or `list` values become."""
  _FROM_VALIDATED[plain_type] = from_validated


def reject_with_path(spec: Any, value: Any, allow_partial: bool,
                     path: Callable[[], Any]) -> None:
  """Re-raises the rejection of `value` by `spec`, naming the key path.

  Call it from the ``except`` block that caught the rejection: the value is
  validated again with its path (building a path is only worth it on
  failure), which raises the same error with the path in its message.
  """
  spec.apply(value, allow_partial, None, path())
  raise  # pylint: disable=misplaced-bare-raise


def validate_child(spec: Any, value: Any, allow_partial: bool,
                   path: Any) -> Any:
  """Validates `value` against `spec` (None: anything) and makes containers symbolic.

  Args:
    spec: the value spec of the slot, or None.
    value: the value to store.
    allow_partial: accept missing values.
    path: the key path of the slot (a KeyPath), or a zero-argument function
      returning it, called only when a path is needed.

  Returns:
    The value to store: validated, with dicts and lists converted.

  Raises:
    TypeError/ValueError/KeyError: `spec` rejects the value; the message
      names its key path.
  """
  if isinstance(value, (dict, list)):
    return _container(spec, value, allow_partial, _path(path))
  if spec is None:
    return value
  try:
    result = spec.apply(value, allow_partial)
  except VALIDATION_ERRORS:
    reject_with_path(spec, value, allow_partial, lambda: _path(path))
  if result is value and type(value) in ATOMIC_TYPES:
    return result  # The common case: a scalar accepted as it is.
  if isinstance(result, Symbolic):
    if result is spec.default:
      # The spec's own default must never become a node of a tree.
      return result.clone()
  elif isinstance(result, (dict, list)):
    # A default value: already valid, only its form changes.
    return wrap(result, _container_spec(spec, result), allow_partial)
  return result


def _path(path: Any) -> KeyPath:
  return path() if callable(path) else path


def _container(spec: Any, value: Any, allow_partial: bool,
               path: KeyPath) -> Any:
  plain = dict(value) if isinstance(value, dict) else list(value)
  if spec is not None:
    plain = spec.apply(plain, allow_partial, symbolize_child, path)
    if not isinstance(plain, (dict, list)):
      return plain  # A spec converted the container, e.g. a list to a tuple.
  container_spec = None if spec is None else _container_spec(spec, plain)
  if isinstance(value, Symbolic) and value.sym_parent is None:
    # A parentless symbolic container is adopted as it is (the caller may
    # hold it), with its validated content and the spec of its new slot.
    value.sym_reset(plain, container_spec, allow_partial)
    return value
  return wrap(plain, container_spec, allow_partial)


def use_value_spec(container: Any, value_spec: Any, allow_partial: bool,
                   spec_type: type) -> Any:
  """Validates a pg.Dict/pg.List against `value_spec` and binds it (see `Dict.use_value_spec`)."""
  kind = type(container).__name__
  if value_spec is None:
    container.__dict__['_sym_spec'] = None
    return container
  if not isinstance(value_spec, spec_type):
    raise ValueError(message_on_path(
        f'use_value_spec of {kind} expects a pg.typing.{spec_type.__name__} '
        f'(or None); got {value_spec!r}.', container.sym_path))
  bound = container.value_spec
  if bound is not None and bound != value_spec:
    raise RuntimeError(message_on_path(
        f'{kind} is already bound with a different value spec: {bound!r}; '
        f'new value spec: {value_spec!r}.', container.sym_path))
  plain = dict(container) if isinstance(container, dict) else list(container)
  plain = value_spec.apply(plain, allow_partial, symbolize_child,
                           container.sym_path)
  container.sym_reset(plain, value_spec, allow_partial)
  return container


def symbolize_child(path: KeyPath, field: Any, value: Any) -> Any:
  """`child_transform` for spec.apply: validated plain children become symbolic.

  A symbolic child without a spec takes the one it was validated against
  (as the reference's containers do).
  """
  if isinstance(value, (dict, list)):
    if not isinstance(value, Symbolic):
      return wrap(value, _container_spec(field.value, value), False)
    if value.__dict__.get('_sym_spec') is None:
      value.__dict__['_sym_spec'] = _container_spec(field.value, value)
  return value


def _container_spec(spec: Any, value: Any) -> Any:
  """The Dict/List spec among `spec` (or its Union candidates) that fits `value`."""
  wanted = pg_typing.Dict if isinstance(value, dict) else pg_typing.List
  if isinstance(spec, wanted):
    return spec
  for candidate in getattr(spec, 'candidates', ()):
    if isinstance(candidate, wanted):
      return candidate
  return None


def wrap(value: Any, spec: Any, allow_partial: bool) -> Any:
  """Wraps an already validated plain dict or list into a symbolic container."""
  if isinstance(value, dict):
    items = {k: _wrap_child(v, allow_partial) for k, v in value.items()}
    return _FROM_VALIDATED[dict](items, spec, allow_partial)
  items = [_wrap_child(v, allow_partial) for v in value]
  return _FROM_VALIDATED[list](items, spec, allow_partial)


def _wrap_child(value: Any, allow_partial: bool) -> Any:
  if isinstance(value, (dict, list)) and not isinstance(value, Symbolic):
    return wrap(value, None, allow_partial)
  return value


def is_dict_spec(spec: Any) -> bool:
  return isinstance(spec, pg_typing.Dict)


def is_list_spec(spec: Any) -> bool:
  return isinstance(spec, pg_typing.List)


def dict_field(spec: Any, key: Any) -> Any:
  """The field of a `pg.typing.Dict` spec covering `key`, or None."""
  return spec.schema.get_field(key)


def dict_keys_text(spec: Any) -> str:
  return ', '.join(str(k) for k in spec.schema.keys()) or '(none)'


def list_element_field(spec: Any) -> Any:
  """The element field of a `pg.typing.List` spec."""
  return spec.element
