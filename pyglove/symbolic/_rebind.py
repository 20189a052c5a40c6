"""The rebind engine: validate every update, apply them all, notify each changed node once.

Every write to a symbolic tree goes through `apply_updates` (rebind, item and
attribute assignment, list methods), so all of them share the same rules:
validation happens before any mutation, a failure in an `_on_bound` or
`_on_change` hook rolls the tree back, and each changed node and ancestor is
notified once, deepest first.
"""
from __future__ import annotations

from typing import Any, Callable

from pyglove.symbolic import _flags
from pyglove.symbolic._base import Symbolic
from pyglove.symbolic._base import WritePermissionError
from pyglove.symbolic._traverse import TraverseAction
from pyglove.symbolic._traverse import positional_arity
from pyglove.symbolic._traverse import walk
from pyglove.symbolic._write_order import order_writes
from pyglove.utils import KeyPath
from pyglove.utils import message_on_path

_ENTER = TraverseAction.ENTER
_CONTINUE = TraverseAction.CONTINUE


class FieldUpdate:
  """One applied change, as passed to `_on_change(updates)`.

  Attributes:
    path: the key path of the changed value, from the tree root.
    target: the symbolic node that owns the changed key.
    field: the `pg.typing.Field` of the key, or None when unconstrained.
    old_value: the value before the change (MISSING_VALUE if it was added).
    new_value: the value after the change (MISSING_VALUE if it was deleted).
  """

  __slots__ = ('path', 'target', 'field', 'old_value', 'new_value')

  def __init__(self, path: KeyPath, target: 'Symbolic', field: Any,
               old_value: Any, new_value: Any):
    self.path = path
    self.target = target
    self.field = field
    self.old_value = old_value
    self.new_value = new_value

  def __eq__(self, other: Any) -> bool:
    if not isinstance(other, FieldUpdate):
      return NotImplemented
    return (self.path == other.path and self.target is other.target
            and self.old_value is other.old_value
            and self.new_value is other.new_value)

  __hash__ = None  # type: ignore[assignment]

  def __repr__(self) -> str:
    return (f'FieldUpdate(path={str(self.path)!r}, '
            f'old_value={self.old_value!r}, new_value={self.new_value!r})')


def rebind(target: Symbolic, path_value_pairs: Any, kwargs: dict[str, Any], *,
           raise_on_no_change: bool, notify_parents: bool,
           skip_notification: bool | None) -> None:
  """Implements `Symbolic.rebind` (see its docstring for the arguments)."""
  if path_value_pairs is None:
    path_value_pairs = {}
  if isinstance(path_value_pairs, dict):
    if kwargs:
      path_value_pairs = {**path_value_pairs, **kwargs}
    pairs = [(_to_path(k), v) for k, v in path_value_pairs.items()]
    if not pairs:
      if raise_on_no_change:
        raise ValueError(message_on_path(
            f'There are no values to rebind in {type(target).__name__}: no '
            f'path/value pairs or functions were given.', target.sym_path))
      return
    # As in the reference, values equal to the current ones are no error.
    apply_updates(target, pairs, raise_on_no_change=False,
                  notify_parents=notify_parents,
                  skip_notification=skip_notification)
    return
  functions = (list(path_value_pairs)
               if isinstance(path_value_pairs, (list, tuple))
               else [path_value_pairs])
  if kwargs or not functions or not all(callable(f) for f in functions):
    raise TypeError(
        f'rebind expects a dict of key paths to values, a function '
        f'fn(k, v[, p]) or a list of such functions; got '
        f'{path_value_pairs!r}' + (f' with keyword arguments {sorted(kwargs)}'
                                   if kwargs else '') + '.')
  collected = [0]

  def batch(fn: Callable[..., Any]) -> list[tuple[KeyPath, Any, Any]]:
    updates = _updates_from_function(target, fn)
    collected[0] += len(updates)
    return updates

  _apply_batches(
      target, [lambda fn=fn: _plan(target, batch(fn)) for fn in functions],
      notify_parents, skip_notification)
  if not collected[0] and raise_on_no_change:
    raise ValueError(message_on_path(
        f'There are no values to rebind in {type(target).__name__}: the rebind '
        f'functions returned every value unchanged (pass '
        f'raise_on_no_change=False to allow that).', target.sym_path))


# Parsed forms of the path strings rebound lately (KeyPaths are immutable).
_PARSED: dict[str, KeyPath] = {}
_MAX_PARSED = 4096


def _to_path(key: Any) -> KeyPath:
  path = _PARSED.get(key) if type(key) is str else None  # pylint: disable=unidiomatic-typecheck
  if path is not None:
    return path
  if isinstance(key, KeyPath):
    return key
  if isinstance(key, str):
    if len(_PARSED) >= _MAX_PARSED:
      _PARSED.clear()
    path = _PARSED[key] = KeyPath.parse(key)
    return path
  if isinstance(key, int):
    return KeyPath(key)
  raise KeyError(
      f'A rebind key must be a key path string, a KeyPath or an int; got '
      f'{key!r} of type {type(key).__name__}.')


def _updates_from_function(
    target: Symbolic,
    fn: Callable[..., Any]) -> list[tuple[KeyPath, Any, Symbolic | None]]:
  """Walks the tree in preorder collecting the values `fn` replaces.

  A replaced value's subtree is not visited; plain values inside symbolic
  ones are leaves.

  Returns:
    (path, new value, the node holding it) triples; the node spares
    `_prepare` a walk from the root.
  """
  arity = positional_arity(fn)
  call = fn if arity is None or arity >= 3 else (
      lambda path, value, parent: fn(path, value))
  updates: list[tuple[KeyPath, Any, Symbolic | None]] = []

  def visit(keys: list[Any], value: Any, parent: Any) -> TraverseAction:
    path = KeyPath(keys)
    new_value = call(path, value, parent)
    if new_value is not value:
      updates.append((path, new_value, parent))
      return _CONTINUE
    return _ENTER if isinstance(value, Symbolic) else _CONTINUE

  walk(target, visit)
  return updates


def write_items(container: Symbolic, pairs: list[tuple[Any, Any]],
                accessor: bool = False) -> None:
  """Writes `pairs` of (key, value) into a pg.Dict or pg.List, as one rebind.

  `accessor` tells a write by item or attribute assignment (or deletion),
  which the container's `accessor_writable` (or `pg.allow_writable_accessors`)
  may forbid; methods such as `update`, `append` or `pop` always write.

  Raises:
    WritePermissionError: an accessor write while accessors are not writable.
  """
  if accessor and not _flags.is_accessor_writable(container.accessor_writable):
    raise WritePermissionError(message_on_path(
        f'Cannot write the {type(container).__name__} by item or attribute '
        'assignment: its accessor_writable is False (or '
        'pg.allow_writable_accessors(False) is in effect); use rebind '
        'instead.', container.sym_path))
  # The keys are the container's own: no path to parse, no walk.
  _apply_batches(container, [lambda: order_writes(
      [_prepare_at(container, key, value) for key, value in pairs])],
                 True, None)


def apply_updates(target: Symbolic, pairs: list[tuple[KeyPath, Any]], *,
                  raise_on_no_change: bool = True, notify_parents: bool = True,
                  skip_notification: bool | None = None) -> bool:
  """Validates and applies (path relative to `target`, value) pairs atomically.

  Returns:
    Whether anything changed.

  Raises:
    ValueError: nothing changed and `raise_on_no_change` is set.
  """
  changed = _apply_batches(
      target,
      [lambda: _plan(target, [(path, value, None) for path, value in pairs])],
      notify_parents, skip_notification)
  if not changed and raise_on_no_change:
    raise ValueError(
        f'Rebinding {type(target).__name__} changed nothing: every new '
        f'value equals the current one (paths: '
        f'{[str(p) for p, _ in pairs]}).')
  return changed


# A validated write: (node, key, value to store, field).
Prepared = tuple[Symbolic, Any, Any, Any]


def _apply_batches(target: Symbolic,
                   batches: list[Callable[[], list[Prepared]]],
                   notify_parents: bool, skip_notification: bool | None) -> bool:
  """Applies batches of writes in order, as one transaction.

  Each batch is planned (found and validated, see `_plan`) on the tree as
  the previous batches left it; any failure (validation, a size check, a
  hook) restores every changed node.
  """
  undo_log: list[tuple[Symbolic, Any]] = []
  written: dict[int, Symbolic] = {}
  snapshots: dict[int, tuple[Symbolic, Any]] = {}
  updates: list[FieldUpdate] = []
  try:
    for batch in batches:
      updates.extend(_apply(batch(), undo_log, written))
    for node in written.values():
      node._sym_check_after_update()  # pylint: disable=protected-access
    if not updates:
      return False
    if skip_notification is None:
      skip_notification = not _flags.is_change_notification_enabled()
    if not skip_notification:
      _notify(updates, notify_parents, snapshots)
  except BaseException:
    # Hooks first (their snapshots were taken after the writes), then the
    # writes, newest first.
    for node, snapshot in reversed(list(snapshots.values())):
      node._sym_restore(snapshot)  # pylint: disable=protected-access
    for node, record in reversed(undo_log):
      node._sym_undo(record)  # pylint: disable=protected-access
    raise
  bump_version(target)
  return True


def _plan(target: Symbolic,
          writes: list[tuple[KeyPath, Any, Symbolic | None]]) -> list[Prepared]:
  """Prepares writes under `target`, in the order they must be applied.

  Each write is (path, value, the node holding the path's last key, or None
  to look it up).
  """
  return order_writes([_prepare(target, path, value, node)
                       for path, value, node in writes])


def _prepare(target: Symbolic, path: KeyPath, value: Any,
             node: Symbolic | None) -> Prepared:
  """Finds the node owning `path` (unless given) and validates `value` there.

  Mutates nothing.
  """
  keys = path.keys
  if not keys:
    raise KeyError(message_on_path(
        f'Cannot rebind the root {type(target).__name__} itself; rebind its '
        f'fields (e.g. {{"x": 1}}) or build a new object.', target.sym_path))
  key = keys.pop()
  if node is None:
    node = _symbolic_node(target, keys)
  if node is None:
    parent_path = path.parent
    try:
      node = parent_path.query(target)
    except KeyError:
      raise KeyError(message_on_path(
          f'Cannot rebind {str(path)!r}: its parent {str(parent_path)!r} '
          f'does not exist in {type(target).__name__}.',
          target.sym_path)) from None
    if not isinstance(node, Symbolic):
      raise KeyError(message_on_path(
          f'Cannot rebind {str(path)!r}: its parent is a '
          f'{type(node).__name__}, not a symbolic value.',
          target.sym_path + parent_path))
  return _prepare_at(node, key, value)


def _prepare_at(node: Symbolic, key: Any, value: Any) -> Prepared:
  """Validates `value` for `node[key]`. Mutates nothing."""
  # `is_sealed` without its property call when no `pg.as_sealed` is open.
  if (node.is_sealed if _flags.sealed_scopes else node._sym_sealed):  # pylint: disable=protected-access
    raise WritePermissionError(message_on_path(
        f'Cannot rebind key {key!r} of sealed '
        f'{type(node).__name__}: unseal it or clone it first.',
        node._sym_child_path(key)))  # pylint: disable=protected-access
  field = node._sym_child_field(key)  # pylint: disable=protected-access
  # The key path is built for error messages and change records only.
  prepared = node._sym_prepare(  # pylint: disable=protected-access
      key, value, lambda: node._sym_child_path(key), field)  # pylint: disable=protected-access
  return node, key, prepared, field


def _symbolic_node(target: Symbolic, keys: list[Any]) -> Symbolic | None:
  """The node at `keys` under `target`, found through symbolic nodes only.

  Returns None when the walk meets a missing key or a non-symbolic value;
  the caller then takes the general `KeyPath.query` (and its error).
  """
  node = target
  try:
    for key in keys:
      node = node.sym_getattr(key)
      if not isinstance(node, Symbolic):
        return None
  except (KeyError, IndexError, AttributeError, TypeError):
    return None
  return node


def _apply(plan: list[Prepared],
           undo_log: list[tuple[Symbolic, Any]],
           written: dict[int, Symbolic]) -> list[FieldUpdate]:
  """Applies prepared writes, logging how to undo each (O(1) per write)."""
  updates = []
  for node, key, value, field in plan:
    written[id(node)] = node
    undo_log.append((node, node._sym_undo_record(key, value)))  # pylint: disable=protected-access
    old_value, new_value = node._sym_assign(key, value)  # pylint: disable=protected-access
    if old_value is not new_value:
      updates.append(FieldUpdate(node._sym_child_path(key), node, field,  # pylint: disable=protected-access
                                 old_value, new_value))
  return updates


def bump_version(node: Symbolic) -> None:
  """Counts a change of the tree holding `node` (see `tree_version`)."""
  root = node.sym_root
  d = root.__dict__
  d['_sym_version'] = d.get('_sym_version', 0) + 1


def tree_version(node: Symbolic) -> tuple[int, int]:
  """Identifies the state of the tree holding `node`: (id of its root, change count).

  It changes whenever a rebind (or any write through the rebind engine) or a
  seal changes the tree, or when `node` moves to another tree; caches of
  values computed from a tree (e.g. the template of a search space) compare
  it to know they are current.
  """
  root = node.sym_root
  return id(root), root.__dict__.get('_sym_version', 0)


def _notify(updates: list[FieldUpdate], notify_parents: bool,
            snapshots: dict[int, tuple[Symbolic, Any]]) -> None:
  """Notifies each changed node (and ancestor) once, deepest first.

  Nodes whose class has no hook to run are skipped, which also spares
  their snapshots (nothing of theirs can change). A node whose hook runs is
  snapshot first: a hook may change any of its attributes.
  """
  per_node: dict[int, tuple[int, Symbolic, list[FieldUpdate] | None]] = {}
  listens: dict[type, bool] = {}
  # Nodes with no listener at or above them: a walk up stops there.
  quiet: set[int] = set()
  for update in updates:
    node: Symbolic | None = update.target
    depth = len(update.path) - 1
    chain = []
    while node is not None and id(node) not in quiet:
      entry = per_node.get(id(node))
      if entry is None:
        cls = type(node)
        listening = listens.get(cls)
        if listening is None:
          listening = listens[cls] = cls._sym_listens()  # pylint: disable=protected-access
        if not listening and '_sym_onchange' in node.__dict__:
          listening = True  # A pg.Dict/pg.List with an onchange_callback.
        entry = (depth, node, [] if listening else None)
        per_node[id(node)] = entry
      if entry[2] is not None:
        entry[2].append(update)
      if not notify_parents:
        break
      chain.append(entry)
      node = node._sym_parent  # pylint: disable=protected-access
      depth -= 1
    else:
      # The walk reached the root (or a quiet node): the top of the chain
      # up to its highest listener is quiet too.
      for entry in reversed(chain):
        if entry[2] is not None:
          break
        quiet.add(id(entry[1]))
  listeners = [entry for entry in per_node.values() if entry[2] is not None]
  for _, node, node_updates in sorted(listeners, key=lambda e: -e[0]):
    if id(node) not in snapshots:
      snapshots[id(node)] = (node, node._sym_snapshot())  # pylint: disable=protected-access
    node._sym_notify(node_updates)  # pylint: disable=protected-access
