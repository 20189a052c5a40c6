"""Tests of pyglove/typing/_annotation_api.py: the reference's annotation entry points."""
from __future__ import annotations

import inspect
import sys
import typing

import pytest

import pyglove as pg
from pyglove import typing as pgt

_THIS = sys.modules[__name__]


class Foo:
  """A class annotations refer to."""


class TestValueSpecFromAnnotation:

  def test_without_auto_typing_the_annotation_is_documentation(self):
    assert pgt.ValueSpec.from_annotation(int) == pgt.Any(annotation=int)
    assert pgt.ValueSpec.from_annotation(Foo, False) == pgt.Any(annotation=Foo)
    assert pgt.ValueSpec.from_annotation('A') == pgt.Any(annotation='A')

  def test_auto_typing_converts(self):
    f = pgt.ValueSpec.from_annotation
    assert f(int, True) == pgt.Int()
    assert f('int', True) == pgt.Int()
    assert f(list[int], True) == pgt.List(pgt.Int())
    assert f(typing.Dict[str, int], True) == pgt.Dict([(pgt.StrKey(), pgt.Int())])
    assert f(Foo, True) == pgt.Object(Foo)
    assert f(typing.Any, True) == pgt.Any(annotation=typing.Any)

  def test_none_empty_and_specs(self):
    f = pgt.ValueSpec.from_annotation
    assert f(None) == pgt.Object(type(None)) == f('None', True)
    assert f(inspect.Parameter.empty, True) == pgt.Any()
    spec = pgt.Int(min_value=1)
    assert f(spec) is spec

  def test_values_as_annotations(self):
    f = pgt.ValueSpec.from_annotation
    assert f(1, accept_value_as_annotation=True) == pgt.Int(default=1)
    assert f('A', False, True) == pgt.Str(default='A')
    assert f(None, accept_value_as_annotation=True) == pgt.Any(default=None)
    assert f(int, False, True) == pgt.Any(annotation=int)  # A type stays one.


class TestFieldFromAnnotation:

  def test_plain_annotation_with_description_and_metadata(self):
    assert pgt.Field.from_annotation('x', str) == pgt.Field('x', pgt.Str())
    assert (pgt.Field.from_annotation('x', str, 'A str', dict(x=1))
            == pgt.Field('x', pgt.Str(), 'A str', dict(x=1)))

  def test_annotated_gives_the_description(self):
    for annotated in (typing.Annotated[str, 'A str', dict(x=1)],
                      pgt.Annotated[str, 'A str', dict(x=1)]):
      assert (pgt.Field.from_annotation('x', annotated)
              == pgt.Field('x', pgt.Str(), 'A str', dict(x=1)))

  def test_parent_module_resolves_names(self):
    field = pgt.Field.from_annotation('x', 'Foo', parent_module=_THIS)
    assert field.value == pgt.Object(Foo)


class TestAnnotationFromStr:

  def test_builtin_and_generic_types(self):
    f = pgt.annotation_from_str
    assert f('None') is None
    assert f('int') is int and f('list[int]') == list[int]
    assert f('tuple[int, ...]') == tuple[int, ...]
    assert f('typing.List[str]', _THIS) == typing.List[str]
    assert f('str | int', _THIS) == (str | int)
    assert f('typing.Callable[[int], int]', _THIS) == typing.Callable[[int], int]
    assert f('typing.Literal[1, "a", -2]', _THIS) == typing.Literal[1, 'a', -2]

  def test_unknown_names_become_forward_refs(self):
    f = pgt.annotation_from_str
    assert f('AAA', _THIS) == typing.ForwardRef('AAA', False, _THIS)
    assert f('typing.List[AAA]', _THIS) == typing.List[
        typing.ForwardRef('AAA', False, _THIS)]
    assert f('list[Foo]', _THIS) == list[Foo]
    assert f('typing.Union[int, Later]', _THIS) == typing.Union[
        int, typing.ForwardRef('Later', False, _THIS)]

  @pytest.mark.parametrize('text', ['typing.Literal[lambda x: x]',
                                    '__import__("os")', 'typing.List[]',
                                    'typing.List[int]1', '[x for x in y]'])
  def test_code_and_bad_syntax_are_refused(self, text):
    with pytest.raises(SyntaxError, match='Invalid annotation'):
      pgt.annotation_from_str(text, _THIS)


def test_reachable_from_pg():
  assert pg.typing.annotation_from_str is pgt.annotation_from_str
