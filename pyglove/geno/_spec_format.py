"""The compact text of DNA specs: a tree of spaces, choices and their candidates.

    Space({
      0 = 'a': Choices(num_choices=1, [
        (0): 1
        (1): Space({
          0 = 'q': Float(min_value=0.0, max_value=1.0)
        })
      ])
    })

A candidate prints as its literal value when it has one and no decision
inside; properties print only when they differ from their defaults (the id
always, at the top).
"""
from __future__ import annotations

from typing import Any


def format_spec(spec: Any, indent: int, show_id: bool) -> str:
  """The compact text of `spec` at indentation level `indent`."""
  if spec.is_space:
    return _space(spec, indent)
  if spec.is_categorical:
    return _choices(spec, indent, show_id)
  props = [('id', str(spec.id))] if show_id else []
  if spec.is_custom_decision_point:
    props += _changed([('hyper_type', spec.hyper_type, None),
                       ('name', spec.name, None), ('hints', spec.hints, None)])
  else:
    props += _changed([('name', spec.name, None)])
    props += [('min_value', spec.min_value), ('max_value', spec.max_value)]
    props += _changed([('scale', getattr(spec, 'scale', None), None),
                       ('hints', spec.hints, None)])
  return f'{type(spec).__name__}({", ".join(_kv(k, v) for k, v in props)})'


def _space(space: Any, indent: int) -> str:
  if not space.elements:
    return 'Space()'
  lines = ['Space({']
  for i, element in enumerate(space.elements):
    text = format_spec(element, indent + 1, show_id=False)
    lines.append(_pad(f"{i} = '{element.location}': {text}", indent + 1))
  lines.append(_pad('})', indent))
  return '\n'.join(lines)


def _choices(choices: Any, indent: int, show_id: bool) -> str:
  lines = [f'Choices(num_choices={choices.num_choices}, [']
  literals = choices.literal_values
  for i, candidate in enumerate(choices.candidates):
    if literals and candidate.is_constant:
      text = str(literals[i])
    else:
      text = format_spec(candidate, indent + 1, show_id=False)
    lines.append(_pad(f'({i}): {text}', indent + 1))
  props = [('id', str(choices.id))] if show_id else []
  props += _changed([
      ('name', choices.name, None), ('distinct', choices.distinct, True),
      ('sorted', choices.sorted, False), ('hints', choices.hints, None),
      ('subchoice_index', choices.subchoice_index, None)])
  tail = _pad(']', indent)
  if props:
    tail += ', ' + (',\n' + _pad('', indent)).join(_kv(k, v) for k, v in props)
  lines.append(tail + ')')
  return '\n'.join(lines)


def _changed(items: list[tuple[str, Any, Any]]) -> list[tuple[str, Any]]:
  return [(k, v) for k, v, default in items if v != default]


def _kv(key: str, value: Any) -> str:
  return f'{key}={value!r}'


def _pad(text: str, indent: int) -> str:
  return '  ' * indent + text
