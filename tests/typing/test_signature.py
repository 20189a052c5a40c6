"""Tests of schema(fn_or_cls): schemas derived from signatures."""
from __future__ import annotations

import typing

import pytest

from pyglove.typing import Annotated
from pyglove.typing import Any
from pyglove.typing import Float
from pyglove.typing import Int
from pyglove.typing import List
from pyglove.typing import Object
from pyglove.typing import Str
from pyglove.typing import StrKey
from pyglove.typing import schema
from pyglove.utils import MISSING_VALUE


def full(a: int, b: str = 'x', *rest: float, c: typing.Optional[list[int]] = None,
         d: Annotated[int, 'The d.'] = 1, **extra: str) -> int:
  """Does it all.

  Args:
    a: the a.
    b: the b.
    c: the c.
  """
  return a


class Layer:
  """A layer.

  Args:
    units: number of units.
  """

  def __init__(self, units: int, parent: 'Layer | None' = None,
               children: 'list[Layer] | None' = None):
    del units, parent, children


def test_fields_follow_parameters_in_order():
  """Each parameter becomes a field, in order, with its default."""
  s = schema(full)
  assert list(s.keys()) == ['a', 'b', 'rest', 'c', 'd', StrKey()]
  assert s['a'].value == Int()
  assert s['b'].value == Str(default='x')
  assert s['rest'].value == List(Float(), default=[])
  assert s['c'].value == List(Int()).noneable()
  assert s['d'].value == Int(default=1) and s['d'].description == 'The d.'
  assert s[StrKey()].value == Str() and s.metadata['varkw_name'] == 'extra'


def test_metadata_records_arguments():
  """init_arg_list, varargs_name, varkw_name and returns are recorded."""
  m = schema(full).metadata
  assert m['init_arg_list'] == ['a', 'b', '*rest']
  assert (m['varargs_name'], m['varkw_name'], m['returns']) == ('rest', 'extra', Int())


def test_auto_doc_reads_docstring():
  """auto_doc takes the summary and argument descriptions."""
  s = schema(full, auto_doc=True)
  assert s.description == 'Does it all.'
  assert s['a'].description == 'the a.' and s['d'].description == 'The d.'
  assert schema(full)['a'].description is None


def test_class_uses_init_and_forward_references():
  """A class gives its __init__ fields; self-references resolve."""
  s = schema(Layer, auto_doc=True)
  assert list(s.keys()) == ['units', 'parent', 'children']
  assert s['units'].description == 'number of units.' and s.description == 'A layer.'
  assert s['parent'].value == Object(Layer).noneable()
  layer = Layer(1)
  assert s['children'].value.apply([layer]) == [layer]


def test_without_auto_typing_fields_are_any():
  """auto_typing=False makes every field Any, keeping the annotation for documentation."""
  s = schema(full, auto_typing=False)
  assert s['a'].value == Any() and s['b'].value == Any(default='x')
  assert s['a'].value.annotation is int
  assert s.metadata['returns'].annotation is int


def test_remove_self_and_include_return():
  """A method's self is dropped; include_return adds a return_value field."""
  def method(self, x) -> int:
    del self
    return x
  assert list(schema(method).keys()) == ['x']
  assert list(schema(method, remove_self=False).keys()) == ['self', 'x']
  assert schema(method, include_return=True)['return_value'].value == Int()


def test_explicit_args_override():
  """args replace specs and docs; *args and **kwargs can be given too."""
  s = schema(full, args=[('a', Int(min_value=0), 'A.'), ('b', str),
                         ('rest', List(Int())), ('extra', Int())],
             returns=Str())
  assert s['a'].value == Int(min_value=0) and s['a'].description == 'A.'
  assert s['b'].value == Str(default='x')
  assert s['rest'].value == List(Int(), default=[])
  assert s[StrKey()].value == Int()
  assert s.metadata['returns'] == Str()


def test_explicit_spec_is_not_mutated():
  """Applying a default never changes the caller's spec object."""
  spec = Int()
  schema(full, args=[('d', spec)])
  assert not spec.has_default


def test_unknown_explicit_arg_raises_key_error():
  """An explicit arg missing from the signature is a KeyError."""
  with pytest.raises(KeyError, match=r"Argument 'q' is not in the signature; valid names: a, b, rest, c, d, extra"):
    schema(full, args=[('q', int)])


def test_explicit_arg_must_be_tuple():
  """An explicit arg that is not a tuple is a TypeError."""
  with pytest.raises(TypeError, match=r'Each explicit argument must be a \(name, spec'):
    schema(full, args=['a'])


def test_default_must_fit_spec():
  """A default the annotation rejects raises with the parameter name."""
  def bad(x: int = 'a'):
    return x

  def out_of_range(x: Annotated[Int(min_value=0), 'x'] = -1):
    return x

  with pytest.raises(TypeError, match=r"The default of argument 'x' does not fit its spec Int\(\): Expected int"):
    schema(bad)
  with pytest.raises(ValueError, match="The default of argument 'x' does not fit"):
    schema(out_of_range)


def test_no_signature_raises_type_error():
  """Something without a signature is a TypeError."""
  with pytest.raises(TypeError, match=r'Cannot derive a schema from 1 \(int\)'):
    schema(1)


def test_none_return_and_missing_annotations():
  """Unannotated parameters are Any; a None return records nothing."""
  def f(x, y=2) -> None:
    return None

  s = schema(f)
  assert s['x'].value == Any() and s['y'].value == Any(default=2)
  assert s.metadata['returns'] is None
  assert s.apply({'x': 1}) == {'x': 1, 'y': 2}
  with pytest.raises(ValueError, match='Required value'):
    s.apply({})
  assert s.apply({}, allow_partial=True)['x'] is MISSING_VALUE


def test_none_default_makes_spec_noneable():
  """A None default on a non-optional annotation makes the field noneable."""
  def f(x: int = None):
    return x

  assert schema(f)['x'].value == Int().noneable()
