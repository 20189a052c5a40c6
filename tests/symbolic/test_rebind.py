"""Tests for rebind: its forms, atomicity, notification order and errors."""
from __future__ import annotations

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
import pytest

import pyglove as pg


class Leaf(pg.Object):
  v: pg.typing.Int(min_value=0) = 0


class Branch(pg.Object):
  leaf: Leaf
  items: list[int] = []
  extra: dict = {}


calls = []


class Tracked(pg.Object):
  name: str
  child: pg.typing.Any() = None

  def _on_change(self, updates):
    calls.append((self.name, sorted(str(k) for k in updates)))
    super()._on_change(updates)


def snapshot(obj):
  return repr(obj)


class TestForms:
  """The ways to express updates."""

  def test_path_dict(self):
    """A dict of key-path strings to values."""
    b = Branch(Leaf())
    assert b.rebind({'leaf.v': 2, 'items': [1]}) is b
    assert b.leaf.v == 2 and b.items == [1]

  def test_keypath_keys_and_kwargs(self):
    """pg.KeyPath keys and keyword arguments are accepted together."""
    b = Branch(Leaf())
    b.rebind({pg.KeyPath.parse('leaf.v'): 3}, items=[4])
    assert b.leaf.v == 3 and b.items == [4]

  def test_function_of_key_and_value(self):
    """fn(k, v) runs in preorder; returned replacements are applied."""
    b = Branch(Leaf(1), [1, 2])
    seen = []

    def fn(k, v):
      seen.append(str(k))
      return v * 10 if isinstance(v, int) and k.key != 'v' else v
    b.rebind(fn)
    assert b.items == [10, 20]
    assert seen[:3] == ['', 'leaf', 'leaf.v']

  def test_function_with_parent(self):
    """fn(k, v, p) receives the parent."""
    b = Branch(Leaf(1))
    parents = {}

    def fn(k, v, p):
      parents[str(k)] = p
      return v
    b.rebind(fn, raise_on_no_change=False)
    assert parents[''] is None and parents['leaf.v'] is b.leaf

  def test_replaced_value_is_not_descended(self):
    """A value returned by fn is not visited again."""
    b = Branch(Leaf(1))
    seen = []

    def fn(k, v):
      seen.append(str(k))
      return Leaf(5) if isinstance(v, Leaf) else v
    b.rebind(fn)
    assert 'leaf.v' not in seen and b.leaf.v == 5

  def test_list_of_functions_in_order(self):
    """A list of functions is applied in order."""
    b = Branch(Leaf(), [1])
    b.rebind([
        lambda k, v: [2] if k == 'items' else v,
        lambda k, v: v + 1 if k == 'items[0]' else v,
    ])
    assert b.items == [3]

  def test_insert_into_list(self):
    """pg.insert(v) inserts before the index."""
    b = Branch(Leaf(), [1, 3])
    b.rebind({'items[1]': pg.insert(2)})
    assert b.items == [1, 2, 3]

  def test_index_past_end_appends(self):
    """An index >= len appends."""
    b = Branch(Leaf(), [1])
    b.rebind({'items[5]': 2})
    assert b.items == [1, 2]

  def test_missing_value_deletes_list_item_and_dict_key(self):
    """pg.MISSING_VALUE deletes an item or key."""
    b = Branch(Leaf(), [1, 2], {'a': 1, 'b': 2})
    b.rebind({'items[0]': pg.MISSING_VALUE, 'extra.a': pg.MISSING_VALUE})
    assert b.items == [2] and b.extra == {'b': 2}

  def test_missing_value_resets_object_field_to_default(self):
    """pg.MISSING_VALUE on a field with a default restores the default."""
    b = Branch(Leaf(3))
    b.rebind({'leaf.v': pg.MISSING_VALUE})
    assert b.leaf.v == 0

  def test_new_dict_key(self):
    """A new key can be added to a free dict."""
    b = Branch(Leaf())
    b.rebind({'extra.k': 1})
    assert b.extra == {'k': 1}

  def test_nested_containers_become_symbolic(self):
    """A rebound dict value becomes a pg.Dict child."""
    b = Branch(Leaf())
    b.rebind(extra={'a': {'b': 1}})
    assert isinstance(b.extra.a, pg.Dict)
    assert str(b.extra.a.sym_path) == 'extra.a'

  def test_returns_self_for_chaining(self):
    """x.clone().rebind(...) chains."""
    b = Branch(Leaf())
    c = b.clone().rebind({'leaf.v': 1})
    assert c.leaf.v == 1 and b.leaf.v == 0


class TestNotification:
  """Each changed node and ancestor is notified once, deepest first."""

  def test_ancestors_notified_once_deepest_first(self):
    """Two changes under one ancestor notify it once, after the deeper node."""
    calls.clear()
    t = Tracked('root', Tracked('mid', Tracked('leaf')))
    t.rebind({'child.child.name': 'x', 'child.name': 'mid'},
             raise_on_no_change=False)
    assert [c[0] for c in calls] == ['x', 'mid', 'root']
    assert calls[-1][1] == ['child.child.name']

  def test_updates_pass_through_nodes_without_hooks(self):
    """An ancestor above a hook-less container still gets the update once."""
    calls.clear()
    t = Tracked('root', pg.Dict(x=Tracked('leaf')))
    t.rebind({'child.x.name': 'new'})
    assert calls == [('new', ['name']), ('root', ['child.x.name'])]

  def test_notify_parents_false(self):
    """notify_parents=False notifies only the changed node."""
    calls.clear()
    t = Tracked('root', Tracked('mid'))
    t.rebind({'child.name': 'm2'}, notify_parents=False)
    assert [c[0] for c in calls] == ['m2']

  def test_skip_notification(self):
    """skip_notification=True notifies nobody."""
    calls.clear()
    t = Tracked('root', Tracked('mid'))
    t.rebind({'child.name': 'm2'}, skip_notification=True)
    assert not calls

  def test_notify_on_change_context(self):
    """pg.notify_on_change(False) disables notification."""
    calls.clear()
    t = Tracked('root')
    with pg.notify_on_change(False):
      t.rebind(name='r2')
    assert not calls

  def test_on_bound_recomputes_ancestor_state(self):
    """A change deep in the tree re-runs _on_bound of every ancestor."""
    class Sum(pg.Object):
      leaves: list[Leaf]

      def _on_bound(self):
        self.total = sum(l.v for l in self.leaves)
    s = Sum([Leaf(1), Leaf(2)])
    s.rebind({'leaves[0].v': 5})
    assert s.total == 7
    s.leaves[1].rebind(v=10)
    assert s.total == 15


class TestErrors:
  """Bad updates raise the documented exception and leave the tree unchanged."""

  def test_unknown_path_raises_key_error(self):
    """A path whose parent does not exist raises KeyError."""
    b = Branch(Leaf())
    before = snapshot(b)
    with pytest.raises(KeyError, match="parent 'nope' does not exist"):
      b.rebind({'nope.v': 1})
    assert snapshot(b) == before

  def test_unknown_field_raises_key_error(self):
    """A field the class lacks raises KeyError listing valid fields."""
    b = Branch(Leaf())
    before = snapshot(b)
    with pytest.raises(KeyError, match=r"No field named 'w' in Leaf; valid "
                       r'fields: v\. \(path=leaf\)'):
      b.rebind({'leaf.w': 1})
    assert snapshot(b) == before

  def test_root_path_raises_key_error(self):
    """Rebinding '' (the root itself) raises KeyError."""
    b = Branch(Leaf())
    with pytest.raises(KeyError, match='Cannot rebind the root'):
      b.rebind({'': Branch(Leaf())})

  def test_function_replacing_root_raises_key_error(self):
    """A function returning a new root raises KeyError."""
    b = Branch(Leaf())
    with pytest.raises(KeyError, match='Cannot rebind the root'):
      b.rebind(lambda k, v: Branch(Leaf(1)) if k.is_root else v)

  def test_path_into_plain_value_raises_key_error(self):
    """A path below a non-symbolic value raises KeyError."""
    class T(pg.Object):
      t: tuple = (1, 2)
    with pytest.raises(KeyError, match='not a symbolic value'):
      T().rebind({'t[0]': 3})

  def test_path_through_plain_tuple_reaches_symbolic_node(self):
    """A symbolic value held in a plain tuple can still be rebound by path."""
    class T(pg.Object):
      t: tuple = ()
    x = T((pg.Dict(a=1),))
    x.rebind({'t[0].a': 2})
    assert x.t[0].a == 2

  def test_wrong_type_raises_type_error_and_keeps_object(self):
    """A rejected type raises TypeError with the path; nothing changes."""
    b = Branch(Leaf())
    before = snapshot(b)
    with pytest.raises(TypeError, match=r'\(path=leaf.v\)'):
      b.rebind({'items': [1], 'leaf.v': 'x'})
    assert snapshot(b) == before

  def test_out_of_range_raises_value_error_and_keeps_object(self):
    """A value out of range raises ValueError; earlier updates are not applied."""
    b = Branch(Leaf())
    before = snapshot(b)
    with pytest.raises(ValueError, match=r'out of range.*\(path=leaf.v\)'):
      b.rebind({'items': [1], 'leaf.v': -1})
    assert snapshot(b) == before

  def test_empty_update_raises_value_error(self):
    """No updates at all raises ValueError."""
    with pytest.raises(ValueError, match='There are no values to rebind in Branch'):
      Branch(Leaf()).rebind({})
    assert Branch(Leaf()).rebind({}, raise_on_no_change=False) == Branch(Leaf())

  def test_equal_values_are_no_error(self):
    """Updates equal to the current values are accepted (as in the reference)."""
    b = Branch(Leaf())
    assert b.rebind({'leaf.v': 0}) is b and b.leaf.v == 0

  def test_functions_changing_nothing_raise_value_error(self):
    """Functions that return every value unchanged raise ValueError."""
    with pytest.raises(ValueError, match='returned every value unchanged'):
      Branch(Leaf()).rebind(lambda k, v: v)

  def test_bad_argument_type_raises_type_error(self):
    """A value that is neither dict nor function raises TypeError."""
    with pytest.raises(TypeError, match='rebind expects a dict'):
      Branch(Leaf()).rebind(42)

  def test_bad_key_type_raises_key_error(self):
    """A key that is not a path raises KeyError."""
    with pytest.raises(KeyError, match='rebind key must be'):
      Branch(Leaf()).rebind({1.5: 1})

  def test_sealed_raises_write_permission_error(self):
    """Rebinding a sealed object raises and changes nothing."""
    b = Branch(Leaf()).seal()
    before = snapshot(b)
    with pytest.raises(pg.WritePermissionError, match=r'sealed Leaf.*'
                       r'\(path=leaf.v\)'):
      b.rebind({'leaf.v': 1})
    assert snapshot(b) == before

  def test_delete_missing_key_raises_key_error(self):
    """Deleting an absent dict key or list index raises KeyError."""
    b = Branch(Leaf(), [1])
    with pytest.raises(KeyError, match="Cannot delete key 'z'"):
      b.rebind({'extra.z': pg.MISSING_VALUE})
    with pytest.raises(KeyError, match='Cannot delete index 3'):
      b.rebind({'items[3]': pg.MISSING_VALUE})

  def test_failing_on_bound_rolls_back(self):
    """An _on_bound that raises during rebind leaves the tree as it was."""
    class Picky(pg.Object):
      leaf: Leaf
      other: int = 0

      def _on_bound(self):
        if self.leaf.v == 13:
          raise ValueError('unlucky')
        self.cached = self.leaf.v + self.other
    p = Picky(Leaf(1))
    old_leaf = p.leaf
    before = (snapshot(p), p.cached)
    with pytest.raises(ValueError, match='unlucky'):
      p.rebind({'leaf.v': 13, 'other': 5})
    assert (snapshot(p), p.cached) == before
    assert p.leaf is old_leaf and p.leaf.v == 1

  def test_rollback_detaches_adopted_value(self):
    """A node adopted by a failed rebind gets its parent link back."""
    class Picky(pg.Object):
      leaf: pg.typing.Any() = None

      def _on_bound(self):
        if isinstance(self.leaf, Leaf) and self.leaf.v == 13:
          raise ValueError('unlucky')
    p = Picky()
    leaf = Leaf(13)
    with pytest.raises(ValueError):
      p.rebind(leaf=leaf)
    assert leaf.sym_parent is None and p.leaf is None


class TestUndoLog:
  """A failed rebind undoes its writes from a log, restoring order and links."""

  def test_dict_deletion_is_undone_in_place(self):
    """A deleted key comes back at its position."""
    d = pg.Dict(a=1, b=Leaf(2), c=3)
    leaf = d.b
    with pytest.raises(ValueError):
      d.rebind({'b': pg.MISSING_VALUE, 'd': 4, 'a': 5, 'c': Leaf(-1)})
    assert list(d.keys()) == ['a', 'b', 'c'] and d.b is leaf
    assert leaf.sym_parent is d and str(leaf.sym_path) == 'b' and d.a == 1

  def test_list_inserts_deletes_and_appends_are_undone(self):
    """Index shifts are undone newest first."""
    items = pg.List([Leaf(0), Leaf(1), Leaf(2)],
                    value_spec=pg.typing.List(pg.typing.Object(Leaf)))
    before = list(items)
    with pytest.raises(TypeError):
      items.rebind({'[1]': pg.MISSING_VALUE, '[0]': pg.symbolic.Insertion(Leaf(9)),
                    '[5]': Leaf(7), '[2]': 'not a leaf'})
    assert list(items) == before
    assert [str(v.sym_path) for v in items] == ['[0]', '[1]', '[2]']

  def test_object_keyword_field_deletion_is_undone_in_place(self):
    """A `**kwargs` field deleted by a failed rebind comes back in order."""
    @pg.members([(pg.typing.StrKey(), pg.typing.Int(min_value=0))])
    class Kw(pg.Object):
      pass
    k = Kw(p=1, q=2, r=3)
    with pytest.raises(ValueError):
      k.rebind({'q': pg.MISSING_VALUE, 'r': -1})
    assert list(k.sym_init_args) == ['p', 'q', 'r'] and k.q == 2

  def test_large_container_write_is_constant_time(self):
    """A write logs its key, not the container (a rough guard: 1e5 keys)."""
    d = pg.Dict({f'k{i}': i for i in range(100_000)})
    undo_records = []
    original = pg.Dict._sym_undo_record

    def spy(self, key, value):
      record = original(self, key, value)
      undo_records.append(record)
      return record
    pg.Dict._sym_undo_record = spy
    try:
      d['k5'] = -1
    finally:
      pg.Dict._sym_undo_record = original
    assert undo_records == [('k5', 5, None)]


class TestTreeVersion:
  """The change count of a tree, for caches of values computed from it."""

  def test_changes_on_writes_seal_and_moves(self):
    """Writes anywhere in the tree and seals change it; reads do not."""
    t = Branch(Leaf(1))
    v0 = pg.symbolic.tree_version(t.leaf)
    assert pg.symbolic.tree_version(t) == v0
    t.leaf.rebind(v=2)
    v1 = pg.symbolic.tree_version(t)
    assert v1 != v0
    _ = t.leaf.v, t.sym_path
    assert pg.symbolic.tree_version(t) == v1
    t.seal()
    assert pg.symbolic.tree_version(t) != v1
    leaf = Leaf(3)
    alone = pg.symbolic.tree_version(leaf)
    pg.Dict(x=leaf)
    assert pg.symbolic.tree_version(leaf) != alone

  def test_failed_rebind_leaves_it(self):
    t = Branch(Leaf(1))
    v0 = pg.symbolic.tree_version(t)
    with pytest.raises(ValueError):
      t.rebind({'leaf.v': -1})
    assert pg.symbolic.tree_version(t) == v0


class TestProperties:
  """Invariants of rebind over generated updates."""

  @given(st.dictionaries(
      st.sampled_from(['leaf.v', 'items[0]', 'items[3]', 'extra.k', 'nope.v',
                       'leaf.w']),
      st.one_of(st.integers(-3, 3), st.text(max_size=2)), min_size=1))
  def test_rebind_applies_all_or_nothing(self, updates):
    """A rebind either applies every update or leaves the tree as it was."""
    b = Branch(Leaf(1), [1, 2])
    before = snapshot(b)
    try:
      b.rebind(updates, raise_on_no_change=False)
    except (KeyError, TypeError, ValueError):
      assert snapshot(b) == before
      return
    for path, value in updates.items():
      if path == 'items[3]':
        path = 'items[2]'
      assert b.sym_get(path) == value

  @given(st.lists(st.integers(0, 5), min_size=1, max_size=6))
  def test_clone_then_rebind_leaves_original(self, values):
    """Rebinding a clone never changes the original."""
    b = Branch(Leaf(), list(values))
    c = b.clone(deep=True)
    c.rebind(lambda k, v: v + 1 if isinstance(v, int) else v)
    assert b == Branch(Leaf(), list(values))
    assert c.items == [v + 1 for v in values]


class TestFunctionListAtomicity:
  """A list of functions is one transaction."""

  def test_later_function_failure_undoes_earlier_ones(self):
    """If the second function's update is rejected, the first's is undone."""
    b = Branch(Leaf(1), [1])
    before = snapshot(b)
    with pytest.raises(ValueError, match='out of range'):
      b.rebind([
          lambda k, v: [7] if k == 'items' else v,
          lambda k, v: -1 if k == 'leaf.v' else v,
      ])
    assert snapshot(b) == before


class TestReferenceRebindSemantics:
  """Deleting several list items, equal-value rebinds, and root replacement."""

  def test_function_deletes_exactly_the_items_it_drops(self):
    """Items a rebind function maps to MISSING_VALUE are removed, the others kept in order."""
    l = pg.List([1, 'a', 2, 'b', 3, 'c'])
    l.rebind(lambda k, v, p: pg.MISSING_VALUE if isinstance(v, str) else v)
    assert l == [1, 2, 3]
    nested = pg.List([1, 'a', pg.List([2, 'b'])])
    nested.rebind(lambda k, v, p: pg.MISSING_VALUE if isinstance(v, str) else v)
    assert nested == [1, [2]] and nested[1].sym_path == '[1]'

  def test_dict_of_deletions_uses_the_original_indices(self):
    """Indices in one rebind dict refer to the list before the rebind."""
    assert pg.List([1, 2, 3]).rebind({0: pg.MISSING_VALUE, 1: pg.MISSING_VALUE}) == [3]
    assert pg.List([1, 2, 3]).rebind({'[0]': pg.MISSING_VALUE,
                                      '[2]': pg.MISSING_VALUE}) == [2]
    assert pg.List([1, 2, 3]).rebind({'[5]': 4, '[6]': 5}) == [1, 2, 3, 4, 5]

  @settings(max_examples=60, deadline=None)
  @given(st.lists(st.tuples(st.integers(0, 99), st.booleans()), max_size=12))
  def test_any_subset_deleted_leaves_the_others_in_order(self, items):
    """Property: a rebind function dropping any subset keeps exactly the rest, in order."""
    values = [pg.Dict(v=v, drop=drop) for v, drop in items]
    l = pg.List(values)
    kept = [v for v, drop in items if not drop]
    if len(kept) == len(items):
      return
    l.rebind(lambda k, v, p: pg.MISSING_VALUE if isinstance(v, pg.Dict) and v.drop else v)
    assert [d.v for d in l] == kept
    assert [str(d.sym_path) for d in l] == [f'[{i}]' for i in range(len(kept))]

  def test_equal_value_rebind_is_not_an_error(self):
    """Rebinding to the current value changes nothing and raises nothing."""
    d = pg.Dict(a=1, b=pg.Dict(c=2))
    assert d.rebind({'a': 1}) is d and d.rebind(a=1, b=pg.Dict(c=2)) == {'a': 1, 'b': {'c': 2}}

  def test_only_an_empty_update_raises(self):
    """An empty dict, or a function that changes nothing, is a ValueError."""
    with pytest.raises(ValueError, match='no values to rebind'):
      pg.Dict(a=1).rebind({})
    with pytest.raises(ValueError, match='no values to rebind'):
      pg.Dict(a=1).rebind(lambda k, v, p: v)
    assert pg.Dict(a=1).rebind(lambda k, v, p: v, raise_on_no_change=False) == {'a': 1}

  def test_function_replacing_the_root_is_a_key_error(self):
    """A rebind function returning a new root is a KeyError."""
    with pytest.raises(KeyError, match='root'):
      pg.Dict(a=1).rebind(lambda k, v, p: pg.Dict(a=3) if p is None else v)
