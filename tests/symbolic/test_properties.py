"""Hypothesis properties of symbolic trees: clone, JSON, hash, order and rebind."""
from __future__ import annotations

import functools
from typing import Any

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
import pytest

import pyglove as pg
from pyglove.utils import KeyPath
from pyglove.symbolic import _diff
from pyglove.symbolic import _eq
from pyglove.symbolic import _hash
from pyglove.symbolic import _order
from pyglove.symbolic import _query
from pyglove.symbolic import _serialization


class Leaf(pg.Object):
  x: int = 0
  s: str = ''


class Pair(pg.Object):
  a: Any = None
  b: Any = None


_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-1000, 1000),
    st.floats(allow_nan=False, width=32), st.text(max_size=4))
_keys = st.text(alphabet='abcxyz', min_size=1, max_size=3)


def _extend(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
  return st.one_of(
      st.lists(children, max_size=3).map(pg.List),
      st.dictionaries(_keys, children, max_size=3).map(pg.Dict),
      st.tuples(children, children),
      st.builds(Leaf, st.integers(-50, 50), st.text(max_size=3)),
      st.builds(Pair, children, children),
  )


_trees = st.recursive(_scalars, _extend, max_leaves=10)
# A symbolic root with at least one Leaf, so that rebinds have typed targets.
_roots = st.builds(Pair, _trees, st.builds(Leaf, st.integers(), st.text(max_size=3)))


def _paths(root: Any) -> list[str]:
  """Every path under `root` (not the root itself) reachable by rebind."""
  return [p for p in _query.query(root, where=lambda v: True, enter_selected=True)
          if p]


def _changed(value: Any) -> Any:
  """A value different from `value` that fits the same slot."""
  if isinstance(value, bool):
    return not value
  if isinstance(value, int):
    return value + 1
  if isinstance(value, str):
    return value + '!'
  return 'other'


@settings(max_examples=60, deadline=None)
@given(_trees)
def test_clone_equals_original(tree):
  """clone(), clone(deep=True) and a JSON round trip all compare equal."""
  if isinstance(tree, pg.Symbolic):
    assert tree.clone() == tree
    assert tree.clone(deep=True) == tree
  assert _eq.eq(_serialization.from_json(_serialization.to_json(tree)), tree)


@settings(max_examples=60, deadline=None)
@given(_roots)
def test_json_round_trip_of_objects(root):
  """from_json(to_json(x)) == x, through JSON text too."""
  assert _serialization.from_json(root.to_json()) == root
  assert _serialization.from_json_str(root.to_json_str()) == root


@settings(max_examples=60, deadline=None)
@given(_roots)
def test_json_text_is_stable_across_a_round_trip(root):
  """Writing a loaded value gives the same JSON text (types kept exactly)."""
  text = _serialization.to_json_str(root)
  again = _serialization.to_json_str(_serialization.from_json_str(text))
  assert again == text


@settings(max_examples=60, deadline=None)
@given(_trees, _trees)
def test_hash_consistent_with_eq(left, right):
  """Equal values hash equal, for copies and for independent draws."""
  copy = _serialization.from_json(_serialization.to_json(left))
  assert _hash.hash(copy) == _hash.hash(left)
  if _eq.eq(left, right):
    assert _hash.hash(left) == _hash.hash(right)


@settings(max_examples=60, deadline=None)
@given(_roots)
def test_object_hash_consistent_with_operator_eq(root):
  """`hash()` of an object agrees with `==` on its clones."""
  assert hash(root.clone(deep=True)) == hash(root)


@settings(max_examples=60, deadline=None)
@given(_trees, _trees)
def test_order_is_antisymmetric_and_consistent_with_eq(left, right):
  """lt(x, y) iff gt(y, x); equal values are neither less nor greater."""
  assert _order.lt(left, right) == _order.gt(right, left)
  assert not (_order.lt(left, right) and _order.gt(left, right))
  if _eq.eq(left, right):
    assert not _order.lt(left, right) and not _order.gt(left, right)


@settings(max_examples=40, deadline=None)
@given(st.lists(_trees, max_size=6))
def test_sorting_mixed_values_gives_ordered_list(values):
  """Sorting with lt/gt never raises and leaves no adjacent pair out of order."""
  ordered = sorted(values, key=functools.cmp_to_key(_order.compare))  # pylint: disable=protected-access
  for x, y in zip(ordered, ordered[1:]):
    assert not _order.gt(x, y)


@settings(max_examples=60, deadline=None)
@given(_roots, st.data())
def test_rebind_then_rebind_old_value_restores_equality(root, data):
  """Rebinding a path and then its old value gives back an equal tree."""
  snapshot = root.clone(deep=True)
  path = data.draw(st.sampled_from(_paths(root)))
  old = root.sym_get(path)
  root.rebind({path: _changed(old)}, raise_on_no_change=False)
  root.rebind({path: old}, raise_on_no_change=False)
  assert root == snapshot


@settings(max_examples=60, deadline=None)
@given(_roots, st.data())
def test_failed_rebind_changes_nothing(root, data):
  """An update rejected by a spec leaves the whole tree as it was."""
  snapshot = root.clone(deep=True)
  path = data.draw(st.sampled_from(
      [p for p in _paths(root) if not p.startswith('b')]))
  updates = {path: _changed(root.sym_get(path)), 'b.x': 'not an int'}
  with pytest.raises(TypeError):
    root.rebind(updates)
  assert root == snapshot
  assert _diff.diff(root, snapshot, flatten=True) == {}


@settings(max_examples=40, deadline=None)
@given(_trees, _trees)
def test_diff_is_empty_exactly_when_equal(left, right):
  """diff() is falsy iff eq() holds."""
  assert bool(_diff.diff(left, right)) == (not _eq.eq(left, right))


@settings(max_examples=40, deadline=None)
@given(_roots, _roots)
def test_flat_diff_paths_lead_to_both_sides(left, right):
  """Each flattened diff path finds its left and right values in the trees."""
  for path, leaf in _diff.diff(left, right, flatten=True).items():
    key_path = KeyPath.parse(path)
    if key_path.key == '_type':
      assert (leaf.left, leaf.right) == (
          type(key_path.parent.query(left)), type(key_path.parent.query(right)))
      continue
    if leaf.left is not _diff.Diff.MISSING:
      assert _eq.eq(key_path.query(left), leaf.left)
    if leaf.right is not _diff.Diff.MISSING:
      assert _eq.eq(key_path.query(right), leaf.right)
