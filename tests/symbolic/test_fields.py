"""Tests for pyglove.symbolic._fields: declaring fields and the field-value view."""
from __future__ import annotations

import doctest
from typing import Annotated, ClassVar

import pytest

import pyglove as pg
from pyglove.symbolic import _fields


class TestAnnotatedFields:

  def test_fields_come_from_annotations_in_order(self):
    """Annotated names are fields; private, UPPER and ClassVar names are not."""
    class A(pg.Object):
      x: int
      y: Annotated[str, 'The y.'] = 'a'
      _hidden: int = 0
      LIMIT: int = 3
      shared: ClassVar[int] = 1
    fields = _fields.annotated_fields(A)
    assert [f.key for f in fields] == ['x', 'y']
    assert fields[1].description == 'The y.'

  def test_invalid_default_names_the_field(self):
    """A default rejected by its annotation names the field and class."""
    with pytest.raises(TypeError, match="The default of field 'x' of B is invalid"):
      class B(pg.Object):  # pylint: disable=unused-variable
        x: int = 'no'

  def test_members_tuple_must_have_two_to_four_items(self):
    """A malformed @pg.members entry is a TypeError naming the class."""
    with pytest.raises(TypeError, match=r"\(key, spec\[, doc\[, metadata\]\]\) tuple; got \('x',\) for C"):
      @pg.members([('x',)])
      class C(pg.Object):  # pylint: disable=unused-variable
        pass


class TestFieldValues:

  def test_read_only_mapping_by_key_and_attribute(self):
    """sym_init_args reads like a mapping and by attribute."""
    class D(pg.Object):
      x: int = 1
    args = D().sym_init_args
    assert args['x'] == args.x == 1 and dict(args) == {'x': 1} and len(args) == 1
    with pytest.raises(AttributeError, match="No field named 'z'; fields: x"):
      _ = args.z


def test_docstring_examples_run():
  """Every example in the module's docstrings runs as shown."""
  results = doctest.testmod(_fields, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.attempted and not results.failed
