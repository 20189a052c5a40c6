"""The `_on_parent_change` and `_on_path_change` hooks of symbolic values.

A node's parent and key change in one place, `Symbolic.sym_setparent`. When
no class defines either hook (the usual case) it does nothing more than set
them; otherwise (through `before_move` and `after_move`) it calls `_on_parent_change(old, new)` on the node whose
parent changed, and `_on_path_change(old, new)` on that node and on every
node below it whose class defines the hook (their paths moved with it).
"""
from __future__ import annotations

from typing import Any

from pyglove.utils import KeyPath

# How many classes define each hook: zero keeps `sym_setparent` minimal.
parent_hook_classes = 0
path_hook_classes = 0


def register_class(cls: type, base: type) -> None:
  """Counts `cls` if its body defines a hook (`base` holds the no-op ones)."""
  global parent_hook_classes, path_hook_classes
  del base
  if '_on_parent_change' in cls.__dict__:
    parent_hook_classes += 1
  if '_on_path_change' in cls.__dict__:
    path_hook_classes += 1


def before_move(node: Any, base: type) -> tuple[Any, KeyPath | None]:
  """What the hooks need to know before `node` moves: (old parent, old path or None)."""
  watch_paths = path_hook_classes and _has_path_listener(node, base)
  return node.__dict__.get('_sym_parent'), (
      node.sym_path if watch_paths else None)


def after_move(node: Any, parent: Any, before: tuple[Any, KeyPath | None],
               base: type) -> None:
  """Runs the hooks once `node` has its new parent (`before` is from `before_move`)."""
  old_parent, old_path = before
  if (old_parent is not parent
      and type(node)._on_parent_change is not base._on_parent_change):
    node._on_parent_change(old_parent, parent)
  if old_path is not None:
    new_path = node.sym_path
    if new_path != old_path:
      _notify_paths(node, old_path, new_path, base)


def _has_path_listener(node: Any, base: type) -> bool:
  """Whether `node` or a node below it defines `_on_path_change`."""
  stack = [node]
  while stack:
    current = stack.pop()
    if type(current)._on_path_change is not base._on_path_change:
      return True
    stack.extend(v for v in current.sym_values() if isinstance(v, base))
  return False


def _notify_paths(node: Any, old_path: KeyPath, new_path: KeyPath,
                  base: type) -> None:
  """Calls `_on_path_change` on `node` and below, with each one's old and new path."""
  stack = [(node, [])]
  while stack:
    current, relative = stack.pop()
    if type(current)._on_path_change is not base._on_path_change:
      current._on_path_change(KeyPath(relative, old_path),
                              KeyPath(relative, new_path))
    for k, v in current.sym_items():
      if isinstance(v, base):
        stack.append((v, relative + [k]))
