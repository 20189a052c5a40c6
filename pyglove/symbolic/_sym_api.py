"""The reference's other names for the symbolic API, and its tree queries.

`Symbolic` derives from `SymbolicApi`: ``sym_clone``, ``sym_rebind``,
``sym_seal``... are the `sym_`-prefixed spellings of `clone`, `rebind`,
`seal` (pyglove code uses both), and `sym_ancestor` / `sym_descendants` /
`sym_field` navigate the tree.
"""
from __future__ import annotations

import enum
from typing import Any, Callable

from pyglove.utils import KeyPath


class DescendantQueryOption(enum.Enum):
  """Which matching descendants `sym_descendants` returns."""
  ALL = 0
  IMMEDIATE = 1
  LEAF = 2


class SymbolicApi:
  """The `sym_` spellings, tree queries and topology hooks of symbolic values (a mixin of `Symbolic`)."""

  def __init_subclass__(cls, **kwargs: Any) -> None:
    super().__init_subclass__(**kwargs)
    from pyglove.symbolic import _topology  # pylint: disable=g-import-not-at-top
    _topology.register_class(cls, SymbolicApi)

  # ---- Topology hooks ----------------------------------------------------------

  def _on_parent_change(self, old_parent: Any, new_parent: Any) -> None:
    """Hook: the parent of this value changed (it was adopted, moved or detached)."""

  def _on_path_change(self, old_path: Any, new_path: Any) -> None:
    """Hook: the key path of this value changed (it, or an ancestor, moved)."""

  # ---- Other spellings -------------------------------------------------------

  def sym_clone(self, deep: bool = False, memo: Any = None,
                override: dict[Any, Any] | None = None) -> Any:
    """Same as `clone`."""
    return self.clone(deep, memo, override)

  def sym_rebind(self, path_value_pairs: Any = None, *,
                 raise_on_no_change: bool = True, notify_parents: bool = True,
                 skip_notification: bool | None = None, **kwargs: Any) -> Any:
    """Same as `rebind`."""
    return self.rebind(path_value_pairs, raise_on_no_change=raise_on_no_change,
                       notify_parents=notify_parents,
                       skip_notification=skip_notification, **kwargs)

  def sym_contains(self, value: Any = None, type: Any = None) -> bool:  # pylint: disable=redefined-builtin
    """Whether `value` (or a value of `type`) is somewhere under this node."""
    from pyglove.symbolic import _query  # pylint: disable=g-import-not-at-top
    return _query.contains(self, value=value, type=type)

  def sym_lt(self, other: Any) -> bool:
    """A total order over symbolic values (for sorting)."""
    from pyglove.symbolic import _order  # pylint: disable=g-import-not-at-top
    return _order.lt(self, other)

  def sym_gt(self, other: Any) -> bool:
    from pyglove.symbolic import _order  # pylint: disable=g-import-not-at-top
    return _order.gt(self, other)

  def sym_seal(self, is_seal: bool = True) -> Any:
    """Same as `seal`."""
    return self.seal(is_seal)

  @property
  def sym_sealed(self) -> bool:
    """Same as `is_sealed`."""
    return self.is_sealed

  @property
  def sym_partial(self) -> bool:
    """Same as `is_partial`."""
    return self.is_partial

  @property
  def sym_abstract(self) -> bool:
    """Same as `is_abstract`."""
    return self.is_abstract

  @property
  def is_pure_symbolic(self) -> bool:
    """Whether a `pg.PureSymbolic` value (e.g. a hyper value) is in this tree."""
    from pyglove.symbolic import _pure  # pylint: disable=g-import-not-at-top
    return _pure.is_pure_symbolic(self)

  @property
  def sym_puresymbolic(self) -> bool:
    """Same as `is_pure_symbolic`."""
    return self.is_pure_symbolic

  def sym_missing(self, flatten: bool = True) -> dict[Any, Any]:
    """Same as `missing_values`."""
    return self.missing_values(flatten)

  def sym_nondefault(self, flatten: bool = True) -> dict[Any, Any]:
    """Same as `non_default_values`."""
    return self.non_default_values(flatten)

  def sym_jsonify(self, **kwargs: Any) -> Any:
    """Same as `to_json`."""
    return self.to_json(**kwargs)

  @property
  def allow_partial(self) -> bool:
    """Whether this value accepts missing values (it was built partial)."""
    return self.__dict__.get('_sym_partial', False)

  @property
  def accessor_writable(self) -> bool:
    """Whether ``x.key = v`` / ``x[key] = v`` may write (else only `rebind` may).

    It is the class's ``allow_symbolic_assignment`` unless set for this value
    (the ``accessor_writable`` argument, or `set_accessor_writable`);
    `pg.allow_writable_accessors` overrides both inside its block.
    """
    return self.__dict__.get('_sym_writable', type(self).allow_symbolic_assignment)

  def set_accessor_writable(self, writable: bool = True) -> Any:
    """Sets whether attribute and item assignment may write this value; returns self.

    Example:
      >>> d = pg.Dict(a=1).set_accessor_writable(False)
      >>> d.rebind(a=2).a
      2
    """
    if not isinstance(writable, bool):
      raise TypeError(
          f'set_accessor_writable expects a bool; got {writable!r}.')
    d = self.__dict__
    if writable == type(self).allow_symbolic_assignment:
      d.pop('_sym_writable', None)
    else:
      d['_sym_writable'] = writable
    return self

  def sym_setpath(self, path: Any) -> None:
    """Sets the key path of this root value (as a sub-tree of a larger one).

    Paths of values below it follow, and `_on_path_change` hooks run. A value
    with a parent takes its path from its parent and key.

    Raises:
      ValueError: this value has a parent and `path` differs from its path.

    Example:
      >>> d = pg.Dict(x=pg.Dict(y=1))
      >>> d.sym_setpath('a.b')
      >>> d.x.sym_path
      'a.b.x'
    """
    path = KeyPath.from_value(path if path is not None else '')
    parent = self.sym_parent
    if parent is None:
      self.sym_setparent(None, path if path else None)
    elif path != self.sym_path:
      raise ValueError(
          f'Cannot set the key path of a {type(self).__name__} with a parent '
          f'to {str(path)!r}: its path is {str(self.sym_path)!r}, given by '
          'its parent (set the path of the root instead).')

  def save(self, *args: Any, **kwargs: Any) -> Any:
    """Saves this value with `pg.save` (JSON text at a path by default)."""
    from pyglove.symbolic import _file_io  # pylint: disable=g-import-not-at-top
    return _file_io.save(self, *args, **kwargs)

  def inspect(self, path_regex: Any = None,
              where: Callable[..., bool] | None = None,
              custom_selector: Callable[..., bool] | None = None,
              file: Any = None, **kwargs: Any) -> None:
    """Prints this value, or the values a query selects, to `file` (stdout).

    Args:
      path_regex: select values whose key path matches (see `query`).
      where: select values for which ``where(value[, parent])`` holds.
      custom_selector: select values for which
        ``custom_selector(path, value[, parent])`` holds.
      file: where to print.
      **kwargs: options of `pg.format`.
    """
    from pyglove.utils import format as pg_format  # pylint: disable=g-import-not-at-top
    if path_regex is None and where is None and custom_selector is None:
      text = pg_format(self, **kwargs)
    else:
      text = pg_format(self.query(path_regex, where,
                                  custom_selector=custom_selector), **kwargs)
    print(text, file=file)

  @classmethod
  def load(cls, *args: Any, **kwargs: Any) -> Any:
    """Loads a value with `pg.load` and checks that it is an instance of this class.

    Raises:
      TypeError: the loaded value is of another class.
    """
    from pyglove.symbolic import _file_io  # pylint: disable=g-import-not-at-top
    value = _file_io.load(*args, **kwargs)
    if not isinstance(value, cls):
      raise TypeError(
          f'{cls.__name__}.load() read a {type(value).__name__}, not a '
          f'{cls.__name__}: {value!r}.')
    return value

  # ---- Origin --------------------------------------------------------------------

  @property
  def sym_origin(self) -> Any:
    """The `pg.Origin` of this value (set by `sym_setorigin`, or when tracking), or None."""
    return self.__dict__.get('_sym_origin')

  def sym_setorigin(self, source: Any, tag: str,
                    stacktrace: bool | None = None,
                    stacklimit: int | None = None, stacktop: int = -1) -> None:
    """Records where this value came from (see `pg.Origin`).

    Raises:
      ValueError: the value already has an origin from another source, or
        `tag` is not a str.

    Example:
      >>> a, b = pg.Dict(x=1), pg.Dict(x=2)
      >>> b.sym_setorigin(a, 'builder')
      >>> b.sym_origin.source is a, b.sym_origin.tag
      (True, 'builder')
    """
    from pyglove.symbolic._origin import Origin  # pylint: disable=g-import-not-at-top
    current = self.sym_origin
    if current is not None and current.source is not None and (
        current.source is not source):
      raise ValueError(
          f'Cannot set the origin of {type(self).__name__} to another source: '
          f'it comes from {current.source!r}, not {source!r}.')
    self.__dict__['_sym_origin'] = Origin(source, tag, stacktrace, stacklimit,
                                          stacktop - 1)

  # ---- Tree queries ------------------------------------------------------------

  def sym_ancestor(self, where: Callable[[Any], bool] | None = None) -> Any:
    """The nearest ancestor for which `where` holds (the parent without `where`), or None.

    Example:
      >>> d = pg.Dict(a=pg.Dict(b=pg.List([1])))
      >>> d.a.b.sym_ancestor() is d.a, d.a.b.sym_ancestor(lambda x: 'a' in x) is d
      (True, True)
    """
    node = self.sym_parent
    while node is not None and where is not None and not where(node):
      node = node.sym_parent
    return node

  def sym_descendants(self, where: Callable[[Any], bool] | None = None,
                      option: DescendantQueryOption = DescendantQueryOption.ALL,
                      include_self: bool = False) -> list[Any]:
    """The values below this one for which `where` holds, in preorder.

    Args:
      where: a filter (default: every value).
      option: ALL matches; IMMEDIATE: matches with no matching ancestor in
        between (their descendants are not searched); LEAF: matches with no
        matching descendant.
      include_self: consider this value too.

    Example:
      >>> d = pg.Dict(a=pg.Dict(b=1), c=2)
      >>> d.sym_descendants()
      [{b=1}, 1, 2]
      >>> d.sym_descendants(option=pg.symbolic.DescendantQueryOption.LEAF)
      [1, 2]
    """
    from pyglove.symbolic._base import Symbolic  # pylint: disable=g-import-not-at-top
    accept = where or (lambda v: True)
    result: list[Any] = []

    def visit(value: Any) -> bool:
      """Collects matches under `value`; returns whether any was found."""
      found = False
      for _, child in value.sym_items():
        if accept(child):
          found = True
          if option is DescendantQueryOption.IMMEDIATE:
            result.append(child)
            continue
          position = len(result)
          result.append(child)
          below = isinstance(child, Symbolic) and visit(child)
          if below and option is DescendantQueryOption.LEAF:
            del result[position]
        elif isinstance(child, Symbolic):
          found = visit(child) or found
      return found

    if include_self and accept(self):
      if option is DescendantQueryOption.IMMEDIATE:
        return [self]
      result.append(self)
      if visit(self) and option is DescendantQueryOption.LEAF:
        result.pop(0)
      return result
    visit(self)
    return result

  @property
  def sym_field(self) -> Any:
    """The `pg.typing.Field` that holds this value in its parent, or None."""
    parent = self.sym_parent
    if parent is None:
      return None
    return parent.sym_attr_field(self.sym_path.key)

  def sym_attr_field(self, key: Any) -> Any:
    """The `pg.typing.Field` of child `key`, or None when unconstrained or unknown."""
    return self._sym_child_field_or_none(key)
