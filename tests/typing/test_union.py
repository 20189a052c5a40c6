"""Tests of the Union spec."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
import pytest

from pyglove.typing import Any
from pyglove.typing import Bool
from pyglove.typing import Float
from pyglove.typing import Int
from pyglove.typing import List
from pyglove.typing import Str
from pyglove.typing import Union
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import from_json
from pyglove.utils import to_json


def test_dispatches_by_type():
  """Each value goes to the candidate of its type."""
  spec = Union([Int(), Str(), List(Int())])
  assert spec.apply(1) == 1 and spec.apply('a') == 'a' and spec.apply([1]) == [1]


def test_falls_back_to_converting_candidates():
  """A candidate of another type may still accept (Float takes int)."""
  value = Union([Str(), Float()]).apply(1)
  assert value == 1.0 and type(value) is float


def test_order_matters_among_matching_candidates():
  """The first accepting candidate wins."""
  assert type(Union([Int(), Float()]).apply(1)) is int


def test_single_matching_candidate_gives_precise_error():
  """When one candidate has the value's type, its error is raised."""
  with pytest.raises(ValueError, match=r'Value -1 is out of range \(min=0, max=None\)\. \(path=u\)'):
    Union([Int(min_value=0), Str()]).apply(-1, root_path=KeyPath('u'))


def test_no_candidate_gives_type_error():
  """No accepting candidate is a TypeError listing them."""
  with pytest.raises(TypeError, match=r'Expected one of \[Int\(\), Str\(\)\] but got 1\.5 \(float\)\. \(path=u\)'):
    Union([Int(), Str()]).apply(1.5, root_path=KeyPath('u'))


def test_none_and_default():
  """None needs noneable (or a noneable candidate); defaults work."""
  assert Union([Int(), Str()], is_noneable=True).apply(None) is None
  assert Union([Int().noneable(), Str()]).is_noneable
  with pytest.raises(ValueError, match='Value cannot be None'):
    Union([Int(), Str()]).apply(None)
  assert Union([Int(), Str()], default='a').apply(MISSING_VALUE) == 'a'


def test_nested_unions_are_flattened():
  """A Union inside a Union contributes its candidates."""
  spec = Union([Union([Int(), Str()]), Float()])
  assert spec.candidates == [Int(), Str(), Float()]


def test_bad_candidates():
  """Non-specs are a TypeError; fewer than two a ValueError."""
  with pytest.raises(TypeError, match='Union: candidates must be a ValueSpec or an annotation'):
    Union([Int(), 1])
  assert Union([Int(), str]) == Union([Int(), Str()])
  with pytest.raises(TypeError, match='Union candidates must be a list'):
    Union(Int())
  with pytest.raises(ValueError, match=r'Union needs at least two candidates; got 1'):
    Union([Int()])


def test_compatibility_both_ways():
  """A Union covers what any candidate covers; it is covered if all are."""
  spec = Union([Int(), Str()])
  assert spec.is_compatible(Int(min_value=0))
  assert not spec.is_compatible(Float())
  assert Any().is_compatible(spec)
  assert not Int().is_compatible(spec)
  assert spec.is_compatible(Union([Int(), Str(regex='a')]))
  assert not Union([Int(), Float()]).is_compatible(spec)


def test_extend():
  """A narrower union extends a wider one; an unrelated spec does not."""
  spec = Union([Int(min_value=0), Str()]).extend(Union([Int(), Str(), Float()]))
  assert spec.candidates[0] == Int(min_value=0)
  assert Int().extend(Union([Int(), Str()])) == Int()
  with pytest.raises(TypeError, match='accept different types'):
    Float().extend(Union([Int(), Str()]))


def test_json_round_trip():
  """Unions survive to_json/from_json."""
  spec = Union([Int(), Str()], default=1)
  assert from_json(to_json(spec)) == spec


@given(st.one_of(st.integers(), st.text()))
def test_accepts_its_domain_unchanged(value):
  """Ints and strings pass Union([Int(), Str()]) as the same object."""
  assert Union([Int(), Str()]).apply(value) is value


@given(st.one_of(st.integers(), st.floats(allow_nan=False), st.text()))
def test_apply_is_idempotent(value):
  """Applying a Union to its own output gives the same value and type."""
  spec = Union([Int(), Float(), Str()])
  once = spec.apply(value)
  twice = spec.apply(once)
  assert twice == once and type(twice) is type(once)


def test_pickle_rebuilds_empty_cache():
  """A pickled Union works after loading, its dispatch cache rebuilt."""
  import pickle
  spec = Union([Int(), Str()])
  spec.apply(1)
  loaded = pickle.loads(pickle.dumps(spec))
  assert loaded == spec and loaded.apply('a') == 'a'


def test_get_candidate_prefers_same_spec_class():
  """get_candidate returns the first candidate the destination spec accepts entirely."""
  u = Union([Int(), Str()])
  assert u.get_candidate(Str()) == Str() and u.get_candidate(Any()) == Int()
  assert u.get_candidate(Bool()) is None


def test_noneable_reaches_candidates_and_text():
  """noneable() makes each candidate noneable; the candidate list wraps past 20 characters."""
  u = Union([Int(), Str()]).noneable()
  assert all(c.is_noneable for c in u.candidates) and u.default is None
  assert repr(Union([Int(), Str()], default=1)) == 'Union([Int(), Str()], default=1)'
  assert str(Union([Int(), Str()])) == 'Union(\n  [Int(), Str()]\n)'
  assert u.format().startswith('Union(\n  [\n    Int(\n')


def test_frozen_union():
  """frozen= fixes a union's value too."""
  assert Union([Int(), Str()], default=1, frozen=True).apply(MISSING_VALUE) == 1
