"""Derived values: placeholders computed from other values of the same tree.

`pg.hyper.reference(path)` ties a field to another one: once a space is
materialized, the reference is replaced by (a copy of) the value at `path`,
so two fields always take the same choice.
"""
from __future__ import annotations

from typing import Any

from pyglove import symbolic
from pyglove import typing as pg_typing
from pyglove.hyper._base import HyperValue
from pyglove.hyper._base import is_hyper
from pyglove.utils import KeyPath
from pyglove.utils import message_on_path

_ENTER = symbolic.TraverseAction.ENTER
_CONTINUE = symbolic.TraverseAction.CONTINUE
_STOP = symbolic.TraverseAction.STOP


class UndecidedReferenceError(ValueError):
  """A derived value refers to a hyper value that is still undecided."""


class DerivedValue(HyperValue):
  """A value derived from the values at `reference_paths` (no decision of its own).

  A path is resolved from the closest ancestor of this value that has it.
  Subclasses implement `derive(*referenced_values)`.
  """

  def derive(self, *referenced_values: Any) -> Any:
    """Returns the value derived from the referenced values."""
    raise NotImplementedError(f'{type(self).__name__} must implement derive().')

  def compute(self) -> Any:
    """Returns the derived value, from the current values of its references.

    Raises:
      ValueError: a path resolves nowhere.
      UndecidedReferenceError: a path resolves to an undecided hyper value.
    """
    return self.derive(*(self._resolve(KeyPath.from_value(p))
                         for p in self.reference_paths))

  def resolve(self, reference_path_or_paths: Any = None) -> Any:
    """Where the referenced values live: (node holding the path, its full key path).

    Args:
      reference_path_or_paths: a path (str or KeyPath), a list of paths, or
        None for `reference_paths`.

    Returns:
      A (node, full path) pair for a single path, else a list of pairs.

    Raises:
      ValueError: a path resolves from no ancestor.
    """
    single = isinstance(reference_path_or_paths, (str, KeyPath))
    paths = (self.reference_paths if reference_path_or_paths is None
             else [reference_path_or_paths] if single
             else reference_path_or_paths)
    pairs = []
    for path in paths:
      path = KeyPath.from_value(path)
      node = self._holder(path)
      pairs.append((node, node.sym_path + path))
    return pairs[0] if single else pairs

  def _holder(self, path: KeyPath) -> Any:
    """The closest ancestor that has `path` (not resolving to this value itself)."""
    node = self.sym_parent
    # The path may name this value itself (`filters` under `conv.filters`):
    # then it means the same key further up.
    while node is not None and (
        not node.sym_has(path) or node.sym_get(path) is self):
      node = node.sym_parent
    if node is None:
      raise ValueError(message_on_path(
          f'Reference {str(path)!r} resolves to no value from any ancestor of '
          f'{type(self).__name__}.', self.sym_path))
    return node

  def _resolve(self, path: KeyPath) -> Any:
    value = self._holder(path).sym_get(path)
    if isinstance(value, DerivedValue):
      return value.compute()
    if is_hyper(value):
      raise UndecidedReferenceError(message_on_path(
          f'Reference {str(path)!r} points at an undecided hyper value '
          f'{value!r}.', self.sym_path))
    return value


@symbolic.members([
    ('reference_paths', pg_typing.List(pg_typing.Any(), min_size=1),
     'Key paths (str or KeyPath) of the referenced values.'),
])
class ValueReference(DerivedValue):
  """A reference to the value at one key path: a tied value."""

  def derive(self, referenced_value: Any) -> Any:  # pylint: disable=arguments-differ
    """Returns a copy of the referenced value."""
    value = referenced_value
    if isinstance(value, symbolic.Symbolic):
      return value.clone(deep=True)
    return value


def reference(path: KeyPath | str) -> ValueReference:
  """Returns a placeholder tied to the value at `path` once materialized.

  Example:
    >>> space = pg.Dict(a=pg.oneof([1, 2]), b=pg.hyper.reference('a'))
    >>> pg.materialize(space, pg.DNA(1)) == {'a': 2, 'b': 2}
    True
  """
  return ValueReference(reference_paths=[str(KeyPath.from_value(path))])


def resolve_derived(value: Any) -> Any:
  """Replaces the derived values in `value` with what they compute; returns `value`.

  A derived value that refers to a hyper value left undecided (outside a
  `where` sub-space) stays in place, to be resolved when that one is decided.
  """
  updates: dict[KeyPath, Any] = {}

  def visit(keys: list[Any], v: Any, parent: Any) -> symbolic.TraverseAction:
    if isinstance(v, DerivedValue):
      try:
        updates[KeyPath(keys)] = v.compute()
      except UndecidedReferenceError:
        pass
      return _CONTINUE
    return _ENTER if _is_plain_symbolic(v) else _CONTINUE
  symbolic.walk(value, visit)
  if not updates:
    return value
  if KeyPath() in updates:
    return updates[KeyPath()]
  value.rebind(updates, raise_on_no_change=False)
  return value


def _is_plain_symbolic(value: Any) -> bool:
  return isinstance(value, symbolic.Symbolic) and not is_hyper(value)


def contains_derived(value: Any) -> bool:
  """Returns True when a derived value is anywhere in `value`, candidates included."""
  return not symbolic.walk(value, lambda keys, v, parent: (
      _STOP if isinstance(v, DerivedValue) else
      _ENTER if isinstance(v, symbolic.Symbolic) else _CONTINUE))
