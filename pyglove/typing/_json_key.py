"""JSON names of the typing classes: ``pyglove.typing.<Name>``.

The classes live in private modules that may be reorganised; their JSON form
uses the public name so that stored specs and schemas keep loading. The
private ``module.QualName`` keys stay registered as well.
"""
from __future__ import annotations

from typing import Any

from pyglove.utils import JSONConvertible
from pyglove.utils import register_json_type
from pyglove.utils import type_key

_PACKAGE = 'pyglove.typing'


def json_key(cls: type) -> str:
  """The ``'_type'`` written for `cls`: its public name for typing classes.

  Example:
    >>> from pyglove.typing import Int
    >>> json_key(Int)
    'pyglove.typing.Int'
  """
  if cls.__module__.startswith(_PACKAGE + '.'):
    return f'{_PACKAGE}.{cls.__qualname__}'
  return type_key(cls)


class TypingJSONConvertible(JSONConvertible):
  """A JSONConvertible also registered under its public typing name."""

  def __init_subclass__(cls, **kwargs: Any) -> None:
    super().__init_subclass__(**kwargs)
    register_json_type(json_key(cls), cls)
