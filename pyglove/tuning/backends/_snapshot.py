"""Snapshots of a generator replica: pickles that also carry module references.

Generators may hold a module (PPO keeps its numerical library in an
attribute); plain pickle refuses modules, so they travel by name and are
imported again on load.

A snapshot is read back only from the study's own database, which every
worker of the study already trusts to direct its search.
"""
from __future__ import annotations

import importlib
import io
import pickle
import types
from typing import Any


class _Pickler(pickle.Pickler):

  def persistent_id(self, obj: Any) -> Any:
    if isinstance(obj, types.ModuleType):
      return ('module', obj.__name__)
    return None


class _Unpickler(pickle.Unpickler):

  def persistent_load(self, pid: Any) -> Any:
    kind, name = pid
    if kind != 'module':
      raise ValueError(
          f'Unknown persistent reference {pid!r} in a generator snapshot; '
          "expected ('module', name).")
    return importlib.import_module(name)


def dumps(state: Any) -> bytes:
  """Pickles `state`, writing modules by name.

  Example:
    >>> import math
    >>> loads(dumps({'lib': math}))['lib'] is math
    True
  """
  buffer = io.BytesIO()
  _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(state)
  return buffer.getvalue()


def loads(data: bytes) -> Any:
  """Unpickles what `dumps` wrote, importing the modules it names.

  Raises:
    ValueError: the data holds a reference `dumps` never writes.
  """
  return _Unpickler(io.BytesIO(bytes(data))).load()
