"""DNA as a dict of decisions (and back): `to_dict`, `from_dict`, `named_decisions`."""
from __future__ import annotations

import numbers
from typing import Any

from pyglove.geno._dna import DNA
from pyglove.geno._dna import is_multi_choice_node
from pyglove.geno._dna import normalize_value
from pyglove.geno._dna import preorder
from pyglove.geno._spec import DNASpec
from pyglove.geno._spec import error_path
from pyglove.utils import MISSING_VALUE
from pyglove.utils import message_on_path

_KEY_TYPES = ('id', 'name_or_id', 'dna_spec')
_VALUE_TYPES = ('value', 'dna', 'literal', 'choice_and_literal')


def name_or_id(point: DNASpec) -> str:
  """The decision's name (``name[j]`` for subchoice j), or its id when unnamed."""
  if point.name is None:
    return str(point.id)
  if point.is_subchoice:
    return f'{point.name}[{point.subchoice_index}]'
  return point.name


def to_dict(dna: DNA, key_type: str, value_type: str) -> dict[Any, Any]:
  """See `DNA.to_dict`."""
  if key_type not in _KEY_TYPES:
    raise ValueError(f'key_type must be one of {_KEY_TYPES}; got {key_type!r}.')
  if value_type not in _VALUE_TYPES:
    raise ValueError(f'value_type must be one of {_VALUE_TYPES}; got {value_type!r}.')
  dna._require_spec('to_dict()')
  result: dict[Any, Any] = {}
  for node in preorder(dna):
    point = node.decision_point
    if point is None or is_multi_choice_node(node):
      continue
    if key_type == 'id':
      key: Any = str(point.id)
    elif key_type == 'name_or_id':
      key = name_or_id(point)
    else:
      key = point
    result[key] = _value(node, point, value_type)
  return result


def _value(node: DNA, point: DNASpec, value_type: str) -> Any:
  if value_type == 'value':
    return node.value
  if value_type == 'dna':
    return node
  if not point.is_categorical:
    return node.value
  if value_type == 'literal':
    literals = point.literal_values
    return node.value if literals is None else literals[node.value]
  return point.format_candidate(node.value)


def named_decisions(dna: DNA) -> dict[str, Any]:
  """See `DNA.named_decisions`."""
  dna._require_spec('named_decisions')
  result: dict[str, Any] = {}
  for node in preorder(dna):
    point = node.decision_point
    if point is None or point.is_subchoice:
      continue
    if is_multi_choice_node(node):
      result[name_or_id(point)] = [c.value for c in node.children]
    else:
      result[name_or_id(point)] = node.value
  return result


def _read(point: DNASpec, value: Any, use_ints_as_literals: bool) -> Any:
  """Normalizes numbers; maps an int literal to its index when asked to."""
  if not isinstance(value, numbers.Number):
    return value
  value = normalize_value(value)
  if use_ints_as_literals and point.is_categorical and type(value) is int:
    literals = point.literal_values
    if literals is None or value not in literals:
      raise ValueError(message_on_path(
          f'{value!r} is not one of the literal values {literals!r}.',
          error_path(point.id)))
    return literals.index(value)
  return value


def from_dict(dct: dict[Any, Any], spec: DNASpec, use_ints_as_literals: bool) -> DNA:
  """See `DNA.from_dict`."""
  if not isinstance(dct, dict):
    raise TypeError(f'from_dict expects a dict; got {dct!r}.')
  table = spec._lookup_table()
  values: dict[int, Any] = {}
  for key, value in dct.items():
    text = str(key.id) if isinstance(key, DNASpec) else str(key)
    target = table.get(text)
    if target is None:
      raise KeyError(
          f'No decision point with name or id {text!r} in the DNA spec; '
          f'valid ones: {sorted(table)}.') from None
    if isinstance(target, list):
      target = target[0].parent_spec
    values[id(target)] = value

  def get(point: DNASpec, required: bool = True) -> Any:
    value = values.get(id(point), MISSING_VALUE)
    if value is MISSING_VALUE:
      if required:
        raise KeyError(message_on_path(
            f'The dict has no value for the active decision {name_or_id(point)!r}.',
            error_path(point.id)))
      return value
    if isinstance(value, (list, tuple)):
      return [_read(point, v, use_ints_as_literals) for v in value]
    return _read(point, value, use_ints_as_literals)

  return spec._from_dict(get).use_spec(spec)
