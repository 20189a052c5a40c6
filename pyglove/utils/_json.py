"""JSON conversion with a registry of types, safe by default.

Every class that can be stored names itself in a registry (``'module.QualName'``
plus any aliases). `to_json` turns a value into plain JSON data; `from_json`
turns it back, resolving ``'_type'`` through the registry only. Types and
functions are stored by name (see `_json_symbols`); a function is loaded only
with ``trusted=True``. A value with no JSON form is a `TypeError` when it is
written: nothing is ever pickled, so loading never unpickles anything.
Loading refuses data nested deeper than `max_depth()` levels with a
`ValueError`.
"""
from __future__ import annotations

import inspect
import math
from typing import Any, Callable

from pyglove.utils import _json_symbols
from pyglove.utils._depth import DeepRecursion
from pyglove.utils._depth import max_depth
from pyglove.utils._depth import too_deep
from pyglove.utils._json_symbols import UnsafeLoadError
from pyglove.utils._missing import MISSING_VALUE

TYPE_KEY = '_type'
TUPLE_MARKER = '__tuple__'
_MISSING = 'MISSING_VALUE'
_FLOAT = '__float__'

_REGISTRY: dict[str, type] = {}


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
    raise TypeError(
        f'{type(self).__name__} has no JSON form: it does not implement '
        f'to_json().')

  @classmethod
  def from_json(cls, json_value: Any, **kwargs: Any) -> Any:
    raise TypeError(
        f'Cannot load "_type": {type_key(cls)!r}: {cls.__name__} has no JSON '
        f'form of its own (it does not implement from_json()).')


def type_key(cls: type) -> str:
  """The registry key of `cls`: ``'module.QualName'``."""
  return f'{cls.__module__}.{cls.__qualname__}'


def register(key: str, cls: type, override: bool = True) -> None:
  """Registers `cls` under `key`; `override=False` keeps an existing entry."""
  if not override and key in _REGISTRY:
    return
  _REGISTRY[key] = cls


def unregister(key: str, cls: type) -> None:
  """Removes the entry `key` if it registers `cls` (another class's entry is kept)."""
  if _REGISTRY.get(key) is cls:
    del _REGISTRY[key]


def lookup(key: str) -> type | None:
  """Returns the class registered under `key`, or None."""
  return _REGISTRY.get(key)


def registered_keys() -> list[str]:
  return sorted(_REGISTRY)


def to_json(value: Any, **kwargs: Any) -> Any:
  """Converts `value` to plain JSON data (dicts, lists, str, numbers, bool, None).

  Raises:
    TypeError: a dict key is not a string, or a value has no JSON form.
    ValueError: `value` is nested too deeply to convert.

  Example:
    >>> to_json({'a': (1, 2), 'b': [None, 1.5]})
    {'a': ['__tuple__', 1, 2], 'b': [None, 1.5]}
  """
  with DeepRecursion('The value to convert to JSON'):
    return dump(value, kwargs)


def dump(value: Any, kwargs: dict[str, Any]) -> Any:
  """`to_json` without the guard (for converters that recurse into it)."""
  if value is None or isinstance(value, (bool, int, str)):
    return value
  if isinstance(value, float):
    if math.isfinite(value):
      return value
    return {TYPE_KEY: _FLOAT, 'value': repr(value)}
  if isinstance(value, JSONConvertible):
    return value.to_json(**kwargs)
  if isinstance(value, dict):
    return {_json_key(k): dump(v, kwargs) for k, v in value.items()}
  if isinstance(value, list):
    return [dump(v, kwargs) for v in value]
  if isinstance(value, tuple):
    return [TUPLE_MARKER] + [dump(v, kwargs) for v in value]
  if value is MISSING_VALUE:
    return {TYPE_KEY: _MISSING}
  if isinstance(value, type):
    return _json_symbols.type_to_json(value)
  if _json_symbols.is_function(value):
    return _json_symbols.function_to_json(
        value, lambda v: dump(v, kwargs))
  raise TypeError(
      f'{value!r} of type {type(value).__name__} has no JSON form. Give its '
      f'class one by subclassing pg.JSONConvertible (or pg.Object).')


def _json_key(key: Any) -> str:
  if isinstance(key, str):
    return key
  raise TypeError(
      f'Only string keys can be stored as JSON object keys; got {key!r} '
      f'of type {type(key).__name__}.')


def from_json(json_value: Any, *, trusted: bool = False, **kwargs: Any) -> Any:
  """Rebuilds a value from the output of `to_json`.

  Args:
    json_value: plain JSON data.
    trusted: allow loading functions and importing the modules named by
      ``'_type'``. Only for data from a source you trust.
    **kwargs: passed to each registered class's `from_json`.

  Raises:
    TypeError: a ``'_type'`` names no registered class, or one without a
      JSON form of its own.
    UnsafeLoadError (a ValueError): the data holds a function and `trusted`
      is False.
    ValueError: the data is malformed, or nested more than `max_depth()`
      levels deep.
  """
  with DeepRecursion('The JSON data'):
    return load_json(json_value, trusted, kwargs, 0)


def load_json(json_value: Any, trusted: bool, kwargs: dict[str, Any],
              depth: int) -> Any:
  """`from_json` at nesting level `depth` (for loaders that recurse into it)."""
  if isinstance(json_value, list):
    depth += 1
    if depth > max_depth():
      raise too_deep('The JSON data')
    if json_value and isinstance(json_value[0], str) and json_value[0] == TUPLE_MARKER:
      return tuple([load_json(v, trusted, kwargs, depth) for v in json_value[1:]])
    return [load_json(v, trusted, kwargs, depth) for v in json_value]
  if isinstance(json_value, dict):
    depth += 1
    if depth > max_depth():
      raise too_deep('The JSON data')
    key = json_value.get(TYPE_KEY)
    if key is None:
      return {k: load_json(v, trusted, kwargs, depth)
              for k, v in json_value.items()}
    return _from_typed_json(key, json_value, trusted, kwargs, depth)
  if json_value is None or isinstance(json_value, (bool, int, float, str)):
    return json_value
  text = repr(json_value)
  raise ValueError(
      f'{text if len(text) <= 80 else text[:77] + "..."} of type '
      f'{type(json_value).__name__} is not JSON data.')


def _from_typed_json(key: Any, json_value: dict[str, Any], trusted: bool,
                     kwargs: dict[str, Any], depth: int) -> Any:
  if not isinstance(key, str):
    raise ValueError(f'"_type" must be a string; got {key!r}.')
  if key == _MISSING:
    return MISSING_VALUE
  if key == _FLOAT:
    return _load_float(_required(json_value, 'value', key))
  if key == _json_symbols.TYPE_REF:
    return resolve_type(_required(json_value, 'name', key), trusted=trusted)
  if key in (_json_symbols.FUNCTION, _json_symbols.METHOD):
    return _json_symbols.load_function(
        key, json_value, trusted,
        lambda v: load_json(v, trusted, kwargs, depth))
  cls = resolve_class(key, trusted)
  return build(cls, lambda: cls.from_json(json_value, trusted=trusted,
                                          **kwargs))


def build(cls: type, make: Callable[[], Any]) -> Any:
  """Calls `make()`, which builds `cls` from JSON data, with the loaders' errors.

  A class that fails on data it did not expect in any other way than the
  documented `TypeError`, `ValueError` or `KeyError` (e.g. a base class
  reading a field that only its subclasses have) is reported as a
  `TypeError` (`AttributeError`, `NotImplementedError`) or a `ValueError`
  (anything else) naming the class.
  """
  try:
    return make()
  except (TypeError, ValueError, KeyError, RecursionError):
    raise
  except (AttributeError, NotImplementedError) as e:
    raise TypeError(
        f'Cannot load "_type": {type_key(cls)!r}: {cls.__name__} cannot be '
        f'built from the given data ({type(e).__name__}: {e}); JSON data '
        f'must name a concrete class with all its fields.') from e
  except Exception as e:  # pylint: disable=broad-except
    raise ValueError(
        f'Cannot load "_type": {type_key(cls)!r}: {cls.__name__} rejected '
        f'the data ({type(e).__name__}: {e}).') from e


def resolve_class(key: str, trusted: bool) -> type:
  """The class a ``'_type'`` names, ready to load (see `from_json`).

  Raises:
    TypeError: it names no registered class (importing one only when
      `trusted`), an abstract class, or a class without `from_json`.
  """
  cls = lookup(key)
  if cls is None and trusted:
    try:
      cls = _json_symbols.resolve_type(key, lookup, trusted=True)
    except TypeError:
      cls = None
  if cls is None:
    raise TypeError(
        f'Cannot load "_type": {key!r}: no such class is registered. Import '
        f'the module that defines it first, or pass trusted=True to let '
        f'loading import it.')
  if inspect.isabstract(cls):
    missing = ', '.join(sorted(getattr(cls, '__abstractmethods__', ())))
    raise TypeError(
        f'Cannot load "_type": {key!r}: {cls.__name__} is abstract (it does '
        f'not implement {missing}); JSON data must name a concrete class.')
  if not callable(getattr(cls, 'from_json', None)):
    raise TypeError(
        f'Cannot load "_type": {key!r}: {cls.__name__} has no from_json().')
  return cls


def _load_float(text: Any) -> float:
  try:
    return float(text)
  except (TypeError, ValueError):
    raise ValueError(f'Malformed special float {text!r}.') from None


def _required(json_value: dict[str, Any], name: str, key: str) -> Any:
  if name not in json_value:
    raise ValueError(f'JSON data of "_type": {key!r} lacks the {name!r} entry.')
  return json_value[name]


def resolve_type(name: str, trusted: bool = False) -> type:
  """Resolves ``'module.QualName'`` to a type.

  A type is found if it is registered, a builtin, or in a module that is
  already imported (read through its ``__dict__``: no module code runs);
  importing a module happens only with ``trusted=True``.

  Raises:
    TypeError: the name cannot be resolved.

  Example:
    >>> resolve_type('builtins.int')
    <class 'int'>
  """
  return _json_symbols.resolve_type(name, lookup, trusted)

