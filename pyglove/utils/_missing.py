"""The `MISSING_VALUE` sentinel: a value that has not been specified."""
from __future__ import annotations

from typing import Any


class MissingValue:
  """Marks a field or argument that has no value yet.

  There is one instance, `MISSING_VALUE`; it is distinct from `None`, which is a
  legitimate value. It is falsy, compares equal only to itself and survives
  copying and pickling as the same singleton.

  Example:
    >>> MISSING_VALUE is MissingValue()
    True
  """

  _instance: 'MissingValue | None' = None

  def __new__(cls) -> 'MissingValue':
    if cls._instance is None:
      cls._instance = super().__new__(cls)
    return cls._instance

  def __repr__(self) -> str:
    return 'MISSING_VALUE'

  def __bool__(self) -> bool:
    return False

  def __eq__(self, other: Any) -> bool:
    return isinstance(other, MissingValue)

  def __hash__(self) -> int:
    return hash(MissingValue)

  def __copy__(self) -> 'MissingValue':
    return self

  def __deepcopy__(self, memo: dict[int, Any]) -> 'MissingValue':
    return self

  def __reduce__(self) -> tuple[type, tuple[()]]:
    return (MissingValue, ())


MISSING_VALUE = MissingValue()
