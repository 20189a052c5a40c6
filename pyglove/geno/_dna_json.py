"""DNA as JSON and text: the compact forms the reference writes and prints.

JSON: ``{'_type': ..., 'format': 'compact', 'value': literal, 'metadata':
{...}}`` (the root's metadata only), or field by field like any `pg.Object`.
Text: ``DNA(1, [0, 2])``, the literal inside ``DNA(...)`` (a chain's tuple
brackets merged with the call's).
"""
from __future__ import annotations

import math
from typing import Any

from pyglove import symbolic
from pyglove.geno import _dna
from pyglove.geno import _dna_literal
from pyglove.utils import DeepRecursion
from pyglove.utils import check_depth
from pyglove.utils import from_json as utils_from_json
from pyglove.utils import to_json as utils_to_json


def to_json(dna: Any, compact: bool, type_info: bool,
            kwargs: dict[str, Any]) -> Any:
  """See `DNA.to_json`."""
  d = dna.__dict__
  metadata = _dna.metadata_of(dna)
  if not compact:
    result = {'_type': _dna.TYPE_KEY, 'value': dna.value,
              'children': [to_json(c, False, True, kwargs) for c in dna.children],
              'metadata': symbolic.to_json(metadata or {}, **kwargs)}
  else:
    # The common form, a list of choices, needs no literal nor conversion.
    value = _flat_choices(dna) if type_info else None
    if value is None:
      literal = _dna_literal.to_literal(dna)
      if not type_info:
        return literal
      value = utils_to_json(literal)
    result = {'_type': _dna.TYPE_KEY, 'format': 'compact', 'value': value}
    if metadata:
      result['metadata'] = symbolic.to_json(metadata, **kwargs)
  keys = d.get('_cloneable_metadata_keys')
  if keys:
    result['_cloneable_metadata_keys'] = sorted(keys)
  return result


def from_json(cls: type, json_value: Any, allow_partial: bool,
              kwargs: dict[str, Any]) -> Any:
  """See `DNA.from_json`."""
  flat = _flat_compact_value(json_value)
  if flat is not None:
    # The common form (a compact list of choices): nothing nests, nothing
    # needs the type registry.
    return cls(flat)
  check_depth(json_value, 'The DNA JSON')
  with DeepRecursion('The DNA JSON'):
    return _from_json(cls, json_value, allow_partial, kwargs)


def _flat_choices(dna: Any) -> list[Any] | None:
  """The values of a DNA that is a list of leaf choices (finite numbers), else None."""
  if dna.value is not None or len(dna.children) < 2:
    return None
  values = []
  for child in dna.children:
    value = child.value
    if child.children or not (type(value) is int or (
        type(value) is float and math.isfinite(value))):
      return None
    values.append(value)
  return values


def _flat_compact_value(json_value: Any) -> list[Any] | None:
  """The literal of a compact DNA JSON that is a flat list of numbers, else None."""
  if (type(json_value) is not dict or len(json_value) != 3
      or json_value.get('format') != 'compact'):
    return None
  value = json_value.get('value')
  if type(value) is not list or not all(
      type(v) is int or type(v) is float for v in value):
    return None
  return value


def _from_json(cls: type, json_value: Any, allow_partial: bool,
               kwargs: dict[str, Any]) -> Any:
  if not isinstance(json_value, dict):
    raise ValueError(f'DNA JSON must be a JSON object; got {json_value!r}.')
  keys = json_value.get('_cloneable_metadata_keys')
  if 'children' in json_value and json_value.get('format') != 'compact':
    children = [_from_json(cls, c, allow_partial, kwargs)
                for c in json_value.get('children') or []]
    metadata = symbolic.from_json(json_value.get('metadata') or {}, **kwargs)
    dna = cls(json_value.get('value'), children, metadata=dict(metadata),
              allow_partial=allow_partial)
  else:
    if 'value' not in json_value:
      raise ValueError(f'DNA JSON lacks the "value" entry: {json_value!r}.')
    dna = cls(utils_from_json(json_value['value'], **kwargs))
    metadata = json_value.get('metadata')
    if metadata:
      dna.__dict__['_metadata'] = symbolic.Dict(
          symbolic.from_json(metadata, **kwargs), value_spec=_dna.METADATA_SPEC)
  if keys:
    dna.__dict__['_cloneable_metadata_keys'] = set(keys)
  return dna


def format_dna(dna: Any, compact: bool, root_indent: int,
               list_wrap_threshold: int, as_dict: bool) -> str:
  """The literal (or, with `as_dict`, the decisions by id) inside ``DNA(...)``."""
  if as_dict and dna.spec is not None:
    details = symbolic.format(dna.to_dict(value_type='choice_and_literal'),
                              compact=compact, root_indent=root_indent)
    return f'DNA({details})'
  if not dna.children:
    return f'DNA({dna.value!r})'
  text = symbolic.format(_dna_literal.to_literal(dna), compact=compact,
                         root_indent=root_indent, max_width=list_wrap_threshold)
  return f'DNA{text}' if text.startswith('(') else f'DNA({text})'
