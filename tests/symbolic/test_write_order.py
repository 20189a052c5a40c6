"""Tests of pyglove/symbolic/_write_order.py: indices of one rebind refer to the list before it."""
from __future__ import annotations

import pyglove as pg


def test_mixed_writes_use_the_original_indices():
  """Deletions, insertions, in-place writes and appends of one rebind compose as if simultaneous."""
  l = pg.List(['a', 'b', 'c', 'd'])
  l.rebind({0: pg.MISSING_VALUE, 2: pg.insert('x'), 3: 'D', 4: 'e', 5: 'f'})
  assert l == ['b', 'x', 'c', 'D', 'e', 'f']


def test_deletion_and_insertion_at_one_index():
  """Deleting item i and inserting before i replace the item."""
  l = pg.List([1, 2, 3])
  l.rebind({'[1]': pg.MISSING_VALUE, 1: pg.insert(9)})
  assert l == [1, 9, 3]


def test_negative_indices_and_nested_lists():
  """Negative indices count from the end of the list before the rebind; lists are ordered separately."""
  d = pg.Dict(a=pg.List([1, 2, 3]), b=pg.List([4, 5]))
  d.rebind({'a[-1]': pg.MISSING_VALUE, 'a[0]': pg.MISSING_VALUE, 'b[0]': pg.MISSING_VALUE})
  assert d == {'a': [2], 'b': [5]} and d.a[0].__class__ is int and d.b.sym_path == 'b'
