"""The methods a symbolic node implements for the rebind engine (`_rebind`).

Every write to a tree goes through `_rebind.apply_updates`, which calls these
on the node owning each written key: find the key's field, validate the new
value (`_sym_prepare`, mutating nothing), log how to undo the write, store it
(`_sym_assign`), check the node as a whole, then notify the changed nodes
deepest first. `pg.Object`, `pg.Dict` and `pg.List` implement them.
"""
from __future__ import annotations

from typing import Any, Callable

from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import message_on_path


class WriteProtocol:
  """The write protocol of symbolic nodes (a base of `Symbolic`)."""

  def _sym_child_field(self, key: Any) -> Any:
    """Returns the `Field` that constrains `key` (None if free); KeyError if `key` is not allowed."""
    raise NotImplementedError

  def _sym_prepare(self, key: Any, value: Any, path: Callable[[], KeyPath],
                   field: Any) -> Any:
    """Validates `value` for `key` and returns what would be stored; mutates nothing.

    `path` returns the key path of `key` (called for error messages only);
    `field` is what `_sym_child_field(key)` returned.
    """
    raise NotImplementedError

  def _sym_assign(self, key: Any, value: Any) -> tuple[Any, Any]:
    """Stores a prepared value (MISSING_VALUE deletes); returns (old, new) values."""
    raise NotImplementedError

  def _sym_undo_record(self, key: Any, value: Any) -> Any:
    """What `_sym_undo` needs to put `key` back, taken before `_sym_assign(key, value)`.

    It costs O(1) for a write (O(size) at most for a delete, whose undo
    restores the key's position): a rebind that fails undoes its writes from
    these records, newest first.
    """
    raise NotImplementedError

  def _sym_undo(self, record: Any) -> None:
    """Puts back what one `_sym_assign` changed (given its `_sym_undo_record`)."""
    raise NotImplementedError

  def _sym_snapshot(self) -> Any:
    """Captures the whole state of the node before a hook of it runs.

    A failing rebind restores it (hooks may change any attribute).
    """
    raise NotImplementedError

  def _sym_restore(self, snapshot: Any) -> None:
    raise NotImplementedError

  def _sym_check_after_update(self) -> None:
    """Checks constraints on the node as a whole once a rebind's updates are in.

    Raises:
      ValueError: a constraint fails (the rebind is then rolled back).
    """

  def _sym_notify(self, updates: list[Any]) -> None:
    """Called once per rebind for each changed node and ancestor, deepest first."""
    callback = self.__dict__.get('_sym_onchange')
    if type(self)._on_change is not WriteProtocol._on_change:
      relative = self._sym_relative_updates(updates)
      self._on_change(relative)
      if callback is not None:
        callback(relative)
    elif callback is not None:
      callback(self._sym_relative_updates(updates))

  @classmethod
  def _sym_listens(cls) -> bool:
    """Whether `_sym_notify` does anything for this class (rebind skips it if not)."""
    return (cls._sym_notify is not WriteProtocol._sym_notify
            or cls._on_change is not WriteProtocol._on_change)

  def _sym_relative_updates(
      self, updates: list[Any]) -> dict[KeyPath, Any]:
    """The updates keyed by their paths relative to this node."""
    depth = len(self.sym_path)
    return {u.path[depth:]: u for u in updates}

  def _on_change(self, updates: dict[KeyPath, Any]) -> None:
    """Hook: values under this node changed (keys are paths relative to it)."""

  def _sym_default(self, key: Any) -> Any:
    """The default value of `key`, or MISSING_VALUE when there is none."""
    field = self._sym_child_field_or_none(key)
    return MISSING_VALUE if field is None else field.value.default

  def _sym_child_field_or_none(self, key: Any) -> Any:
    try:
      return self._sym_child_field(key)
    except KeyError:
      return None


def set_onchange_callback(node: Any,
                          callback: Callable[[dict[KeyPath, Any]], None]) -> None:
  """Makes `node` (a pg.Dict or pg.List) call `callback(updates)` after each change.

  Raises:
    TypeError: `callback` is not callable.
  """
  if not callable(callback):
    raise TypeError(message_on_path(
        f'onchange_callback of {type(node).__name__} must be callable; got '
        f'{callback!r}.', node.sym_path))
  node.__dict__['_sym_onchange'] = callback
