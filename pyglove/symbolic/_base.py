"""`Symbolic`: the base of every symbolic value (Object, Dict, List, functors).

A symbolic value is a node of a mutable tree. It knows its parent and its key
under that parent, so its key path is derived on demand; it can list, read,
clone, rebind and seal its children; its cached key path is dropped whenever
it moves (`sym_setparent`). Algorithms over whole trees (the walk, query,
rebind, comparison, serialization) live in the "ops" modules, which import
this one; the methods here reach them at call time (`_ops`), so that no
module-level import cycle exists.
"""
from __future__ import annotations

import copyreg
import importlib
import sys
from typing import Any, Callable, Iterator

from pyglove.symbolic import _flags
from pyglove.symbolic import _origin
from pyglove.symbolic import _topology
from pyglove.symbolic._dispatch import library_default
from pyglove.symbolic._html_view import HtmlConvertible
from pyglove.symbolic._sym_api import SymbolicApi
from pyglove.symbolic._write_protocol import WriteProtocol
from pyglove.utils import Formattable
from pyglove.utils import JSONConvertible
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import register_json_type
from pyglove.utils import run_uncollected
from pyglove.utils import type_key

class WritePermissionError(Exception):
  """Raised when writing a sealed symbolic value, or a field not open to assignment."""


class Symbolic(WriteProtocol, JSONConvertible, Formattable, HtmlConvertible,
               SymbolicApi):
  """The base of every symbolic value: parent links, paths, clone, rebind, seal.

  Subclasses implement `sym_items`, `sym_getattr`, `sym_hasattr`, the private
  write protocol used by rebind (see `WriteProtocol`) and `_sym_clone`.
  """

  # Register every subclass for JSON under 'module.QualName'.
  auto_register = True
  # Whether `obj.key = value` rebinds (True for Dict, List and functors).
  allow_symbolic_assignment = False
  # Marks hyper values; a tree holding one is not deterministic.
  is_hyper_value = False

  def __init_subclass__(cls, **kwargs: Any) -> None:
    # JSONConvertible registers unconditionally; `auto_register` decides here.
    super(JSONConvertible, cls).__init_subclass__(**kwargs)
    if cls.auto_register:
      register_json_type(type_key(cls), cls)
      for alias in cls.__dict__.get('serialization_aliases', ()):
        register_json_type(alias, cls)

  def __init__(self, *, allow_partial: bool = False,
               accessor_writable: bool | None = None,
               sealed: bool | None = False, root_path: Any = None,
               init_super: bool = True):
    """Sets up this value as a parentless node (subclasses call it first).

    `accessor_writable` None follows ``allow_symbolic_assignment``;
    `init_super` calls the next ``__init__`` in the method resolution order
    (False when a subclass calls its other bases' ``__init__`` itself).
    """
    self._sym_init_node(sealed, allow_partial, root_path)
    if accessor_writable is not None:
      self.set_accessor_writable(accessor_writable)
    if init_super:
      super().__init__()

  def _sym_init_node(self, sealed: bool | None, allow_partial: bool,
                     root_path: Any) -> None:
    """Sets the bookkeeping attributes of a fresh node (parentless)."""
    d = self.__dict__
    d['_sym_parent'] = None
    d['_sym_key'] = None if root_path is None else KeyPath.from_value(root_path)
    d['_sym_partial'] = allow_partial
    if sealed is None:
      sealed = _flags.sealed_override() or False
    d['_sym_sealed'] = sealed

  # ---- Tree links -----------------------------------------------------------

  @property
  def sym_parent(self) -> 'Symbolic | None':
    """The symbolic node holding this value, or None at the root."""
    return self._sym_parent

  @property
  def sym_path(self) -> KeyPath:
    """The key path of this value from the root of its tree (cached).

    The path is cached on each node; `sym_setparent`, the one place where a
    node's parent or key changes, drops the cached paths of the node and its
    descendants. Invariant: a node holding a cached path has a parent (if
    any) holding one too, so dropping stops at the first node without.
    """
    path = self.__dict__.get('_sym_path')
    if path is not None:
      return path
    # Walk up to the nearest cached ancestor, then cache the paths down.
    chain = []
    node = self
    while True:
      chain.append(node)
      parent = node._sym_parent
      if parent is None:
        key = node._sym_key
        path = key if key is not None else KeyPath()
        break
      path = parent.__dict__.get('_sym_path')
      if path is not None:
        path = KeyPath(node._sym_key, parent=path)
        break
      node = parent
    node.__dict__['_sym_path'] = path
    for node in reversed(chain[:-1]):
      path = KeyPath(node._sym_key, parent=path)
      node.__dict__['_sym_path'] = path
    return path

  def _sym_child_path(self, key: Any) -> KeyPath:
    """The key path of this value's child `key`."""
    return self.sym_path.child(key)

  @property
  def sym_root(self) -> 'Symbolic':
    """The root of the tree holding this value."""
    node = self
    while node._sym_parent is not None:
      node = node._sym_parent
    return node

  def sym_setparent(self, parent: 'Symbolic | None', key: Any = None) -> None:
    """Re-parents this node (internal: containers call it when they adopt a child).

    This is the one place where a node's parent or key changes after it is
    built; the cached paths of the node and its descendants are dropped, and
    the topology hooks run when some class defines them.
    """
    moved = None
    if _topology.parent_hook_classes or _topology.path_hook_classes:
      moved = _topology.before_move(self, Symbolic)
    d = self.__dict__
    d['_sym_parent'] = parent
    d['_sym_key'] = key
    if d.get('_sym_path') is not None:
      _forget_paths(self)
    if moved is not None:
      _topology.after_move(self, parent, moved, Symbolic)

  # ---- Children -------------------------------------------------------------

  def sym_items(self) -> Iterator[tuple[Any, Any]]:
    """Yields (key, value) for each direct child, in order."""
    raise NotImplementedError

  def sym_keys(self) -> Iterator[Any]:
    """Yields the keys of the direct children, in order."""
    for k, _ in self.sym_items():
      yield k

  def sym_values(self) -> Iterator[Any]:
    """Yields the direct children, in order."""
    for _, v in self.sym_items():
      yield v

  def sym_getattr(self, key: Any, default: Any = MISSING_VALUE) -> Any:
    """Returns the child under `key`; `default` (or KeyError) when absent."""
    raise NotImplementedError

  def sym_hasattr(self, key: Any) -> bool:
    """Whether a child exists under `key`."""
    raise NotImplementedError

  def sym_get(self, path: KeyPath | str | int, default: Any = MISSING_VALUE) -> Any:
    """Returns the value at `path` (relative to this node).

    Raises:
      KeyError: the path does not exist and no `default` is given.

    Example:
      >>> pg.Dict(a=pg.List([1, 2])).sym_get('a[1]')
      2
    """
    path = KeyPath.from_value(path)
    if default is MISSING_VALUE:
      return path.query(self)
    return path.get(self, default)

  def sym_has(self, path: KeyPath | str | int) -> bool:
    """Whether `path` (relative to this node) exists."""
    return KeyPath.from_value(path).exists(self)

  @property
  def sym_init_args(self) -> Any:
    """The values this node was built from (its children, keyed)."""
    return dict(self.sym_items())

  # ---- Sealing --------------------------------------------------------------

  @property
  def is_sealed(self) -> bool:
    """Whether writes are refused (`pg.as_sealed` overrides the node's own state)."""
    if not _flags.sealed_scopes:
      # No `as_sealed` block is open anywhere: skip the thread-local lookup.
      return self._sym_sealed
    override = _flags.sealed_override()
    return self._sym_sealed if override is None else override

  def seal(self, sealed: bool = True) -> 'Symbolic':
    """Seals (or unseals) this value and all its symbolic descendants; returns self."""
    _traverse = _ops('_traverse')

    def visit(keys: list[Any], value: Any, parent: Any) -> Any:
      if isinstance(value, Symbolic):
        value.__dict__['_sym_sealed'] = sealed
        return _traverse.TraverseAction.ENTER
      return _traverse.TraverseAction.CONTINUE
    _traverse.walk(self, visit)
    _rebind = _ops('_rebind')
    _rebind.bump_version(self)
    return self

  # ---- Cloning --------------------------------------------------------------

  def clone(self, deep: bool = False, memo: dict[int, Any] | None = None,
            override: dict[Any, Any] | None = None) -> 'Symbolic':
    """Returns a copy of this tree, parentless, optionally with some values replaced.

    Symbolic nodes are always copied (trees never share nodes); `deep` also
    copies the plain values they hold. Nothing is validated again.

    Args:
      deep: deep-copy the non-symbolic leaf values too.
      memo: the `copy.deepcopy` memo.
      override: a rebind dict applied to the copy.

    Returns:
      The copy.

    Example:
      >>> a = pg.Dict(x=1, y=pg.List([1]))
      >>> b = a.clone(override={'x': 2})
      >>> b, b.y is a.y
      ({x=2, y=[0: 1]}, False)
    """
    # Every node allocated stays alive: no collection can free anything.
    result = run_uncollected(self._sym_clone, deep, {} if memo is None else memo)
    if override:
      sealed = result._sym_sealed
      if sealed:
        result.seal(False)
      result.rebind(override, raise_on_no_change=False)
      if sealed:
        result.seal()
    if _origin.tracking_scopes or '_sym_origin' in result.__dict__:
      _origin.on_clone(self, result, deep)
    return result

  def _sym_clone(self, deep: bool, memo: dict[int, Any]) -> 'Symbolic':
    raise NotImplementedError

  def _sym_clone_state(self, new: 'Symbolic') -> None:
    """Copies the bookkeeping attributes into a clone (left parentless)."""
    d = new.__dict__
    d['_sym_parent'] = None
    d['_sym_key'] = None
    d['_sym_partial'] = self._sym_partial
    d['_sym_sealed'] = self._sym_sealed
    state = self.__dict__
    # Set on few values (see `accessor_writable`, `pg.Dict(onchange_callback=)`).
    if '_sym_writable' in state:
      d['_sym_writable'] = state['_sym_writable']
    if '_sym_onchange' in state:
      d['_sym_onchange'] = state['_sym_onchange']

  # ---- Pickling ---------------------------------------------------------------
  # Parent links are not pickled (they would make cycles through the
  # reconstruction arguments): each node re-parents its children when its
  # state is restored, and an unpickled node starts as a root.

  def __reduce_ex__(self, protocol: Any) -> Any:
    return copyreg.__newobj__, (type(self),), self._sym_getstate()

  def __setstate__(self, state: Any) -> None:
    self._sym_setstate(state)

  def _sym_getstate(self) -> Any:
    state = dict(self.__dict__)
    del state['_sym_parent']
    state.pop('_sym_path', None)
    return state

  def _sym_setstate(self, state: Any) -> None:
    d = self.__dict__
    d.update(state)
    d['_sym_parent'] = None
    if not isinstance(d.get('_sym_key'), KeyPath):
      d['_sym_key'] = None

  def __copy__(self) -> 'Symbolic':
    return self.clone(deep=False)

  def __deepcopy__(self, memo: dict[int, Any]) -> 'Symbolic':
    return self.clone(deep=True, memo=memo)

  # ---- Rebinding ------------------------------------------------------------

  def rebind(self, path_value_pairs: Any = None, *,
             raise_on_no_change: bool = True, notify_parents: bool = True,
             skip_notification: bool | None = None, **kwargs: Any) -> 'Symbolic':
    """Updates values in this tree atomically; returns self.

    Args:
      path_value_pairs: a dict of key paths (str or `pg.KeyPath`) to new
        values, a function `fn(k, v)` or `fn(k, v, p)` applied in preorder
        over the tree (a returned value that `is not v` replaces v), or a
        list of such functions applied in order, each on the tree the
        previous one left, as one transaction (hooks run once, at the end).
      raise_on_no_change: raise ValueError when nothing would change.
      notify_parents: notify the ancestors of changed nodes too.
      skip_notification: skip `_on_change`/`_on_bound` (None: follow
        `pg.notify_on_change`).
      **kwargs: more key path/value pairs.

    Returns:
      self, so that ``x.clone().rebind(...)`` chains.

    Raises:
      KeyError: a path does not exist, or names the root.
      TypeError, ValueError: a value is rejected by its field's spec.
      ValueError: there is nothing to update.
      WritePermissionError: a node to write is sealed.

    Example:
      >>> a = pg.Dict(x=1, b=pg.Dict(c=[0, 5]))
      >>> a.rebind({'b.c[0]': 1}, x=2)
      {x=2, b={c=[0: 1, 1: 5]}}
    """
    _ops('_rebind').rebind(self, path_value_pairs, kwargs,
                   raise_on_no_change=raise_on_no_change,
                   notify_parents=notify_parents,
                   skip_notification=skip_notification)
    return self

  def _sym_adopt(self, value: Any, key: Any) -> Any:
    """Makes `value` a child under `key` (cloning it if it has another parent)."""
    if isinstance(value, Symbolic):
      parent = value._sym_parent
      if parent is not None and (parent is not self or value._sym_key != key):
        value = value.clone()
      value.sym_setparent(self, key)
    return value

  # ---- Inspection -----------------------------------------------------------

  def missing_values(self, flatten: bool = True) -> dict[str, Any]:
    """Returns the values not specified yet, by key path (relative to this node).

    Example:
      >>> class A(pg.Object):
      ...   x: int
      ...   y: int = 5
      >>> A.partial().missing_values()
      {'x': MISSING_VALUE}
    """
    _defaults = _ops('_defaults')
    return _defaults.missing_values(self, flatten)

  def non_default_values(self, flatten: bool = True) -> dict[str, Any]:
    """Returns the values that differ from their field defaults, by key path.

    Example:
      >>> class A(pg.Object):
      ...   x: int
      ...   y: int = 5
      >>> A(x=1, y=5).non_default_values()
      {'x': 1}
    """
    _defaults = _ops('_defaults')
    return _defaults.non_default_values(self, flatten)

  @property
  def is_deterministic(self) -> bool:
    """Whether the tree holds no hyper value (`is_hyper_value`) anywhere."""
    _query = _ops('_query')
    return _query.is_deterministic(self)

  @property
  def is_abstract(self) -> bool:
    """Whether the tree is partial or holds hyper values."""
    _query = _ops('_query')
    return _query.is_abstract(self)

  @property
  def is_partial(self) -> bool:
    """Whether some value in the tree is still missing."""
    return bool(self.missing_values())

  # ---- Operations implemented by the ops modules ----------------------------

  def query(self, path_regex: Any = None, where: Callable[..., bool] | None = None,
            enter_selected: bool = False,
            custom_selector: Callable[..., bool] | None = None) -> dict[str, Any]:
    """Returns the values under this node whose path and value match, by path.

    The first argument may be a path regex or (as in the paper) a predicate.

    Example:
      >>> model = pg.Dict(a=pg.List([1, 'x']), b=2)
      >>> model.query(lambda v: isinstance(v, int))
      {'a[0]': 1, 'b': 2}
    """
    _query = _ops('_query')
    if callable(path_regex) and where is None:
      path_regex, where = None, path_regex
    return _query.query(self, path_regex=path_regex, where=where,
                        enter_selected=enter_selected,
                        custom_selector=custom_selector)

  @library_default
  def sym_eq(self, other: Any) -> bool:
    """Symbolic equality: same type and equal values, recursively."""
    _eq = _ops('_eq')
    return _eq.eq(self, other)

  def sym_ne(self, other: Any) -> bool:
    return not self.sym_eq(other)

  @library_default
  def sym_hash(self) -> int:
    """A hash consistent with `sym_eq`."""
    _hash = _ops('_hash')
    return _hash.hash(self)

  @library_default
  def to_json(self, **kwargs: Any) -> Any:
    """Returns the JSON form of this value (see `pg.to_json`)."""
    _serialization = _ops('_serialization')
    return _serialization.to_json(self, **kwargs)

  def to_json_str(self, json_indent: int | None = None, **kwargs: Any) -> str:
    """Returns the JSON form of this value as a string."""
    _serialization = _ops('_serialization')
    return _serialization.to_json_str(self, json_indent=json_indent, **kwargs)

  # ---- Formatting -----------------------------------------------------------

  # `str()` is the indented form without field descriptions; `repr()` one line.
  __str_format_kwargs__ = {'compact': False, 'verbose': False}

  def format(self, compact: bool = False, verbose: bool = True,
             root_indent: int = 0, **kwargs: Any) -> str:
    """Returns a readable text form (see `pg.format`)."""
    _format = _ops('_format')
    if isinstance(self, list):
      return _format.format_list(self, compact, verbose, root_indent, **kwargs)
    return _format.format_node(self, compact, verbose, root_indent, **kwargs)



def _ops(name: str) -> Any:
  """The ops module `pyglove.symbolic.<name>`, without an import statement per call.

  The ops modules (query, comparison, serialization, ...) import this one,
  so the methods here reach them at call time, through `sys.modules`
  (cheaper than an import statement per call).
  """
  module = sys.modules.get(f'pyglove.symbolic.{name}')
  return module if module is not None else importlib.import_module(
      f'pyglove.symbolic.{name}')


def _forget_paths(node: Symbolic) -> None:
  """Drops the cached paths of `node` and of its descendants holding one."""
  _traverse = _ops('_traverse')

  def visit(keys: list[Any], value: Any, parent: Any) -> Any:
    if isinstance(value, Symbolic) and value.__dict__.get('_sym_path') is not None:
      value.__dict__['_sym_path'] = None
      return _traverse.TraverseAction.ENTER
    return _traverse.TraverseAction.CONTINUE
  _traverse.walk(node, visit)


def orphan(value: Any) -> None:
  """Detaches a value that left its parent."""
  if isinstance(value, Symbolic):
    value.sym_setparent(None, None)


