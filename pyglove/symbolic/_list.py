"""`pg.List`: a symbolic list with an optional value spec."""
from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator

from pyglove import typing as pg_typing
from pyglove.symbolic import _convert
from pyglove.symbolic import _rebind
from pyglove.symbolic._base import Symbolic
from pyglove.symbolic._base import orphan
from pyglove.symbolic._write_protocol import set_onchange_callback
from pyglove.symbolic._dispatch import library_default
from pyglove.symbolic._fastpath import clone_value
from pyglove.symbolic._fastpath import is_unchanged
from pyglove.symbolic._insertion import Insertion
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import message_on_path


# The kinds of list writes, as `_sym_undo_record` tells them apart.
_INSERTED, _DELETED, _APPENDED, _SET = 'inserted', 'deleted', 'appended', 'set'


class List(list, Symbolic):
  """A list that is a symbolic tree node: typed and observable.

  Args:
    items: initial items.
    value_spec: a `pg.typing.List` that the items must satisfy.
    onchange_callback: called with ``{relative key path: pg.FieldUpdate}``
      after each change of this list or of a value below it (kept by clones).
    allow_partial: accept missing required values.
    accessor_writable: whether ``l[i] = v`` and ``del l[i]`` may write
      (methods such as `append`, `pop` and `rebind` always may).
    sealed: refuse writes (None: follow `pg.as_sealed`).
    root_path: the key path of this list when it is a root.

  Raises:
    TypeError/ValueError: an item is rejected by `value_spec`.
    TypeError: `onchange_callback` is not callable.

  Example:
    >>> l = pg.List([1, {'a': 2}])
    >>> l[1].a, l == [1, {'a': 2}]
    (2, True)
  """

  allow_symbolic_assignment = True

  def __init__(self, items: Iterable[Any] | None = None, *,
               value_spec: Any = None,
               onchange_callback: Callable[[dict[KeyPath, Any]], None]
               | None = None,
               allow_partial: bool = False, accessor_writable: bool = True,
               sealed: bool | None = None, root_path: Any = None):
    list.__init__(self)
    if value_spec is not None and not _convert.is_list_spec(value_spec):
      raise TypeError(
          f'value_spec of pg.List must be a pg.typing.List; got '
          f'{value_spec!r}.')
    Symbolic.__init__(self, allow_partial=allow_partial,
                      accessor_writable=accessor_writable, sealed=sealed,
                      root_path=root_path, init_super=False)
    if onchange_callback is not None:
      set_onchange_callback(self, onchange_callback)
    self.__dict__['_sym_spec'] = value_spec
    values = list(items) if items is not None else []
    if value_spec is not None:
      values = value_spec.apply(values, allow_partial,
                                _convert.symbolize_child, self.sym_path)
    for i, v in enumerate(values):
      if isinstance(v, (dict, list)) and not isinstance(v, Symbolic):
        v = _convert.wrap(v, None, allow_partial)
      list.append(self, self._sym_adopt(v, i))

  @classmethod
  def partial(cls, items: Iterable[Any] | None = None, *,
              value_spec: Any = None,
              onchange_callback: Callable[[dict[KeyPath, Any]], None]
              | None = None, **kwargs: Any) -> 'List':
    """Builds a List whose items may miss required values (by `value_spec`).

    Example:
      >>> spec = pg.typing.List(pg.typing.Dict([('x', pg.typing.Int())]))
      >>> pg.List.partial([{}], value_spec=spec).missing_values()
      {'[0].x': MISSING_VALUE}
    """
    return cls(items, value_spec=value_spec,
               onchange_callback=onchange_callback, allow_partial=True,
               **kwargs)

  def use_value_spec(self, value_spec: Any,
                     allow_partial: bool = False) -> 'List':
    """Binds a `pg.typing.List` spec to this list (None unbinds it); returns self.

    The items are validated first: a rejected list is left unchanged.

    Raises:
      ValueError: `value_spec` is not a `pg.typing.List`.
      RuntimeError: a different spec is already bound.
      TypeError/ValueError/KeyError: the items do not satisfy `value_spec`.

    Example:
      >>> pg.List([1, 2]).use_value_spec(pg.typing.List(pg.typing.Int())).value_spec
      List(Int())
    """
    return _convert.use_value_spec(self, value_spec, allow_partial,
                                   pg_typing.List)

  @classmethod
  def from_validated(cls, items: list[Any], value_spec: Any,
                     allow_partial: bool) -> 'List':
    """Builds a List from items already validated and converted (internal)."""
    result = cls.__new__(cls)
    result._sym_init_node(None, allow_partial, None)
    result.__dict__['_sym_spec'] = value_spec
    for i, v in enumerate(items):
      list.append(result, result._sym_adopt(v, i))
    return result

  @classmethod
  @library_default
  def from_json(cls, json_value: Any, *, value_spec: Any = None,
                allow_partial: bool = False, trusted: bool = False,
                **kwargs: Any) -> 'List':
    """Builds a List from JSON data (see `pg.from_json`).

    Raises:
      ValueError: `json_value` is not a JSON array, or an error of
        `pg.from_json`.
    """
    from pyglove.symbolic import _serialization  # pylint: disable=g-import-not-at-top
    return _serialization.load_container(cls, json_value, value_spec,
                                         allow_partial, trusted, kwargs)

  def sym_reset(self, items: list[Any], value_spec: Any,
                allow_partial: bool) -> None:
    """Replaces the content with validated items and binds a spec (internal)."""
    for v in list.__iter__(self):
      orphan(v)
    list.clear(self)
    d = self.__dict__
    d['_sym_spec'] = value_spec
    d['_sym_partial'] = allow_partial
    for v in items:
      if isinstance(v, (dict, list)) and not isinstance(v, Symbolic):
        v = _convert.wrap(v, None, allow_partial)
      list.append(self, self._sym_adopt(v, len(self)))

  @property
  def value_spec(self) -> Any:
    """The `pg.typing.List` spec bound to this list, or None."""
    return self._sym_spec

  # ---- Symbolic protocol ----------------------------------------------------

  def sym_items(self) -> Iterator[tuple[int, Any]]:
    return enumerate(list.__iter__(self))

  def sym_values(self) -> Iterator[Any]:
    return list.__iter__(self)

  def sym_getattr(self, key: Any, default: Any = MISSING_VALUE) -> Any:
    if isinstance(key, int) and -len(self) <= key < len(self):
      return list.__getitem__(self, key)
    if default is MISSING_VALUE:
      raise KeyError(message_on_path(
          f'Index {key!r} does not exist in the List of size {len(self)}.',
          self.sym_path))
    return default

  def sym_hasattr(self, key: Any) -> bool:
    return isinstance(key, int) and -len(self) <= key < len(self)

  def _sym_child_field(self, key: Any) -> Any:
    if not isinstance(key, int) or isinstance(key, bool):
      raise KeyError(message_on_path(
          f'A List key must be an int index; got {key!r}.', self.sym_path))
    spec = self._sym_spec
    return None if spec is None else _convert.list_element_field(spec)

  def _sym_prepare(self, key: Any, value: Any, path: Callable[[], KeyPath],
                   field: Any) -> Any:
    size = len(self)
    if key < -size:
      raise KeyError(message_on_path(
          f'Index {key} is out of range for the List of size {size}.', path()))
    spec = None if field is None else field.value
    if value is MISSING_VALUE:
      if key >= size:
        raise KeyError(message_on_path(
            f'Cannot delete index {key}: the List has {size} items.', path()))
      return MISSING_VALUE
    if isinstance(value, Insertion):
      return Insertion(_convert.validate_child(
          spec, value.value, self._sym_partial, path))
    return _convert.validate_child(spec, value, self._sym_partial, path)

  def _sym_assign(self, key: Any, value: Any) -> tuple[Any, Any]:
    size = len(self)
    if key < 0:
      key += size
    if isinstance(value, Insertion):
      key = min(key, size)
      list.insert(self, key, self._sym_adopt(value.value, key))
      self._sym_reindex(key + 1)
      return MISSING_VALUE, list.__getitem__(self, key)
    if value is MISSING_VALUE:
      old = list.pop(self, key)
      orphan(old)
      self._sym_reindex(key)
      return old, MISSING_VALUE
    if key >= size:
      list.append(self, self._sym_adopt(value, size))
      return MISSING_VALUE, list.__getitem__(self, size)
    old = list.__getitem__(self, key)
    if is_unchanged(old, value):
      return old, old
    value = self._sym_adopt(value, key)
    list.__setitem__(self, key, value)
    orphan(old)
    return old, value

  def _sym_check_after_update(self) -> None:
    spec = self._sym_spec
    if spec is None:
      return
    size = len(self)
    if size < spec.min_size or (spec.max_size is not None
                                and size > spec.max_size):
      raise ValueError(message_on_path(
          f'The List would have {size} items; its spec allows '
          f'(min_size={spec.min_size}, max_size={spec.max_size}).',
          self.sym_path))

  def _sym_reindex(self, start: int) -> None:
    for i in range(start, len(self)):
      v = list.__getitem__(self, i)
      if isinstance(v, Symbolic):
        v.sym_setparent(self, i)

  def _sym_undo_record(self, key: Any, value: Any) -> Any:
    size = len(self)
    if key < 0:
      key += size
    if isinstance(value, Insertion):
      return _INSERTED, min(key, size), None
    if value is MISSING_VALUE:
      return _DELETED, key, list.__getitem__(self, key)
    if key >= size:
      return _APPENDED, size, None
    return _SET, key, list.__getitem__(self, key)

  def _sym_undo(self, record: Any) -> None:
    kind, index, old = record
    if kind is _INSERTED or kind is _APPENDED:
      orphan(list.pop(self, index))
      self._sym_reindex(index)
    elif kind is _DELETED:
      list.insert(self, index, old)
      self._sym_reindex(index)
    else:
      current = list.__getitem__(self, index)
      if current is not old:
        list.__setitem__(self, index, old)
        if isinstance(old, Symbolic):
          old.sym_setparent(self, index)
        orphan(current)

  def _sym_snapshot(self) -> Any:
    return list(list.__iter__(self))

  def _sym_restore(self, snapshot: Any) -> None:
    kept = {id(v) for v in snapshot}
    for v in list.__iter__(self):
      if id(v) not in kept:
        orphan(v)
    list.clear(self)
    list.extend(self, snapshot)
    self._sym_reindex(0)

  def _sym_getstate(self) -> Any:
    return super()._sym_getstate(), list(list.__iter__(self))

  def _sym_setstate(self, state: Any) -> None:
    node_state, items = state
    super()._sym_setstate(node_state)
    for i, v in enumerate(items):
      list.append(self, self._sym_adopt(v, i))

  def _sym_clone(self, deep: bool, memo: dict[int, Any]) -> 'List':
    new = type(self).__new__(type(self))
    self._sym_clone_state(new)
    new.__dict__['_sym_spec'] = self._sym_spec
    for i, v in enumerate(list.__iter__(self)):
      v = clone_value(v, deep, memo)
      if isinstance(v, Symbolic):
        v.sym_setparent(new, i)
      list.append(new, v)
    return new

  # ---- Writes go through the rebind engine -----------------------------------

  def _sym_write(self, pairs: list[tuple[int, Any]],
                 accessor: bool = False) -> None:
    _rebind.write_items(self, pairs, accessor)

  def _sym_replace_all(self, items: list[Any], accessor: bool = False) -> None:
    """Replaces the whole content as one validated, notified change."""
    size = len(self)
    pairs = [(i, MISSING_VALUE) for i in range(size - 1, -1, -1)]
    pairs.extend((size + i, v) for i, v in enumerate(items))
    if pairs:
      self._sym_write(pairs, accessor)

  def __setitem__(self, index: Any, value: Any) -> None:
    if isinstance(index, slice):
      items = list(list.__iter__(self))
      items[index] = value
      self._sym_replace_all(items, accessor=True)
      return
    self._check_index(index)
    self._sym_write([(index, value)], accessor=True)

  def __delitem__(self, index: Any) -> None:
    if isinstance(index, slice):
      items = list(list.__iter__(self))
      del items[index]
      self._sym_replace_all(items, accessor=True)
      return
    self._check_index(index)
    self._sym_write([(index, MISSING_VALUE)], accessor=True)

  def _check_index(self, index: Any) -> None:
    if not isinstance(index, int) or isinstance(index, bool):
      raise TypeError(
          f'List indices must be integers or slices, not '
          f'{type(index).__name__}.')
    if not -len(self) <= index < len(self):
      raise IndexError(f'List index {index} out of range (size {len(self)}).')

  def append(self, value: Any) -> None:
    self._sym_write([(len(self), value)])

  def insert(self, index: int, value: Any) -> None:
    size = len(self)
    index = max(0, index + size) if index < 0 else min(index, size)
    self._sym_write([(index, Insertion(value))])

  def extend(self, values: Iterable[Any]) -> None:
    size = len(self)
    pairs = [(size + i, v) for i, v in enumerate(values)]
    if pairs:
      self._sym_write(pairs)

  def pop(self, index: int = -1) -> Any:
    if not self:
      raise IndexError('pop from an empty List.')
    value = list.__getitem__(self, index)
    self._check_index(index)
    self._sym_write([(index, MISSING_VALUE)])
    return value

  def remove(self, value: Any) -> None:
    del self[self.index(value)]

  def clear(self) -> None:
    self._sym_replace_all([])

  def sort(self, *, key: Callable[[Any], Any] | None = None,
           reverse: bool = False) -> None:
    self._sym_replace_all(sorted(list.__iter__(self), key=key,
                                 reverse=reverse))

  def reverse(self) -> None:
    self._sym_replace_all(list(list.__iter__(self))[::-1])

  def __iadd__(self, values: Iterable[Any]) -> 'List':
    self.extend(values)
    return self

  def __imul__(self, n: int) -> 'List':
    self._sym_replace_all(list(list.__iter__(self)) * n)
    return self

  def copy(self) -> 'List':
    """A shallow clone (see `clone`)."""
    return self.clone()

  __hash__ = None  # type: ignore[assignment]

  def __str__(self) -> str:
    return Symbolic.__str__(self)

  def __repr__(self) -> str:
    # As in the reference: a top-level repr reads like a Python list; inside
    # a symbolic value's compact form, items carry their indices ([0: x]).
    return list.__repr__(self)


_convert.register_container(list, List.from_validated)
