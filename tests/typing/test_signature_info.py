"""Tests of signature_info, the cached signature summary used by Callable."""
from __future__ import annotations

import typing  # pylint: disable=unused-import  # read by a string annotation below

from pyglove.typing import Int
from pyglove.typing import List
from pyglove.typing._signature_info import signature_info


def sample(a, b: int = 1, *rest, c: list[int], d=2, **kw) -> int:
  return a


def test_summarises_parameters():
  """Positional, keyword, required and variadic parameters are listed."""
  info = signature_info(sample)
  assert info.positional == ['a', 'b']
  assert info.keywords == {'a', 'b', 'c', 'd'}
  assert info.required == ['a', 'c']
  assert info.has_varargs and info.has_varkw


def test_converts_annotations_in_the_module():
  """String annotations are evaluated in the function's module."""
  info = signature_info(sample)
  assert info.annotations == {'b': Int(), 'c': List(Int())}
  assert info.returns == Int()


def test_cached_by_key():
  """The summary is computed once per cache key."""
  first = signature_info(sample, sample)
  assert signature_info(sample, sample) is first


def test_uninspectable_gives_none():
  """A callable without a signature gives None (and caches it)."""
  class Odd:
    __signature__ = 'not a signature'

    def __call__(self):
      return 1

  assert signature_info(Odd(), Odd.__call__) is None
  assert signature_info(Odd(), Odd.__call__) is None


def test_callable_object_annotations_resolve_where_call_is_defined():
  """A callable object's string annotations are read in the module defining its __call__."""
  import types as _types
  module = _types.ModuleType('other_module_without_names')
  sub = type('Sub', (_CallsWithStringAnnotations,), {'__module__': module.__name__})
  info = signature_info(sub(), None)
  assert info.returns is None and info.annotations['step'] == Int()


class _CallsWithStringAnnotations:

  def __call__(self, step: 'int') -> 'typing.Any':
    return step
