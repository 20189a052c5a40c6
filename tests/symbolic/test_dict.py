"""Tests for pg.Dict."""
from __future__ import annotations

import copy
import doctest
import pickle

import pytest

import pyglove as pg
from pyglove.symbolic import _dict


SPEC = pg.typing.Dict([('a', pg.typing.Int(min_value=0)),
                       ('b', pg.typing.Str(default='x'))])


class TestConstruction:
  """Building a Dict."""

  def test_items_and_kwargs(self):
    """dict_obj and keyword items are merged."""
    d = pg.Dict({'a': 1}, b=2)
    assert d == {'a': 1, 'b': 2}

  def test_equal_to_plain_dict(self):
    """A Dict equals a plain dict with equal items (nested too)."""
    assert pg.Dict(a=[1, {'b': 2}]) == {'a': [1, {'b': 2}]}

  def test_nested_values_become_symbolic(self):
    """Nested dicts and lists become pg.Dict/pg.List with parent links."""
    d = pg.Dict(a={'b': [1]})
    assert isinstance(d.a, pg.Dict) and isinstance(d.a.b, pg.List)
    assert d.a.b.sym_parent is d.a and str(d.a.b.sym_path) == 'a.b'

  def test_value_spec_fills_defaults_and_validates(self):
    """The spec fills defaults and checks values."""
    d = pg.Dict(a=1, value_spec=SPEC)
    assert d == {'a': 1, 'b': 'x'} and d.value_spec is SPEC
    with pytest.raises(ValueError, match=r'\(path=a\)'):
      pg.Dict(a=-1, value_spec=SPEC)

  def test_unknown_key_raises_key_error(self):
    """A key outside the spec raises KeyError."""
    with pytest.raises(KeyError, match="'c'"):
      pg.Dict(a=1, c=2, value_spec=SPEC)

  def test_bad_value_spec_raises_type_error(self):
    """A value_spec that is not a pg.typing.Dict raises TypeError."""
    with pytest.raises(TypeError, match='value_spec of pg.Dict must be'):
      pg.Dict(value_spec=pg.typing.Int())

  def test_root_path_prefixes_paths(self):
    """root_path is the path of the root."""
    d = pg.Dict(a={'b': 1}, root_path='x.y')
    assert str(d.a.sym_path) == 'x.y.a'


class TestAccess:
  """Reading and writing items."""

  def test_attribute_access(self):
    """Keys read and write as attributes."""
    d = pg.Dict(a=1)
    d.b = 2
    assert d.a == 1 and d['b'] == 2
    del d.b
    assert 'b' not in d

  def test_missing_attribute_raises_attribute_error(self):
    """An absent key read as attribute raises AttributeError."""
    with pytest.raises(AttributeError, match="no attribute or key 'z'"):
      pg.Dict().z  # pylint: disable=expression-not-assigned
    with pytest.raises(AttributeError):
      del pg.Dict().z
    with pytest.raises(AttributeError, match='_hidden'):
      pg.Dict(_hidden=1)._hidden  # pylint: disable=expression-not-assigned

  def test_setitem_validates_against_spec(self):
    """Item assignment is validated; a failure changes nothing."""
    d = pg.Dict(a=1, value_spec=SPEC)
    with pytest.raises(ValueError, match=r'\(path=a\)'):
      d['a'] = -5
    assert d.a == 1
    with pytest.raises(KeyError, match="Key 'z' is not allowed"):
      d['z'] = 1

  def test_delete_schema_key_restores_default(self):
    """Deleting a schema key puts its default back."""
    d = pg.Dict(a=1, b='y', value_spec=SPEC)
    del d['b']
    assert d.b == 'x'

  def test_delitem_absent_raises_key_error(self):
    """del d[k] for an absent key raises KeyError."""
    with pytest.raises(KeyError):
      del pg.Dict()['x']

  def test_sym_getattr(self):
    """sym_getattr returns a value, a default, or raises KeyError."""
    d = pg.Dict(a=1)
    assert d.sym_getattr('a') == 1 and d.sym_getattr('z', 0) == 0
    with pytest.raises(KeyError, match="Key 'z' does not exist"):
      d.sym_getattr('z')
    assert d.sym_hasattr('a') and not d.sym_hasattr('z')

  def test_update_setdefault_pop_popitem_clear(self):
    """The dict methods go through validation and keep parent links."""
    d = pg.Dict(a=1)
    d.update({'b': {'c': 1}}, e=2)
    assert d.b.sym_parent is d
    assert d.setdefault('a', 5) == 1 and d.setdefault('f', 3) == 3
    assert d.pop('f') == 3 and d.pop('f', None) is None
    with pytest.raises(KeyError):
      d.pop('f')
    assert d.popitem() == ('e', 2)
    b = d.b
    d.clear()
    assert d == {} and b.sym_parent is None
    with pytest.raises(KeyError, match='empty'):
      d.popitem()

  def test_replaced_child_is_detached(self):
    """A replaced symbolic child loses its parent link."""
    d = pg.Dict(a={'x': 1})
    old = d.a
    d.a = 2
    assert old.sym_parent is None

  def test_child_moved_from_another_tree_is_cloned(self):
    """Assigning a node of another tree copies it."""
    d1, d2 = pg.Dict(a={'x': 1}), pg.Dict()
    d2.b = d1.a
    assert d2.b is not d1.a and d2.b == d1.a and d1.a.sym_parent is d1

  def test_same_node_under_two_keys_is_cloned(self):
    """A node assigned under a second key of the same parent is copied."""
    d = pg.Dict(a={'x': 1})
    d.b = d.a
    assert d.b is not d.a and str(d.b.sym_path) == 'b'

  def test_writes_refused_when_accessors_disabled(self):
    """pg.allow_writable_accessors(False) forbids item assignment."""
    d = pg.Dict(a=1)
    with pg.allow_writable_accessors(False):
      with pytest.raises(pg.WritePermissionError, match='allow_writable_accessors'):
        d['a'] = 2
    assert d.a == 1

  def test_accessor_writable_false_allows_methods_only(self):
    """As the reference: d.k = v, d[k] = v, del and setdefault raise; update, pop, rebind write."""
    d = pg.Dict(a=1, b=2, accessor_writable=False)
    assert 'accessor_writable' not in d and not d.accessor_writable
    for write in (lambda: setattr(d, 'a', 5), lambda: d.__setitem__('a', 5),
                  lambda: d.__delitem__('a'), lambda: delattr(d, 'b'),
                  lambda: d.setdefault('z', 1)):
      with pytest.raises(pg.WritePermissionError, match='accessor_writable'):
        write()
    assert d == {'a': 1, 'b': 2}
    d.update(a=3)
    assert d.pop('b') == 2
    d.rebind(a=4)
    assert d == {'a': 4}
    assert d.clone(deep=True).accessor_writable is False
    with pg.allow_writable_accessors(True):
      d.a = 5
    assert d.set_accessor_writable(True) is d
    d.a = 6
    assert d.a == 6
    with pytest.raises(TypeError, match='expects a bool'):
      d.set_accessor_writable('yes')

  def test_onchange_callback_receives_relative_updates(self):
    """The callback gets {path: FieldUpdate} for each change at or below the dict."""
    calls = []
    d = pg.Dict(a=1, b=pg.Dict(c=2), onchange_callback=calls.append)
    assert set(d.keys()) == {'a', 'b'}  # The callback is no key.
    d.a = 2
    d.b.c = 3
    d.rebind(a=5, x=1)
    assert [sorted(map(str, c)) for c in calls] == [['a'], ['b.c'], ['a', 'x']]
    update = calls[1][pg.KeyPath.parse('b.c')]
    assert (update.old_value, update.new_value) == (2, 3)
    assert 'onchange' not in pg.to_json_str(d)
    d.clone().rebind(a=0)  # Clones keep the callback, as in the reference.
    assert len(calls) == 4

  def test_onchange_callback_not_called_by_failed_rebind(self):
    calls = []
    spec = pg.typing.Dict([('a', pg.typing.Int())])
    d = pg.Dict(a=1, value_spec=spec, onchange_callback=calls.append)
    with pytest.raises(TypeError):
      d.a = 'x'
    assert calls == [] and d.a == 1

  def test_onchange_callback_must_be_callable(self):
    with pytest.raises(TypeError, match='onchange_callback of Dict must be callable'):
      pg.Dict(a=1, onchange_callback='f')

  def test_sealed_refuses_writes(self):
    """A sealed Dict refuses item assignment."""
    d = pg.Dict(a=1, sealed=True)
    with pytest.raises(pg.WritePermissionError, match='sealed Dict'):
      d.a = 2


class TestCopy:
  """Clones, copies and pickling."""

  def test_copy_and_deepcopy_are_clones(self):
    """copy.copy and copy.deepcopy give parentless equal Dicts."""
    d = pg.Dict(a={'b': [1]})
    for c in (copy.copy(d), copy.deepcopy(d), d.copy()):
      assert c == d and c is not d and c.a is not d.a
      assert c.a.sym_parent is c

  def test_pickle_round_trip(self):
    """A Dict survives pickling with its spec."""
    d = pg.Dict(a=1, value_spec=SPEC)
    e = pickle.loads(pickle.dumps(d))
    assert e == d and type(e) is pg.Dict and e.value_spec == SPEC

  def test_unhashable_like_dict(self):
    """A Dict is unhashable, as dict is."""
    with pytest.raises(TypeError):
      hash(pg.Dict())

  def test_repr_and_str(self):
    """Readable forms."""
    d = pg.Dict(a=1, b=[2])
    assert repr(d) == '{a=1, b=[0: 2]}' and str(d) == '{\n  a = 1,\n  b = [\n    0 : 2\n  ]\n}'

  def test_from_json(self):
    """Dict.from_json builds a Dict."""
    d = pg.Dict.from_json({'a': 1})
    assert isinstance(d, pg.Dict) and d == {'a': 1}


def test_docstring_examples_run():
  """The examples in the module's docstrings run as written."""
  results = doctest.testmod(_dict, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.failed == 0 and results.attempted > 0


class TestValueSpecBinding:
  """Dict.partial and Dict.use_value_spec, as in the reference."""

  SPEC = pg.typing.Dict([
      ('a', pg.typing.Int()),
      ('b', pg.typing.Dict([('c', pg.typing.Int()),
                            ('d', pg.typing.Int(default=2))]))])

  def test_partial_allows_missing_required_keys(self):
    d = pg.Dict.partial(value_spec=self.SPEC)
    assert d.allow_partial
    assert d.missing_values() == {'a': pg.MISSING_VALUE, 'b.c': pg.MISSING_VALUE}
    with pytest.raises(ValueError, match=r'Required value.*path=a'):
      pg.Dict(value_spec=self.SPEC)

  def test_use_value_spec_validates_fills_defaults_and_binds(self):
    d = pg.Dict(a=1, b={'c': 1})
    child = d.b
    assert d.use_value_spec(self.SPEC) is d
    assert d.value_spec is self.SPEC and d.b is child
    assert d.b.d == 2 and d.b.value_spec == self.SPEC.schema['b'].value
    with pytest.raises(KeyError, match='not allowed'):
      d.b.e = 1
    d.use_value_spec(None)
    d.z = 1
    assert d.value_spec is None and d.z == 1

  def test_rejected_spec_leaves_the_dict_unchanged(self):
    d = pg.Dict(a='x', b={'c': 1})
    with pytest.raises(TypeError, match=r"Expected int but got 'x'.*path=a"):
      d.use_value_spec(self.SPEC)
    assert d.value_spec is None and d == {'a': 'x', 'b': {'c': 1}}
    with pytest.raises(ValueError, match='expects a pg.typing.Dict'):
      d.use_value_spec(pg.typing.List(pg.typing.Int()))

  def test_another_spec_cannot_replace_a_bound_one(self):
    d = pg.Dict(a=1, b={'c': 1}, value_spec=self.SPEC)
    d.use_value_spec(self.SPEC)  # The same spec again: fine.
    with pytest.raises(RuntimeError, match='already bound'):
      d.use_value_spec(pg.typing.Dict())


def test_keys_are_str_or_int():
  """As the reference: other keys are a KeyError, at construction or assignment."""
  with pytest.raises(KeyError, match='Key must be string or int type; got 1.5'):
    pg.Dict({1.5: 1})
  d = pg.Dict({1: 'a'}, b=2)
  with pytest.raises(KeyError, match=r'got 0.5 of type float'):
    d[0.5] = 3
  assert d == {1: 'a', 'b': 2}
