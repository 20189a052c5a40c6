"""A module that leaves a marker file when it is imported or its attributes are looked up.

The hostile-input tests name it in JSON data: the marker proves whether
loading imported it or ran its module-level ``__getattr__``.
"""
import os


def _leave_marker(what: str) -> None:
  path = os.environ.get('PYGLOVE_HOSTILE_MARKER')
  if path:
    with open(path, 'a', encoding='utf-8') as f:
      f.write(what + '\n')


_leave_marker('imported')


def __getattr__(name: str):
  _leave_marker(f'getattr {name}')
  return os.system


class Harmless:
  """A plain class (not registered with pyglove)."""
