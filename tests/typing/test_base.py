"""Tests of pyglove/typing/_base.py: defaults, None, frozen, transform, text."""
from __future__ import annotations

import pytest

from pyglove.typing import Int
from pyglove.typing import List
from pyglove.typing import Str
from pyglove.typing import ValueSpec
from pyglove.typing._base import default_copier
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE


def test_missing_value_gives_default():
  """MISSING_VALUE is replaced by the default."""
  assert Int(default=3).apply(MISSING_VALUE) == 3


def test_missing_required_value_raises_value_error_with_path():
  """A required value that is missing is a ValueError naming the path."""
  with pytest.raises(ValueError, match=r'Required value is not specified\. \(path=a\.b\)'):
    Int().apply(MISSING_VALUE, root_path=KeyPath.parse('a.b'))


def test_missing_required_value_allowed_when_partial():
  """With allow_partial, a missing value stays missing."""
  assert Int().apply(MISSING_VALUE, allow_partial=True) is MISSING_VALUE


def test_mutable_default_is_copied_for_each_use():
  """Two uses of a list default never share one list."""
  spec = List(Int(), default=[1])
  first = spec.apply(MISSING_VALUE)
  first.append(2)
  assert spec.apply(MISSING_VALUE) == [1]


def test_nested_mutable_default_is_deep_copied():
  """A default holding mutable values is copied deeply."""
  copier = default_copier([[1]])
  value = [[1]]
  copied = copier(value)
  assert copied == value and copied[0] is not value[0]


def test_immutable_default_is_shared():
  """Immutable defaults need no copy."""
  assert default_copier((1, 'a')) is None


def test_none_rejected_unless_noneable():
  """None is a ValueError unless the spec is noneable."""
  with pytest.raises(ValueError, match=r'Value cannot be None: expected int\. \(path=x\)'):
    Int().apply(None, root_path=KeyPath('x'))
  assert Int().noneable().apply(None) is None


def test_noneable_makes_none_the_default():
  """noneable() sets None as the default when there was none."""
  assert Int().noneable().default is None
  assert Int(default=1).noneable().default == 1


def test_set_default_validates():
  """set_default rejects a value the spec rejects."""
  with pytest.raises(ValueError, match='out of range'):
    Int(min_value=0).set_default(-1)


def test_set_default_missing_removes_default():
  """set_default(MISSING_VALUE) makes the value required again."""
  spec = Int(default=1).set_default(MISSING_VALUE)
  assert not spec.has_default


def test_frozen_spec_returns_its_value_and_rejects_others():
  """A frozen spec gives its value and refuses any other."""
  spec = Int().freeze(1)
  assert spec.frozen and spec.apply(MISSING_VALUE) == 1 and spec.apply(1) == 1
  with pytest.raises(ValueError, match=r'Frozen field is not assignable: got 2 \(int\).*\(path=k\)'):
    spec.apply(2, root_path=KeyPath('k'))


def test_freeze_without_value_or_default_raises():
  """Freezing needs a value."""
  with pytest.raises(ValueError, match='has no default and no value'):
    Int().freeze()


def test_freeze_uses_existing_default():
  """freeze() without a value fixes the default."""
  assert Str(default='a').freeze().apply(MISSING_VALUE) == 'a'


def test_base_spec_validate_is_abstract():
  """The bare base class has no validation of its own."""
  with pytest.raises(NotImplementedError):
    ValueSpec().apply(1)


def test_equality_and_hash_follow_arguments():
  """Specs with equal arguments are equal and hash alike."""
  assert Int(min_value=0) == Int(min_value=0)
  assert hash(Int(min_value=0)) == hash(Int(min_value=0))
  assert Int(min_value=0) != Int(min_value=1)
  assert Int() != Int().noneable()
  assert Int() != Str()


def test_repr_shows_arguments():
  """repr lists the non-trivial arguments."""
  assert repr(Int(default=1, min_value=0).noneable()) == (
      'Int(default=1, min=0, noneable=True)')
  assert 'frozen=True' in repr(Int().freeze(1))


def test_equality_survives_odd_default_equality():
  """Defaults whose == does not give a bool (numpy arrays) compare by identity."""
  import numpy as np
  from pyglove.typing import Any
  array = np.array([1, 2])
  assert Any(default=array) == Any(default=array)
  assert Any(default=array) != Any(default=np.array([1, 2]))


def test_child_paths_accept_string_root_paths():
  """A root path given as a string still prefixes child paths."""
  with pytest.raises(TypeError, match=r'\(path=a\.b\[0\]\)'):
    List(Int()).apply(['x'], root_path='a.b')


@pytest.mark.parametrize('spec', [
    Int(min_value=0), Str(regex='a'), List(Int(), default=[1]),
])
def test_specs_pickle_and_deepcopy(spec):
  """Specs survive pickling and deep copies as equal specs."""
  import copy
  import pickle
  assert pickle.loads(pickle.dumps(spec)) == spec
  assert copy.deepcopy(spec) == spec


class TestReferenceKeywords:
  """The keywords of the reference's specs: frozen=, transform=, noneable(...)."""

  def test_frozen_keyword_fixes_the_default(self):
    """frozen=True accepts only the default (MISSING_VALUE gives it)."""
    spec = Int(1, frozen=True)
    assert spec.frozen and spec.apply(MISSING_VALUE) == 1 and spec.apply(1) == 1
    with pytest.raises(ValueError, match=r'Frozen field is not assignable: got 2 \(int\)'):
      spec.apply(2)

  def test_transform_runs_before_the_check(self):
    """transform= converts given values; its errors carry the key path."""
    from pyglove.typing import Any as AnySpec
    from pyglove.typing import List
    spec = List(Int(), transform=lambda x: [x] if isinstance(x, int) else x)
    assert spec.apply(1) == [1] and spec.apply([2]) == [2]
    assert spec.transform is not None and spec.apply(MISSING_VALUE, True) is MISSING_VALUE
    with pytest.raises(ZeroDivisionError, match=r'division by zero \(path=a\)'):
      AnySpec(transform=lambda x: 1 / 0).apply(1, root_path=KeyPath('a'))
    with pytest.raises(TypeError, match='transform must be callable'):
      AnySpec(transform=1)

  def test_noneable_options(self):
    """noneable(use_none_as_default=False) keeps no default; noneable(False) undoes it."""
    assert Int().noneable(use_none_as_default=False).default is MISSING_VALUE
    spec = Int().noneable().noneable(is_noneable=False)
    assert not spec.is_noneable and spec.default is MISSING_VALUE
    with pytest.raises(ValueError, match='cannot be None'):
      spec.apply(None)

  def test_set_default_without_apply_and_freeze_value(self):
    """set_default(v, use_default_apply=False) skips validation; freeze(v) sets and fixes."""
    assert Int(min_value=0).set_default(-1, False).default == -1
    assert Int().freeze(permanent_value=3).apply(MISSING_VALUE) == 3
    assert Int().freeze(3, apply_before_use=False).default == 3

  def test_annotation(self):
    """A spec gives the Python annotation it stands for."""
    import typing
    assert Int().annotation is int and Str().noneable().annotation == typing.Optional[str]


def test_spec_text_matches_the_reference():
  """repr is one line, str one argument a line, as pyglove 0.4.5 prints them."""
  from pyglove.typing import Dict, List
  assert repr(Int(default=1, min_value=0, max_value=3)) == 'Int(default=1, min=0, max=3)'
  assert str(Int(default=1)) == 'Int(\n  default=1\n)'
  assert repr(Str('a', regex='a.*')) == "Str(default='a', regex='a.*')"
  assert repr(List(Int(), default=[1], min_size=1)) == 'List(Int(), min_size=1, default=[1])'
  spec = Dict([('a', Int(), 'a doc'), ('b', Dict([('c', Int())]))])
  assert repr(spec) == ("Dict(fields=[Field(key=a, value=Int(), description='a doc'), "
                        "Field(key=b, value=Dict(fields=[Field(key=c, value=Int())]))])")
  assert str(spec).splitlines()[:5] == [
      'Dict(', '  fields=[', '    Field(', '      key=a,', '      value=Int(),']
  assert str(Dict([('a', Int())])) == (
      'Dict(\n  fields=[Field(\n      key=a,\n      value=Int()\n    )]\n)')
