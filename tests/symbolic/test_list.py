"""Tests for pg.List."""
from __future__ import annotations

import copy
import doctest
import pickle

from hypothesis import given
from hypothesis import strategies as st
import pytest

import pyglove as pg
from pyglove.symbolic import _list


SPEC = pg.typing.List(pg.typing.Int(min_value=0))


class Item(pg.Object):
  v: int = 0


class TestConstruction:
  """Building a List."""

  def test_equal_to_plain_list(self):
    """A List equals a plain list with equal items."""
    assert pg.List([1, [2], {'a': 3}]) == [1, [2], {'a': 3}]
    assert pg.List() == []

  def test_nested_values_become_symbolic(self):
    """Nested containers become symbolic with index keys."""
    l = pg.List([{'a': 1}, [2]])
    assert isinstance(l[0], pg.Dict) and isinstance(l[1], pg.List)
    assert str(l[1].sym_path) == '[1]'

  def test_value_spec_validates_elements(self):
    """Elements are checked against the element spec."""
    assert pg.List([1, 2], value_spec=SPEC).value_spec is SPEC
    with pytest.raises(ValueError, match=r'\(path=\[1\]\)'):
      pg.List([1, -2], value_spec=SPEC)

  def test_bad_value_spec_raises_type_error(self):
    """A value_spec that is not a pg.typing.List raises TypeError."""
    with pytest.raises(TypeError, match='value_spec of pg.List must be'):
      pg.List(value_spec=pg.typing.Int())


class TestMutation:
  """List methods validate, keep parent links and index keys right."""

  def test_append_insert_extend(self):
    """Insertion keeps the keys of later children in sync."""
    l = pg.List([Item(1)])
    l.append(Item(3))
    l.insert(1, Item(2))
    l.insert(-10, Item(0))
    l.extend([Item(4)])
    l += [Item(5)]
    assert [i.v for i in l] == [0, 1, 2, 3, 4, 5]
    assert [i.sym_path.key for i in l] == [0, 1, 2, 3, 4, 5]

  def test_setitem_and_delitem(self):
    """Assignment and deletion by index, negative indices too."""
    l = pg.List([Item(1), Item(2), Item(3)])
    old = l[0]
    l[-3] = Item(9)
    assert l[0].v == 9 and old.sym_parent is None
    del l[0]
    assert [i.v for i in l] == [2, 3] and l[0].sym_path.key == 0

  def test_slices(self):
    """Slice assignment and deletion replace content atomically."""
    l = pg.List([1, 2, 3, 4])
    l[1:3] = [7]
    assert l == [1, 7, 4]
    del l[::2]
    assert l == [7]

  def test_pop_remove_clear(self):
    """pop/remove/clear work like list's."""
    l = pg.List([1, 2, 3])
    assert l.pop() == 3 and l.pop(0) == 1
    l.remove(2)
    assert l == []
    with pytest.raises(IndexError, match='empty'):
      l.pop()
    l.extend([1, 2])
    l.clear()
    assert l == []

  def test_sort_reverse_imul(self):
    """Reordering methods keep children's keys consistent."""
    l = pg.List([Item(2), Item(1)])
    l.sort(key=lambda i: i.v)
    assert [i.v for i in l] == [1, 2] and l[1].sym_path.key == 1
    l.reverse()
    assert [i.v for i in l] == [2, 1]
    m = pg.List([1])
    m *= 3
    assert m == [1, 1, 1]

  def test_validation_failure_changes_nothing(self):
    """A rejected element raises and leaves the list unchanged."""
    l = pg.List([1], value_spec=SPEC)
    with pytest.raises(ValueError, match=r'\(path=\[1\]\)'):
      l.append(-1)
    with pytest.raises(ValueError):
      l.extend([2, -1])
    assert l == [1]

  def test_index_errors(self):
    """Bad indices raise IndexError/TypeError like list."""
    l = pg.List([1])
    with pytest.raises(IndexError, match='out of range'):
      l[5] = 1
    with pytest.raises(TypeError, match='must be integers'):
      l['a'] = 1  # type: ignore[index]

  def test_sym_getattr(self):
    """sym_getattr by index, default, or KeyError."""
    l = pg.List([1])
    assert l.sym_getattr(0) == 1 and l.sym_getattr(3, 'd') == 'd'
    with pytest.raises(KeyError, match='Index 3 does not exist'):
      l.sym_getattr(3)
    assert l.sym_hasattr(-1) and not l.sym_hasattr('a')

  def test_rebind_with_non_int_key_raises_key_error(self):
    """A list key must be an int."""
    with pytest.raises(KeyError, match='must be an int index'):
      pg.List([1]).rebind({'a': 1})

  def test_rebind_index_below_range_raises_key_error(self):
    """A negative index past the start raises KeyError."""
    with pytest.raises(KeyError, match='out of range'):
      pg.List([1]).rebind({pg.KeyPath(-5): 1})

  def test_writes_refused_when_accessors_disabled(self):
    """pg.allow_writable_accessors(False) forbids item assignment, not methods."""
    l = pg.List([1])
    with pg.allow_writable_accessors(False):
      with pytest.raises(pg.WritePermissionError, match='allow_writable_accessors'):
        l[0] = 2
      with pytest.raises(pg.WritePermissionError):
        del l[0]
      l.append(2)
    assert l == [1, 2]

  def test_accessor_writable_false_allows_methods_only(self):
    """As the reference: l[i] = v, slices and del raise; append, pop, rebind write."""
    l = pg.List([1, 2, 3], accessor_writable=False)
    assert not l.accessor_writable
    for write in (lambda: l.__setitem__(0, 5), lambda: l.__delitem__(0),
                  lambda: l.__setitem__(slice(0, 1), [7])):
      with pytest.raises(pg.WritePermissionError, match='accessor_writable'):
        write()
    assert l == [1, 2, 3]
    l.append(4)
    assert l.pop() == 4
    l.insert(0, 0)
    l.rebind({1: 10})
    assert l == [0, 10, 2, 3]
    assert l.clone().accessor_writable is False
    l.set_accessor_writable(True)
    l[0] = -1
    assert l[0] == -1

  def test_onchange_callback_receives_relative_updates(self):
    """The callback gets {path: FieldUpdate} for changes at or below the list."""
    calls = []
    l = pg.List([1, pg.Dict(a=1)], onchange_callback=calls.append)
    assert l == [1, {'a': 1}]  # The callback is no item.
    l[0] = 3
    l[1].a = 2
    l.append(4)
    assert [list(map(str, c)) for c in calls] == [['[0]'], ['[1].a'], ['[2]']]
    update = calls[0][pg.KeyPath(0)]
    assert (update.old_value, update.new_value) == (1, 3)
    clone = l.clone(deep=True)
    clone[0] = 9
    assert len(calls) == 4

  def test_onchange_callback_must_be_callable(self):
    with pytest.raises(TypeError, match='onchange_callback of List must be callable'):
      pg.List([1], onchange_callback=1)


class TestCopy:
  """Clones, pickling, text."""

  def test_copies_are_clones(self):
    """copy/deepcopy/copy() give equal parentless Lists."""
    l = pg.List([{'a': 1}])
    for c in (copy.copy(l), copy.deepcopy(l), l.copy()):
      assert c == l and c[0] is not l[0] and c[0].sym_parent is c

  def test_pickle_round_trip(self):
    """A List survives pickling."""
    l = pg.List([1, 2], value_spec=SPEC)
    m = pickle.loads(pickle.dumps(l))
    assert m == l and type(m) is pg.List

  def test_repr(self):
    """repr reads like a Python list; inside a symbolic value items show their indices."""
    assert repr(pg.List([1, pg.Dict(a='x')])) == "[1, {a='x'}]"
    assert repr(pg.Dict(l=pg.List([1, 'a']))) == "{l=[0: 1, 1: 'a']}"
    assert pg.format(pg.List([1]), compact=True) == '[0: 1]'

  def test_from_json(self):
    """List.from_json builds a List."""
    l = pg.List.from_json([1, ['__tuple__', 2]])
    assert isinstance(l, pg.List) and l == [1, (2,)]


OPS = st.lists(st.tuples(st.sampled_from(['append', 'insert', 'delete', 'set']),
                         st.integers(-5, 5), st.integers(0, 9)), max_size=12)


class TestProperties:
  """Invariants under any sequence of edits."""

  @given(OPS)
  def test_keys_and_parents_follow_positions(self, ops):
    """After any edits, each child's key is its index and its parent the list."""
    l = pg.List([Item(i) for i in range(3)])
    mirror = [i.v for i in l]
    for op, index, v in ops:
      if op == 'append':
        l.append(Item(v))
        mirror.append(v)
      elif op == 'insert':
        l.insert(index, Item(v))
        mirror.insert(index, v)
      elif mirror and op == 'delete':
        del l[index % len(mirror)]
        del mirror[index % len(mirror)]
      elif mirror:
        l[index % len(mirror)] = Item(v)
        mirror[index % len(mirror)] = v
    assert [i.v for i in l] == mirror
    assert all(item.sym_parent is l and item.sym_path.key == i
               for i, item in enumerate(l))


def test_docstring_examples_run():
  """The examples in the module's docstrings run as written."""
  results = doctest.testmod(_list, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.failed == 0 and results.attempted > 0


class TestSizeConstraints:
  """min_size/max_size of the spec hold after edits."""

  def test_size_limits_enforced_and_rolled_back(self):
    """Edits that leave the list too long or too short raise ValueError."""
    spec = pg.typing.List(pg.typing.Int(), min_size=1, max_size=2)
    l = pg.List([1, 2], value_spec=spec)
    with pytest.raises(ValueError, match=r'would have 3 items.*max_size=2'):
      l.append(3)
    assert l == [1, 2]
    l.pop()
    with pytest.raises(ValueError, match='would have 0 items'):
      l.pop()
    assert l == [1]


class TestValueSpecBinding:
  """List.partial and List.use_value_spec, as in the reference."""

  SPEC = pg.typing.List(pg.typing.Dict([('x', pg.typing.Int())]))

  def test_partial_allows_missing_values_in_items(self):
    l = pg.List.partial([{}], value_spec=self.SPEC)
    assert l.missing_values() == {'[0].x': pg.MISSING_VALUE}
    with pytest.raises(ValueError, match=r'Required value.*path=\[0\].x'):
      pg.List([{}], value_spec=self.SPEC)

  def test_use_value_spec_validates_and_binds(self):
    l = pg.List([{'x': 1}])
    assert l.use_value_spec(self.SPEC) is l and l.value_spec is self.SPEC
    with pytest.raises(TypeError, match=r'\[1\]'):
      l.append(1)
    assert l == [{'x': 1}]

  def test_rejected_spec_leaves_the_list_unchanged(self):
    l = pg.List([1, 'a'])
    with pytest.raises(TypeError, match=r'path=\[1\]'):
      l.use_value_spec(pg.typing.List(pg.typing.Int()))
    assert l.value_spec is None and l == [1, 'a']
    with pytest.raises(ValueError, match='expects a pg.typing.List'):
      l.use_value_spec(pg.typing.Dict())
