"""`CompactObject`: a `pg.Object` made without validation, made symbolic on first use.

The search loop makes thousands of small objects per second (DNA nodes,
trials, measurements) and reads them as plain data; only a few are ever
rebound, queried or walked. A compact instance is made by `compact_new(cls,
**fields)` (or by a subclass's own fast constructor): its field values go
straight into the instance ``__dict__``, where `pg.Object` keeps them too, so
reading a field costs what it costs on a plain object. The symbolic state
(the parent link, the field store, the `pg.List`/`pg.Dict` forms of list and
dict fields) is built by `Object.__init__` itself the first time anything
reads a ``_sym_*`` attribute: `rebind`, `sym_init_args`, `sym_path`, queries,
symbolic comparison, the generic JSON and format.

Invariants (pinned by ``tests/symbolic/test_compact.py``):

- A compact instance holds a valid value for each field it was given, and
  ``_compact`` is True in its ``__dict__`` until it is materialized.
- `pg.Object` names every per-instance attribute it keeps for itself
  ``_sym_*`` (the names are read from a probe object at import); reading
  one that a compact instance lacks materializes it (reading only
  ``_sym_parent``/``_sym_key`` links it, see `_compact_link`). No
  `__getattr__` is involved: plain reads cost what they cost on any object.
- Materializing is ``Object.__init__(self, **fields)`` with the parent link
  kept: afterwards a compact instance and one built by the constructor from
  the same values are indistinguishable.
- Library code writes the fields of a compact instance only through
  `compact_write`, which rebinds once the instance is materialized.
"""
from __future__ import annotations

import weakref
from typing import Any

from pyglove.symbolic._object import Object


class _LazyState:
  """A `_sym_*` attribute of compact instances: reading it builds the symbolic state.

  A non-data descriptor: once `Object.__init__` has written the attribute
  into the instance ``__dict__`` it is no longer consulted, so symbolic
  instances read their state at full speed.
  """

  __slots__ = ('_name', '_link_only')

  def __init__(self, name: str, link_only: bool):
    self._name = name
    self._link_only = link_only

  def __get__(self, obj: Any, objtype: Any = None) -> Any:
    if obj is None:
      return self
    d = obj.__dict__
    if d.get('_compact'):
      if self._link_only:
        obj._compact_link()  # pylint: disable=protected-access
      else:
        materialize(obj)
      if self._name in d:
        return d[self._name]
    raise AttributeError(
        f'{type(obj).__name__!r} object has no attribute {self._name!r}')


class CompactObject(Object):
  """Base of symbolic classes whose instances may start compact (see the module docstring).

  Subclasses behave as any `pg.Object` when built by their constructor; the
  compact path is `compact_new`. `_compact_link` decides the parent of a
  compact instance that something asks about (default: none, a root).
  """

  def _compact_link(self) -> None:
    """Sets the parent link of a compact instance (default: it is a root)."""
    d = self.__dict__
    # Raw writes first: `sym_setparent` may read the link it replaces.
    d['_sym_parent'] = None
    d['_sym_key'] = None
    self.sym_setparent(None, None)

  def _compact_fields(self) -> dict[str, Any]:
    """The field values to materialize with (default: those in ``__dict__``)."""
    d = self.__dict__
    return {k: d[k] for k in type(self)._sym_keys if k in d}

  def _compact_keep(self) -> dict[str, Any]:
    """Private attributes that `_on_bound` resets but materializing must keep."""
    return {}

  def __reduce_ex__(self, protocol: Any) -> Any:
    materialize(self)
    return super().__reduce_ex__(protocol)


def _install_lazy_state() -> None:
  """Puts a `_LazyState` on `CompactObject` for each attribute `Object.__init__` sets.

  The names are read from a probe object, so a new piece of per-instance
  state in `pg.Object` is covered without a change here.
  """

  class _Probe(Object):
    auto_register = False

  for name in _Probe().__dict__:
    if name.startswith('_sym_'):
      setattr(CompactObject, name,
              _LazyState(name, name in ('_sym_parent', '_sym_key')))


_install_lazy_state()


def compact_new(cls: type, **fields: Any) -> Any:
  """Makes a compact instance of `cls` from valid field values (no checks).

  Fields left out get their defaults (a fresh copy of a list or dict
  default), so the instance reads like one built by the constructor.

  Example:
    >>> class A(CompactObject):
    ...   x: int
    ...   y: list = []
    >>> a = compact_new(A, x=1)
    >>> a.y, a.sym_init_args['x']
    ([], 1)
  """
  obj = object.__new__(cls)
  d = obj.__dict__
  d['_compact'] = True
  for key, default, copy in _defaults(cls):
    if key not in fields:
      d[key] = copy(default) if copy is not None else default
  d.update(fields)
  return obj


def compact_write(obj: Any, **fields: Any) -> None:
  """Sets fields of `obj`: directly while compact, by `rebind` once symbolic.

  The values must be valid for their fields (the compact path checks nothing).
  """
  d = obj.__dict__
  if d.get('_compact'):
    d.update(fields)
  else:
    obj.rebind(fields, raise_on_no_change=False)


def is_compact(obj: Any) -> bool:
  """Whether `obj` is a compact instance not materialized yet."""
  return bool(obj.__dict__.get('_compact'))


def materialize(obj: Any) -> None:
  """Builds the symbolic state of a compact instance (a no-op otherwise)."""
  d = obj.__dict__
  if not d.get('_compact'):
    return
  if '_sym_parent' not in d:
    obj._compact_link()  # pylint: disable=protected-access
    if not d.get('_compact'):
      return  # Linking read symbolic state, which materialized it already.
  parent, key = d['_sym_parent'], d['_sym_key']
  fields = obj._compact_fields()  # pylint: disable=protected-access
  keep = obj._compact_keep()  # pylint: disable=protected-access
  del d['_compact']
  try:
    Object.__init__(obj, **fields)
  except BaseException:
    d['_compact'] = True
    raise
  d.update(keep)
  obj.sym_setparent(parent, key)


_DEFAULTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _defaults(cls: type) -> tuple[tuple[str, Any, Any], ...]:
  """(key, default, copy function or None) of each field with a default, once per class."""
  result = _DEFAULTS.get(cls)
  if result is None:
    items = []
    for key, spec in cls._sym_specs:  # pylint: disable=protected-access
      if not spec.has_default:
        continue
      default = spec.default
      # Containers are copied as plain ones: each instance gets its own.
      if isinstance(default, dict):
        items.append((key, dict(default), dict))
      elif isinstance(default, list):
        items.append((key, list(default), list))
      else:
        items.append((key, default, None))
    result = _DEFAULTS[cls] = tuple(items)
  return result
