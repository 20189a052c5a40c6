"""Tests of pyglove/symbolic/_pure.py: PureSymbolic, is_pure_symbolic, is_partial, clone."""
from __future__ import annotations

import pytest

import pyglove as pg


class Placeholder(pg.PureSymbolic):
  pass


class A(pg.Object):
  x: int
  y: list = []


def test_pure_symbolic_values_fit_any_field():
  """Any spec accepts a pure symbolic value as is."""
  p = Placeholder()
  assert A(p).x is p and pg.typing.Str().apply(p) is p


def test_is_pure_symbolic_looks_inside():
  """A value holding a pure symbolic value (or a hyper value) anywhere is pure symbolic."""
  assert not pg.is_pure_symbolic(1) and not pg.is_pure_symbolic(A(1))
  assert pg.is_pure_symbolic(Placeholder()) and pg.is_pure_symbolic(A(1, [Placeholder()]))
  assert pg.is_pure_symbolic({'a': (1, pg.oneof([1, 2]))})
  assert isinstance(pg.oneof([1, 2]), pg.symbolic.NonDeterministic)


def test_is_partial():
  """A missing value anywhere makes a value partial."""
  assert pg.is_partial(A.partial()) and pg.is_partial({'a': [pg.MISSING_VALUE]})
  assert not pg.is_partial(A(1)) and not pg.is_partial(1)


def test_clone_symbolic_and_plain_values():
  """pg.clone uses a symbolic clone where it can, copy otherwise."""
  a = A(1, [[2]])
  b = pg.clone(a, override={'x': 3})
  assert b.x == 3 and a.x == 1 and b.y == a.y and b.y is not a.y
  plain = [[1]]
  assert pg.clone(plain)[0] is plain[0] and pg.clone(plain, deep=True)[0] is not plain[0]
  with pytest.raises(ValueError, match='override=.*applies to symbolic values'):
    pg.clone(plain, override={'x': 1})


def test_non_deterministic_values_make_a_tree_non_deterministic():
  class Later(pg.symbolic.NonDeterministic):
    pass
  assert pg.Dict().is_deterministic
  assert not pg.Dict(x=Later()).is_deterministic
  assert not pg.Dict(x=[dict(y=Later())]).is_deterministic
  assert pg.is_abstract(pg.List([Later()]))
