"""Types and functions in JSON: written by name (and code), resolved safely.

A type is written as ``{'_type': 'type', 'name': 'module.QualName'}``; a
function as ``{'_type': 'function', 'name': ...}``, plus its marshalled code
and defaults when it is a lambda or a nested function (which no name can
find again); a class method as ``{'_type': 'method', 'name': ...}``. These
are the reference PyGlove's forms.

Resolving a type by name reads registered classes, builtins and modules that
are already imported, through their ``__dict__`` only: it never imports a
module named by the data, nor runs a module's ``__getattr__``. A function is
code, so loading one is refused unless the caller passes ``trusted=True``,
which also lets names import their modules.
"""
from __future__ import annotations

import base64
import binascii
import builtins
import importlib
import inspect
import marshal
import sys
import types
from typing import Any, Callable

TYPE_REF = 'type'
FUNCTION = 'function'
METHOD = 'method'

_SPECIAL = {'builtins.NoneType': type(None), 'builtins.Ellipsis': ...}


class UnsafeLoadError(ValueError):
  """Raised when loading would run code named by the data without ``trusted=True``."""


def qualified_name(value: Any) -> str:
  """``'module.QualName'`` of a class or function."""
  module = getattr(value, '__module__', None) or 'builtins'
  return f'{module}.{value.__qualname__}'


def type_to_json(cls: type) -> dict[str, Any]:
  """The JSON form of a class."""
  if cls is type(None):
    return {'_type': TYPE_REF, 'name': 'builtins.NoneType'}
  return {'_type': TYPE_REF, 'name': qualified_name(cls)}


def function_to_json(fn: Any, to_json: Callable[[Any], Any]) -> dict[str, Any]:
  """The JSON form of a function, builtin function or class method.

  Raises:
    TypeError: `fn` is a method bound to an instance (no name finds it).
  """
  if inspect.ismethod(fn):
    if not isinstance(fn.__self__, type):
      raise TypeError(
          f'{fn!r} is a method bound to an instance; only functions and '
          f'class methods can be stored as JSON.')
    return {'_type': METHOD, 'name': qualified_name(fn)}
  name = qualified_name(fn)
  result = {'_type': FUNCTION, 'name': name}
  code = getattr(fn, '__code__', None)
  if code is not None and ('<lambda>' in name or '<locals>' in name):
    result['code'] = base64.encodebytes(marshal.dumps(code)).decode('ascii')
    result['defaults'] = to_json(fn.__defaults__)
  return result


def is_function(value: Any) -> bool:
  """Whether `value` is stored through `function_to_json`."""
  return isinstance(value, (types.FunctionType, types.BuiltinFunctionType,
                            types.MethodType))


def resolve_type(name: Any, lookup: Callable[[str], Any],
                 trusted: bool = False) -> type:
  """Resolves ``'module.QualName'`` to a class without running code.

  Registered classes come first, then builtins and classes of imported
  modules; with `trusted`, the module is imported if it is not yet.

  Raises:
    TypeError: the name resolves to no class.
  """
  if not isinstance(name, str):
    raise TypeError(f'A type name must be a string; got {name!r}.')
  found = lookup(name)
  if found is None:
    found = _SPECIAL.get(name)
  if found is None:
    found = _find_loaded(name)
  if found is None and trusted:
    found = _import_symbol(name)
  if not isinstance(found, type):
    raise TypeError(
        f'Cannot resolve type {name!r}: no class of that name is registered '
        f'or in an imported module. Import its module first, or pass '
        f'trusted=True to let loading import it.')
  return found


def load_function(kind: str, json_value: dict[str, Any], trusted: bool,
                  from_json: Callable[[Any], Any]) -> Any:
  """Rebuilds a function or class method, only when `trusted`.

  Raises:
    UnsafeLoadError: `trusted` is False.
    ValueError: the entry is malformed, or its code refers to variables of
      an enclosing function (which JSON cannot carry).
    TypeError: the name resolves to nothing callable.
  """
  name = json_value.get('name')
  if not trusted:
    raise UnsafeLoadError(
        f'The JSON data holds the {kind} {name!r}: loading it would run code '
        f'that the data names. If you trust the source of the data, pass '
        f'trusted=True (e.g. pg.from_json(value, trusted=True) or '
        f'pg.load(path, trusted=True)).')
  if not isinstance(name, str):
    raise ValueError(f'A {kind} entry needs a string "name"; got {name!r}.')
  if 'code' in json_value:
    return _function_from_code(name, json_value, from_json)
  found = _find_loaded(name, allow_any=True)
  if found is None:
    found = _import_symbol(name, allow_any=True)
  if not callable(found):
    raise TypeError(f'Cannot load {kind} {name!r}: no such callable.')
  return found


def _function_from_code(name: str, json_value: dict[str, Any],
                        from_json: Callable[[Any], Any]) -> Any:
  try:
    code = marshal.loads(base64.decodebytes(
        str(json_value['code']).encode('ascii')))
  except (ValueError, EOFError, TypeError, binascii.Error) as e:
    raise ValueError(f'Malformed code of function {name!r}: {e}') from None
  if not isinstance(code, types.CodeType):
    raise ValueError(f'The code of function {name!r} is not a code object.')
  if code.co_freevars:
    raise ValueError(
        f'Function {name!r} uses variables of its enclosing function '
        f'({", ".join(code.co_freevars)}), which JSON cannot carry.')
  module = sys.modules.get(name.split('.<locals>')[0].rpartition('.')[0])
  namespace = vars(module) if module is not None else {
      '__builtins__': builtins}
  defaults = from_json(json_value.get('defaults'))
  if defaults is not None and not isinstance(defaults, tuple):
    raise ValueError(
        f'The defaults of function {name!r} must be a tuple; got {defaults!r}.')
  return types.FunctionType(code, namespace, code.co_name, defaults)


def _find_loaded(name: str, allow_any: bool = False) -> Any:
  """The symbol `name` from an imported module, read through ``__dict__`` only."""
  parts = name.split('.')
  for split in range(len(parts) - 1, 0, -1):
    module = sys.modules.get('.'.join(parts[:split]))
    if module is not None:
      return _walk(module, parts[split:], allow_any)
  return None


def _import_symbol(name: str, allow_any: bool = False) -> Any:
  parts = name.split('.')
  for split in range(len(parts) - 1, 0, -1):
    try:
      module = importlib.import_module('.'.join(parts[:split]))
    except ImportError:
      continue
    return _walk(module, parts[split:], allow_any)
  return None


def _walk(obj: Any, names: list[str], allow_any: bool) -> Any:
  for n in names:
    namespace = getattr(obj, '__dict__', None)
    if namespace is None or n not in namespace:
      return None
    value = namespace[n]
    if isinstance(value, (classmethod, staticmethod,
                          types.ClassMethodDescriptorType)):
      value = value.__get__(None, obj)
    obj = value
  if allow_any or isinstance(obj, type):
    return obj
  return None
