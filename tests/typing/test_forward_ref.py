"""Tests of ForwardRef."""
from __future__ import annotations

import sys
import types

from pyglove.typing import ForwardRef


def test_resolves_in_module_once_defined():
  """A name bound later in the module resolves then."""
  module = types.ModuleType('fwd_mod')
  sys.modules['fwd_mod'] = module
  try:
    ref = ForwardRef('Late', 'fwd_mod')
    assert ref.resolve() is None
    module.Late = type('Late', (), {})
    assert ref.resolve() is module.Late
  finally:
    del sys.modules['fwd_mod']


def test_resolves_dotted_names_and_builtins():
  """Dotted names walk attributes; builtins are found too."""
  assert ForwardRef('OrderedDict', 'collections').resolve().__name__ == 'OrderedDict'
  assert ForwardRef('int', 'collections').resolve() is int
  assert ForwardRef('abc.Sequence', 'collections').resolve().__name__ == 'Sequence'
  assert ForwardRef('abc.NoSuchName', 'collections').resolve() is None
  assert ForwardRef('x', 'no.such.module').resolve() is None


def test_non_class_does_not_resolve():
  """A name bound to a non-class stays unresolved."""
  assert ForwardRef('namedtuple', 'collections').resolve() is None


def test_equality_and_repr():
  """Refs compare by name and module."""
  assert ForwardRef('A', 'm') == ForwardRef('A', 'm') != ForwardRef('A', 'n')
  assert hash(ForwardRef('A', 'm')) == hash(ForwardRef('A', 'm'))
  assert repr(ForwardRef('A', 'm')) == "ForwardRef('A', module='m')"
  assert ForwardRef('A', 'm').name == 'A' and ForwardRef('A', 'm').module == 'm'
