"""The symbolic fast paths, in one place, with the invariants they rely on.

Each fast path here does what a generic twin elsewhere does, for the common
case only, and is pinned to it by a hypothesis property in
`tests/symbolic/test_fastpath.py`. They rely on these invariants:

1. Atomic values (`ATOMIC_TYPES`: exact types, not subclasses) are immutable
   and have no children: they are never copied, never adopted, and two of
   them are equal exactly when ``==`` says so.
2. A `pg.Object`'s field values live in ``obj._sym_values`` (field name to
   value, in field order) and, for every field not named like a class
   accessor (``cls._sym_unmirrored``), also in ``obj.__dict__`` under the
   same name, as the same object. Only `Object._sym_assign` and the
   construction and clone paths write either, and they write both.
3. `object_sym_items` is the default `sym_items` of `pg.Object`: a class that
   keeps it (and keeps the library's `sym_eq`) is "default-compared", and
   two such objects of one type are equal iff their `_sym_values` are
   (`eq_field_values`, the twin of `_eq.eq_items`).
4. The generated ``__init__`` of a class (`make_init`) binds, validates,
   converts and adopts exactly like the generic loop of `Object.__init__`
   (which `_convert.validate_child` and `Symbolic._sym_adopt` do), and raises
   the same errors. A new parentless object that its spec accepts as it is
   gets adopted in place (`adopt_field`); anything else takes the generic
   path.
5. A field's scalar value is validated by a direct ``spec.apply`` call; only
   on failure is the value validated again with its key path
   (`_convert.reject_with_path`), so that no path is built on success.
6. An unconstrained `Bool`, `Int`, `Float` or `Str` spec (no range, no
   regex) accepts a value whose class is its ``_fast_type`` unchanged
   (``spec.apply(v) is v``); ``_fast_type`` is None while the spec is
   frozen. The generated ``__init__`` then skips the call.
7. A class whose fields are all `Bool`, `Int`, `Float` or `Str` (no
   ``**kwargs`` field; `atomic_fields`) holds only atomic values (or
   MISSING_VALUE while partial), so ``==`` of two such `_sym_values` dicts,
   run in C, is the symbolic equality of the objects.
"""
from __future__ import annotations

import copy
import keyword
from typing import Any, Callable

from pyglove import typing as pg_typing
from pyglove.symbolic import _convert
from pyglove.symbolic import _flags
from pyglove.symbolic._base import Symbolic
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE

# Exact types of immutable values without children (invariant 1).
ATOMIC_TYPES = _convert.ATOMIC_TYPES

# What a spec raises when it rejects a value.
VALIDATION_ERRORS = _convert.VALIDATION_ERRORS

# Stands for an absent key in comparisons (never a user value).
ABSENT = object()


def object_sym_items(self: Any) -> Any:
  """The default `pg.Object.sym_items`: its fields, in order (invariant 3)."""
  return iter(self._sym_values.items())  # pylint: disable=protected-access


_BASE_SYM_EQ = Symbolic.sym_eq


def is_default_compared(cls: type) -> bool:
  """Whether instances of `cls` compare by their `_sym_values` (invariant 3)."""
  return (getattr(cls, 'sym_items', None) is object_sym_items
          and cls.sym_eq is _BASE_SYM_EQ)


_SCALAR_SPECS = (pg_typing.Bool, pg_typing.Int, pg_typing.Float, pg_typing.Str)


def atomic_fields(specs: Any, has_varkw: bool) -> bool:
  """Whether a class with these (name, spec) fields holds atomic values only (invariant 7)."""
  return not has_varkw and all(type(spec) in _SCALAR_SPECS for _, spec in specs)


def eq_field_values(left: dict[str, Any], right: dict[str, Any],
                    eq_child: Callable[[Any, Any], bool]) -> bool:
  """Compares the field dicts of two default-compared objects of one type.

  Scalars and nested default-compared objects are compared inline (they are
  most fields, and a call each would dominate), nested objects of atomic
  fields by one ``==`` in C (invariant 7); other children go to `eq_child`.
  """
  if len(left) != len(right):
    return False
  get = right.get
  for key, x in left.items():
    y = get(key, ABSENT)
    if x is y:
      continue
    x_type = type(x)
    if x_type in ATOMIC_TYPES and type(y) in ATOMIC_TYPES:
      if x != y:
        return False
    elif (x_type is type(y)
          and getattr(x_type, 'sym_items', None) is object_sym_items
          and x_type.sym_eq is _BASE_SYM_EQ):  # is_default_compared, inline.
      if x_type._sym_atomic_fields:  # pylint: disable=protected-access
        if x._sym_values != y._sym_values:  # pylint: disable=protected-access
          return False
      elif not eq_field_values(x._sym_values, y._sym_values, eq_child):  # pylint: disable=protected-access
        return False
    elif y is ABSENT or not eq_child(x, y):
      return False
  return True


def is_unchanged(old: Any, new: Any) -> bool:
  """Whether storing `new` over `old` changes nothing (same object or equal atom)."""
  if old is new:
    return True
  return type(old) is type(new) and type(old) in ATOMIC_TYPES and old == new


def clone_value(value: Any, deep: bool, memo: dict[int, Any]) -> Any:
  """Copies a child for a clone: symbolic nodes always, plain values if `deep`."""
  if type(value) in ATOMIC_TYPES:
    return value
  if isinstance(value, Symbolic):
    return value._sym_clone(deep, memo)  # pylint: disable=protected-access
  if deep:
    return copy.deepcopy(value, memo)
  return value


# ---- The generated __init__ (invariant 4) ------------------------------------

_CONTAINERS = (dict, list)
_RESERVED = frozenset(['self', 'allow_partial', 'sealed', 'root_path',
                       'explicit_init'])


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
  params.append('*_args')  # Too many positional arguments: reported below.
  params.extend(f'{n}=_M' for n in keyword_only)
  # explicit_init changes nothing here: no base after the symbolic one has
  # an __init__ to run (a class with one keeps the generic __init__).
  params.extend(['allow_partial=False', 'sealed=None', 'root_path=None',
                 'explicit_init=False', '**_extra'])
  namespace: dict[str, Any] = {
      '_M': MISSING_VALUE,
      '_type': type,
      '_ATOMIC': ATOMIC_TYPES,
      '_ERRORS': VALIDATION_ERRORS,
      '_KeyPath': KeyPath,
      '_child': adopt_field,
      '_reject': _convert.reject_with_path,
      '_flags': _flags,
  }
  given = '{' + ', '.join(f'{n!r}: {n}' for n in names) + '}'
  kwonly_given = '{' + ', '.join(f'{n!r}: {n}' for n in keyword_only) + '}'
  namespace['_cls'] = cls
  namespace['_generic'] = generic_init
  lines = [f'def __init__(self, {", ".join(params)}):',
           # A subclass with its own __init__ reaches here through super():
           # its fields differ, so the generic loop over its schema runs.
           '  if self.__class__ is not _cls:',
           # More positional arguments than ours fill every positional slot.
           '    if _args:',
           f'      return _generic(self, {"".join(n + ", " for n in positional)}'
           '*_args, allow_partial=allow_partial, sealed=sealed, '
           'root_path=root_path, explicit_init=explicit_init, '
           f'**{{k: v for k, v in {kwonly_given}.items() if v is not _M}}, '
           '**_extra)',
           '    return _generic(self, allow_partial=allow_partial, '
           'sealed=sealed, root_path=root_path, '
           'explicit_init=explicit_init, '
           f'**{{k: v for k, v in {given}.items() if v is not _M}}, **_extra)',
           '  if _args:',
           '    _cls._sym_bind_positional(('
           f'{"".join(n + ", " for n in positional)}) + _args, {{}})',
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
    if _accepts_its_type_as_is(spec):
      # Invariant 6: a value of the spec's exact type is accepted unchanged.
      lines.extend([f'  elif _type({name}) is _spec{i}._fast_type:',
                    '    pass'])
    lines.extend([
        f'  elif _type({name}) in _ATOMIC:',
        '    try:',
        f'      {name} = _apply{i}({name}, allow_partial)',
        '    except _ERRORS:',
        f'      _reject(_spec{i}, {name}, allow_partial, '
        f'lambda: self._sym_field_path({name!r}))',
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


def _accepts_its_type_as_is(spec: Any) -> bool:
  """Whether `spec` accepts every value of its exact type unchanged (invariant 6)."""
  kind = type(spec)
  if kind is pg_typing.Bool:
    return True
  if kind is pg_typing.Int or kind is pg_typing.Float:
    return spec.min_value is None and spec.max_value is None
  if kind is pg_typing.Str:
    return spec.regex is None
  return False


def adopt_field(obj: Any, key: str, spec: Any, value: Any,
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
