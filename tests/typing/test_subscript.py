"""Tests of pyglove/typing/_subscript.py: value specs by subscription (``Int[0, 10]``)."""
from __future__ import annotations

import pytest

import pyglove as pg
from pyglove import typing as pgt


def test_scalars_and_enum():
  assert pgt.Str['.*'] == pgt.Str(regex='.*')
  assert pgt.Int[0, None] == pgt.Int(min_value=0)
  assert pgt.Float[None, 0] == pgt.Float(max_value=0)
  assert pgt.Enum['a', 'b'] == pgt.Enum(pg.MISSING_VALUE, ['a', 'b'])
  assert pgt.Enum['a', 'b'].set_default('b') == pgt.Enum('b', ['a', 'b'])


def test_containers_convert_annotations():
  assert pgt.List[int] == pgt.List(pgt.Int())
  assert pgt.List[Exception] == pgt.List(pgt.Object(Exception))
  assert pgt.Tuple[int, str] == pgt.Tuple([pgt.Int(), pgt.Str()])
  assert pgt.Tuple[int, ...] == pgt.Tuple(pgt.Int())
  assert pgt.Dict[str, int] == pgt.Dict([(pgt.StrKey(), pgt.Int())])
  assert pgt.Dict[int, int] == pgt.Dict()
  fields = pgt.Dict[{'x': int, 'z': (pgt.Int[0, None], 'The z.', {'m': 1})}]
  assert fields.schema['z'].value == pgt.Int(min_value=0)
  assert fields.schema['z'].description == 'The z.'
  assert pgt.Object[ValueError] == pgt.Object(ValueError)
  assert pgt.Type[str] == pgt.Type(str)


@pytest.mark.parametrize('make,message', [
    (lambda: pgt.Str[1, 2], r'`pg.typing.Str` requires 1 argument'),
    (lambda: pgt.Int[1], r'`pg.typing.Int` requires 2 arguments'),
    (lambda: pgt.Enum['a'], r'`pg.typing.Enum` requires at least 2 arguments'),
    (lambda: pgt.List[int, int], r'`pg.typing.List` requires 1 type argument'),
    (lambda: pgt.Tuple[1], r'Cannot convert 1 to `pg.typing.ValueSpec`'),
    (lambda: pgt.Dict[str], r'`pg.typing.Dict` requires 2 type arguments'),
    (lambda: pgt.Type[str, str], r'`pg.typing.Type` requires 1 type argument'),
])
def test_wrong_subscripts_are_type_errors(make, message):
  with pytest.raises(TypeError, match=message):
    make()
