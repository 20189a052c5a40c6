"""`pg.Dict`: a symbolic dict with attribute access and an optional value spec."""
from __future__ import annotations

from typing import Any, Callable, Iterator

from pyglove import typing as pg_typing
from pyglove.symbolic import _convert
from pyglove.symbolic import _rebind
from pyglove.symbolic._base import Symbolic
from pyglove.symbolic._base import orphan
from pyglove.symbolic._write_protocol import set_onchange_callback
from pyglove.symbolic._dispatch import library_default
from pyglove.symbolic._fastpath import clone_value
from pyglove.symbolic._fastpath import is_unchanged
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import message_on_path


class Dict(dict, Symbolic):
  """A dict that is a symbolic tree node: typed, observable, with attribute access.

  Args:
    dict_obj: initial items.
    value_spec: a `pg.typing.Dict` that every key and value must satisfy.
    onchange_callback: called with ``{relative key path: pg.FieldUpdate}``
      after each change of this dict or of a value below it (kept by clones).
    allow_partial: accept missing required values.
    accessor_writable: whether ``d.key = v``, ``d[key] = v`` and ``del``
      may write (methods such as `update` and `rebind` always may).
    sealed: refuse writes (None: follow `pg.as_sealed`).
    root_path: the key path of this dict when it is a root.
    **kwargs: more initial items.

  Raises:
    TypeError/ValueError/KeyError: an item is rejected by `value_spec`.
    TypeError: `onchange_callback` is not callable.

  Example:
    >>> d = pg.Dict(a=1, b=pg.Dict(c=[1, 2]))
    >>> d.b.c[1], d == {'a': 1, 'b': {'c': [1, 2]}}
    (2, True)
  """

  allow_symbolic_assignment = True

  def __init__(self, dict_obj: Any = None, *, value_spec: Any = None,
               onchange_callback: Callable[[dict[KeyPath, Any]], None]
               | None = None,
               allow_partial: bool = False, accessor_writable: bool = True,
               sealed: bool | None = None, root_path: Any = None,
               **kwargs: Any):
    dict.__init__(self)
    if value_spec is not None and not _convert.is_dict_spec(value_spec):
      raise TypeError(
          f'value_spec of pg.Dict must be a pg.typing.Dict; got '
          f'{value_spec!r}.')
    Symbolic.__init__(self, allow_partial=allow_partial,
                      accessor_writable=accessor_writable, sealed=sealed,
                      root_path=root_path, init_super=False)
    if onchange_callback is not None:
      set_onchange_callback(self, onchange_callback)
    self.__dict__['_sym_spec'] = value_spec
    items = dict(dict_obj) if dict_obj is not None else {}
    items.update(kwargs)
    for k in items:
      if type(k) is not str and not isinstance(k, int):
        _check_key(k, self.sym_path)
    path = self.sym_path
    if value_spec is not None:
      items = value_spec.apply(items, allow_partial, _convert.symbolize_child,
                               path)
    for k, v in items.items():
      if isinstance(v, (dict, list)) and not isinstance(v, Symbolic):
        v = _convert.wrap(v, None, allow_partial)
      dict.__setitem__(self, k, self._sym_adopt(v, k))

  @classmethod
  def partial(cls, dict_obj: Any = None, value_spec: Any = None, *,
              onchange_callback: Callable[[dict[KeyPath, Any]], None]
              | None = None, **kwargs: Any) -> 'Dict':
    """Builds a Dict whose required keys (by `value_spec`) may be missing.

    Example:
      >>> spec = pg.typing.Dict([('x', pg.typing.Int()), ('y', pg.typing.Int(default=1))])
      >>> pg.Dict.partial(value_spec=spec).missing_values()
      {'x': MISSING_VALUE}
    """
    return cls(dict_obj, value_spec=value_spec,
               onchange_callback=onchange_callback, allow_partial=True,
               **kwargs)

  def use_value_spec(self, value_spec: Any,
                     allow_partial: bool = False) -> 'Dict':
    """Binds a `pg.typing.Dict` spec to this dict (None unbinds it); returns self.

    The items are validated (defaults of missing keys filled in) first:
    a rejected dict is left unchanged.

    Raises:
      ValueError: `value_spec` is not a `pg.typing.Dict`.
      RuntimeError: a different spec is already bound.
      TypeError/ValueError/KeyError: the items do not satisfy `value_spec`.

    Example:
      >>> d = pg.Dict(x=1).use_value_spec(pg.typing.Dict([
      ...     ('x', pg.typing.Int()), ('y', pg.typing.Int(default=2))]))
      >>> d.y
      2
    """
    return _convert.use_value_spec(self, value_spec, allow_partial,
                                   pg_typing.Dict)

  @classmethod
  def from_validated(cls, items: dict[Any, Any], value_spec: Any,
                     allow_partial: bool) -> 'Dict':
    """Builds a Dict from items already validated and converted (internal)."""
    result = cls.__new__(cls)
    result._sym_init_node(None, allow_partial, None)
    result.__dict__['_sym_spec'] = value_spec
    for k, v in items.items():
      dict.__setitem__(result, k, result._sym_adopt(v, k))
    return result

  @classmethod
  @library_default
  def from_json(cls, json_value: Any, *, value_spec: Any = None,
                allow_partial: bool = False, trusted: bool = False,
                **kwargs: Any) -> 'Dict':
    """Builds a Dict from JSON data (see `pg.from_json`).

    Raises:
      ValueError: `json_value` is not a JSON object, or an error of
        `pg.from_json`.
    """
    from pyglove.symbolic import _serialization  # pylint: disable=g-import-not-at-top
    return _serialization.load_container(cls, json_value, value_spec,
                                         allow_partial, trusted, kwargs)

  def sym_reset(self, items: dict[Any, Any], value_spec: Any,
                allow_partial: bool) -> None:
    """Replaces the content with validated items and binds a spec (internal)."""
    for v in dict.values(self):
      orphan(v)
    dict.clear(self)
    d = self.__dict__
    d['_sym_spec'] = value_spec
    d['_sym_partial'] = allow_partial
    for k, v in items.items():
      if isinstance(v, (dict, list)) and not isinstance(v, Symbolic):
        v = _convert.wrap(v, None, allow_partial)
      dict.__setitem__(self, k, self._sym_adopt(v, k))

  @property
  def value_spec(self) -> Any:
    """The `pg.typing.Dict` spec bound to this dict, or None."""
    return self._sym_spec

  # ---- Symbolic protocol ----------------------------------------------------

  def sym_items(self) -> Iterator[tuple[Any, Any]]:
    return iter(dict.items(self))

  def sym_values(self) -> Iterator[Any]:
    return iter(dict.values(self))

  def sym_getattr(self, key: Any, default: Any = MISSING_VALUE) -> Any:
    value = dict.get(self, key, MISSING_VALUE)
    if value is MISSING_VALUE:
      if default is MISSING_VALUE:
        raise KeyError(message_on_path(
            f'Key {key!r} does not exist in the Dict.', self.sym_path))
      return default
    return value

  def sym_hasattr(self, key: Any) -> bool:
    return dict.__contains__(self, key)

  def _sym_child_field(self, key: Any) -> Any:
    spec = self._sym_spec
    if spec is None:
      return None
    field = _convert.dict_field(spec, key)
    if field is None:
      raise KeyError(message_on_path(
          f'Key {key!r} is not allowed by the value spec of the Dict; valid '
          f'keys: {_convert.dict_keys_text(spec)}.', self.sym_path))
    return field

  def _sym_prepare(self, key: Any, value: Any, path: Callable[[], KeyPath],
                   field: Any) -> Any:
    if type(key) is not str and not isinstance(key, int):
      _check_key(key, self.sym_path)
    if value is MISSING_VALUE:
      if not dict.__contains__(self, key):
        raise KeyError(message_on_path(
            f'Cannot delete key {key!r}: it does not exist in the Dict.',
            path()))
      if field is None or not field.is_const_key:
        return MISSING_VALUE
      # A schema key stays present: deleting it restores its default.
    spec = None if field is None else field.value
    return _convert.validate_child(spec, value, self._sym_partial, path)

  def _sym_assign(self, key: Any, value: Any) -> tuple[Any, Any]:
    old = dict.get(self, key, MISSING_VALUE)
    if value is MISSING_VALUE:
      if old is not MISSING_VALUE:
        dict.__delitem__(self, key)
        orphan(old)
      return old, MISSING_VALUE
    if is_unchanged(old, value):
      return old, old
    value = self._sym_adopt(value, key)
    dict.__setitem__(self, key, value)
    orphan(old)
    return old, value

  def _sym_undo_record(self, key: Any, value: Any) -> Any:
    # A delete keeps the key order, for the undo to restore the position.
    order = list(dict.keys(self)) if value is MISSING_VALUE else None
    return key, dict.get(self, key, MISSING_VALUE), order

  def _sym_undo(self, record: Any) -> None:
    key, old, order = record
    current = dict.get(self, key, MISSING_VALUE)
    if current is not old:
      if old is MISSING_VALUE:
        dict.__delitem__(self, key)
      else:
        dict.__setitem__(self, key, old)
        if isinstance(old, Symbolic):
          old.sym_setparent(self, key)
      if current is not MISSING_VALUE:
        orphan(current)
    if order is not None and list(dict.keys(self)) != order:
      items = [(k, dict.__getitem__(self, k)) for k in order]
      dict.clear(self)
      dict.update(self, items)

  def _sym_snapshot(self) -> Any:
    return dict(dict.items(self))

  def _sym_restore(self, snapshot: Any) -> None:
    for k, v in dict.items(self):
      if snapshot.get(k, MISSING_VALUE) is not v:
        orphan(v)
    dict.clear(self)
    dict.update(self, snapshot)
    for k, v in snapshot.items():
      if isinstance(v, Symbolic):
        v.sym_setparent(self, k)

  def _sym_getstate(self) -> Any:
    return super()._sym_getstate(), dict(dict.items(self))

  def _sym_setstate(self, state: Any) -> None:
    node_state, items = state
    super()._sym_setstate(node_state)
    for k, v in items.items():
      dict.__setitem__(self, k, self._sym_adopt(v, k))

  def _sym_clone(self, deep: bool, memo: dict[int, Any]) -> 'Dict':
    new = type(self).__new__(type(self))
    self._sym_clone_state(new)
    new.__dict__['_sym_spec'] = self._sym_spec
    for k, v in dict.items(self):
      v = clone_value(v, deep, memo)
      if isinstance(v, Symbolic):
        v.sym_setparent(new, k)
      dict.__setitem__(new, k, v)
    return new

  # ---- Writes go through the rebind engine -----------------------------------

  def _sym_write(self, pairs: list[tuple[Any, Any]],
                 accessor: bool = False) -> None:
    _rebind.write_items(self, pairs, accessor)

  def __setitem__(self, key: Any, value: Any) -> None:
    self._sym_write([(key, value)], accessor=True)

  def __delitem__(self, key: Any) -> None:
    if not dict.__contains__(self, key):
      raise KeyError(key)
    self._sym_write([(key, MISSING_VALUE)], accessor=True)

  def __getattr__(self, name: str) -> Any:
    if name.startswith('_'):
      raise AttributeError(name)
    try:
      return self[name]
    except KeyError:
      raise AttributeError(
          f'{type(self).__name__} has no attribute or key {name!r}.') from None

  def __setattr__(self, name: str, value: Any) -> None:
    if name.startswith('_'):
      super().__setattr__(name, value)
    else:
      self[name] = value

  def __delattr__(self, name: str) -> None:
    try:
      del self[name]
    except KeyError:
      raise AttributeError(name) from None

  def update(self, other: Any = (), **kwargs: Any) -> None:  # pylint: disable=arguments-differ
    """Sets several items atomically."""
    pairs = list(dict(other).items()) + list(kwargs.items())
    if pairs:
      self._sym_write(pairs)

  def setdefault(self, key: Any, default: Any = None) -> Any:
    if not dict.__contains__(self, key):
      self[key] = default
    return dict.__getitem__(self, key)

  def pop(self, key: Any, *default: Any) -> Any:
    if not dict.__contains__(self, key):
      if default:
        return default[0]
      raise KeyError(key)
    value = dict.__getitem__(self, key)
    self._sym_write([(key, MISSING_VALUE)])
    return value

  def popitem(self) -> tuple[Any, Any]:
    if not self:
      raise KeyError('popitem(): the Dict is empty.')
    key = next(reversed(dict.keys(self)))
    return key, self.pop(key)

  def clear(self) -> None:
    if self:
      self._sym_write([(k, MISSING_VALUE) for k in dict.keys(self)])

  def copy(self) -> 'Dict':
    """A shallow clone (see `clone`)."""
    return self.clone()

  __hash__ = None  # type: ignore[assignment]

  def __str__(self) -> str:
    return Symbolic.__str__(self)

  def __repr__(self) -> str:
    return Symbolic.__repr__(self)


def _check_key(key: Any, path: KeyPath) -> None:
  """Raises KeyError unless `key` is a str or an int (the keys of a pg.Dict)."""
  if not isinstance(key, (str, int)):
    raise KeyError(message_on_path(
        f'Key must be string or int type; got {key!r} of type '
        f'{type(key).__name__}.', path))


_convert.register_container(dict, Dict.from_validated)
