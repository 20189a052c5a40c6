"""`ObjectFactory`: a symbolic recipe for an object, as base value + patches + overrides."""
from __future__ import annotations

from typing import Any, Callable

from pyglove.patching._patcher import PatchType
from pyglove.patching._patcher import patch
from pyglove.symbolic import Symbolic
from pyglove.symbolic import from_json_str
from pyglove.symbolic import functor
from pyglove.symbolic import load


def from_maybe_serialized(source: Any, value_type: type | None = None) -> Any:
  """Returns `source`, or the value it serializes if it is a string.

  A string ending in ``.json`` is a file to load (`pg.load`); any other
  string is JSON text (`pg.from_json_str`). Loading is safe (see `pg.load`).

  Args:
    source: a value, a JSON file path, or a JSON string.
    value_type: the type the result must have, if any.

  Returns:
    The value.

  Raises:
    TypeError: the result is not an instance of `value_type`.

  Example:
    >>> pg.patching.from_maybe_serialized('{"a": 1}', dict)
    {a=1}
  """
  if isinstance(source, str):
    value = load(source) if source.endswith('.json') else from_json_str(source)
  else:
    value = source
  if value_type is not None and not isinstance(value, value_type):
    raise TypeError(
        f'Expected a value of type {value_type.__name__} from {source!r}; '
        f'got {value!r} of type {type(value).__name__}.')
  return value


def _flatten(tree: Any, prefix: str = '') -> dict[str, Any]:
  """``{'a': {'b': 1}}`` -> ``{'a.b': 1}`` (dicts only; other values are leaves)."""
  if not isinstance(tree, dict) or not tree:
    return {prefix: tree}
  flat = {}
  for k, v in tree.items():
    flat.update(_flatten(v, f'{prefix}.{k}' if prefix else str(k)))
  return flat


@functor(auto_typing=False)
def ObjectFactory(  # pylint: disable=invalid-name
    value_type: type,
    base_value: Symbolic | Callable[[], Symbolic] | str,
    patches: PatchType | None = None,
    params_override: dict[str, Any] | str | None = None) -> Any:
  """Builds an object from a base value, then applies patches and parameter overrides.

  Being symbolic, the recipe itself can be stored, printed and rebound,
  e.g. to try other patches on the same base.

  Args:
    value_type: the type the object must have.
    base_value: an instance of `value_type`, a function producing one, or
      the path of a JSON file holding one.
    patches: patching rules applied next (see `pg.patch`).
    params_override: a dict of key paths (nested dicts are flattened to
      paths) to values, or JSON text of one, rebound last.

  Returns:
    The object.

  Raises:
    TypeError: the base value does not give a `value_type`.

  Example:
    >>> factory = pg.patching.ObjectFactory(
    ...     pg.Dict, lambda: pg.Dict(lr=0.1, layers=2),
    ...     patches=[{'layers': 3}], params_override='{"lr": 0.5}')
    >>> factory()
    {lr=0.5, layers=3}
  """
  if isinstance(base_value, str):
    value = load(base_value)
  elif not isinstance(base_value, value_type) and callable(base_value):
    value = base_value()
  else:
    value = base_value
  if not isinstance(value, value_type):
    raise TypeError(
        f'ObjectFactory: {base_value!r} is neither a {value_type.__name__} '
        f'nor a function or JSON file producing one (it gave {value!r}).')
  if patches is not None:
    value = patch(value, patches)
  if params_override:
    value = value.rebind(_flatten(from_maybe_serialized(params_override, dict)),
                         raise_on_no_change=False)
  return value
