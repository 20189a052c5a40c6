"""DNA as a dict of decisions, and back: `DNA.to_dict` and `DNA.from_dict`."""
from __future__ import annotations

import numbers
from typing import Any, Callable

from pyglove.geno import _dna
from pyglove.utils import MISSING_VALUE

_KEY_TYPES = ('id', 'name_or_id', 'dna_spec')
_VALUE_TYPES = ('value', 'dna', 'choice', 'literal', 'choice_and_literal')
_MULTI_CHOICE_KEYS = ('subchoice', 'parent', 'both')


def to_dict(dna: Any, key_type: str = 'id', value_type: str = 'value',
            multi_choice_key: str = 'subchoice',
            include_inactive_decisions: bool = False,
            filter_fn: Callable[[Any], bool] | None = None) -> dict[Any, Any]:
  """The decisions of `dna` (which needs a spec) as a dict, in preorder.

  Args:
    dna: a DNA with a spec attached.
    key_type: 'id' (the decision id text), 'name_or_id' (the name when there
      is one) or 'dna_spec' (the decision point itself).
    value_type: 'value' (the index or number), 'dna' (the DNA node), 'choice'
      (``'i/n'``), 'literal' (the candidate's literal value) or
      'choice_and_literal' (``'i/n (literal)'``); numbers and custom values
      are given as they are.
    multi_choice_key: 'subchoice' (a key per subchoice), 'parent' (the
      multi-choice's key, with a list of the picks) or 'both'.
    include_inactive_decisions: also list the decisions of unchosen
      candidates, with None.
    filter_fn: keep only the decision points for which it returns True.

  Returns:
    The dict; a key decided more than once (a candidate picked twice by a
    non-distinct multi-choice) maps to the list of its decisions.

  Raises:
    ValueError: an unknown argument value, or `dna` has no spec.

  Example:
    >>> from pyglove.geno import constant, floatv, oneof, space
    >>> spec = space([oneof([constant(), constant()], literal_values=['a', 'b'],
    ...                     location='x'), floatv(0.0, 1.0, location='y')])
    >>> _dna.DNA([1, 0.5], spec=spec).to_dict(value_type='literal')
    {'x': 'b', 'y': 0.5}
  """
  for arg, value, valid in (('key_type', key_type, _KEY_TYPES),
                            ('value_type', value_type, _VALUE_TYPES),
                            ('multi_choice_key', multi_choice_key,
                             _MULTI_CHOICE_KEYS)):
    if value not in valid:
      raise ValueError(f'{arg} must be one of {valid}; got {value!r}.')
  dna.require_spec('to_dict()')
  use_parent = multi_choice_key != 'subchoice'
  use_sub = multi_choice_key != 'parent'
  keep = filter_fn or (lambda point: True)

  def key_of(point: Any) -> Any:
    if key_type == 'id':
      return str(point.id)
    if key_type == 'name_or_id':
      return point.name if point.name else str(point.id)
    return point

  def sub_keyed(point: Any) -> bool:
    return use_sub and (not use_parent or key_type != 'name_or_id'
                        or point.name is None)

  result: dict[Any, Any] = {}

  def put(key: Any, value: Any) -> None:
    if key in result:
      previous = result[key]
      result[key] = (previous if isinstance(previous, list)
                     else [previous]) + [value]
    else:
      result[key] = value

  for node in _dna.preorder(dna):
    point = node.decision_point
    if point is None or point.is_space or not keep(point):
      continue
    if point.is_categorical:
      if node.value is None:
        continue  # A multi-choice container: its subs carry the decisions.
      value = _choice_value(node, point, value_type)
      if point.is_subchoice:
        if use_parent:
          put(key_of(point.parent_spec), value)
        if sub_keyed(point):
          put(key_of(point), value)
      else:
        put(key_of(point), value)
    else:
      put(key_of(point), node if value_type == 'dna' else node.value)
  if not include_inactive_decisions:
    return result
  full: dict[Any, Any] = {}
  for point in dna.spec.decision_points:
    if not keep(point):
      continue
    if point.is_subchoice:
      if use_parent and point.subchoice_index == 0:
        key = key_of(point.parent_spec)
        full[key] = result.get(key)
      if sub_keyed(point):
        key = key_of(point)
        full[key] = result.get(key)
    else:
      key = key_of(point)
      full[key] = result.get(key)
  return full


def _choice_value(node: Any, point: Any, value_type: str) -> Any:
  if value_type == 'dna':
    return node
  if value_type == 'value':
    return node.value
  return point.format_candidate(node.value, display_format=value_type)


def from_dict(dict_repr: dict[Any, Any], dna_spec: Any,
              use_ints_as_literals: bool = False) -> Any:
  """Builds a DNA from decisions keyed by id, name or decision point.

  A choice's value may be an index, a DNA, one of its literal values, or an
  ``'i/n'``/``'i/n (literal)'`` string; a multi-choice may be given by its
  own key with a list of picks, and a name shared by several decisions with
  a list consumed in order. Inactive decisions may be absent or None.

  Args:
    dict_repr: the decisions, e.g. as `DNA.to_dict` writes them.
    dna_spec: the spec to read them against.
    use_ints_as_literals: read an int given for a choice as a literal value,
      not as an index.

  Raises:
    TypeError: `dict_repr` is not a dict.
    KeyError: a key names no decision point of the spec.
    ValueError: an active decision is missing, or a value fits no candidate
      or is out of range.

  Example:
    >>> from pyglove.geno import constant, oneof, space
    >>> spec = space([oneof([constant(), constant()], literal_values=[16, 32],
    ...                     location='units')])
    >>> DNA.from_dict({'units': 32}, spec, use_ints_as_literals=True)
    _dna.DNA(1)
  """
  if not isinstance(dict_repr, dict):
    raise TypeError(f'from_dict expects a dict; got {dict_repr!r}.')
  ids: dict[str, str] = {}
  for point in dna_spec.decision_points:
    ids[str(point.id)] = str(point.id)
    if point.is_subchoice:
      ids[str(point.parent_spec.id)] = str(point.parent_spec.id)
      if point.name is not None:
        ids[f'{point.name}[{point.subchoice_index}]'] = str(point.id)
  names = dna_spec.named_decision_points
  by_id: dict[str, Any] = {}
  by_name: dict[str, Any] = {}
  for key, value in dict_repr.items():
    text = str(key.id) if hasattr(key, 'decision_points') else str(key)
    if text in ids:
      by_id[ids[text]] = value
    elif text in names:
      by_name[text] = list(value) if isinstance(value, list) else value
    else:
      raise KeyError(
          f'No decision point with name or id {text!r} in the DNA spec; '
          f'valid ones: {sorted(set(ids) | set(names))}.')

  def get(point: Any, required: bool = True) -> Any:
    value = by_id.get(str(point.id))
    if value is None and point.name is not None and required:
      # A name given for several decisions (a named multi-choice) holds a
      # list, consumed in order.
      value = by_name.get(point.name)
      if isinstance(value, list):
        queue = value
        value = queue.pop(0) if queue else None
    if value is None:
      if not required:
        return MISSING_VALUE
      raise point._error(  # pylint: disable=protected-access
          f'The dict gives no value for the active decision '
          f'{point.name or str(point.id)!r}.')
    if isinstance(value, (list, tuple)):
      return [_read(point, v, use_ints_as_literals) for v in value]
    return _read(point, value, use_ints_as_literals)

  return dna_spec._from_dict(get).use_spec(dna_spec)  # pylint: disable=protected-access


def _read(point: Any, value: Any, use_ints_as_literals: bool) -> Any:
  """Normalizes numbers; maps an int literal to its index when asked to."""
  if isinstance(value, _dna.DNA) or not isinstance(value, numbers.Number):
    return value
  value = _dna.normalize_value(value)
  if use_ints_as_literals and point.is_categorical and type(value) is int:
    return point.candidate_index(value)
  return value

