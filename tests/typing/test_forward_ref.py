"""Tests of ForwardRef (the reference's constructor: module, then qualified name)."""
from __future__ import annotations

import copy
import pickle
import sys
import types

import pytest

from pyglove.typing import ForwardRef


class Outer:
  class Inner:
    pass


_THIS = sys.modules[__name__]


def test_resolves_in_module_once_defined():
  """A name bound later in the module resolves then."""
  module = types.ModuleType('fwd_mod')
  sys.modules['fwd_mod'] = module
  try:
    ref = ForwardRef('fwd_mod', 'Late')
    assert ref.resolve() is None and not ref.resolved
    assert ref.as_annotation() == 'Late'
    module.Late = type('Late', (), {})
    assert ref.resolve() is module.Late and ref.resolved
    assert ref.as_annotation() is module.Late and ref.module is module
  finally:
    del sys.modules['fwd_mod']


def test_resolves_dotted_names_and_builtins():
  """Dotted names walk attributes; builtins are found too."""
  assert ForwardRef('collections', 'OrderedDict').resolve().__name__ == 'OrderedDict'
  assert ForwardRef('collections', 'int').resolve() is int
  assert ForwardRef('collections', 'abc.Sequence').resolve().__name__ == 'Sequence'
  assert ForwardRef('collections', 'abc.NoSuchName').resolve() is None
  assert ForwardRef('no.such.module', 'x').resolve() is None


def test_names():
  ref = ForwardRef(_THIS, 'Outer.Inner')
  assert (ref.name, ref.qualname, ref.module) == ('Inner', 'Outer.Inner', _THIS)
  assert ref.type_id == f'{__name__}.Outer.Inner'
  assert ref.cls is Outer.Inner


def test_cls_errors_say_why():
  with pytest.raises(TypeError, match="'Nope' does not exist in module"):
    ForwardRef(_THIS, 'Nope').cls
  with pytest.raises(TypeError, match="'pytest' from module .* is not a class"):
    ForwardRef(_THIS, 'pytest').cls


def test_equality_repr_and_copies():
  """Refs compare by module and name, and equal the class they resolve to."""
  ref = ForwardRef('m', 'A')
  assert ref == ForwardRef('m', 'A') != ForwardRef('n', 'A')
  assert hash(ref) == hash(ForwardRef('m', 'A'))
  assert repr(ref) == "ForwardRef(module='m', name='A')"
  outer = ForwardRef(_THIS, 'Outer')
  assert outer == Outer and Outer == outer and int != outer
  assert copy.copy(outer) == outer == copy.deepcopy(outer)
  assert pickle.loads(pickle.dumps(outer)) == outer


def test_bad_arguments():
  with pytest.raises(TypeError, match='module must be a module'):
    ForwardRef(1, 'A')
  with pytest.raises(TypeError, match='name must be a non-empty str'):
    ForwardRef('m', '')
