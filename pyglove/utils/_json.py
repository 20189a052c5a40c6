"""JSON conversion with a registry of types, safe by default.

Every class that can be stored names itself in a registry (``'module.QualName'``
plus any aliases). `to_json` turns a value into plain JSON data; `from_json`
turns it back, resolving ``'_type'`` through the registry only. Values without
a JSON form (a lambda, an arbitrary object) are stored as an opaque pickled
payload, which `from_json` refuses to open unless the caller passes
``trusted=True``: loading a file never executes code by accident.
"""
from __future__ import annotations

import base64
import importlib
import math
import pickle
import sys
from typing import Any

from pyglove.utils._missing import MISSING_VALUE

TYPE_KEY = '_type'
TUPLE_MARKER = '__tuple__'
_TYPE_REF = 'type'
_PICKLED = '__pickled__'
_MISSING = 'MISSING_VALUE'
_FLOAT = '__float__'

_REGISTRY: dict[str, type] = {}


class UnsafeLoadError(ValueError):
  """Raised when loading would unpickle or execute code without ``trusted=True``."""


class JSONConvertible:
  """Base for classes with a JSON form: `to_json` and `from_json`.

  Subclasses are registered under ``'module.QualName'`` when they are
  defined; `serialization_aliases` adds more keys (e.g. a name kept for
  compatibility). A subclass produces ``{'_type': key, ...}`` from `to_json`
  and rebuilds itself in the classmethod `from_json`.
  """

  serialization_aliases: tuple[str, ...] = ()

  def __init_subclass__(cls, **kwargs: Any) -> None:
    super().__init_subclass__(**kwargs)
    register(type_key(cls), cls)
    for alias in cls.__dict__.get('serialization_aliases', ()):
      register(alias, cls)

  def to_json(self, **kwargs: Any) -> Any:
    raise NotImplementedError(
        f'{type(self).__name__} must implement to_json().')

  @classmethod
  def from_json(cls, json_value: Any, **kwargs: Any) -> Any:
    raise NotImplementedError(
        f'{cls.__name__} must implement from_json().')


def type_key(cls: type) -> str:
  """The registry key of `cls`: ``'module.QualName'``."""
  return f'{cls.__module__}.{cls.__qualname__}'


def register(key: str, cls: type, override: bool = True) -> None:
  """Registers `cls` under `key`; `override=False` keeps an existing entry."""
  if not override and key in _REGISTRY:
    return
  _REGISTRY[key] = cls


def lookup(key: str) -> type | None:
  """Returns the class registered under `key`, or None."""
  return _REGISTRY.get(key)


def registered_keys() -> list[str]:
  return sorted(_REGISTRY)


def to_json(value: Any, **kwargs: Any) -> Any:
  """Converts `value` to plain JSON data (dicts, lists, str, numbers, bool, None).

  Example:
    >>> to_json({'a': (1, 2), 'b': [None, 1.5]})
    {'a': ['__tuple__', 1, 2], 'b': [None, 1.5]}
  """
  if value is None or isinstance(value, (bool, int, str)):
    return value
  if isinstance(value, float):
    if math.isfinite(value):
      return value
    return {TYPE_KEY: _FLOAT, 'value': repr(value)}
  if isinstance(value, JSONConvertible):
    return value.to_json(**kwargs)
  if isinstance(value, dict):
    return {_json_key(k): to_json(v, **kwargs) for k, v in value.items()}
  if isinstance(value, list):
    return [to_json(v, **kwargs) for v in value]
  if isinstance(value, tuple):
    return [TUPLE_MARKER] + [to_json(v, **kwargs) for v in value]
  if value is MISSING_VALUE:
    return {TYPE_KEY: _MISSING}
  if isinstance(value, type):
    return {TYPE_KEY: _TYPE_REF, 'name': type_key(value)}
  return _opaque(value)


def _json_key(key: Any) -> str:
  if isinstance(key, str):
    return key
  raise TypeError(
      f'Only string keys can be stored as JSON object keys; got {key!r} '
      f'of type {type(key).__name__}.')


def _opaque(value: Any) -> dict[str, Any]:
  try:
    payload = pickle.dumps(value)
  except Exception as e:  # pickle raises many types for unpicklable values.
    raise TypeError(
        f'{value!r} of type {type(value).__name__} has no JSON form and '
        f'cannot be pickled: {e}') from None
  return {
      TYPE_KEY: _PICKLED,
      'value': base64.b64encode(payload).decode('ascii'),
  }


def from_json(json_value: Any, *, trusted: bool = False, **kwargs: Any) -> Any:
  """Rebuilds a value from the output of `to_json`.

  Args:
    json_value: plain JSON data.
    trusted: allow unpickling opaque payloads and importing modules named by
      ``_type``. Only for data from a source you trust.
    **kwargs: passed to each registered class's `from_json`.

  Raises:
    TypeError: a ``'_type'`` names no registered class.
    UnsafeLoadError (a ValueError): the data holds a pickled payload and
      `trusted` is False.
    ValueError: the data is malformed.
  """
  if isinstance(json_value, list):
    if json_value and isinstance(json_value[0], str) and json_value[0] == TUPLE_MARKER:
      return tuple(from_json(v, trusted=trusted, **kwargs) for v in json_value[1:])
    return [from_json(v, trusted=trusted, **kwargs) for v in json_value]
  if isinstance(json_value, dict):
    key = json_value.get(TYPE_KEY)
    if key is None:
      return {k: from_json(v, trusted=trusted, **kwargs)
              for k, v in json_value.items()}
    return _from_typed_json(key, json_value, trusted, kwargs)
  if json_value is None or isinstance(json_value, (bool, int, float, str)):
    return json_value
  raise ValueError(
      f'{json_value!r} of type {type(json_value).__name__} is not JSON data.')


def _from_typed_json(key: Any, json_value: dict[str, Any], trusted: bool,
                     kwargs: dict[str, Any]) -> Any:
  if not isinstance(key, str):
    raise ValueError(f'"_type" must be a string; got {key!r}.')
  if key == _MISSING:
    return MISSING_VALUE
  if key == _FLOAT:
    return float(_required(json_value, 'value', key))
  if key == _TYPE_REF:
    return resolve_type(_required(json_value, 'name', key), trusted=trusted)
  if key == _PICKLED:
    if not trusted:
      raise UnsafeLoadError(
          'The JSON data holds a pickled payload; loading it could run '
          'arbitrary code. Pass trusted=True to load it from a trusted source.')
    payload = _required(json_value, 'value', key)
    try:
      return pickle.loads(base64.b64decode(payload))
    except Exception as e:
      raise ValueError(f'Malformed pickled payload: {e}') from None
  cls = lookup(key)
  if cls is None and trusted:
    cls = _import_type(key)
  if cls is None:
    raise TypeError(
        f'Cannot load "_type": {key!r}: no such class is registered. Import '
        f'the module that defines it first, or pass trusted=True to let '
        f'loading import it.')
  return cls.from_json(json_value, trusted=trusted, **kwargs)


def _required(json_value: dict[str, Any], name: str, key: str) -> Any:
  if name not in json_value:
    raise ValueError(f'JSON data of "_type": {key!r} lacks the {name!r} entry.')
  return json_value[name]


def resolve_type(name: str, trusted: bool = False) -> type:
  """Resolves ``'module.QualName'`` to a type.

  A type is found if it is registered or its module is already imported;
  importing a module happens only with ``trusted=True``.

  Raises:
    TypeError: the name cannot be resolved.
  """
  cls = lookup(name)
  if cls is not None:
    return cls
  found = _find_loaded_type(name)
  if found is None and trusted:
    found = _import_type(name)
  if found is None:
    raise TypeError(
        f'Cannot resolve type {name!r}: its module is not imported. Import '
        f'it first, or pass trusted=True to let loading import it.')
  return found


def _find_loaded_type(name: str) -> type | None:
  parts = name.split('.')
  for split in range(len(parts) - 1, 0, -1):
    module = sys.modules.get('.'.join(parts[:split]))
    if module is not None:
      return _walk_attrs(module, parts[split:])
  return None


def _import_type(name: str) -> type | None:
  parts = name.split('.')
  for split in range(len(parts) - 1, 0, -1):
    try:
      module = importlib.import_module('.'.join(parts[:split]))
    except ImportError:
      continue
    return _walk_attrs(module, parts[split:])
  return None


def _walk_attrs(obj: Any, names: list[str]) -> type | None:
  for n in names:
    obj = getattr(obj, n, None)
    if obj is None:
      return None
  return obj if isinstance(obj, type) else None

