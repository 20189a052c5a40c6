"""Tests of `pyglove.symbolic._compact`: objects made without validation, symbolic on first use."""
import copy
import pickle

from hypothesis import given
from hypothesis import strategies as st
import pytest

import pyglove as pg
from pyglove.symbolic._compact import CompactObject
from pyglove.symbolic._compact import compact_new
from pyglove.symbolic._compact import compact_write
from pyglove.symbolic._compact import is_compact
from pyglove.symbolic._compact import materialize


class Item(CompactObject):
  reward: float | None = None
  tags: dict = {}


class Record(CompactObject):
  allow_symbolic_assignment = True
  id: int
  items: list[Item] = []
  note: str = 'x'


def test_fields_read_as_plain_attributes_before_any_symbolic_use():
  """A compact instance reads its fields and defaults without a symbolic state."""
  record = compact_new(Record, id=1)
  assert record.id == 1 and record.items == [] and record.note == 'x'
  assert is_compact(record) and '_sym_values' not in record.__dict__
  assert compact_new(Record, id=2).items is not record.items


def test_symbolic_use_materializes_as_the_constructor_would():
  """sym_init_args, rebind, JSON and == see what Record(...) would hold."""
  record = compact_new(Record, id=1, items=[compact_new(Item, reward=0.5)])
  assert record == Record(1, [Item(0.5)])
  assert not is_compact(record)
  assert isinstance(record.items, pg.List) and str(record.items[0].sym_path) == 'items[0]'
  assert pg.to_json(record) == pg.to_json(Record(1, [Item(0.5)]))


@given(st.integers(), st.lists(st.floats(allow_nan=False), max_size=4), st.text(max_size=5))
def test_compact_and_constructed_instances_agree(i, rewards, note):
  """Materializing a compact instance equals constructing from the same values."""
  items = [compact_new(Item, reward=r) for r in rewards]
  compact = compact_new(Record, id=i, items=items, note=note)
  built = Record(i, [Item(r) for r in rewards], note=note)
  assert pg.eq(compact, built) and pg.to_json(compact) == pg.to_json(built)
  assert compact.format(compact=True) == built.format(compact=True)


def test_a_compact_child_keeps_its_parent_when_materialized():
  """Materializing after adoption keeps the link to the adopting parent."""
  item = compact_new(Item, reward=1.0)
  holder = pg.Dict(x=item)
  assert item.sym_parent is holder and str(item.sym_path) == 'x'
  materialize(item)
  assert item.sym_parent is holder and item.reward == 1.0


def test_compact_write_is_direct_then_symbolic():
  """compact_write updates a compact instance in place, and rebinds a symbolic one."""
  record = compact_new(Record, id=1)
  compact_write(record, note='y')
  assert is_compact(record) and record.note == 'y'
  record.sym_init_args  # pylint: disable=pointless-statement
  compact_write(record, note='z')
  assert record.sym_init_args['note'] == 'z'
  with pytest.raises(TypeError, match=r'path=note'):
    compact_write(record, note=3)
  assert record.note == 'z'


def test_assignment_and_rebind_validate():
  """Writes through the symbolic API are checked as on any pg.Object."""
  record = compact_new(Record, id=1)
  with pytest.raises(TypeError, match=r'path=id'):
    record.rebind(id='a')
  record.id = 5
  assert record.id == 5 and record.sym_init_args['id'] == 5


def test_copies_and_pickles():
  """clone, deepcopy and pickle give equal symbolic copies."""
  record = compact_new(Record, id=1, items=[compact_new(Item, reward=0.5)])
  for other in (record.clone(), copy.deepcopy(record),
                pickle.loads(pickle.dumps(record))):
    assert other == Record(1, [Item(0.5)]) and other is not record


def test_unknown_attributes_raise_attribute_error():
  """A missing attribute is an AttributeError, compact or not."""
  record = compact_new(Record, id=1)
  with pytest.raises(AttributeError, match=r"'Record' object has no attribute 'nope'"):
    record.nope  # pylint: disable=pointless-statement
  assert not hasattr(Record(1), 'nope')


def test_materializes_once_when_path_change_hooks_are_active():
  """Linking a compact instance may read its children (path hooks on): it materializes once."""

  class Watched(pg.Object):  # Defining the hook turns the hook path on.
    x: int = 0

    def _on_path_change(self, old_path, new_path):
      super()._on_path_change(old_path, new_path)

  record = compact_new(Record, id=3, items=[compact_new(Item, reward=0.1)])
  assert record == Record(3, [Item(0.1)]) and not is_compact(record)
  assert Watched(1).x == 1
