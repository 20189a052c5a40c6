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
  """Classes whose defaults come from an object."""

  def test_defaults_come_from_value(self):
    """Built without arguments, an instance equals the template value."""
    Small = pg.boilerplate_class('Small', Net(2, 16, {'a': 1}))
    s = Small()
    assert (s.layers, s.units, s.opts) == (2, 16, {'a': 1})
    assert isinstance(s, Net) and Small.__name__ == 'Small'

  def test_fields_can_be_overridden_and_are_validated(self):
    """Defaults can be overridden within the original constraints."""
    Small = pg.boilerplate_class('Small2', Net(2))
    assert Small(units=4).units == 4
    with pytest.raises(ValueError, match=r'\(path=units\)'):
      Small(units=0)

  def test_value_not_modified_and_instances_independent(self):
    """Instances get their own copies of container defaults."""
    value = Net(1, opts={'k': 1})
    Small = pg.boilerplate_class('Small3', value)
    a, b = Small(), Small()
    a.opts.k = 2
    assert b.opts.k == 1 and value.opts.k == 1

  def test_registered_in_callers_module(self):
    """The class is attributed to the caller's module and registered."""
    from pyglove.utils import lookup_json_type
    Small = pg.boilerplate_class('Small4', Net(1))
    assert Small.__module__ == __name__
    assert lookup_json_type(f'{__name__}.Small4') is Small

  def test_init_arg_list(self):
    """init_arg_list sets the positional order."""
    Small = pg.boilerplate_class('Small5', Net(1), init_arg_list=['units'])
    assert Small(3).units == 3

  def test_unknown_init_arg_raises_value_error(self):
    """An init_arg_list naming an unknown field raises ValueError."""
    with pytest.raises(ValueError, match='names unknown field'):
      pg.boilerplate_class('Bad', Net(1), init_arg_list=['nope'])

  def test_bad_arguments_raise(self):
    """A non-Object value or non-str name raises TypeError; a partial value ValueError."""
    with pytest.raises(TypeError, match='needs a pg.Object value'):
      pg.boilerplate_class('X', {'a': 1})
    with pytest.raises(TypeError, match='cls_name must be a str'):
      pg.boilerplate_class(1, Net(1))
    with pytest.raises(ValueError, match='has missing values at: layers'):
      pg.boilerplate_class('X', Net.partial())


def test_docstring_examples_run():
  """The examples in the module's docstrings run as written."""
  results = doctest.testmod(_boilerplate, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.failed == 0 and results.attempted > 0
