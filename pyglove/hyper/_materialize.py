"""`pg.materialize`: a concrete program from a search space and its decisions.

The templates of the last few symbolic spaces materialized (their decision
points, decoding plan and DNA spec) are kept for the next call on the same
space, as long as its tree is unchanged (`pg.symbolic.tree_version`) and
`where` is the same: a space materialized again costs about a
`template.decode`.
"""
from __future__ import annotations

import collections
from typing import Any

from pyglove import geno
from pyglove import symbolic
from pyglove.hyper._base import WhereFn
from pyglove.hyper._object_template import ObjectTemplate


def materialize(value: Any, parameters: geno.DNA | dict[Any, Any],
                use_literal_values: bool = True,
                where: WhereFn | None = None) -> Any:
  """Returns the program of the search space `value` that `parameters` decide.

  Args:
    value: A search space (a value holding hyper values).
    parameters: A `pg.DNA`, or a dict mapping decision ids or names to
      decisions: for a choice, the index of the candidate, or (with
      `use_literal_values`) the candidate's literal value, such as 'relu' or
      ``'1/3 (Conv(...))'``; a list of them for a multi-choice.
    use_literal_values: Whether a number given for a choice means the
      candidate equal to it (when there is one) rather than an index.
    where: Selects the hyper primitives that are decisions; the others stay.

  Returns:
    A copy of `value` with each decision point replaced by its choice.

  Raises:
    KeyError: the dict names an unknown decision (listing the valid ones), or
      misses an active one.
    ValueError: the decisions do not fit the space (naming the decision id).
    TypeError: `parameters` is neither a DNA nor a dict.

  Example:
    >>> space = pg.Dict(act=pg.oneof(['relu', 'tanh']), units=pg.oneof([8, 16]))
    >>> pg.materialize(space, pg.DNA([1, 0])) == {'act': 'tanh', 'units': 8}
    True
    >>> pg.materialize(space, {'act': 'relu', 'units': 16}).units
    16
  """
  template = _template(value, where)
  if isinstance(parameters, dict):
    spec = template.dna_spec()
    parameters = geno.DNA.from_dict(
        {k: _as_index(spec, k, v, use_literal_values)
         for k, v in parameters.items()}, spec)
  elif not isinstance(parameters, geno.DNA):
    raise TypeError(
        f'pg.materialize expects a pg.DNA or a dict of decisions; got '
        f'{parameters!r} of type {type(parameters).__name__}.')
  return template.decode(parameters)


def _as_index(spec: geno.Space, key: Any, value: Any,
              use_literal_values: bool) -> Any:
  """Turns the literal value given for a choice into the candidate's index."""
  point = spec.get(key)
  if isinstance(point, list):
    point = point[0]  # A multi-choice: each subchoice has the same candidates.
  if not getattr(point, 'is_categorical', False):
    return value
  if isinstance(value, list):
    return [_literal_index(point, v, use_literal_values) for v in value]
  return _literal_index(point, value, use_literal_values)


def _literal_index(point: Any, value: Any, use_literal_values: bool) -> Any:
  if type(value) is int and not use_literal_values:
    return value
  literals = point.literal_values or []
  for i, literal in enumerate(literals):
    if type(literal) is type(value) and literal == value:
      return i
  if isinstance(value, str):
    n = len(literals)
    for i, literal in enumerate(literals):
      # The 'choice_and_literal' form of `DNA.to_dict`, and the bare 'i/n'.
      if value in (f'{i}/{n}', f'{i}/{n} ({literal})'):
        return i
  return value


# The templates of the spaces materialized last, by id(space): (space, where,
# tree version, template). The space is held, so its id stays its own.
_TEMPLATES: collections.OrderedDict[int, tuple[Any, Any, tuple[int, int], ObjectTemplate]] = (
    collections.OrderedDict())
_MAX_TEMPLATES = 16


def _template(value: Any, where: WhereFn | None) -> ObjectTemplate:
  """The template of `value`, reused while the space is unchanged."""
  if not isinstance(value, symbolic.Symbolic):
    return ObjectTemplate(value, where=where)
  key = id(value)
  version = symbolic.tree_version(value)
  entry = _TEMPLATES.get(key)
  if entry is not None and entry[1] is where and entry[2] == version:
    _TEMPLATES.move_to_end(key)
    return entry[3]
  template = ObjectTemplate(value, where=where)
  _TEMPLATES[key] = (value, where, version, template)
  _TEMPLATES.move_to_end(key)
  if len(_TEMPLATES) > _MAX_TEMPLATES:
    _TEMPLATES.popitem(last=False)
  return template
