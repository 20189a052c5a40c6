"""Values measured against their fields: the missing ones and those that differ from defaults.

These implement `Symbolic.missing_values` and `Symbolic.non_default_values`.
"""
from __future__ import annotations

from typing import Any

from pyglove.symbolic._base import Symbolic
from pyglove.symbolic._traverse import fold
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE


def missing_values(node: Symbolic, flatten: bool = True) -> dict[str, Any]:
  """The values of `node`'s tree not specified yet, by key path (relative to `node`)."""
  def combine(keys: list[Any], value: Any,
              children: list[tuple[Any, Any]] | None) -> Any:
    if children is None:
      return MISSING_VALUE if value is MISSING_VALUE else None
    return {k: r for k, r in children if r is MISSING_VALUE or r}

  result = fold(node, combine,
                enter=lambda keys, value: isinstance(value, Symbolic))
  return _flatten(result) if flatten else result


def non_default_values(node: Symbolic, flatten: bool = True) -> dict[str, Any]:
  """The values of `node`'s tree that differ from their field defaults, by key path."""
  result: dict[str, Any] = {}
  for k, v in node.sym_items():
    default = node._sym_default(k)  # pylint: disable=protected-access
    if default is not MISSING_VALUE and _same(v, default):
      continue
    if isinstance(v, Symbolic) and (default is MISSING_VALUE
                                    or type(default) is type(v)):
      child = v.non_default_values(flatten=False)
      if child or default is MISSING_VALUE:
        result[k] = child if child else v
        continue
    result[k] = v
  return _flatten(result) if flatten else result


def _same(value: Any, default: Any) -> bool:
  if value is default:
    return True
  comparable = type(value) is type(default) or (
      isinstance(value, (dict, list)) and isinstance(default, (dict, list)))
  try:
    return comparable and bool(value == default)
  except Exception:  # pylint: disable=broad-except
    return False


def _flatten(nested: dict[Any, Any]) -> dict[str, Any]:
  result: dict[str, Any] = {}

  def visit(prefix: KeyPath, d: dict[Any, Any]) -> None:
    for k, v in d.items():
      path = prefix.child(k)
      if isinstance(v, dict) and v and not isinstance(v, Symbolic):
        visit(path, v)
      else:
        result[str(path)] = v
  visit(KeyPath(), nested)
  return result
