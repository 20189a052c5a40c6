"""Tests for pg.boilerplate_class."""
from __future__ import annotations

import doctest

import pytest

import pyglove as pg
from pyglove.symbolic import _boilerplate


class Net(pg.Object):
  layers: int
  units: pg.typing.Int(min_value=1) = 8
  opts: dict = {}


class TestBoilerplateClass:
  """Classes whose fields set in a template object are fixed (as the reference)."""

  def test_values_of_the_template_are_fixed(self):
    """Built without arguments, an instance equals the template value."""
    Small = pg.boilerplate_class('Small', Net(2, 16, {'a': 1}))
    s = Small()
    assert (s.layers, s.units, s.opts) == (2, 16, {'a': 1})
    assert isinstance(s, Net) and Small.__name__ == 'Small'
    with pytest.raises(ValueError, match=r'Frozen field is not assignable.*path=units'):
      Small(units=4)
    with pytest.raises(ValueError, match='Frozen field'):
      s.rebind(units=4)

  def test_partial_template_leaves_arguments(self):
    """Fields missing in a partial template stay (positional) arguments."""
    Wide = pg.boilerplate_class('Wide', Net.partial(units=64))
    w = Wide(3)
    assert (w.layers, w.units) == (3, 64)
    # Fields at their defaults are values of the template too: fixed.
    assert Wide.__schema__.metadata['init_arg_list'] == ['layers']
    with pytest.raises(TypeError, match='missing 1 required argument'):
      Wide()

  def test_frozen_fields_stay_out_of_text_and_json(self):
    Wide = pg.boilerplate_class('Wide2', Net.partial(units=64))
    w = Wide(3)
    assert 'units' not in repr(w)
    assert w.to_json() == {'_type': f'{__name__}.Wide2', 'layers': 3}
    assert pg.from_json_str(w.to_json_str()) == w

  def test_value_not_modified_and_instances_independent(self):
    """Instances get their own copies of container values; inner values stay rebindable."""
    value = Net(1, opts={'k': 1})
    Small = pg.boilerplate_class('Small3', value)
    a, b = Small(), Small()
    a.rebind({'opts.k': 2})
    assert b.opts.k == 1 and value.opts.k == 1 and a.opts.k == 2

  def test_registered_in_callers_module(self):
    """The class is attributed to the caller's module and registered."""
    from pyglove.utils import lookup_json_type
    Small = pg.boilerplate_class('Small4', Net(1), serialization_key='small.v1')
    assert Small.__module__ == __name__
    assert lookup_json_type(f'{__name__}.Small4') is Small
    assert lookup_json_type('small.v1') is Small

  def test_init_arg_list(self):
    """init_arg_list sets the positional order of the remaining arguments."""
    class Three(pg.Object):
      x: int
      y: int
      z: int
    Small = pg.boilerplate_class('Small5', Three.partial(x=1),
                                 init_arg_list=['z', 'y'])
    assert Small(3, 2).z == 3 and Small(3, 2).y == 2

  def test_bad_init_arg_list(self):
    with pytest.raises(TypeError, match="'nope' from `init_arg_list` is not defined"):
      pg.boilerplate_class('Bad', Net.partial(), init_arg_list=['nope'])
    with pytest.raises(TypeError, match="'layers' from `init_arg_list`"):
      pg.boilerplate_class('Bad', Net(1), init_arg_list=['layers'])

  def test_bad_arguments_raise(self):
    with pytest.raises(ValueError, match="Argument 'value' must be an instance"):
      pg.boilerplate_class('X', {'a': 1})
    with pytest.raises(TypeError, match='cls_name must be a str'):
      pg.boilerplate_class(1, Net(1))
    with pytest.raises(TypeError, match='Unsupported keyword arguments'):
      pg.boilerplate_class('X', Net(1), unsupported_keyword=1)


def test_docstring_examples_run():
  """The examples in the module's docstrings run as written."""
  results = doctest.testmod(_boilerplate, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.failed == 0 and results.attempted > 0
