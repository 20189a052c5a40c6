"""A small reader of Google-style docstrings: summary and ``Args:`` entries."""
from __future__ import annotations

import dataclasses
import inspect
import re

_SECTION = re.compile(r'^(\w[\w ]*):\s*$')
_ARG = re.compile(r'^\*{0,2}(\w+)(\s*\([^)]*\))?\s*:\s*(.*)$')


@dataclasses.dataclass
class Docstring:
  """The parts of a docstring that schemas use.

  Attributes:
    summary: the first paragraph, joined into one line.
    args: descriptions by argument name (``*args``/``**kwargs`` without stars).
  """
  summary: str | None
  args: dict[str, str]


def parse_docstring(text: str | None) -> Docstring:
  """Reads the summary and the ``Args:`` section of a Google-style docstring.

  Example:
    >>> d = parse_docstring('''Adds.
    ...
    ... Args:
    ...   x: the first
    ...     number.
    ...   y (int): the second.
    ... ''')
    >>> d.summary, d.args
    ('Adds.', {'x': 'the first number.', 'y': 'the second.'})
  """
  if not text:
    return Docstring(None, {})
  lines = inspect.cleandoc(text).splitlines()
  summary_lines = []
  for line in lines:
    if not line.strip():
      break
    summary_lines.append(line.strip())
  args: dict[str, str] = {}
  section = None
  current = None
  for line in lines:
    header = _SECTION.match(line)
    if header and not line.startswith(' '):
      section = header.group(1).lower()
      current = None
      continue
    if section not in ('args', 'arguments', 'parameters'):
      continue
    stripped = line.strip()
    if not stripped:
      current = None
      continue
    indent = len(line) - len(line.lstrip())
    match = _ARG.match(stripped)
    if match and (current is None or indent <= current[1]):
      current = (match.group(1), indent)
      args[current[0]] = match.group(3).strip()
    elif current is not None:
      args[current[0]] = f'{args[current[0]]} {stripped}'.strip()
  return Docstring(' '.join(summary_lines) or None, args)
