"""`pg.Object`: the base of symbolic classes, with typed fields compiled once per class.

Fields come from annotations (``x: int = 1``) or from `@pg.members`. When a
class is created, its schema, field order, positional-argument map and the
set of required fields are computed once, so that building an instance is a
single loop over the field specs writing into a plain dict. Field values are
kept in ``_sym_values`` and mirrored in the instance ``__dict__`` so that
reading ``obj.x`` costs no more than on a plain object.
"""
from __future__ import annotations

from typing import Any, Callable, Iterator

from pyglove import typing as pg_typing
from pyglove.symbolic import _convert
from pyglove.symbolic import _eq
from pyglove.symbolic import _fastpath
from pyglove.symbolic import _fields
from pyglove.symbolic import _flags
from pyglove.symbolic import _hash
from pyglove.symbolic import _inheritance
from pyglove.symbolic._base import Symbolic
from pyglove.symbolic._base import WritePermissionError
from pyglove.symbolic._base import orphan
from pyglove.symbolic._class_signature import ClassSignature
from pyglove.symbolic._class_signature import schema_signature
from pyglove.symbolic._dispatch import library_default
from pyglove.symbolic._fields import FieldValues
from pyglove.symbolic._fastpath import ATOMIC_TYPES
from pyglove.symbolic._fastpath import VALIDATION_ERRORS
from pyglove.symbolic._fastpath import clone_value
from pyglove.symbolic._fastpath import is_unchanged
from pyglove.symbolic._fastpath import object_sym_items
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import message_on_path


class Object(Symbolic):
  """Base of symbolic classes: typed fields, a symbolic tree, change hooks.

  Declare fields with annotations (UPPER_CASE, ``_private`` and ClassVar
  names are not fields) or with `@pg.members`; subclasses inherit and may
  narrow them.

  Args:
    *args: field values in `init_arg_list` order.
    allow_partial: accept missing required values (see `partial`).
    sealed: refuse writes after construction (None: follow `pg.as_sealed`).
    root_path: the key path of this object when it is a root (for messages).
    explicit_init: True when a subclass's ``__init__`` calls
      ``pg.Object.__init__(self, ..., explicit_init=True)`` and then its other
      bases' ``__init__`` itself; otherwise the ``__init__`` of a
      non-symbolic base listed after this one runs with no arguments first.
    **kwargs: field values by name.

  Raises:
    TypeError: an unknown keyword, too many positional arguments, a
      missing required argument, or a value of the wrong type; or the
      class has abstract methods (as `abc` classes do).
    ValueError: a value breaks its field's constraints.

  Example:
    >>> class A(pg.Object):
    ...   x: int
    ...   y: pg.typing.Int(min_value=0) = 1
    >>> A(1)
    A(x=1, y=1)
    >>> A(1, -1)
    Traceback (most recent call last):
      ...
    ValueError: Value -1 is out of range (min=0, max=None). (path=y)
  """

  allow_symbolic_assignment = False
  use_symbolic_comparison = True
  # Whether construction runs the __init__ of a non-symbolic base listed after
  # this one (`_sym_next_init`); class wrappers run the wrapped one themselves.
  _sym_inits_bases = True
  _sym_next_init = None
  # `inspect.signature(cls)` (and so `help()`): the fields as parameters
  # (this base class itself shows its constructor's keywords).
  __signature__ = ClassSignature()
  _sym_signature_from_init = True

  def __init_subclass__(cls, **kwargs: Any) -> None:
    super().__init_subclass__(**kwargs)
    cls._sym_next_init = (_inheritance.next_base_init(cls, Symbolic)
                          if cls._sym_inits_bases else None)
    own_fields = _fields.annotated_fields(cls)
    cls._sym_set_schema(_fields.inherit_schema(cls, own_fields, None, None))

  @classmethod
  def _sym_set_schema(cls, schema: Any) -> None:
    """Compiles what construction needs from `schema` (once per class)."""
    cls.__schema__ = schema
    cls.sym_fields = schema
    cls._sym_class_signature = None  # Rebuilt from the new schema on first use.
    specs = tuple((k, f.value) for k, f in schema.fields.items()
                  if isinstance(k, str))
    cls._sym_specs = specs
    cls._sym_keys = frozenset(k for k, _ in specs)
    cls._sym_required = frozenset(k for k, s in specs if not s.has_default)
    cls._sym_frozen_keys = frozenset(k for k, s in specs if s.frozen)
    cls._sym_has_varkw = any(not isinstance(k, str) for k in schema.fields)
    cls._sym_atomic_fields = _fastpath.atomic_fields(specs, cls._sym_has_varkw)
    metadata = schema.metadata
    init_arg_list = metadata.get('init_arg_list')
    # An empty list makes every field keyword-only (as the reference).
    cls._sym_init_arg_list = tuple(
        [k for k, _ in specs] if init_arg_list is None else init_arg_list)
    cls._sym_positional_names, cls._sym_varargs_name = (
        _fields.positional_names(cls._sym_init_arg_list, metadata))
    # Fields are mirrored in the instance __dict__ for fast reads, except
    # those named like a method or descriptor of the class (`format`, a
    # property of a symbolized class...), which must keep working.
    cls._sym_unmirrored = frozenset(
        k for k, _ in specs if _fields.is_class_accessor(cls, k))
    _inheritance.settle_abstract(cls, cls._sym_keys)
    cls._sym_on_init_overridden = cls._on_init is not Object._on_init
    cls._sym_on_bound_overridden = cls._on_bound is not Object._on_bound
    init = cls.__init__
    if cls is not Object and cls._sym_next_init is None and (
        init is Object.__init__ or getattr(init, 'sym_generated', False)):
      # No custom __init__ in between: a generated one can replace the loop.
      generated = _fastpath.make_init(cls, Object.__init__)
      if generated is not None:
        generated.__signature__ = schema_signature(schema, with_self=True)
      cls.__init__ = generated if generated is not None else Object.__init__

  @classmethod
  def _sym_mirror(cls, state: dict[str, Any], values: dict[str, Any]) -> None:
    """Copies field values into an instance __dict__ (see `_sym_unmirrored`)."""
    unmirrored = cls._sym_unmirrored
    if unmirrored:
      state.update((k, v) for k, v in values.items() if k not in unmirrored)
    else:
      state.update(values)

  # ---- Construction ---------------------------------------------------------

  def __init__(self, *args: Any, allow_partial: bool = False,
               sealed: bool | None = None, root_path: Any = None,
               explicit_init: bool = False, **kwargs: Any):
    cls = type(self)
    if args:
      kwargs = cls._sym_bind_positional(args, kwargs)
    self._sym_init_node(False, allow_partial, root_path)
    if not explicit_init and cls._sym_next_init is not None:
      cls._sym_next_init(self)
    d = self.__dict__
    values = {}
    get = kwargs.get
    required = cls._sym_required
    for key, spec in cls._sym_specs:
      v = get(key, MISSING_VALUE)
      if v is MISSING_VALUE and key in required:
        if not allow_partial:
          self._sym_raise_missing(kwargs)
        values[key] = MISSING_VALUE
        continue
      if type(v) in ATOMIC_TYPES:
        try:
          v = spec.apply(v, allow_partial)
        except VALIDATION_ERRORS:
          _convert.reject_with_path(spec, v, allow_partial,
                                    lambda k=key: self._sym_field_path(k))
      else:
        v = self._sym_adopt(_convert.validate_child(
            spec, v, allow_partial, lambda k=key: self._sym_field_path(k)),
                            key)
      values[key] = v
    if len(kwargs) > len(values) or not cls._sym_keys.issuperset(kwargs):
      self._sym_bind_extra_keywords(kwargs, values, allow_partial)
    d['_sym_values'] = values
    cls._sym_mirror(d, values)
    if cls._sym_on_bound_overridden:
      self._on_bound()
    if cls._sym_on_init_overridden:
      self._on_init()
    if sealed is None and _flags.sealed_scopes:
      sealed = _flags.sealed_override()
    if sealed:
      self.seal()

  @classmethod
  def _sym_bind_positional(cls, args: tuple[Any, ...],
                           kwargs: dict[str, Any]) -> dict[str, Any]:
    """Maps positional arguments to field names by `init_arg_list`."""
    return _fields.bind_positional(cls, args, kwargs)

  def _sym_raise_missing(self, kwargs: dict[str, Any]) -> None:
    """Reports missing required arguments, unless a `pg.allow_partial` block permits them."""
    if _flags.partial_override():
      self.__dict__['_sym_partial'] = True
      return
    cls = type(self)
    missing = [k for k, _ in cls._sym_specs
               if k in cls._sym_required and kwargs.get(k, MISSING_VALUE)
               is MISSING_VALUE]
    raise TypeError(message_on_path(
        f'{cls.__name__}.__init__() missing {len(missing)} required '
        f'argument(s): {", ".join(missing)}.', self._sym_key))

  def _sym_bind_extra_keywords(self, kwargs: dict[str, Any],
                               values: dict[str, Any],
                               allow_partial: bool) -> None:
    """Binds keywords beyond the fixed fields (to a ``**kwargs`` field) or rejects them."""
    _fields.bind_extra_keywords(self, kwargs, values, allow_partial)

  @classmethod
  def _sym_keys_in_order(cls) -> list[str]:
    return [k for k, _ in cls._sym_specs]

  def _sym_field_path(self, key: Any) -> KeyPath:
    return self._sym_child_path(key)

  @classmethod
  def partial(cls, *args: Any, **kwargs: Any) -> 'Object':
    """Builds an instance with missing values allowed.

    Example:
      >>> class A(pg.Object):
      ...   x: int
      ...   y: int = 1
      >>> A.partial(y=2).missing_values()
      {'x': MISSING_VALUE}
    """
    return cls(*args, allow_partial=True, **kwargs)

  def format(self, compact: bool = False, verbose: bool = False,
             root_indent: int = 0, **kwargs: Any) -> str:
    """``A(x=1, y=[0: 2])``, or one ``field = value`` a line (see `pg.format`)."""
    from pyglove.symbolic import _format  # pylint: disable=g-import-not-at-top
    kwargs.setdefault('cls_name', type(self).__name__)
    kwargs.setdefault('key_as_attribute', True)
    kwargs.setdefault('bracket_type', 'round')
    return _format.format_node(self, compact, verbose, root_indent, **kwargs)

  # ---- Hooks ----------------------------------------------------------------

  def _on_bound(self) -> None:
    """Hook: runs after construction and after every change; recompute state here."""

  def _on_init(self) -> None:
    """Hook: runs once, after the first `_on_bound`."""

  def _sym_notify(self, updates: list[Any]) -> None:
    if type(self)._on_change is not Object._on_change:
      self._on_change(self._sym_relative_updates(updates))
    elif type(self)._sym_on_bound_overridden:
      # The default _on_change only re-runs _on_bound: skip building updates.
      self._on_bound()

  @classmethod
  def _sym_listens(cls) -> bool:
    return (cls._sym_notify is not Object._sym_notify
            or cls._on_change is not Object._on_change
            or cls._sym_on_bound_overridden)

  def _on_change(self, updates: dict[KeyPath, Any]) -> None:
    """Hook: values under this object changed (keys relative to it); re-runs `_on_bound`."""
    del updates
    self._on_bound()

  # ---- Field access ---------------------------------------------------------

  def __setattr__(self, name: str, value: Any) -> None:
    cls = type(self)
    if (name.startswith('_') or name not in cls._sym_keys
        or self.__dict__.get('_sym_in_user_init')):
      super().__setattr__(name, value)
      return
    if not _flags.is_accessor_writable(self.__dict__.get(
        '_sym_writable', cls.allow_symbolic_assignment)):
      raise WritePermissionError(message_on_path(
          f'Cannot set field {name!r} of {cls.__name__} by assignment: '
          'its accessor_writable is False (as '
          f'{cls.__name__}.allow_symbolic_assignment). Use '
          f'rebind({{{name!r}: ...}}), or pg.allow_writable_accessors().',
          self._sym_field_path(name)))
    self.rebind({KeyPath(name): value}, raise_on_no_change=False)

  def __delattr__(self, name: str) -> None:
    cls = type(self)
    if name in cls._sym_keys:
      if _flags.is_accessor_writable(self.__dict__.get(
          '_sym_writable', cls.allow_symbolic_assignment)):
        # As the reference: the field goes back to its default (or missing).
        self.rebind({KeyPath(name): MISSING_VALUE}, raise_on_no_change=False)
        return
      raise WritePermissionError(message_on_path(
          f'Cannot delete field {name!r} of {cls.__name__}: its '
          f'accessor_writable is False; rebind it to pg.MISSING_VALUE to '
          f'reset it to its default.', self._sym_field_path(name)))
    super().__delattr__(name)

  @property
  def sym_init_args(self) -> FieldValues:
    """A read-only view of the field values, by key or attribute."""
    return FieldValues(self._sym_values)

  sym_items = object_sym_items

  def sym_keys(self) -> Iterator[str]:
    return iter(self._sym_values)

  def sym_values(self) -> Iterator[Any]:
    return iter(self._sym_values.values())

  def sym_getattr(self, key: Any, default: Any = MISSING_VALUE) -> Any:
    value = self._sym_values.get(key, MISSING_VALUE) if isinstance(
        key, str) else MISSING_VALUE
    if value is MISSING_VALUE and key not in self._sym_values:
      if default is MISSING_VALUE:
        raise KeyError(message_on_path(
            f'No field named {key!r} in {type(self).__name__}; valid fields: '
            f'{", ".join(self._sym_values) or "(none)"}.', self.sym_path))
      return default
    return value

  def sym_hasattr(self, key: Any) -> bool:
    return isinstance(key, str) and key in self._sym_values

  # ---- Write protocol (used by rebind) --------------------------------------

  def _sym_child_field(self, key: Any) -> Any:
    cls = type(self)
    field = cls.__schema__.get_field(key) if isinstance(key, str) else None
    if field is None:
      raise KeyError(message_on_path(
          f'No field named {key!r} in {cls.__name__}; valid fields: '
          f'{", ".join(cls._sym_keys_in_order()) or "(none)"}.',
          self.sym_path))
    return field

  def _sym_prepare(self, key: Any, value: Any, path: Callable[[], KeyPath],
                   field: Any) -> Any:
    if value is MISSING_VALUE and key not in type(self)._sym_keys:
      if key not in self._sym_values:
        raise KeyError(message_on_path(
            f'Cannot delete {key!r}: it is not set in '
            f'{type(self).__name__}.', path()))
      return MISSING_VALUE
    return _convert.validate_child(field.value, value, self._sym_partial, path)

  def _sym_assign(self, key: Any, value: Any) -> tuple[Any, Any]:
    values = self._sym_values
    old = values.get(key, MISSING_VALUE)
    if value is MISSING_VALUE and key not in type(self)._sym_keys:
      values.pop(key, None)
      if key not in type(self)._sym_unmirrored:
        self.__dict__.pop(key, None)
      orphan(old)
      return old, MISSING_VALUE
    if is_unchanged(old, value):
      return old, old
    value = self._sym_adopt(value, key)
    values[key] = value
    if key not in type(self)._sym_unmirrored:
      self.__dict__[key] = value
    orphan(old)
    return old, value

  def _sym_undo_record(self, key: Any, value: Any) -> Any:
    values = self._sym_values
    # Deleting a `**kwargs` field keeps the field order for the undo.
    order = list(values) if value is MISSING_VALUE else None
    return key, values.get(key, MISSING_VALUE), order

  def _sym_undo(self, record: Any) -> None:
    key, old, order = record
    values = self._sym_values
    current = values.get(key, MISSING_VALUE)
    mirrored = key not in type(self)._sym_unmirrored
    if current is not old:
      if old is MISSING_VALUE:
        del values[key]
        if mirrored:
          self.__dict__.pop(key, None)
      else:
        values[key] = old
        if mirrored:
          self.__dict__[key] = old
        if isinstance(old, Symbolic):
          old.sym_setparent(self, key)
      if current is not MISSING_VALUE:
        orphan(current)
    if order is not None and list(values) != order:
      items = [(k, values[k]) for k in order]
      values.clear()
      values.update(items)

  def _sym_snapshot(self) -> Any:
    return dict(self.__dict__), dict(self._sym_values)

  def _sym_restore(self, snapshot: Any) -> None:
    state, values = snapshot
    current = self._sym_values
    for k, v in current.items():
      if values.get(k, MISSING_VALUE) is not v:
        orphan(v)
    d = self.__dict__
    d.clear()
    d.update(state)
    current.clear()
    current.update(values)
    for k, v in values.items():
      if isinstance(v, Symbolic):
        v.sym_setparent(self, k)

  def _sym_setstate(self, state: Any) -> None:
    super()._sym_setstate(state)
    for k, v in self._sym_values.items():
      if isinstance(v, Symbolic):
        v.sym_setparent(self, k)

  def _sym_clone(self, deep: bool, memo: dict[int, Any]) -> 'Object':
    cls = type(self)
    new = cls.__new__(cls)
    d = new.__dict__
    d.update(self.__dict__)
    values = {}
    for k, v in self._sym_values.items():
      if type(v) not in ATOMIC_TYPES:
        v = clone_value(v, deep, memo)
        if isinstance(v, Symbolic):
          v.sym_setparent(new, k)
      values[k] = v
    d['_sym_values'] = values
    cls._sym_mirror(d, values)
    d['_sym_parent'] = None
    d['_sym_key'] = None
    d['_sym_path'] = None
    if cls._sym_on_bound_overridden:
      new._on_bound()
    return new

  # ---- Comparison and JSON --------------------------------------------------

  def __eq__(self, other: Any) -> bool:
    # `pg.eq` asks an overridden `sym_eq` itself.
    if type(self).use_symbolic_comparison:
      return _eq.eq(self, other)
    return self is other

  def __ne__(self, other: Any) -> bool:
    return not self.__eq__(other)

  def __hash__(self) -> int:
    if type(self).use_symbolic_comparison:
      return _hash.hash(self)
    return object.__hash__(self)

  @classmethod
  @library_default
  def from_json(cls, json_value: Any, **kwargs: Any) -> 'Object':
    """Builds an instance from its JSON form (see `pg.from_json`)."""
    from pyglove.symbolic import _serialization  # pylint: disable=g-import-not-at-top
    return _serialization.object_from_json(cls, json_value, **kwargs)


Object._sym_set_schema(pg_typing.Schema([], metadata={'init_arg_list': []}))
