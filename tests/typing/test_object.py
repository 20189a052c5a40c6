"""Tests of the Object (Instance) and Type specs."""
from __future__ import annotations

import sys
import types

import pytest

from pyglove.typing import ForwardRef
from pyglove.typing import Instance
from pyglove.typing import Int
from pyglove.typing import Object
from pyglove.typing import Type
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import from_json
from pyglove.utils import to_json


class Base:
  pass


class Child(Base):
  pass


class Hooked(Base):
  """An instance of Base that validates itself through the typing hook."""

  def __custom_apply__(self, value_spec, allow_partial, child_transform,
                       root_path):
    return 'hooked'


def test_object_accepts_instances_and_subclasses():
  """Instances of the class and its subclasses pass unchanged."""
  child = Child()
  assert Object(Base).apply(child) is child


def test_object_rejects_other_types_with_path():
  """Another type is a TypeError naming the expected class and the path."""
  with pytest.raises(TypeError, match=r'Expected Base but got 1 \(int\)\. \(path=a\)'):
    Object(Base).apply(1, root_path=KeyPath('a'))


def test_object_needs_a_class():
  """A non-class argument is a TypeError."""
  with pytest.raises(TypeError, match=r'Object: expected a class; got 1 \(int\)'):
    Object(1)


def test_instance_is_object():
  """Instance is the paper's name for Object."""
  assert Instance is Object


def test_object_lets_custom_typing_decide():
  """A value with the typing hook is not taken as is, even if an instance."""
  assert Object(Base).apply(Hooked()) == 'hooked'


def test_object_default_is_copied():
  """An object default is copied for each use."""
  default = Base()
  value = Object(Base, default=default).apply(MISSING_VALUE)
  assert isinstance(value, Base) and value is not default


def test_forward_reference_resolves_lazily():
  """A forward reference resolves at first use; unresolved, values are not checked (as the reference)."""
  module = types.ModuleType('obj_fwd_mod')
  sys.modules['obj_fwd_mod'] = module
  try:
    spec = Object(ForwardRef('obj_fwd_mod', 'Late'))
    assert spec.value_type is object
    assert spec.apply(1, root_path=KeyPath('x')) == 1
    with pytest.raises(TypeError, match=r"Cannot resolve the forward reference 'Late' in module 'obj_fwd_mod'"):
      spec.cls
    module.Late = type('Late', (), {})
    with pytest.raises(TypeError, match=r'Expected Late but got 1.*path=x'):
      spec.apply(1, root_path=KeyPath('x'))
    late = module.Late()
    assert spec.apply(late) is late and spec.cls is module.Late
    assert spec.apply(late) is late
  finally:
    del sys.modules['obj_fwd_mod']


def test_unresolved_reference_message_names_it():
  """The expected name in a type error is the reference's name."""
  spec = Object(ForwardRef('builtins', 'Nope'))
  assert spec._expected() == 'Nope'
  with pytest.raises(TypeError, match='Cannot resolve'):
    spec.cls


def test_object_compatibility_follows_subclassing():
  """Object(Base) covers Object(Child), not the reverse."""
  assert Object(Base).is_compatible(Object(Child))
  assert not Object(Child).is_compatible(Object(Base))
  assert not Object(Base).is_compatible(Int())
  ref = ForwardRef('builtins', 'Nope')
  # As the reference: unresolved names are compatible until they resolve.
  assert Object(ref).is_compatible(Object(ref))
  assert Object(ref).is_compatible(Object(Base))
  assert Type(ref).is_compatible(Type(Base)) and Type(Base).is_compatible(Type(ref))


def test_type_accepts_subclasses():
  """Type(cls) accepts cls and its subclasses, not instances."""
  assert Type(Base).apply(Child) is Child
  with pytest.raises(TypeError, match=r"Expected a subclass of Base but got <class 'int'> \(type\)"):
    Type(Base).apply(int)
  with pytest.raises(TypeError, match='Expected a subclass of Base'):
    Type(Base).apply(Child())
  assert Type(Base).value_type is type


def test_type_with_forward_reference():
  """Type resolves its forward reference at first use."""
  assert Type(ForwardRef('builtins', 'int')).apply(bool) is bool


def test_json_round_trip():
  """Object and Type survive to_json/from_json."""
  for spec in (Object(Base), Type(Base), Object(Base).noneable()):
    assert from_json(to_json(spec)) == spec


def test_reference_argument_names_and_members():
  """Object(t, ...)/Type(t, ...), Object.schema, Type.type, frozen= and transform=."""
  class Plain:
    pass
  assert Object(t=Plain).cls is Plain and Type(t=Plain).type is Plain
  assert Object(Plain).schema is None
  p = Plain()
  assert isinstance(Object(Plain, default=p, frozen=True).apply(MISSING_VALUE), Plain)
  assert Object(Plain, transform=lambda x: p).apply(1) is p
  assert repr(Object(Plain)) == 'Object(Plain)'
  assert repr(Type(int)) == "Type(<class 'int'>)"
  import typing
  assert Type(int).annotation == typing.Type[int] and Object(Plain).annotation is Plain


def test_class_given_by_name():
  """A class name string is a forward reference in the caller's module."""
  spec = Object('_LaterDefined')
  assert spec.apply(_LaterDefined()) is not None


class _LaterDefined:
  pass
