"""Tests for pyglove.symbolic._hash: pg.hash."""
from __future__ import annotations

import doctest
import functools


import pyglove as pg
from pyglove.symbolic import _hash
from pyglove.symbolic._hash import hash as sym_hash
from pyglove.symbolic._order import gt
from pyglove.symbolic._order import lt


class A(pg.Object):
  x: int = 1
  y: list = []


class B(pg.Object):
  x: int = 1
  y: list = []


class Loose(pg.Object):
  """Equal to any other Loose whose `x` has the same parity."""
  x: int = 0

  def sym_eq(self, other):
    return isinstance(other, Loose) and self.x % 2 == other.x % 2

  def sym_hash(self):
    return self.x % 2


class AnyInt(pg.Object):
  """Equal to every int (tests the right-hand dispatch)."""

  def sym_eq(self, other):
    return isinstance(other, int) or other is self


class Delegating(pg.Object):
  """Overrides sym_eq/sym_hash but defers to the library's ones."""
  x: int = 0

  def sym_eq(self, other):
    return super().sym_eq(other)

  def sym_hash(self):
    return super().sym_hash()


class Point:
  """A plain class with its own equality and order."""

  def __init__(self, v):
    self.v = v

  def __eq__(self, other):
    return isinstance(other, Point) and self.v == other.v

  def __lt__(self, other):
    return self.v < other.v

  def __hash__(self):
    return hash(self.v)


def _sort(values):
  return sorted(values, key=functools.cmp_to_key(
      lambda x, y: -1 if lt(x, y) else (1 if gt(x, y) else 0)))


class TestHash:

  def test_equal_values_hash_equal(self):
    """Hash agrees with eq across symbolic and plain containers."""
    assert sym_hash(pg.Dict(a=1, b=[1])) == sym_hash({'b': [1], 'a': 1})
    assert sym_hash(pg.List([1, 2])) == sym_hash([1, 2])
    assert sym_hash(A(1, [A(2)])) == sym_hash(A(1, [A(2)]))
    assert sym_hash(1) == sym_hash(1.0) == sym_hash(True)

  def test_unhashable_values_hash(self):
    """Sets hash their contents; other unhashable values their type."""
    assert sym_hash({1, 2}) == sym_hash({2, 1})
    assert sym_hash(bytearray(b'a')) == sym_hash(bytearray(b'b'))
    assert sym_hash([{'a': {1}}]) == sym_hash([{'a': {1}}])

  def test_user_override_of_sym_hash_decides(self):
    """A class overriding `sym_hash` is asked."""
    assert sym_hash(Loose(1)) == 1

  def test_objects_usable_as_dict_keys(self):
    """Equal objects find each other in a dict."""
    assert {A(1): 'a'}[A(1)] == 'a'


def test_docstring_examples_run():
  """Every example in the module's docstrings runs as shown."""
  results = doctest.testmod(_hash, optionflags=doctest.ELLIPSIS)
  assert results.attempted and not results.failed


def test_argument_is_named_x():
  """pg.hash(x=...) as in the reference."""
  assert pg.hash(x=pg.Dict(a=1)) == pg.hash(pg.Dict(a=1))
