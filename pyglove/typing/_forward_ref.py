"""`ForwardRef`: a class named in an annotation before it exists.

``children: list['Node']`` inside class ``Node`` names a class that is only
bound once its body has run. The reference keeps the name and the module it
is looked up in, and resolves on first use.
"""
from __future__ import annotations

import sys
from typing import Any


class ForwardRef:
  """A dotted class name, resolved lazily in a module's namespace.

  Example:
    >>> import collections
    >>> ForwardRef('OrderedDict', 'collections').resolve() is collections.OrderedDict
    True
    >>> ForwardRef('NotDefinedYet', 'collections').resolve() is None
    True
  """

  def __init__(self, name: str, module: str):
    self._name = name
    self._module = module
    self._resolved: type | None = None

  @property
  def name(self) -> str:
    """The (dotted) class name."""
    return self._name

  @property
  def module(self) -> str:
    """The name of the module the class name is looked up in."""
    return self._module

  def resolve(self) -> type | None:
    """The class, or None when the name is not (yet) bound to a class."""
    if self._resolved is None:
      module = sys.modules.get(self._module)
      parts = self._name.split('.')
      value: Any = getattr(module, parts[0], None) if module else None
      if value is None:
        value = getattr(sys.modules['builtins'], parts[0], None)
      for part in parts[1:]:
        value = getattr(value, part, None)
      if isinstance(value, type):
        self._resolved = value
    return self._resolved

  def __eq__(self, other: Any) -> bool:
    return (isinstance(other, ForwardRef) and self._name == other.name
            and self._module == other.module)

  def __hash__(self) -> int:
    return hash((self._name, self._module))

  def __repr__(self) -> str:
    return f'ForwardRef({self._name!r}, module={self._module!r})'
