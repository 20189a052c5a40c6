"""Tests of the Callable and Functor specs."""
from __future__ import annotations

import inspect

import pytest

from pyglove.typing import Callable
from pyglove.typing import Functor
from pyglove.typing import Int
from pyglove.typing import Str
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import from_json
from pyglove.utils import to_json


def one_int(x: int) -> int:
  return x


def two_required(x, y):
  return x + y


def keyword_only(*, a: str = 'x', **kw) -> str:
  return a


def test_plain_callable_accepts_any_callable():
  """Callable() accepts functions, classes and callable objects."""
  assert Callable().apply(len) is len and Callable().apply(int) is int
  with pytest.raises(TypeError, match=r'Expected a callable but got 1 \(int\)\. \(path=f\)'):
    Callable().apply(1, root_path=KeyPath('f'))


def test_signature_checked_against_args():
  """Positional arguments must be accepted."""
  spec = Callable([Int()])
  assert spec.apply(one_int) is one_int
  with pytest.raises(TypeError, match=r'The callable takes at most 0 positional arguments; the spec passes 1\. \(path=p\)'):
    spec.apply(lambda: 1, root_path=KeyPath('p'))


def test_required_arguments_must_be_passed():
  """A required argument the spec does not pass is a TypeError."""
  with pytest.raises(TypeError, match=r"The callable requires argument 'y', which the spec does not pass"):
    Callable([Int()]).apply(two_required)
  assert Callable([Int()], kw=[('y', Int())]).apply(two_required) is two_required


def test_keyword_arguments_must_exist():
  """Keyword arguments must be parameters (or **kwargs)."""
  with pytest.raises(TypeError, match=r"The callable has no keyword argument 'b'"):
    Callable(kw=[('b', Int())]).apply(one_int)
  assert Callable(kw=[('b', Int())]).apply(keyword_only) is keyword_only


def test_annotations_must_cover_argument_specs():
  """An annotated parameter must accept the spec's values."""
  def takes_str(x: str):
    return x

  with pytest.raises(TypeError, match=r"Argument 'x' of the callable accepts Str\(\), which does not cover the spec's Int\(\)"):
    Callable([Int()]).apply(takes_str)
  with pytest.raises(TypeError, match=r"Argument 'a' of the callable accepts Str\(\), which does not cover"):
    Callable(kw=[('a', Int())]).apply(keyword_only)


def test_return_annotation_must_fit():
  """A return annotation must fit the returns spec."""
  assert Callable(returns=Int()).apply(one_int) is one_int
  with pytest.raises(TypeError, match=r'The callable returns Str\(\), which does not fit the spec\'s Int\(\)'):
    Callable(returns=Int()).apply(keyword_only)


def test_uninspectable_callables_are_trusted():
  """A callable without an inspectable signature passes."""
  class NoSignature:
    __signature__ = 'not a signature'

    def __call__(self):
      return 1

  value = NoSignature()
  assert Callable([Int()]).apply(value) is value


def test_unknown_annotations_skip_the_check():
  """An annotation that cannot be evaluated does not fail the callable."""
  def odd(x: 'no_such_name[1]'):
    return x

  assert Callable([Int()]).apply(odd) is odd


def test_signature_check_is_cached_per_function():
  """A function that passed is not inspected again."""
  spec = Callable([Int()])
  spec.apply(one_int)
  assert one_int in spec._checked


def test_bound_methods_and_callable_objects():
  """Bound methods drop self; callable objects use __call__."""
  class Adder:
    def __call__(self, x):
      return x

    def method(self, x):
      return x

  adder = Adder()
  spec = Callable([Int()])
  assert spec.apply(adder) is adder
  assert spec.apply(adder.method) == adder.method
  with pytest.raises(TypeError, match='takes at most 0 positional'):
    spec.apply(Adder)


def test_argument_specs_must_be_value_specs():
  """Non-spec arguments are a TypeError."""
  with pytest.raises(TypeError, match=r'Callable: args must be a ValueSpec or an annotation; got 1 \(int\)'):
    Callable([1])
  assert Callable([int], returns=str) == Callable([Int()], returns=Str())


def test_compatibility():
  """Arguments are contravariant, returns covariant."""
  assert Callable().is_compatible(Callable([Int()]))
  assert Callable([Int(min_value=0)]).is_compatible(Callable([Int()]))
  assert not Callable([Int()]).is_compatible(Callable([Int(min_value=0)]))
  assert not Callable([Int()]).is_compatible(Callable())
  assert Callable(returns=Int()).is_compatible(Callable(returns=Int(min_value=0)))
  assert not Callable(returns=Int()).is_compatible(Callable())
  assert not Callable(kw=[('a', Int())]).is_compatible(Callable())
  assert Callable(kw=[('a', Int())]).is_compatible(Callable(kw=[('a', Int())]))
  assert not Callable().is_compatible(Int())


def test_functor_requires_signature_attribute():
  """Functor accepts callables with a signature attribute, not classes."""
  class F:
    __signature__ = inspect.Signature([])

    def __call__(self):
      return 1

  f = F()
  assert Functor().apply(f) is f
  with pytest.raises(TypeError, match=r'Expected a functor but got <built-in function len>'):
    Functor().apply(len)
  with pytest.raises(TypeError, match='Expected a functor'):
    Functor().apply(F)
  with pytest.raises(TypeError, match=r'The callable takes at most 0 positional'):
    Functor([Int()]).apply(f)


def test_json_round_trip():
  """Callable and Functor survive to_json/from_json."""
  for spec in (Callable(), Callable([Int()], kw=[('a', Str())], returns=Int()),
               Functor()):
    assert from_json(to_json(spec)) == spec


def test_pickle_rebuilds_empty_cache():
  """A pickled Callable works after loading, its check cache rebuilt."""
  import pickle
  spec = Callable([Int()])
  spec.apply(one_int)
  loaded = pickle.loads(pickle.dumps(spec))
  assert loaded == spec and one_int not in loaded._checked
  assert loaded.apply(one_int) is one_int


def test_callable_checks_each_object_whose_class_declares_a_signature():
  """A passing instance does not vouch for another of a class with per-instance signatures."""
  class _PerInstance:
    __signature__ = property(lambda self: self._sig)

    def __init__(self, sig):
      self._sig = sig

    def __call__(self, *args):
      return args

  spec = Callable([Int()])
  one_arg = _PerInstance(inspect.Signature(
      [inspect.Parameter('x', inspect.Parameter.POSITIONAL_OR_KEYWORD)]))
  no_arg = _PerInstance(inspect.Signature([]))
  assert spec.apply(one_arg) is one_arg
  with pytest.raises(TypeError, match='positional'):
    spec.apply(no_arg)


def test_callable_type_and_return_value():
  """callable_type= restricts the callable's class; return_value is returns."""
  import types
  spec = Callable(callable_type=types.FunctionType, returns=Int())
  assert spec.apply(lambda: 1) is not None and spec.return_value == Int()
  with pytest.raises(TypeError, match='Expected a callable function but got'):
    spec.apply(len)
  assert repr(Callable([Int()], kw=[('a', Str())], returns=Int())) == (
      "Callable(args=[Int()], kw=[('a', Str())], returns=Int())")


def test_callable_annotation_and_frozen():
  """Callable specs give typing.Callable annotations and take frozen=/transform=."""
  import typing
  assert Callable([Int()], returns=Str()).annotation == typing.Callable[[int], str]
  f = lambda: 1  # pylint: disable=unnecessary-lambda-assignment
  assert Callable(default=f, frozen=True).apply(MISSING_VALUE) is f
  assert Functor(transform=lambda x: x).transform is not None


def test_compatible_with_objects_of_callable_classes():
  """An Object spec of a class with __call__ is compatible by that method's parameters."""
  from pyglove.typing import Any as AnySpec
  from pyglove.typing import Object

  class Adder:
    def __call__(self, x, y=1):
      return x + y

  class Plain:
    pass

  assert Callable().is_compatible(Object(Adder))
  assert Callable(kw=[('x', AnySpec()), ('y', AnySpec())]).is_compatible(Object(Adder))
  assert not Callable(kw=[('z', AnySpec())]).is_compatible(Object(Adder))
  assert not Callable().is_compatible(Object(Plain))
