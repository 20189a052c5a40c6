"""Tests for the Symbolic base: tree links, paths, clone, sealing, inspection."""
from __future__ import annotations

import doctest
import inspect
import io
import pickle

import pytest

import pyglove as pg
from pyglove.symbolic import _base


class Leaf(pg.Object):
  v: int = 0
  note: pg.typing.Any() = None


class Tree(pg.Object):
  left: Leaf
  right: pg.typing.Any() = None
  items: list = []


class Hyper(pg.Object):
  is_hyper_value = True
  x: int = 0


def make_tree():
  return Tree(Leaf(1), pg.Dict(a=Leaf(2)), [Leaf(3), {'k': [Leaf(4)]}])


class TestLinks:
  """Parents, paths and roots."""

  def test_paths_follow_parent_links(self):
    """sym_path is derived from parent links at any depth."""
    t = make_tree()
    deep = t.items[1].k[0]
    assert str(deep.sym_path) == 'items[1].k[0]'
    assert deep.sym_root is t and deep.sym_parent is t.items[1].k
    assert t.sym_parent is None and str(t.sym_path) == ''

  def test_paths_update_when_list_shifts(self):
    """Inserting before a child changes its path."""
    t = make_tree()
    leaf = t.items[0]
    t.items.insert(0, 'x')
    assert str(leaf.sym_path) == 'items[1]'

  def test_sym_setparent(self):
    """sym_setparent re-parents a node."""
    leaf = Leaf()
    d = pg.Dict()
    leaf.sym_setparent(d, 'z')
    assert leaf.sym_parent is d and str(leaf.sym_path) == 'z'

  def test_cached_path_follows_reparenting(self):
    """A read path is cached, and dropped for the whole subtree when it moves."""
    t = make_tree()
    deep = t.items[1].k[0]
    assert str(deep.sym_path) == 'items[1].k[0]'
    assert deep.sym_path is deep.sym_path  # Served from the cache.
    moved = t.items[1]
    t.rebind({'right': moved})  # The node is copied into its new place...
    assert str(t.right.k[0].sym_path) == 'right.k[0]'
    t.items.insert(0, Leaf())  # ...and shifting the list re-keys the old one.
    assert str(deep.sym_path) == 'items[2].k[0]'
    orphaned = t.items.pop(2)
    assert str(orphaned.k[0].sym_path) == 'k[0]' and orphaned.sym_parent is None

  def test_cached_paths_are_not_pickled_or_cloned(self):
    """Copies start as roots with their own paths."""
    t = make_tree()
    leaf = t.items[0]
    assert str(leaf.sym_path) == 'items[0]'
    for copy in (leaf.clone(), pickle.loads(pickle.dumps(leaf))):
      assert copy.sym_parent is None and str(copy.sym_path) == ''

  def test_sym_get_and_sym_has(self):
    """sym_get reads by path (default or KeyError); sym_has tests it."""
    t = make_tree()
    assert t.sym_get('items[1].k[0].v') == 4
    assert t.sym_get(pg.KeyPath.parse('right.a.v')) == 2
    assert t.sym_get('nope', default=None) is None
    with pytest.raises(KeyError):
      t.sym_get('left.nope')
    assert t.sym_has('left.v') and not t.sym_has('left.w')

  def test_sym_keys_values_items_generic(self):
    """The generic accessors of the base class iterate sym_items."""
    d = pg.Dict(a=1, b=2)
    assert list(_base.Symbolic.sym_keys(d)) == ['a', 'b']
    assert list(_base.Symbolic.sym_values(d)) == [1, 2]
    assert _base.Symbolic.sym_init_args.fget(d) == {'a': 1, 'b': 2}


class TestClone:
  """clone(deep, memo, override)."""

  def test_shallow_clone_copies_nodes_shares_leaves(self):
    """Symbolic nodes are always copied; plain leaf objects shared unless deep."""
    payload = object.__new__(type('Payload', (), {}))
    t = Tree(Leaf(1, payload))
    c = t.clone()
    assert c == t and c.left is not t.left and c.left.sym_parent is c
    assert c.left.note is payload
    d = t.clone(deep=True)
    assert d.left.note is not payload and d == d

  def test_clone_is_parentless(self):
    """A clone of a child is a root."""
    t = make_tree()
    c = t.items[0].clone()
    assert c.sym_parent is None and str(c.sym_path) == ''

  def test_clone_override(self):
    """override rebinds the copy only."""
    t = make_tree()
    c = t.clone(override={'left.v': 9})
    assert c.left.v == 9 and t.left.v == 1

  def test_clone_of_sealed_keeps_seal_and_applies_override(self):
    """A sealed object clones sealed, with the override applied."""
    t = make_tree().seal()
    c = t.clone(override={'left.v': 5})
    assert c.is_sealed and c.left.v == 5

  def test_clone_does_not_revalidate(self):
    """Cloning never calls a spec's apply."""
    calls = []

    class Counting(pg.typing.Int):

      def apply(self, *args, **kwargs):
        calls.append(1)
        return super().apply(*args, **kwargs)

    @pg.members([('n', Counting())])
    class C(pg.Object):
      pass
    c = C(1)
    calls.clear()
    c.clone(deep=True)
    assert not calls


class TestSealing:
  """seal() and is_sealed."""

  def test_seal_is_recursive_and_reversible(self):
    """seal() seals descendants; seal(False) unseals."""
    t = make_tree().seal()
    assert t.items[1].k[0].is_sealed
    t.seal(False)
    t.rebind({'left.v': 2})
    assert t.left.v == 2

  def test_as_sealed_overrides(self):
    """pg.as_sealed(False) allows writing a sealed tree."""
    t = make_tree().seal()
    with pg.as_sealed(False):
      t.rebind({'left.v': 3})
    assert t.left.v == 3 and t.is_sealed

  def test_objects_built_under_as_sealed_are_sealed(self):
    """Construction inside pg.as_sealed() seals."""
    with pg.as_sealed():
      leaf = Leaf()
      d = pg.Dict(a=1)
    assert leaf.is_sealed and d._sym_sealed


class TestInspection:
  """missing_values, non_default_values, is_deterministic, query, inspect."""

  def test_missing_values_flat_and_nested(self):
    """Missing values are reported by path."""
    t = Tree.partial(items=[Leaf.partial(), Tree.partial()])
    assert t.missing_values() == {'left': pg.MISSING_VALUE,
                                  'items[1].left': pg.MISSING_VALUE}
    assert t.missing_values(flatten=False)['items'][1] == {
        'left': pg.MISSING_VALUE}
    assert not make_tree().is_partial

  def test_non_default_values(self):
    """Only values that differ from their defaults are reported."""
    t = Tree(Leaf(1), None, [])
    assert t.non_default_values() == {'left': Leaf(1)}  # No default: the whole value.
    t2 = Tree(Leaf(), right=Leaf(0))
    assert t2.non_default_values() == {'left': Leaf(), 'right': Leaf(0)}
    assert Tree(Leaf()).non_default_values(flatten=False) == {'left': Leaf()}

  def test_is_deterministic(self):
    """A tree holding a hyper value is not deterministic."""
    assert make_tree().is_deterministic
    assert not Tree(Leaf(), right=Hyper()).is_deterministic

  def test_query_accepts_predicate_first(self):
    """x.query(fn) treats a callable first argument as `where`."""
    t = make_tree()
    found = t.query(lambda v: isinstance(v, Leaf) and v.v > 2)
    assert sorted(found) == ['items[0]', 'items[1].k[0]']
    assert t.query(r'left\.v') == {'left.v': 1}

  def test_sym_contains(self):
    """sym_contains finds a value or a type."""
    t = make_tree()
    assert t.sym_contains(value=4) and t.sym_contains(type=Leaf)
    assert not t.sym_contains(value=99)

  def test_comparison_methods(self):
    """sym_eq/sym_ne/sym_lt/sym_gt/sym_hash delegate to the ops functions."""
    assert Leaf(1).sym_eq(Leaf(1)) and Leaf(1).sym_ne(Leaf(2))
    assert Leaf(1).sym_lt(Leaf(2)) and Leaf(2).sym_gt(Leaf(1))
    assert Leaf(1).sym_hash() == Leaf(1).sym_hash()

  def test_inspect_prints(self):
    """inspect() prints the object or a query's result."""
    out = io.StringIO()
    make_tree().inspect(file=out, compact=True)
    make_tree().inspect(r'left\.v', file=out, compact=True)
    assert out.getvalue().splitlines() == [
        repr(make_tree()), "{'left.v': 1}"]

  def test_json_methods(self, tmp_path):
    """to_json/to_json_str/save delegate to the serialization functions."""
    t = make_tree()
    assert pg.from_json(t.to_json()) == t
    assert pg.from_json_str(t.to_json_str()) == t
    path = str(tmp_path / 't.json')
    t.save(path)
    assert pg.load(path) == t


class TestFieldUpdate:
  """The update records passed to _on_change."""

  def test_equality_and_repr(self):
    """FieldUpdates compare by path, target and values."""
    leaf = Leaf()
    a = pg.symbolic.FieldUpdate(pg.KeyPath('v'), leaf, None, 0, 1)
    b = pg.symbolic.FieldUpdate(pg.KeyPath('v'), leaf, None, 0, 1)
    assert a == b and a != 'x'
    assert repr(a) == "FieldUpdate(path='v', old_value=0, new_value=1)"


class TestAbstractProtocol:
  """The base methods a subclass must implement."""

  def test_unimplemented_protocol_raises(self):
    """A bare Symbolic subclass reports what it lacks."""
    class Bare(_base.Symbolic):
      auto_register = False
    b = Bare()
    for call in (lambda: list(b.sym_items()), lambda: b.sym_getattr('a'),
                 lambda: b.sym_hasattr('a'), lambda: b._sym_child_field('a'),
                 lambda: b._sym_prepare('a', 1, None, None),
                 lambda: b._sym_assign('a', 1), b._sym_snapshot,
                 lambda: b._sym_undo_record('a', 1), lambda: b._sym_undo(None),
                 lambda: b._sym_restore(None),
                 lambda: b._sym_clone(False, {})):
      with pytest.raises(NotImplementedError):
        call()


def test_docstring_examples_run():
  """The examples in the module's docstrings run as written."""
  results = doctest.testmod(_base, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.failed == 0 and results.attempted > 0


class TestPickling:
  """Pickled trees come back with their parent links."""

  def test_round_trip_restores_links(self):
    """A mixed tree unpickles equal, with every child linked to its parent."""
    import pickle
    t = make_tree()
    u = pickle.loads(pickle.dumps(t))
    assert u == t and u.sym_parent is None
    assert u.items[1].k[0].sym_parent is u.items[1].k
    assert str(u.items[1].k[0].sym_path) == 'items[1].k[0]'
    assert u.right.a.sym_root is u

  def test_child_unpickles_as_root(self):
    """A child pickled alone comes back parentless; a root keeps root_path."""
    import pickle
    leaf = pickle.loads(pickle.dumps(make_tree().items[0]))
    assert leaf.sym_parent is None and str(leaf.sym_path) == ''
    rooted = pickle.loads(pickle.dumps(pg.Dict(a={'b': 1}, root_path='r')))
    assert str(rooted.a.sym_path) == 'r.a'


class TestConstructor:
  """Symbolic.__init__ as the reference's: the node's flags, then the next base."""

  def test_signature_matches_the_reference(self):
    params = inspect.signature(pg.Symbolic.__init__).parameters
    assert list(params)[1:] == ['allow_partial', 'accessor_writable', 'sealed',
                                'root_path', 'init_super']
    assert all(p.kind is p.KEYWORD_ONLY for p in list(params.values())[1:])

  def test_sets_the_node_flags(self):
    d = pg.Dict.__new__(pg.Dict)
    pg.Symbolic.__init__(d, allow_partial=True, accessor_writable=False,
                         sealed=True, root_path='a.b', init_super=False)
    assert d.allow_partial and not d.accessor_writable and d.is_sealed
    assert str(d.sym_path) == 'a.b' and d.sym_parent is None

  def test_init_super_reaches_the_next_base(self):
    class Base:
      def __init__(self):
        self.__dict__['base_inits'] = 1

    class Node(pg.Dict, Base):
      pass

    n = Node.__new__(Node)
    pg.Symbolic.__init__(n)
    assert n.__dict__['base_inits'] == 1
    m = Node.__new__(Node)
    pg.Symbolic.__init__(m, init_super=False)
    assert 'base_inits' not in m.__dict__
