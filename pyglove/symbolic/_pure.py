"""`PureSymbolic` values: placeholders that only make sense symbolically.

A pure symbolic value (a hyper value such as ``pg.oneof``, or any user class
deriving from `PureSymbolic`) stands for something to be decided later: it
is accepted by any field, can be queried and rebound, but a tree holding one
cannot run. `NonDeterministic` marks those decided by a search.
"""
from __future__ import annotations

import copy
from typing import Any

from pyglove import typing as pg_typing
from pyglove.symbolic._base import Symbolic
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE


class PureSymbolic(pg_typing.CustomTyping):
  """Base of values that are only representations (e.g. a space of values).

  Any field accepts a pure symbolic value: it is kept as is, unchecked.

  Example:
    >>> class Placeholder(pg.PureSymbolic):
    ...   pass
    >>> pg.typing.Int().apply(Placeholder()).__class__.__name__
    'Placeholder'
  """

  def custom_apply(self, path: KeyPath, value_spec: pg_typing.ValueSpec,
                   allow_partial: bool,
                   child_transform: Any = None) -> tuple[bool, Any]:
    """Accepts this value for any spec, as is."""
    del path, value_spec, allow_partial, child_transform
    return False, self


class NonDeterministic(PureSymbolic):
  """Base of pure symbolic values decided later by a search (hyper values).

  A tree holding one is not deterministic (`pg.is_deterministic`).
  """

  sym_nondeterministic = True


def is_pure_symbolic(x: Any) -> bool:
  """Whether `x` is, or holds anywhere inside, a `PureSymbolic` value.

  Example:
    >>> class Placeholder(pg.PureSymbolic):
    ...   pass
    >>> pg.is_pure_symbolic(pg.Dict(a=1)), pg.is_pure_symbolic(pg.Dict(a=Placeholder()))
    (False, True)
  """
  return _any_value(x, lambda v: isinstance(v, PureSymbolic))


def is_partial(x: Any) -> bool:
  """Whether `x` is, or holds anywhere inside, a missing value.

  Example:
    >>> class A(pg.Object):
    ...   x: int
    >>> pg.is_partial(A.partial()), pg.is_partial([A(1)]), pg.is_partial(pg.MISSING_VALUE)
    (True, False, True)
  """
  return _any_value(x, lambda v: v is MISSING_VALUE or isinstance(
      v, pg_typing.MissingValue))


def _any_value(x: Any, predicate: Any) -> bool:
  """Whether `predicate` holds for `x` or a value inside it (preorder, stops at the first)."""
  stack = [x]
  while stack:
    value = stack.pop()
    if predicate(value):
      return True
    if isinstance(value, Symbolic):
      stack.extend(value.sym_values())
    elif isinstance(value, dict):
      stack.extend(value.values())
    elif isinstance(value, (list, tuple)):
      stack.extend(value)
  return False


def clone(x: Any, deep: bool = False, memo: Any = None,
          override: dict[str, Any] | None = None) -> Any:
  """A copy of `x`: a symbolic clone for symbolic values, `copy` for others.

  Args:
    x: any value.
    deep: copy the values inside too (a shallow copy shares them).
    memo: the `copy.deepcopy` memo.
    override: a rebind dict applied to the copy (symbolic values only).

  Raises:
    ValueError: `override` is given for a value that is not symbolic.

  Example:
    >>> a = pg.Dict(x=1, y=[1])
    >>> b = pg.clone(a, override={'x': 2})
    >>> b, a.x
    ({x=2, y=[0: 1]}, 1)
    >>> l = [[1]]
    >>> pg.clone(l)[0] is l[0], pg.clone(l, deep=True)[0] is l[0]
    (True, False)
  """
  if isinstance(x, Symbolic):
    return x.clone(deep, memo, override)
  if override:
    raise ValueError(
        f'clone(override=...) applies to symbolic values; got '
        f'{type(x).__name__}.')
  return copy.deepcopy(x, memo) if deep else copy.copy(x)
