"""Views of a DNA through its spec: decisions by name or id, literal values, numbers."""
from __future__ import annotations

from typing import Any, Callable

from pyglove.geno import _dna
from pyglove.geno import _dna_dict


def decisions_by_id(dna: Any) -> dict[str, Any]:
  """Decision id -> DNA node (None when inactive; a list for a multi-choice), cached."""
  d = dna.__dict__
  table = d.get('_decisions')
  if table is None:
    table = d['_decisions'] = _dna_dict.to_dict(
        dna, key_type='id', value_type='dna', multi_choice_key='both',
        include_inactive_decisions=True)
  return table


def decision(dna: Any, key: Any) -> Any:
  """The DNA of the decision named or identified by `key` (a name, an id or a decision point).

  Raises:
    KeyError: no decision point has that name or id.
    ValueError: `dna` has no spec.
  """
  dna.require_spec('Looking up a decision')
  if hasattr(key, 'decision_points'):
    key = key.id
  text = str(key)
  named = named_decisions(dna)
  if text in named:
    return named[text]
  table = decisions_by_id(dna)
  if text in table:
    return table[text]
  raise KeyError(
      f'No decision named or identified by {text!r} in {dna!r}; valid names '
      f'and ids: {sorted(set(named) | set(table))}.')


def named_decisions(dna: Any) -> dict[str, Any]:
  """Decision name -> DNA node (None when inactive; a list when shared, e.g. a multi-choice)."""
  result: dict[str, Any] = {}
  table = _dna_dict.to_dict(
      dna, key_type='dna_spec', value_type='dna', multi_choice_key='parent',
      include_inactive_decisions=True)
  for point, node in table.items():
    name = point.name
    if name is None:
      continue
    if name not in result:
      result[name] = node
      continue
    previous = result[name]
    previous = previous if isinstance(previous, list) else [previous]
    result[name] = previous + (node if isinstance(node, list) else [node])
  return result


def literal_value(dna: Any) -> Any:
  """The literal of a decision: its candidate's literal (or ``'i/n'``), a number's text, a custom string.

  A choice with decisions below reads ``'i/n -> ...'``; a node with several
  children gives a list.
  """
  dna.require_spec('literal_value')
  return _literal(dna, '')


def _literal(node: Any, prefix: str) -> Any:
  spec = node.decision_point
  if node.children:
    if node.value is not None:
      prefix += f'{node.value}/{len(spec.candidates)} -> '
    items = [_literal(c, prefix) for c in node.children]
    return items[0] if len(items) == 1 else items
  if spec.is_numerical:
    value = str(node.value)
  elif spec.is_custom_decision_point:
    value = node.value
  elif spec.literal_values:
    value = spec.literal_values[node.value]
  else:
    value = f'{node.value}/{len(spec.candidates)}'
  return prefix + str(value) if prefix else value


def from_numbers(dna_values: Any, dna_spec: Any) -> Any:
  """Rebuilds a DNA from a flat list of decision values (``to_numbers()``) and its spec.

  Raises:
    ValueError: too few or too many numbers, or a value does not fit.
  """
  values = list(dna_values)
  it = map(_dna.normalize_value, values)
  dna = dna_spec._from_numbers(it)  # pylint: disable=protected-access
  extra = next(it, _END)
  if extra is not _END:
    raise ValueError(
        f'Too many numbers for the DNA spec: {values!r}; {extra!r} and what '
        f'follows are left over.')
  return dna.use_spec(dna_spec)


def from_fn(dna_spec: Any, generator_fn: Callable[[Any], Any]) -> Any:
  """Builds a DNA by asking `generator_fn` for each active decision, in order.

  `generator_fn(decision_point)` returns, for a `Choices`, the list of its
  picks (one per choice) or a DNA for the whole decision; for a `Float`,
  `Int` or custom point, the value or a DNA.

  Raises:
    TypeError: `dna_spec` is not a DNA spec.
    ValueError: a returned decision does not fit.

  Example:
    >>> from pyglove.geno import constant, floatv, oneof, space
    >>> spec = space([oneof([constant(), constant()], location='a'),
    ...               floatv(0.0, 1.0, location='b')])
    >>> DNA.from_fn(spec, lambda p: [1] if p.is_categorical else 0.5)
    _dna.DNA([1, 0.5])
  """
  if not hasattr(dna_spec, 'decision_points'):
    raise TypeError(f'from_fn expects a DNASpec; got {dna_spec!r}.')
  dna = _generate(dna_spec, generator_fn)
  return dna.use_spec(dna_spec)


def _generate(spec: Any, fn: Callable[[Any], Any]) -> Any:
  if spec.is_space:
    return _dna.DNA(None, [_generate(e, fn) for e in spec.elements])
  decision = fn(spec)
  if isinstance(decision, _dna.DNA):
    return decision
  if not spec.is_categorical:
    return _dna.DNA(decision)
  if not isinstance(decision, (list, tuple)) or len(decision) != (
      spec.num_choices):
    raise spec._error(  # pylint: disable=protected-access
        f'Expected a list of {spec.num_choices} choice(s) from the generator '
        f'function; got {decision!r}.')
  subs = []
  for point, index in zip(spec.choice_specs, decision):
    if type(index) is not int or not 0 <= index < len(point.candidates):
      raise point._error(  # pylint: disable=protected-access
          f'Choice {index!r} is not a candidate index (0 to '
          f'{len(point.candidates) - 1}).')
    subs.append(_dna.DNA(index, [_generate(point.candidates[index], fn)]))
  return _dna.DNA(None, subs)


_END = object()
