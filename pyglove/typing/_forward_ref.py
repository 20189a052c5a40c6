"""`ForwardRef`: a class named in an annotation before it exists.

``children: list['Node']`` inside class ``Node`` names a class that is only
bound once its body has run. As the reference's, a forward reference keeps
the module and the (qualified) name it is looked up in, and resolves on use.
"""
from __future__ import annotations

import sys
import types
from typing import Any


class ForwardRef:
  """A (dotted) class name in a module, resolved lazily.

  Args:
    module: the module (or its name) the name is looked up in.
    name: the qualified name of the class (``'Outer.Inner'``).

  Example:
    >>> import collections
    >>> ref = ForwardRef(collections, 'OrderedDict')
    >>> ref.resolved, ref.cls is collections.OrderedDict, ref.name
    (True, True, 'OrderedDict')
    >>> ForwardRef('collections', 'NotDefinedYet').as_annotation()
    'NotDefinedYet'
  """

  def __init__(self, module: types.ModuleType | str, name: str):
    if isinstance(module, types.ModuleType):
      self._module_name = module.__name__
    elif isinstance(module, str):
      self._module_name = module
    else:
      raise TypeError(
          f'ForwardRef: module must be a module or a module name; got '
          f'{module!r}.')
    if not isinstance(name, str) or not name:
      raise TypeError(f'ForwardRef: name must be a non-empty str; got {name!r}.')
    self._qualname = name
    self._resolved: type | None = None

  @property
  def module(self) -> types.ModuleType | None:
    """The module the name is looked up in (None while it is not imported)."""
    return sys.modules.get(self._module_name)

  @property
  def module_name(self) -> str:
    return self._module_name

  @property
  def name(self) -> str:
    """The class name (the last part of `qualname`)."""
    return self._qualname.rsplit('.', 1)[-1]

  @property
  def qualname(self) -> str:
    """The qualified name in the module, e.g. ``'Outer.Inner'``."""
    return self._qualname

  @property
  def type_id(self) -> str:
    """``'module.QualName'``."""
    return f'{self._module_name}.{self._qualname}'

  def resolve(self) -> type | None:
    """The class, or None when the name is not (yet) bound to a class."""
    if self._resolved is None:
      value = self._lookup()
      if isinstance(value, type):
        self._resolved = value
    return self._resolved

  def _lookup(self) -> Any:
    module = self.module
    parts = self._qualname.split('.')
    value: Any = getattr(module, parts[0], None) if module else None
    if value is None:
      value = getattr(sys.modules['builtins'], parts[0], None)
    for part in parts[1:]:
      value = getattr(value, part, None)
    return value

  @property
  def resolved(self) -> bool:
    """Whether the name is bound to a class now."""
    return self.resolve() is not None

  @property
  def cls(self) -> type:
    """The class.

    Raises:
      TypeError: the name does not exist in the module, or is not a class.
    """
    cls = self.resolve()
    if cls is None:
      if self._lookup() is None:
        raise TypeError(
            f'{self._qualname!r} does not exist in module '
            f'{self._module_name!r}.')
      raise TypeError(
          f'{self._qualname!r} from module {self._module_name!r} is not a '
          'class.')
    return cls

  def as_annotation(self) -> type | str:
    """The class when resolved, else its qualified name."""
    cls = self.resolve()
    return cls if cls is not None else self._qualname

  def __eq__(self, other: Any) -> bool:
    if isinstance(other, ForwardRef):
      return (self._qualname == other.qualname
              and self._module_name == other.module_name)
    if isinstance(other, type):
      return self.resolve() is other
    return False

  def __ne__(self, other: Any) -> bool:
    return not self.__eq__(other)

  def __hash__(self) -> int:
    return hash((self._module_name, self._qualname))

  def __repr__(self) -> str:
    return (f'ForwardRef(module={self._module_name!r}, '
            f'name={self._qualname!r})')

  def __copy__(self) -> 'ForwardRef':
    return ForwardRef(self._module_name, self._qualname)

  def __deepcopy__(self, memo: dict[int, Any]) -> 'ForwardRef':
    return self.__copy__()

  def __reduce__(self) -> Any:
    return ForwardRef, (self._module_name, self._qualname)
