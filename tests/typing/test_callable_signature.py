"""Tests of pyglove/typing/_callable_signature.py: `Signature`, `Argument`, `get_signature`."""
from __future__ import annotations

import pytest

from pyglove.typing import Any
from pyglove.typing import Argument
from pyglove.typing import CallableType
from pyglove.typing import CallableWithOptionalKeywordArgs
from pyglove.typing import Int
from pyglove.typing import List
from pyglove.typing import Signature
from pyglove.typing import Str
from pyglove.typing import StrKey
from pyglove.typing import get_signature
from pyglove.typing import signature


def f(a, b: int = 1, *args, c: str = 'x', **kw) -> int:
  """Doc f.

  Args:
    a: the a.
  """
  del b, args, c, kw
  return a


class TestSignature:

  def test_arguments_by_kind(self):
    """Positional, keyword-only, *args and **kwargs are told apart."""
    sig = get_signature(f)
    assert sig.arg_names == ['a', 'b', 'c'] and sig.id.endswith('.f')
    assert [a.kind for a in sig.args] == [Argument.Kind.POSITIONAL_OR_KEYWORD] * 2
    assert sig.kwonlyargs[0].value_spec == Str(default='x')
    assert sig.varargs.name == 'args' and sig.varkw.name == 'kw'
    assert sig.has_varargs and sig.has_varkw and sig.has_wildcard_args
    assert sig.return_value == Int() and sig.description == 'Doc f.'
    assert sig.args[0].description == 'the a.'
    assert sig.callable_type is CallableType.FUNCTION and signature is get_signature

  def test_value_specs_and_untyped(self):
    """get_value_spec falls back to **kwargs' spec; auto_typing=False keeps Any."""
    sig = get_signature(f)
    assert sig.get_value_spec('b') == Int(default=1)
    assert sig.get_value_spec('other') == Any()
    untyped = Signature.from_callable(f)
    assert untyped.get_value_spec('b') == Any(default=1)
    assert get_signature(lambda x: x).get_value_spec('y') is None

  def test_methods_and_callable_objects(self):
    """Bound methods and callable objects are methods; their self is left out."""
    class A:

      def m(self, x):
        return x

      def __call__(self, y):
        return y
    assert get_signature(A().m).arg_names == ['x']
    assert get_signature(A().m).callable_type is CallableType.METHOD
    assert get_signature(A()).arg_names == ['y']
    assert get_signature(A.m).arg_names == ['self', 'x']
    with pytest.raises(TypeError, match='expects a callable'):
      get_signature(1)

  def test_schema_round_trip_and_fields(self):
    """to_schema/from_schema keep the arguments; fields list them as schema fields."""
    sig = get_signature(f)
    schema = sig.to_schema()
    assert list(schema.keys()) == ['a', 'b', 'args', 'c', StrKey()]
    assert schema.metadata['init_arg_list'] == ['a', 'b', '*args']
    again = Signature.from_schema(schema, sig.module_name, 'f', qualname='f')
    assert again.arg_names == sig.arg_names and again.varargs.value_spec == List(
        Any(), default=[])
    assert [fd.key for fd in sig.fields] == ['a', 'b', 'args', 'c', StrKey()]
    assert again == Signature.from_schema(schema, sig.module_name, 'f') and again != 1

  def test_text(self):
    """Signatures print like the reference's."""
    text = repr(get_signature(lambda x: x))
    assert text.startswith("Signature('") and "args=[Argument(name='x'" in text


def test_callable_with_optional_keyword_args():
  """Optional keywords the function does not take are dropped."""
  assert CallableWithOptionalKeywordArgs(lambda x: x ** 2, ['y'])(2, y=3) == 4
  assert CallableWithOptionalKeywordArgs(lambda x, y=0: x + y, ['y'])(2, y=3) == 5
  assert CallableWithOptionalKeywordArgs(lambda x, **kw: kw, ['y'])(2, y=3) == {'y': 3}
  with pytest.raises(TypeError, match='expects a callable'):
    CallableWithOptionalKeywordArgs(1, [])


def test_argument_from_parameter():
  """As the reference: the spec from the annotation (auto_typing), *args a List, **kwargs a Dict."""
  import inspect  # pylint: disable=g-import-not-at-top
  from pyglove import typing as pgt  # pylint: disable=g-import-not-at-top

  def bar(x: int, *args, y: str = 'a', **kwargs):
    del x, args, y, kwargs

  params = inspect.signature(bar).parameters
  kind = pgt.Argument.Kind
  assert pgt.Argument.from_parameter(params['x'], 'arg x', auto_typing=True) == (
      pgt.Argument('x', kind.POSITIONAL_OR_KEYWORD, pgt.Int(), 'arg x'))
  assert pgt.Argument.from_parameter(params['x']).value_spec == pgt.Any(annotation=int)
  assert pgt.Argument.from_parameter(params['args']).value_spec == (
      pgt.List(pgt.Any(), default=[]))
  assert pgt.Argument.from_parameter(params['y'], auto_typing=True).value_spec == (
      pgt.Str(default='a'))
  assert pgt.Argument.from_parameter(params['kwargs']).value_spec == pgt.Dict(pgt.Any())


def test_schema_is_named_after_the_callable():
  from pyglove import typing as pgt  # pylint: disable=g-import-not-at-top

  def foo(x):
    del x
  assert pgt.schema(foo).name == f'{foo.__module__}.{foo.__qualname__}'


@pytest.mark.parametrize('source', [
    'def f(x, y=1) -> int: pass',
    'def f(x=1, *, y): pass',
    'def f(x=1, *y): pass',
    'def f(*y): pass',
    'def f(*, x=1, y): pass',
    'def f(x=1, *, y, **z) -> str: pass',
    'def f(x: int, *args: str, y: float = 2.0, **kw: int): pass',
])
def test_make_function_keeps_the_signature(source):
  import inspect  # pylint: disable=g-import-not-at-top
  from pyglove import typing as pgt  # pylint: disable=g-import-not-at-top
  namespace = {}
  # Real annotation objects (this module has `from __future__ import annotations`).
  exec(compile(source, '<test>', 'exec', dont_inherit=True), namespace)  # pylint: disable=exec-used
  f = namespace['f']
  g = pgt.signature(f).make_function(['return 42'])
  assert inspect.signature(g) == inspect.signature(f)


def test_make_function_runs_its_body_with_given_globals():
  from pyglove import typing as pgt  # pylint: disable=g-import-not-at-top

  def scale(x, factor=2):
    del x, factor
  g = pgt.signature(scale).make_function(['return offset + x * factor'],
                                         exec_globals={'offset': 1})
  assert g(3) == 7 and g.__name__ == 'scale'
