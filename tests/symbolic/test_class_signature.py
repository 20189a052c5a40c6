"""Tests of pyglove/symbolic/_class_signature.py: `inspect.signature` of symbolic classes."""
from __future__ import annotations

import inspect
from typing import Optional

import pytest

import pyglove as pg


class Conv(pg.Object):
  filters: int
  kernel_size: int = 3
  acts: list = ['relu']


@pg.members([('x', pg.typing.Int(), 'doc'), ('y', pg.typing.Str('a').noneable())])
class Members(pg.Object):
  pass


@pg.members([(pg.typing.StrKey(), pg.typing.Int())])
class Open(pg.Object):
  x: int = 1


def test_object_classes_show_their_fields():
  """Fields appear with annotations and defaults, never MISSING_VALUE."""
  assert str(inspect.signature(Conv)) == (
      "(filters: int, kernel_size: int = 3, acts: List[Any] = ['relu'])")
  assert str(inspect.signature(Members)) == "(x: int, y: Optional[str] = 'a')"
  assert str(inspect.signature(Open)) == '(x: int = 1, **kwargs: int)'
  assert 'MISSING_VALUE' not in str(inspect.signature(Conv.__init__))
  assert str(inspect.signature(Conv.__init__)).startswith('(self, filters: int')


def test_computed_once_per_class_and_refreshed_by_members():
  """The signature is cached on the class; @pg.members replacing the schema renews it."""
  assert inspect.signature(Conv) is inspect.signature(Conv)

  class Later(pg.Object):
    a: int = 1
  assert str(inspect.signature(Later)) == '(a: int = 1)'
  Later = pg.members([('b', pg.typing.Str())])(Later)
  assert str(inspect.signature(Later)) == '(a: int = 1, b: str = MISSING_VALUE)'
  assert Later(1, 'x').b == 'x'  # Positional and required, as in the reference.


def test_symbolized_classes_and_functors():
  """Symbolized classes keep __init__'s parameters; functors the function's."""
  class Dense:

    def __init__(self, units: int, activation: Optional[str] = None):
      del units, activation
  assert str(inspect.signature(pg.symbolize(Dense))) == (
      '(units: int, activation: Optional[str] = None)')

  @pg.functor
  def f(a, b: int = 1):
    return a + b
  assert str(inspect.signature(f)) == '(a, b: int = 1)'
  assert str(inspect.signature(f(1))) == '(b: int = 1, *, a=1)'


def test_generators_show_their_hyperparameters():
  """A generator such as PPO documents its real parameters."""
  text = str(inspect.signature(pg.generators.PPO))
  assert 'MISSING_VALUE' not in text and 'seed: Optional[int] = None' in text


def test_callable_instances_keep_their_call_signature():
  """On an instance the class signature is absent: a callable object's is its __call__'s."""
  class Scale(pg.Object):
    factor: int = 2

    def __call__(self, x):
      return x * self.factor
  assert str(inspect.signature(Scale())) == '(x)'
  assert pg.typing.Callable([pg.typing.Int()]).apply(Scale()) is not None


def test_signature_also_answers_as_a_typing_signature():
  """As the reference's functor __signature__: .args, .return_value, .get_value_spec."""
  @pg.functor
  def scale(x, factor: int = 2) -> int:
    return x * factor

  sig = scale.__signature__
  assert isinstance(sig, inspect.Signature)
  assert str(sig) == '(x, factor: int = 2) -> int'
  assert [a.name for a in sig.args] == ['x', 'factor']
  assert sig.return_value is not None and sig.varargs is None
  assert [a.name for a in Conv.__signature__.args][:1] == ['filters']
  with pytest.raises(AttributeError):
    sig.no_such_attribute  # pylint: disable=pointless-statement
