"""JSON for symbolic values: to/from JSON data, strings and files.

The JSON forms are: a `pg.Object` (and a functor) ->
``{'_type': 'module.QualName', field: value, ...}`` (missing fields left out);
a `pg.Dict` -> a plain JSON object; a `pg.List` -> a list; tuples, types,
functions and other registered classes as `pyglove.utils.to_json` writes them.
Loading resolves ``'_type'`` through the registry only and never imports a
module or loads a function unless the caller passes ``trusted=True``; data
nested deeper than `pyglove.utils.max_depth()` levels is a `ValueError`.
"""
from __future__ import annotations

import contextvars
import json
import math
import os
from typing import Any

from pyglove.symbolic._base import Symbolic
from pyglove.symbolic._dispatch import NOT_DISPATCHED
from pyglove.symbolic._dispatch import dispatch_custom
from pyglove.symbolic._dispatch import has_custom
from pyglove.symbolic._eq import eq
from pyglove.utils import DeepRecursion
from pyglove.utils import MISSING_VALUE
from pyglove.utils import max_depth
from pyglove.utils import message_on_path
from pyglove.utils import type_key
from pyglove.utils._depth import too_deep
from pyglove.utils._json import build
from pyglove.utils._json import dump as _utils_dump
from pyglove.utils._json import load_json as _utils_load
from pyglove.utils._json import lookup
from pyglove.utils._json import resolve_class

_TYPE_KEY = '_type'
_TUPLE_MARKER = '__tuple__'
_PLAIN_JSON_TYPES = frozenset([int, str, bool, type(None)])
# '_type' values that name no class (see `pyglove.utils`).
_SPECIAL_KEYS = frozenset(['type', 'function', 'method', 'MISSING_VALUE',
                           '__float__'])
# (auto_import, auto_dict) of the `from_json` call in progress.
_RESOLUTION = contextvars.ContextVar('pg_from_json_resolution',
                                     default=(True, False))


def to_json(value: Any, *, hide_default_values: bool = False,
            **kwargs: Any) -> Any:
  """Converts `value` (symbolic or not) to plain JSON data.

  Args:
    value: any value with a JSON form (functions are stored by name, or
      by code for lambdas, and load only with ``trusted=True``).
    hide_default_values: leave out object fields equal to their defaults.
    **kwargs: passed on to the `to_json` of registered classes.

  Returns:
    Nested dicts, lists, strings, numbers, bools and None.

  Raises:
    TypeError: a dict key is not a string, or a value has no JSON form.
    ValueError: `value` is nested too deeply to convert.

  Example:
    >>> to_json({'a': (1, 2)})
    {'a': ['__tuple__', 1, 2]}
  """
  with DeepRecursion('The value to convert to JSON'):
    return _dump(value, hide_default_values, kwargs)


def _dump(value: Any, hide: bool, kwargs: dict[str, Any]) -> Any:
  """`to_json` with its options passed as they are (no re-packing per node)."""
  value_type = type(value)
  if value_type in _PLAIN_JSON_TYPES or (
      value_type is float and math.isfinite(value)):
    return value
  if isinstance(value, Symbolic):
    if has_custom(value_type, 'to_json'):
      result = dispatch_custom(value, 'to_json', hide_default_values=hide,
                               **kwargs)
      if result is not NOT_DISPATCHED:
        return result
    return _dump_symbolic(value, hide, kwargs)
  if value_type is dict:
    return {_json_key(k, value): _dump(v, hide, kwargs)
            for k, v in value.items()}
  if value_type is list:
    return [_dump(v, hide, kwargs) for v in value]
  if value_type is tuple:
    return [_TUPLE_MARKER] + [_dump(v, hide, kwargs) for v in value]
  return _utils_dump(value, dict(kwargs, hide_default_values=hide))


def _dump_symbolic(value: Any, hide: bool, kwargs: dict[str, Any]) -> Any:
  if isinstance(value, dict):
    return {_json_key(k, value): _dump(v, hide, kwargs)
            for k, v in value.sym_items()}
  if isinstance(value, list):
    return [_dump(v, hide, kwargs) for v in value.sym_values()]
  cls = type(value)
  result: dict[str, Any] = {_TYPE_KEY: type_key(cls)}
  schema = getattr(cls, '__schema__', None) if hide else None
  frozen = getattr(cls, '_sym_frozen_keys', None)
  for key, field_value in value.sym_items():
    if frozen and key in frozen and _is_default(cls.__schema__, key,
                                                 field_value):
      continue  # A frozen field at its fixed value, as the reference.
    if type(field_value) in _PLAIN_JSON_TYPES:
      if schema is None or not _is_default(schema, key, field_value):
        result[key] = field_value
    elif field_value is not MISSING_VALUE and (
        schema is None or not _is_default(schema, key, field_value)):
      result[key] = _dump(field_value, hide, kwargs)
  return result


def _is_default(schema: Any, key: str, value: Any) -> bool:
  field = schema.get_field(key)
  if field is None:
    return False
  default = field.default_value
  if default is MISSING_VALUE:
    return False
  if type(value) is not type(default) and not (
      isinstance(value, (dict, list)) and isinstance(default, (dict, list))):
    # E.g. True for a default of 1: equal, but it would not load back as True.
    return False
  return eq(value, default)


def _json_key(key: Any, container: Any) -> str:
  if isinstance(key, str):
    return key
  raise TypeError(
      f'Only string keys can be stored as JSON object keys; got {key!r} of '
      f'type {type(key).__name__} in {type(container).__name__}.')


def from_json(json_value: Any, *, allow_partial: bool = False,
              root_path: Any = None, auto_import: bool = True,
              auto_dict: bool = False, value_spec: Any = None,
              trusted: bool = False, **kwargs: Any) -> Any:
  """Rebuilds a value from JSON data produced by `to_json`.

  A top-level JSON object or list becomes a `pg.Dict` or `pg.List`; objects
  tagged with ``'_type'`` are rebuilt by their registered class (which
  validates its fields as its constructor does).

  Args:
    json_value: plain JSON data.
    allow_partial: allow objects whose required fields are missing.
    root_path: the key path of the loaded value (as a sub-tree).
    auto_import: a ``'_type'`` naming no registered class may import the
      module defining it, which happens only with ``trusted=True`` (False:
      never import).
    auto_dict: a ``'_type'`` naming no class loadable as above gives a
      `pg.Dict` of the entries, with the name under ``'type_name'``.
    value_spec: a `pg.typing.Dict` or `pg.typing.List` spec bound to the
      top-level `pg.Dict` or `pg.List`.
    trusted: allow functions (which are code) and imports of the modules
      named by ``'_type'``. Only for data from a source you trust.
    **kwargs: passed on to each registered class's `from_json`.

  Returns:
    The rebuilt value.

  Raises:
    TypeError: a ``'_type'`` names no registered class, an abstract class
      or one that cannot be built from JSON, or a field value has the wrong
      type for its class.
    ValueError: the data is malformed, a field value is invalid, required
      fields are missing, or the data nests more than
      `pyglove.utils.max_depth()` levels; `pg.UnsafeLoadError` (a
      ValueError) for a function without ``trusted=True``.
    KeyError: an object names a field its class does not have.

  Example:
    >>> from_json({'a': ['__tuple__', 1, 2]}) == {'a': (1, 2)}
    True
  """
  token = None
  if not auto_import or auto_dict:
    token = _RESOLUTION.set((auto_import, auto_dict))
  try:
    with DeepRecursion('The JSON data'):
      value = _load(json_value, allow_partial, trusted, kwargs, 0)
      value_type = type(value)
      if value_type is dict:
        from pyglove.symbolic import _dict  # pylint: disable=g-import-not-at-top
        return _dict.Dict(value, value_spec=value_spec,
                          allow_partial=allow_partial, root_path=root_path)
      if value_type is list:
        from pyglove.symbolic import _list  # pylint: disable=g-import-not-at-top
        return _list.List(value, value_spec=value_spec,
                          allow_partial=allow_partial, root_path=root_path)
  finally:
    if token is not None:
      _RESOLUTION.reset(token)
  if root_path is not None and isinstance(value, Symbolic):
    value.sym_setpath(root_path)
  return value


def _resolve(key: str, trusted: bool) -> type | None:
  """The class a ``'_type'`` names, under the current `from_json` options.

  Returns:
    None when `auto_dict` is on and no class is found.
  """
  auto_import, auto_dict = _RESOLUTION.get()
  try:
    return resolve_class(key, trusted and auto_import)
  except TypeError:
    if lookup(key) is None:
      if auto_dict:
        return None
      if trusted and not auto_import:
        raise TypeError(
            f'Cannot load "_type": {key!r}: no such class is registered, and '
            'auto_import=False forbids importing the module defining it.'
        ) from None
    raise


def _load(json_value: Any, allow_partial: bool, trusted: bool,
          kwargs: dict[str, Any], depth: int) -> Any:
  """Loads plain JSON data at nesting level `depth`; symbolic classes are built here.

  Everything else (types, functions, non-finite floats, classes with their
  own `from_json`, unknown '_type's) goes through the registry in
  `pyglove.utils`, which also raises its errors.
  """
  value_type = type(json_value)
  if value_type in _PLAIN_JSON_TYPES or value_type is float:
    return json_value
  depth += 1
  if depth > max_depth():
    raise too_deep('The JSON data')
  if value_type is list:
    if json_value and json_value[0] == _TUPLE_MARKER:
      return tuple([_load(v, allow_partial, trusted, kwargs, depth)
                    for v in json_value[1:]])
    return [_load(v, allow_partial, trusted, kwargs, depth)
            for v in json_value]
  if value_type is dict:
    key = json_value.get(_TYPE_KEY)
    if key is None:
      return {k: _load(v, allow_partial, trusted, kwargs, depth)
              for k, v in json_value.items()}
    if type(key) is str and key not in _SPECIAL_KEYS:
      cls = _resolve(key, trusted)
      if cls is None:
        loaded = {k: _load(v, allow_partial, trusted, kwargs, depth)
                  for k, v in json_value.items() if k != _TYPE_KEY}
        return {**loaded, 'type_name': key}
      if issubclass(cls, Symbolic) and not has_custom(cls, 'from_json'):
        return _symbolic_from_json(cls, json_value, allow_partial, trusted,
                                   kwargs, depth)
  return _utils_load(json_value, trusted,
                     dict(kwargs, allow_partial=allow_partial), depth - 1)


def _symbolic_from_json(cls: type, json_value: dict[str, Any],
                        allow_partial: bool, trusted: bool,
                        kwargs: dict[str, Any], depth: int) -> Any:
  """A library-built symbolic class named by ``'_type'``."""
  if issubclass(cls, dict):
    return cls({k: _load(v, allow_partial, trusted, kwargs, depth)
                for k, v in json_value.items() if k != _TYPE_KEY},
               allow_partial=allow_partial)
  if issubclass(cls, list):
    raise ValueError(
        f'The JSON form of {type_key(cls)} is a JSON array, not an object '
        f'tagged with "_type"; got {_preview(json_value)}.')
  return object_from_json(cls, json_value, allow_partial=allow_partial,
                          trusted=trusted, _depth=depth, **kwargs)


def load_container(cls: type, json_value: Any, value_spec: Any,
                   allow_partial: bool, trusted: bool,
                   kwargs: dict[str, Any]) -> Any:
  """A `pg.Dict` or `pg.List` (class `cls`) from its JSON form.

  Raises:
    ValueError: `json_value` is not the JSON form of `cls` (an array for a
      List; an object for a Dict, whose ``'_type'`` may name a Dict class),
      or is nested too deeply.
  """
  expected = dict if issubclass(cls, dict) else list
  if isinstance(json_value, dict) and expected is dict:
    key = json_value.get(_TYPE_KEY)
    if key is not None:
      named = resolve_class(key, trusted) if isinstance(key, str) else None
      if named is None or not issubclass(named, dict):
        raise ValueError(
            f'{cls.__name__}.from_json() expects a JSON object without a '
            f'"_type" of another class; got "_type": {key!r}.')
      json_value = {k: v for k, v in json_value.items() if k != _TYPE_KEY}
  elif not isinstance(json_value, expected):
    raise ValueError(
        f'{cls.__name__}.from_json() expects a JSON '
        f'{"object" if expected is dict else "array"}; got '
        f'{_preview(json_value)}.')
  with DeepRecursion('The JSON data'):
    return cls(_load(json_value, allow_partial, trusted, kwargs, 0),
               value_spec=value_spec, allow_partial=allow_partial)


def object_from_json(cls: type, json_value: Any, *,
                     allow_partial: bool = False, trusted: bool = False,
                     root_path: Any = None, _depth: int = 0,
                     **kwargs: Any) -> Any:
  """Builds an instance of the symbolic class `cls` from its JSON form.

  Field values are loaded as plain data (the constructor turns dicts and lists
  into symbolic containers bound to the field specs), then passed to the
  constructor, which validates them.

  Raises:
    ValueError: `json_value` is not a JSON object.
    TypeError, ValueError, KeyError: as the constructor of `cls` raises for
      the loaded field values; other errors of the constructor (e.g. of a
      base class that JSON names by mistake) become a TypeError or
      ValueError naming `cls` (see `pyglove.utils._json.build`).
  """
  if not isinstance(json_value, dict):
    raise ValueError(message_on_path(
        f'The JSON form of {cls.__name__} must be a JSON object; got '
        f'{_preview(json_value)}.', root_path))
  if _depth:
    # Nested in a load that already guards the recursion (one guard per load).
    return _load_object(cls, json_value, allow_partial, trusted, kwargs, _depth)
  with DeepRecursion('The JSON data'):
    return _load_object(cls, json_value, allow_partial, trusted, kwargs, _depth)


def _load_object(cls: type, json_value: dict[str, Any], allow_partial: bool,
                 trusted: bool, kwargs: dict[str, Any], depth: int) -> Any:
  fields = {}
  for k, v in json_value.items():
    # Scalars inline: they are most fields, and a call each would dominate.
    if k == _TYPE_KEY:
      continue
    fields[k] = (v if type(v) in _PLAIN_JSON_TYPES
                 else _load(v, allow_partial, trusted, kwargs, depth))
  return build(cls, lambda: cls(allow_partial=allow_partial, **fields))


def _preview(value: Any) -> str:
  """`value`'s repr for an error message, cut short (it may be huge)."""
  text = repr(value)
  if len(text) > 80:
    text = text[:77] + '...'
  return f'{text} of type {type(value).__name__}'


def to_json_str(value: Any, json_indent: int | None = None,
                **kwargs: Any) -> str:
  """Converts `value` to JSON text.

  Args:
    value: any value (see `to_json`).
    json_indent: the indent of the text, None for one line.
    **kwargs: passed to `to_json` (e.g. ``hide_default_values=True``).

  Example:
    >>> to_json_str({'a': [1, 2]})
    '{"a": [1, 2]}'
  """
  with DeepRecursion('The value to convert to JSON'):
    return json.dumps(to_json(value, **kwargs), indent=json_indent)


def from_json_str(json_str: str | bytes, *, allow_partial: bool = False,
                  root_path: Any = None, auto_import: bool = True,
                  auto_dict: bool = False, **kwargs: Any) -> Any:
  """Rebuilds a value from JSON text produced by `to_json_str`.

  Args:
    json_str: the JSON text.
    allow_partial: allow objects whose required fields are missing.
    root_path: the key path of the loaded value (as a sub-tree).
    auto_import: see `from_json` (imports happen only with ``trusted=True``).
    auto_dict: see `from_json`.
    **kwargs: passed to `from_json` (``trusted``, ``value_spec``, ...).

  Raises:
    TypeError: `json_str` is not text (or an error of `from_json`).
    ValueError: the text is not valid JSON, nests more than
      `pyglove.utils.max_depth()` levels (or an error of `from_json`).

  Example:
    >>> from_json_str('[1, ["__tuple__", 2]]') == [1, (2,)]
    True
  """
  if not isinstance(json_str, (str, bytes, bytearray)):
    raise TypeError(
        f'from_json_str() expects JSON text (str or bytes); got '
        f'{json_str!r} of type {type(json_str).__name__}.')
  with DeepRecursion('The JSON text'):
    try:
      json_value = json.loads(json_str)
    except json.JSONDecodeError as e:
      raise ValueError(f'Invalid JSON text: {e}.') from None
    return from_json(json_value, allow_partial=allow_partial,
                     root_path=root_path, auto_import=auto_import,
                     auto_dict=auto_dict, **kwargs)


def save(value: Any, path: str | os.PathLike[str],
         json_indent: int | None = None, **kwargs: Any) -> None:
  """Writes the JSON text of `value` to the file at `path`.

  Args:
    value: any value (see `to_json`).
    path: the file to write (replaced if it exists).
    json_indent: the indent of the text, None for one line.
    **kwargs: passed to `to_json`.

  Example:
    >>> import os, tempfile
    >>> save({'a': 1}, os.path.join(tempfile.mkdtemp(), 'a.json'))
  """
  text = to_json_str(value, json_indent=json_indent, **kwargs)
  with open(path, 'w', encoding='utf-8') as f:
    f.write(text)


def load(path: str | os.PathLike[str], **kwargs: Any) -> Any:
  """Reads a value saved by `save`.

  Args:
    path: the file to read.
    **kwargs: passed to `from_json` (``allow_partial``, ``trusted``, ...).

  Raises:
    ValueError: the file does not hold valid JSON (or an error of `from_json`).

  Example:
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), 'a.json')
    >>> save({'a': (1, 2)}, path)
    >>> load(path) == {'a': (1, 2)}
    True
  """
  with open(path, 'r', encoding='utf-8') as f:
    return from_json_str(f.read(), **kwargs)
