"""`MissingValue(value_spec)`: a missing value that knows the spec it is missing for."""
from __future__ import annotations

from typing import Any

from pyglove.typing._base import ValueSpec
from pyglove.typing._base import describe
from pyglove.utils import Formattable
from pyglove.utils import MissingValue as _MissingValue


class MissingValue(_MissingValue, Formattable):
  """Equal to `MISSING_VALUE`; prints ``MISSING_VALUE(<spec>)`` in the indented form.

  Trees store the plain `MISSING_VALUE`; this form is for describing what is
  missing (and is what printing a partial object shows).

  Example:
    >>> from pyglove.typing import Int
    >>> from pyglove.utils import MISSING_VALUE
    >>> m = MissingValue(Int())
    >>> m == MISSING_VALUE, repr(m), str(m)
    (True, 'MISSING_VALUE', 'MISSING_VALUE(Int())')
  """

  def __new__(cls, value_spec: ValueSpec) -> 'MissingValue':
    del value_spec
    return object.__new__(cls)

  def __init__(self, value_spec: ValueSpec):
    if not isinstance(value_spec, ValueSpec):
      raise TypeError(
          f'MissingValue expects a ValueSpec; got {describe(value_spec)}.')
    self._value_spec = value_spec

  @property
  def value_spec(self) -> ValueSpec:
    """The spec of the missing value."""
    return self._value_spec

  def format(self, compact: bool = False, verbose: bool = True,
             root_indent: int = 0, **kwargs: Any) -> str:
    """``MISSING_VALUE`` when compact, else ``MISSING_VALUE(<spec>)``."""
    if compact:
      return 'MISSING_VALUE'
    spec = self._value_spec.format(compact=compact, verbose=verbose,
                                   root_indent=root_indent, **kwargs)
    return f'MISSING_VALUE({spec})'

  def __eq__(self, other: Any) -> bool:
    if isinstance(other, MissingValue):
      return self._value_spec == other._value_spec
    return isinstance(other, _MissingValue)

  def __hash__(self) -> int:
    return hash(_MissingValue)

  def __copy__(self) -> 'MissingValue':
    return self

  def __deepcopy__(self, memo: dict[int, Any]) -> 'MissingValue':
    return self

  def __reduce__(self) -> Any:
    return (MissingValue, (self._value_spec,))
