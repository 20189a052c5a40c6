"""Tests for pg.Insertion / pg.insert."""
from __future__ import annotations

import doctest

import pyglove as pg
from pyglove.symbolic import _insertion


class TestInsertion:
  """The insertion marker."""

  def test_insert_wraps_value(self):
    """pg.insert(v) is an Insertion holding v."""
    ins = pg.insert(3)
    assert isinstance(ins, pg.Insertion) and ins.value == 3
    assert repr(ins) == 'Insertion(3)'

  def test_insert_into_list_by_rebind(self):
    """Inserting at an index shifts later items; past the end appends."""
    l = pg.List([1, 3])
    l.rebind({1: pg.insert(2), 5: pg.insert(4)})
    assert l == [1, 2, 3, 4]

  def test_inserted_value_is_validated(self):
    """The inserted value is checked against the element spec."""
    l = pg.List([1], value_spec=pg.typing.List(pg.typing.Int()))
    try:
      l.rebind({0: pg.insert('x')})
    except TypeError as e:
      assert '(path=[0])' in str(e)
    else:
      raise AssertionError('accepted a str')
    assert l == [1]


def test_docstring_examples_run():
  """The examples in the module's docstrings run as written."""
  results = doctest.testmod(_insertion, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.failed == 0 and results.attempted > 0
