"""`pg.save` / `pg.load` through replaceable handlers (files, or any storage).

By default a value is written as JSON text (`file_format='json'`) or as its
`str()` (`'txt'`) and read back safely (see `pg.from_json`). A program may
route every `pg.save`/`pg.load` elsewhere (e.g. a blob store) with
`set_save_handler`/`set_load_handler`; extra arguments of `pg.save` and
`pg.load` reach the handler.
"""
from __future__ import annotations

import os
from typing import Any, Callable

from pyglove.symbolic import _origin
from pyglove.symbolic import _serialization
from pyglove.symbolic._base import Symbolic

SaveHandler = Callable[..., Any]
LoadHandler = Callable[..., Any]

_FILE_FORMATS = ('json', 'txt')


def default_save_handler(value: Any, path: str | os.PathLike[str], *,
                         indent: int | None = None, file_format: str = 'json',
                         **kwargs: Any) -> None:
  """Writes `value` to the file at `path`: its JSON text, or its `str()` for 'txt'.

  Args:
    value: the value.
    path: the file (created with its directory; replaced if it exists).
    indent: the JSON indent (None: one line).
    file_format: 'json' or 'txt'.
    **kwargs: passed to `pg.to_json`.

  Raises:
    ValueError: an unknown `file_format`.
  """
  _check_format(file_format)
  directory = os.path.dirname(os.fspath(path))
  if directory:
    os.makedirs(directory, exist_ok=True)
  if file_format == 'txt':
    with open(path, 'w', encoding='utf-8') as f:
      f.write(str(value))
    return
  _serialization.save(value, path, json_indent=indent, **kwargs)


def default_load_handler(path: str | os.PathLike[str],
                         file_format: str = 'json', **kwargs: Any) -> Any:
  """Reads the file at `path`: a value from its JSON text, or the text for 'txt'.

  Args:
    path: the file.
    file_format: 'json' or 'txt'.
    **kwargs: passed to `pg.from_json` (``allow_partial``, ``trusted``...).

  Raises:
    ValueError: an unknown `file_format`, or a file that is not valid JSON.
  """
  _check_format(file_format)
  if file_format == 'txt':
    with open(path, 'r', encoding='utf-8') as f:
      return f.read()
  return _serialization.load(path, **kwargs)


def _check_format(file_format: str) -> None:
  if file_format not in _FILE_FORMATS:
    raise ValueError(
        f'Unsupported file_format {file_format!r}; valid: '
        f'{", ".join(_FILE_FORMATS)}.')


_handlers: dict[str, Any] = {'save': default_save_handler,
                             'load': default_load_handler}


def set_save_handler(save_handler: SaveHandler | None) -> SaveHandler:
  """Routes `pg.save` to `save_handler(value, path, *args, **kwargs)`; returns the previous one.

  None restores the default handler.

  Raises:
    TypeError: `save_handler` is not callable.
  """
  return _set('save', save_handler, default_save_handler)


def get_save_handler() -> SaveHandler:
  """The function `pg.save` calls."""
  return _handlers['save']


def set_load_handler(load_handler: LoadHandler | None) -> LoadHandler:
  """Routes `pg.load` to `load_handler(path, *args, **kwargs)`; returns the previous one.

  None restores the default handler.

  Raises:
    TypeError: `load_handler` is not callable.
  """
  return _set('load', load_handler, default_load_handler)


def get_load_handler() -> LoadHandler:
  """The function `pg.load` calls."""
  return _handlers['load']


def _set(kind: str, handler: Any, default: Any) -> Any:
  if handler is not None and not callable(handler):
    raise TypeError(
        f'The {kind} handler must be callable or None; got {handler!r}.')
  previous = _handlers[kind]
  _handlers[kind] = default if handler is None else handler
  return previous


def save(value: Any, path: str | os.PathLike[str], *args: Any,
         **kwargs: Any) -> Any:
  """Saves `value` at `path` with the save handler (JSON text by default).

  Args:
    value: the value.
    path: where to save it.
    *args: passed to the handler.
    **kwargs: passed to the handler (the default takes ``indent``,
      ``file_format`` and `pg.to_json` options).

  Example:
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), 'a.json')
    >>> pg.save(pg.Dict(x=1), path)
    >>> pg.load(path)
    {x=1}
  """
  return _handlers['save'](value, path, *args, **kwargs)


def load(path: str | os.PathLike[str], *args: Any, **kwargs: Any) -> Any:
  """Loads the value at `path` with the load handler (JSON text by default).

  Args:
    path: where the value is.
    *args: passed to the handler.
    **kwargs: passed to the handler (the default takes ``file_format`` and
      `pg.from_json` options such as ``allow_partial`` and ``trusted``).
  """
  value = _handlers['load'](path, *args, **kwargs)
  if _origin.is_tracking_origin() and isinstance(value, Symbolic):
    value.sym_setorigin(path, 'load')
  return value
