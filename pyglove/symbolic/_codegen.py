"""Generates a fast ``__init__`` for each symbolic class, once, when its schema is set.

The generated function takes the fields as real parameters (so Python binds
positional and keyword arguments), then validates each field with code
specialized for it: an inlined immutable default, a direct call of the
spec's `apply` for scalar values, the generic conversion for containers and
symbolic values. Classes whose construction does not fit this mould (a
``*args`` or ``**kwargs`` field, a custom ``__init__``, a field name that
is not a plain identifier) keep the generic loop of `Object.__init__`.
"""
from __future__ import annotations

import keyword
from typing import Any, Callable

from pyglove.symbolic import _convert
from pyglove.symbolic import _flags
from pyglove.symbolic._base import Symbolic
from pyglove.symbolic._fastpath import ATOMIC_TYPES
from pyglove.symbolic._fastpath import VALIDATION_ERRORS
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE

_CONTAINERS = (dict, list)
_RESERVED = frozenset(['self', 'allow_partial', 'sealed', 'root_path'])


def make_init(cls: type,
              generic_init: Callable[..., None]) -> Callable[..., None] | None:
  """Returns a generated ``__init__`` for `cls`, or None when it does not apply.

  Args:
    cls: a `pg.Object` subclass whose schema is compiled.
    generic_init: `Object.__init__`, run instead for instances of subclasses
      that reach the generated function through ``super().__init__``.
  """
  if cls._sym_varargs_name is not None or cls._sym_has_varkw:  # pylint: disable=protected-access
    return None
  specs = cls._sym_specs  # pylint: disable=protected-access
  names = [k for k, _ in specs]
  if any(not n.isidentifier() or keyword.iskeyword(n) or n.startswith('_')
         or n in _RESERVED for n in names):
    return None
  positional = list(cls._sym_positional_names)  # pylint: disable=protected-access
  keyword_only = [n for n in names if n not in positional]
  params = [f'{n}=_M' for n in positional]
  params.append('*')
  params.extend(f'{n}=_M' for n in keyword_only)
  params.extend(['allow_partial=False', 'sealed=None', 'root_path=None',
                 '**_extra'])
  namespace: dict[str, Any] = {
      '_M': MISSING_VALUE,
      '_type': type,
      '_ATOMIC': ATOMIC_TYPES,
      '_ERRORS': VALIDATION_ERRORS,
      '_KeyPath': KeyPath,
      '_child': _child,
      '_flags': _flags,
  }
  given = '{' + ', '.join(f'{n!r}: {n}' for n in names) + '}'
  namespace['_cls'] = cls
  namespace['_generic'] = generic_init
  lines = [f'def __init__(self, {", ".join(params)}):',
           # A subclass with its own __init__ reaches here through super():
           # its fields differ, so the generic loop over its schema runs.
           '  if self.__class__ is not _cls:',
           '    return _generic(self, allow_partial=allow_partial, '
           'sealed=sealed, root_path=root_path, '
           f'**{{k: v for k, v in {given}.items() if v is not _M}}, **_extra)',
           '  _d = self.__dict__',
           '  _d["_sym_parent"] = None',
           '  _d["_sym_key"] = None if root_path is None else '
           '_KeyPath.from_value(root_path)',
           '  _d["_sym_partial"] = allow_partial',
           '  _d["_sym_sealed"] = False',
           '  if _extra:',
           '    self._sym_bind_extra_keywords(_extra, {}, allow_partial)']
  for i, (name, spec) in enumerate(specs):
    namespace[f'_spec{i}'] = spec
    namespace[f'_apply{i}'] = spec.apply
    lines.append(f'  if {name} is _M:')
    if not spec.has_default:
      lines.append('    if not allow_partial:')
      lines.append(f'      self._sym_raise_missing({given})')
    elif type(spec.default) in ATOMIC_TYPES and not spec.frozen:
      namespace[f'_default{i}'] = spec.default
      lines.append(f'    {name} = _default{i}')
    else:
      lines.append(f'    {name} = _child(self, {name!r}, _spec{i}, _M, '
                   'allow_partial)')
    lines.extend([
        f'  elif _type({name}) in _ATOMIC:',
        '    try:',
        f'      {name} = _apply{i}({name}, allow_partial)',
        '    except _ERRORS:',
        f'      _apply{i}({name}, allow_partial, None, '
        f'self._sym_field_path({name!r}))',
        '      raise',
        '  else:',
        f'    {name} = _child(self, {name!r}, _spec{i}, {name}, allow_partial)',
    ])
  lines.extend([
      f'  _values = {given}',
      '  _d["_sym_values"] = _values',
  ])
  if cls._sym_unmirrored:  # pylint: disable=protected-access
    lines.append('  _cls._sym_mirror(_d, _values)')
  else:
    lines.append('  _d.update(_values)')
  if cls._sym_on_bound_overridden:  # pylint: disable=protected-access
    lines.append('  self._on_bound()')
  if cls._sym_on_init_overridden:  # pylint: disable=protected-access
    lines.append('  self._on_init()')
  lines.extend([
      '  if sealed is None and _flags.sealed_scopes:',
      '    sealed = _flags.sealed_override()',
      '  if sealed:',
      '    self.seal()',
  ])
  exec('\n'.join(lines), namespace)  # pylint: disable=exec-used
  init = namespace['__init__']
  init.__qualname__ = f'{cls.__qualname__}.__init__'
  init.__module__ = cls.__module__
  init.__doc__ = cls.__init__.__doc__
  init.sym_generated = True
  return init


def _child(obj: Any, key: str, spec: Any, value: Any,
           allow_partial: bool) -> Any:
  """Validates and converts a non-scalar field value, and adopts it."""
  if (isinstance(value, Symbolic) and value._sym_parent is None  # pylint: disable=protected-access
      and not isinstance(value, _CONTAINERS)):
    # The common case of a tree being built: a new, parentless object that
    # its spec accepts as is. Anything else takes the general path below.
    try:
      accepted = spec.apply(value, allow_partial) is value
    except VALIDATION_ERRORS:
      accepted = False
    if accepted and value is not spec.default:
      value.sym_setparent(obj, key)
      return value
  return obj._sym_adopt(_convert.validate_child(  # pylint: disable=protected-access
      spec, value, allow_partial,
      lambda: obj._sym_field_path(key)), key)  # pylint: disable=protected-access
