"""Tests of pyglove/symbolic/_format.py: the text of symbolic values, as pyglove 0.4.5 prints it."""
from __future__ import annotations

import pyglove as pg


class A(pg.Object):
  x: pg.typing.Annotated[int, 'The x.'] = 1
  y: list = []
  name: str = 'a'


class TestCompact:
  """repr: one line."""

  def test_objects_dicts_and_lists(self):
    """Keys and indices on one line; int keys of a Dict in brackets."""
    assert pg.format(A(1, [2]), compact=True) == "A(x=1, y=[0: 2], name='a')"
    assert repr(pg.Dict(a=pg.List([1]))) == '{a=[0: 1]}'
    assert repr(pg.Dict({1: 2, 'a': 3})) == '{[1]=2, a=3}'
    assert repr(pg.List()) == '[]' and repr(pg.Dict()) == '{}'

  def test_python_format(self):
    """python_format prints dicts as Python does and lists without indices."""
    assert pg.format(pg.Dict(a=pg.List([1])), compact=True,
                     python_format=True) == "{'a': [1]}"
    assert pg.format(A(1), compact=True, python_format=True) == (
        "A(x=1, y=[], name='a')")

  def test_missing_and_hidden_values(self):
    """Missing values print as MISSING_VALUE; defaults and missing values can be hidden."""
    class B(pg.Object):
      p: int
      q: int = 0
    assert repr(B.partial()) == 'B(p=MISSING_VALUE, q=0)'
    assert pg.format(B.partial(), compact=True, hide_missing_values=True) == 'B(q=0)'
    assert pg.format(A(2), compact=True, hide_default_values=True) == 'A(x=2)'

  def test_frozen_fields_hidden_unless_asked(self):
    """Frozen fields are left out by default (hide_frozen=True)."""
    class F(pg.Object):
      kind: pg.typing.Str('f').freeze()
      v: int = 0
    assert repr(F()) == 'F(v=0)'
    assert pg.format(F(), compact=True, hide_frozen=False) == "F(kind='f', v=0)"

  def test_key_selection(self):
    """include_keys and exclude_keys pick the top-level keys."""
    assert pg.format(A(1), compact=True, include_keys={'x'}) == 'A(x=1)'
    assert pg.format(A(1), compact=True, exclude_keys={'x', 'y'}) == "A(name='a')"


class TestIndented:
  """str: one child a line, nested values indented."""

  def test_layout(self):
    """key = value for dicts and objects, index : value for lists."""
    assert str(A(1, [2, {'m': 3}])) == '\n'.join([
        'A(',
        '  x = 1,',
        '  y = [',
        '    0 : 2,',
        '    1 : {',
        '      m = 3',
        '    }',
        '  ],',
        "  name = 'a'",
        ')'])
    assert str(pg.List([pg.List(), pg.Dict()])) == '[\n  0 : [],\n  1 : {}\n]'

  def test_partial_objects_show_the_missing_spec(self):
    """A missing field prints MISSING_VALUE(<spec>) in the indented form."""
    class B(pg.Object):
      p: int
    assert str(B.partial()) == 'B(\n  p = MISSING_VALUE(Int())\n)'

  def test_descriptions_when_verbose(self):
    """verbose=True adds each field's description as comments above it."""
    d = pg.Dict(x=1, value_spec=pg.typing.Dict([
        ('x', pg.typing.Int(), 'The x.\nSecond line'),
        ('y', pg.typing.Int(default=2), 'The y')]))
    assert d.format() == '\n'.join([
        '{', '  # The x.', '  # Second line', '  x = 1,', '  # The y',
        '  y = 2', '}'])
    assert str(d) == '{\n  x = 1,\n  y = 2\n}'
    assert A(1).format(verbose=True).splitlines()[1] == '  # The x.'
    text = d.format(extra_blankline_for_field_docstr=True)
    assert '  x = 1,\n\n  # The y' in text

  def test_plain_containers_holding_symbolic_values(self):
    """pg.format lays out plain lists and dicts around symbolic values."""
    assert pg.format([A(1)]) == (
        "[A(\n    # The x.\n    x = 1,\n    y = [],\n    name = 'a'\n  )]")
    assert pg.format({'a': A(1)}, compact=True) == "{'a': A(x=1, y=[], name='a')}"
    assert pg.format(pg.Dict(t=int), compact=True) == "{t=<class 'int'>}"

  def test_python_format(self):
    """python_format in the indented form."""
    assert pg.format(pg.Dict(a=1), python_format=True) == "{\n  'a': 1\n}"

  def test_method_matches_function_and_root_indent(self):
    """x.format(...) is pg.format(x, ...); root_indent shifts the closing bracket."""
    a = A(3)
    assert a.format(compact=True) == pg.format(a, compact=True)
    assert a.format(root_indent=1).splitlines()[-1] == '  )'


def test_inspect_prints_the_value_or_a_query(capsys):
  """inspect prints the indented form, or the values a query selects."""
  A(1).inspect()
  assert capsys.readouterr().out.startswith('A(\n  # The x.\n  x = 1,')
  A(1).inspect(where=lambda v: v == 1)
  assert "'x': 1" in capsys.readouterr().out
