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
  """The values of `node`'s tree that differ from their field defaults, by key path.

  As in the reference: a field compares its value with its default and keeps
  what differs (an object or dict of the default's type key by key; a list,
  a value of another type, or a field without default as a whole); outside
  fields, symbolic children contribute their own non-default values.
  """
  result = _non_defaults(node)
  return _flatten(result) if flatten else result


def _non_defaults(node: Symbolic) -> dict[Any, Any]:
  result: dict[Any, Any] = {}
  for k, v in node.sym_items():
    field = node._sym_child_field_or_none(k)  # pylint: disable=protected-access
    if field is not None and not isinstance(node, list):
      diff = _diff_from(v, field.value.default)
      if diff is not MISSING_VALUE:
        result[k] = diff
    elif isinstance(v, Symbolic):
      child = _non_defaults(v)
      if child:
        result[k] = child
    else:
      result[k] = v
  return result


def _diff_from(value: Any, base: Any) -> Any:
  """What of `value` differs from `base` (MISSING_VALUE when nothing does)."""
  if base is not MISSING_VALUE and _equal(value, base):
    return MISSING_VALUE
  if (isinstance(value, list) or not isinstance(value, Symbolic)
      or base is MISSING_VALUE):
    return value
  if type(value) is type(base):
    base_child = lambda k: base.sym_getattr(k, MISSING_VALUE)  # pylint: disable=unnecessary-lambda-assignment
  elif isinstance(value, dict) and isinstance(base, dict):
    base_child = lambda k: base.get(k, MISSING_VALUE)  # pylint: disable=unnecessary-lambda-assignment
  else:
    return value
  diff = {}
  for k, v in value.sym_items():
    child = _diff_from(v, base_child(k))
    if child is not MISSING_VALUE:
      diff[k] = child
  return diff


def _equal(value: Any, base: Any) -> bool:
  # Imported here: equality is built on the symbolic base.
  from pyglove.symbolic._eq import eq  # pylint: disable=g-import-not-at-top
  try:
    return value is base or bool(eq(value, base))
  except Exception:  # pylint: disable=broad-except
    return False


def _flatten(nested: dict[Any, Any]) -> dict[str, Any]:
  """Key paths to leaves: dicts and lists (not empty ones, nor objects) are entered."""
  result: dict[str, Any] = {}

  def visit(prefix: KeyPath, value: Any) -> None:
    items = (value.items() if isinstance(value, dict) else enumerate(value))
    for k, v in items:
      path = prefix.child(k)
      if isinstance(v, (dict, list)) and v:
        visit(path, v)
      else:
        result[str(path)] = v
  visit(KeyPath(), nested)
  return result
