"""Tests of from_annotation, annotation_parts and Annotated."""
from __future__ import annotations

import collections.abc
import sys
import types
import typing

import pytest

from pyglove.typing import Annotated
from pyglove.typing import Any
from pyglove.typing import Bool
from pyglove.typing import Callable
from pyglove.typing import Dict
from pyglove.typing import Enum
from pyglove.typing import Float
from pyglove.typing import ForwardRef
from pyglove.typing import Int
from pyglove.typing import List
from pyglove.typing import Object
from pyglove.typing import Str
from pyglove.typing import StrKey
from pyglove.typing import Tuple
from pyglove.typing import Type
from pyglove.typing import Union
from pyglove.typing import annotation_parts
from pyglove.typing import from_annotation
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE


class Node:
  pass


@pytest.mark.parametrize('annotation, spec', [
    (int, Int()), (float, Float()), (str, Str()), (bool, Bool()),
    (typing.Any, Any()), (object, Any()), (None, Any(default=None)),
    (typing.Optional[int], Int().noneable(use_none_as_default=False)),
    (int | None, Int().noneable(use_none_as_default=False)),
    (list[int], List(Int())), (typing.List[str], List(Str())), (list, List(Any())),
    (collections.abc.Sequence[int], List(Int())),
    (dict[str, int], Dict([(StrKey(), Int())])), (typing.Dict[str, typing.Any], Dict()),
    (dict, Dict()), (typing.Dict, Dict()), (typing.Callable, Callable()),
(typing.Mapping[str, int], Dict([(StrKey(), Int())])),
    (tuple[int, str], Tuple([Int(), Str()])), (tuple[int, ...], Tuple(Int())),
    (tuple, Tuple(Any())), (typing.Tuple, Tuple(Any())), (tuple[()], Tuple([])),
    (typing.Literal['a', 'b'], Enum(MISSING_VALUE, ['a', 'b'])),
    (typing.Callable[[int], str], Callable([Int()], returns=Str())),
    (typing.Callable[..., int], Callable(returns=Int())),
    (typing.Callable[[], typing.Any], Callable()),
    (collections.abc.Callable, Callable()),
    (typing.Union[int, str], Union([Int(), Str()])),
    (typing.Union[int, str, None],
     Union([Int(), Str()]).noneable(use_none_as_default=False)),
    (type, Type(object)), (type[Node], Type(Node)), (typing.Type[typing.Any], Type(object)),
    (Node, Object(Node)), (typing.ClassVar[int], Int()),
    (typing.TypeVar('T'), Any()),
    (Annotated[int, 'doc'], Int()), (typing.Annotated[int, 'doc'], Int()),
])
def test_converts_annotations(annotation, spec):
  """Each supported annotation gives the expected spec."""
  assert from_annotation(annotation) == spec


def test_value_spec_is_returned_as_is():
  """A ValueSpec annotation is the spec itself."""
  spec = Int(min_value=0)
  assert from_annotation(spec) is spec
  assert from_annotation(Annotated[spec, 'doc']) is spec


def test_string_annotations_evaluate_in_module():
  """Strings evaluate in the given module; undefined names become references."""
  this = sys.modules[__name__]
  assert from_annotation('list[Node]', parent_module=this) == List(Object(Node))
  spec = from_annotation('typing.Optional[Later]', parent_module=__name__)
  assert spec.is_noneable and spec.value_type is object
  assert from_annotation('Later | None', parent_module=__name__).is_noneable
  assert from_annotation('None | Later', parent_module=__name__).is_noneable
  assert from_annotation("list['Node']", parent_module=__name__) == List(Object(Node))
  assert from_annotation(typing.Optional['Node'], parent_module=__name__) == (
      Object(Node).noneable(use_none_as_default=False))


def test_forward_reference_resolves_when_defined():
  """A reference to a class defined later resolves on use."""
  module = types.ModuleType('ann_fwd_mod')
  sys.modules['ann_fwd_mod'] = module
  try:
    spec = from_annotation('list[Late]', parent_module=module)
    assert spec.element.value == Object(ForwardRef('ann_fwd_mod', 'Late'))
    assert from_annotation('x.Late', parent_module=module) == Object(
        ForwardRef('ann_fwd_mod', 'x.Late'))
    module.Late = type('Late', (), {})
    late = module.Late()
    assert spec.apply([late]) == [late]
  finally:
    del sys.modules['ann_fwd_mod']


def test_localns_and_type_forward_refs():
  """localns names are seen; type['X'] works with forward references."""
  assert from_annotation('Local', localns={'Local': Node}) == Object(Node)
  assert from_annotation(type['Node'], parent_module=__name__) == Type(Node)
  spec = from_annotation("type['Missing']", parent_module=__name__)
  assert spec == Type(ForwardRef(__name__, 'Missing'))
  assert from_annotation(dict['str', int]) == Dict([(StrKey(), Int())])


def test_placeholder_cannot_be_called():
  """An undefined name used as a call in an annotation fails to evaluate."""
  with pytest.raises(TypeError, match=r"Cannot evaluate the annotation 'Missing\(\)' in module .*'Missing' is not defined yet"):
    from_annotation('Missing()', parent_module=__name__)


def test_bad_string_annotation():
  """A malformed string is a TypeError naming it."""
  with pytest.raises(TypeError, match=r"Cannot evaluate the annotation 'list\[' in module 'builtins': SyntaxError"):
    from_annotation('list[')


def test_dict_keys_must_be_str():
  """dict[int, ...] has no spec."""
  with pytest.raises(TypeError, match=r'dict keys must be str, got <class \'int\'>'):
    from_annotation(dict[int, str])


def test_type_argument_must_be_class():
  """type[...] of something that is not a class is a TypeError."""
  with pytest.raises(TypeError, match=r'Cannot convert type\[1\]: 1 is not a class'):
    from_annotation(type[1])


def test_unknown_generic_raises():
  """A generic whose origin is not a class has no spec."""
  with pytest.raises(TypeError, match='Cannot convert annotation'):
    from_annotation(typing.TypeGuard[int])


def test_generic_of_user_class_gives_object():
  """A parametrized user generic gives Object of its origin."""
  T = typing.TypeVar('T')

  class Box(typing.Generic[T]):
    pass

  assert from_annotation(Box[int]) == Object(Box)


def test_values_need_accept_value_as_annotation():
  """A plain value is a TypeError unless values are accepted."""
  with pytest.raises(TypeError, match=r'Cannot convert annotation 1 of type int to a value spec'):
    from_annotation(1)


@pytest.mark.parametrize('value, spec', [
    (True, Bool(default=True)), (1, Int(default=1)), (0.5, Float(default=0.5)),
    ('a', Str(default='a')), ([1], List(Any(), default=[1])),
    ((1,), Tuple(Any(), default=(1,))), ({'a': 1}, Dict().set_default({'a': 1})),
    (len, Callable(default=len)), (KeyPath('a'), Object(KeyPath, default=KeyPath('a'))),
])
def test_values_as_annotations_give_defaults(value, spec):
  """With accept_value_as_annotation, a value gives a spec with it as default."""
  assert from_annotation(value, accept_value_as_annotation=True) == spec


def test_annotation_parts():
  """Annotated (ours or typing's) splits into annotation, doc and metadata."""
  assert annotation_parts(Annotated[int, 'doc', {'m': 1}]) == (int, 'doc', {'m': 1})
  assert annotation_parts(typing.Annotated[int, 'doc', {'m': 1}]) == (
      int, 'doc', {'m': 1})
  assert annotation_parts(int) == (int, None, {})
  assert annotation_parts("Annotated[int, 'doc']", __name__) == (int, 'doc', {})


def test_annotated_needs_two_or_three_items():
  """Annotated[x] alone is a TypeError."""
  with pytest.raises(TypeError, match=r'Annotated takes \[annotation, description\]'):
    Annotated[int]
  assert repr(Annotated[int, 'd']) == "Annotated[<class 'int'>, 'd']"


def test_placeholder_has_no_special_attributes():
  """A placeholder builds dotted names but has no dunder attributes."""
  from pyglove.typing._annotation import _Unbound
  assert repr(_Unbound('a').b.c) == 'a.b.c'
  with pytest.raises(AttributeError, match='__wrapped__'):
    _Unbound('a').__wrapped__


def test_optional_fields_are_required_unless_defaulted():
  """As the reference: Optional[int] accepts None but is no default."""
  import pyglove as pg  # pylint: disable=g-import-not-at-top

  class A(pg.Object):
    x: typing.Optional[int]
    y: int | None = None

  with pytest.raises(TypeError, match='missing 1 required argument'):
    A()
  assert A(x=None).x is None and A(1).y is None
