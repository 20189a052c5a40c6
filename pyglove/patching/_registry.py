"""The registry of patcher classes by name, so that a string like ``'lr?0.1'`` finds its patcher."""
from __future__ import annotations

from typing import Any

_patchers: dict[str, type] = {}
_allow_repeated = True


def allow_repeated_patcher_registration(allow: bool = True) -> None:
  """Sets whether registering a second patcher under a taken name replaces it (the default) or fails.

  Args:
    allow: True: the latest registration wins (convenient in notebooks,
      where cells are re-run); False: `pg.patcher` raises `KeyError`.
  """
  global _allow_repeated
  _allow_repeated = allow


def register(name: str, patcher_cls: type) -> None:
  """Registers `patcher_cls` under `name`.

  Raises:
    KeyError: `name` is taken and repeated registration is disallowed.
  """
  if name in _patchers and not _allow_repeated:
    raise KeyError(
        f'Patcher {name!r} is already registered (by '
        f'{_patchers[name].__module__}.{_patchers[name].__qualname__}); '
        f'choose another name, or call '
        f'pg.patching.allow_repeated_patcher_registration(True).')
  _patchers[name] = patcher_cls


def get(name: str) -> Any:
  """Returns the patcher class registered under `name`.

  Raises:
    KeyError: no patcher has that name (the message lists the names).
  """
  try:
    return _patchers[name]
  except KeyError:
    raise KeyError(
        f'Patcher {name!r} is not registered; registered patchers: '
        f'{", ".join(sorted(_patchers)) or "(none)"}.') from None


def patcher_names() -> list[str]:
  """Returns the names of the registered patchers, in registration order.

  Example:
    >>> @pg.patcher()
    ... def halve_steps(trainer):
    ...   return {'steps': trainer.steps // 2}
    >>> 'halve_steps' in pg.patching.patcher_names()
    True
  """
  return list(_patchers)
