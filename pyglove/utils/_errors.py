"""One place that formats error messages with the key path of the offending value."""
from __future__ import annotations

from typing import Any


def message_on_path(message: str, path: Any) -> str:
  """Appends ``(path=...)`` to `message` unless `path` is None.

  Every validation error goes through here, so messages read alike:

    >>> message_on_path('Value -1 is out of range (min=0, max=None).', 'model.units')
    'Value -1 is out of range (min=0, max=None). (path=model.units)'
  """
  if path is None:
    return message
  return f'{message} (path={path})'
