"""Snapshots of a generator replica, loaded safely by default.

A snapshot is a pickle, because a generator's runtime state (its RNG, a
population, a policy's arrays) is plain Python and numpy data that has no
symbolic form. Unpickling can call any function a pickle names, so `loads`
resolves names only from an allowlist unless the caller trusts the data:
classes of the library's own algorithm layers (never functions), random's
and numpy's data types with the functions numpy rebuilds arrays with, and
safe builtin containers. A generator class of the user's own module is
refused with `UnsafeLoadError` naming it; the backend's ``trusted=True``
opts in (see `pg.tuning.backends.SqliteBackend`).

Modules (some generators hold a numerical library in an attribute) travel by
name; only the allowlisted ones are imported back.
"""
from __future__ import annotations

import importlib
import io
import pickle
import types
from typing import Any

from pyglove.utils import UnsafeLoadError

# Library layers whose classes only hold data: building one runs validation,
# never I/O or user code. (pyglove.tuning itself is absent: its backends open
# files and connections.)
_SAFE_CLASS_PREFIXES = (
    'pyglove.generators.', 'pyglove.geno.', 'pyglove.hyper.',
    'pyglove.symbolic.', 'pyglove.typing.', 'pyglove.utils.',
    'pyglove.tuning.early_stopping.',
)
_SAFE_GLOBALS = frozenset({
    ('builtins', name) for name in (
        'bool', 'bytearray', 'bytes', 'complex', 'dict', 'float', 'frozenset',
        'int', 'list', 'range', 'set', 'slice', 'str', 'tuple')
} | {
    ('collections', 'OrderedDict'), ('collections', 'deque'),
    ('collections', 'defaultdict'), ('random', 'Random'),
    ('numpy', 'dtype'), ('numpy', 'ndarray'),
} | {
    (module, name)
    for module in ('numpy.core.multiarray', 'numpy._core.multiarray',
                   'numpy.core.numeric', 'numpy._core.numeric')
    for name in ('_reconstruct', 'scalar', '_frombuffer')
} | {
    ('numpy.dtypes', name) for name in (
        'Float64DType', 'Float32DType', 'Int64DType', 'Int32DType', 'BoolDType')
})
_SAFE_MODULES = frozenset({'math', 'random', 'numpy'})


class _Pickler(pickle.Pickler):

  def persistent_id(self, obj: Any) -> Any:
    if isinstance(obj, types.ModuleType):
      return ('module', obj.__name__)
    return None


class _Unpickler(pickle.Unpickler):

  def __init__(self, data: bytes, trusted: bool) -> None:
    super().__init__(io.BytesIO(data))
    self._trusted = trusted

  def find_class(self, module: str, name: str) -> Any:
    found = super().find_class(module, name)
    if self._trusted or (module, name) in _SAFE_GLOBALS:
      return found
    if (isinstance(found, type) and module.startswith(_SAFE_CLASS_PREFIXES)):
      return found
    raise UnsafeLoadError(
        f'The generator snapshot names {module}.{name}, which is not a data '
        f'class of this library; loading it could run arbitrary code. Pass '
        f'trusted=True to the backend to load snapshots of your own classes.')

  def persistent_load(self, pid: Any) -> Any:
    if not (isinstance(pid, tuple) and len(pid) == 2 and pid[0] == 'module'):
      raise ValueError(
          f'Unknown persistent reference {pid!r} in a generator snapshot; '
          "expected ('module', name).")
    name = pid[1]
    if not self._trusted and name not in _SAFE_MODULES:
      raise UnsafeLoadError(
          f'The generator snapshot imports module {name!r}; pass trusted=True '
          f'to the backend to allow it.')
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


def loads(data: bytes, trusted: bool = False) -> Any:
  """Unpickles what `dumps` wrote, resolving only allowlisted names unless `trusted`.

  Raises:
    UnsafeLoadError: (a ValueError) the data names a class, function or
      module outside the allowlist and `trusted` is False.
    ValueError: the data holds a reference `dumps` never writes.
  """
  return _Unpickler(bytes(data), trusted).load()
