"""Tests for validate_child: validation plus conversion of containers."""
from __future__ import annotations

import pytest

import pyglove as pg
from pyglove.symbolic import _convert


class Item(pg.Object):
  v: int = 0


class TestValidateChild:
  """Values stored in a tree."""

  def test_plain_values_pass_through(self):
    """Without a spec a scalar is returned as is."""
    assert _convert.validate_child(None, 1, False, pg.KeyPath()) == 1

  def test_containers_become_symbolic_and_are_copied(self):
    """A user's list is copied into a pg.List bound to the spec."""
    spec = pg.typing.List(pg.typing.Dict([('a', pg.typing.Int())]))
    value = [{'a': 1}]
    result = _convert.validate_child(spec, value, False, pg.KeyPath('x'))
    assert isinstance(result, pg.List) and result.value_spec is spec
    assert isinstance(result[0], pg.Dict)
    assert result[0].value_spec is spec.element.value
    assert value == [{'a': 1}] and type(value[0]) is dict

  def test_union_picks_matching_container_spec(self):
    """In a Union, the Dict/List candidate matching the value binds."""
    list_spec = pg.typing.List(pg.typing.Int())
    spec = pg.typing.Union([pg.typing.Int(), list_spec])
    result = _convert.validate_child(spec, [1], False, pg.KeyPath('x'))
    assert result.value_spec is list_spec

  def test_container_under_any_has_no_spec(self):
    """A container under Any is converted without a spec."""
    result = _convert.validate_child(pg.typing.Any(), {'a': [1]}, False,
                                     pg.KeyPath('x'))
    assert result.value_spec is None and isinstance(result.a, pg.List)

  def test_default_container_is_converted(self):
    """A default dict produced by the spec becomes a pg.Dict."""
    spec = pg.typing.Dict([('a', pg.typing.Int(default=1))])
    result = _convert.validate_child(spec, pg.MISSING_VALUE, False,
                                     pg.KeyPath('x'))
    assert isinstance(result, pg.Dict) and result == {'a': 1}

  def test_symbolic_default_is_cloned(self):
    """The spec's own symbolic default never enters a tree."""
    default = Item(1)
    spec = pg.typing.Object(Item, default=default)
    result = _convert.validate_child(spec, pg.MISSING_VALUE, False,
                                     pg.KeyPath('x'))
    assert result == default and result is not default

  def test_tuple_conversion_by_spec(self):
    """A spec converting a list to a tuple keeps the tuple."""
    spec = pg.typing.Tuple([pg.typing.Int(), pg.typing.Int()])
    result = _convert.validate_child(spec, (1, 2), False, pg.KeyPath('x'))
    assert result == (1, 2)

  def test_error_path_built_lazily(self):
    """The path function is called only on failure, and named in the error."""
    calls = []

    def path():
      calls.append(1)
      return pg.KeyPath.parse('a.b')
    assert _convert.validate_child(pg.typing.Int(), 1, False, path) == 1
    assert not calls
    with pytest.raises(TypeError, match=r'\(path=a.b\)'):
      _convert.validate_child(pg.typing.Int(), 'x', False, path)


class TestAdoption:
  """Parentless symbolic containers are adopted, not copied."""

  def test_parentless_list_is_adopted_with_new_spec(self):
    """A pg.List built by the caller becomes the field value itself."""
    class Holder(pg.Object):
      items: list[Item]
    items = pg.List([Item(1)])
    h = Holder(items)
    assert h.items is items and items.sym_parent is h
    assert items.value_spec is Holder.__schema__['items'].value
    items.append(Item(2))
    assert len(h.items) == 2 and h.items[1].sym_path == 'items[1]'
    with pytest.raises(TypeError):
      items.append(3)

  def test_parentless_dict_is_adopted_and_converted(self):
    """Values converted by the spec replace the container's content."""
    class Holder(pg.Object):
      opts: dict[str, float]
    opts = pg.Dict(a=1, b={'c': 2})
    with pytest.raises(TypeError):
      Holder(opts)
    assert opts == {'a': 1, 'b': {'c': 2}} and opts.sym_parent is None
    opts = pg.Dict(a=1)
    h = Holder(opts)
    assert h.opts is opts and opts.a == 1.0 and type(opts.a) is float

  def test_container_of_another_tree_is_copied(self):
    """A container with a parent is copied, leaving its tree intact."""
    first = pg.Dict(x=[1])
    second = pg.Dict(y=first.x)
    assert second.y is not first.x and first.x.sym_parent is first
