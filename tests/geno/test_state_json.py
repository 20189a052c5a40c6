"""Generator state as JSON: a closed set of types, exact restores, nothing run on load."""
from __future__ import annotations

import collections
import json
import math
import random

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
import numpy as np
import pytest

import pyglove as pg
from pyglove import geno
from pyglove.geno import _state_json


def _round_trip(value, spec=None, trusted=False):
  return _state_json.loads(_state_json.dumps(value, spec=spec), spec=spec,
                           trusted=trusted)


_keys = st.none() | st.booleans() | st.integers() | st.text(max_size=5)
_values = st.recursive(
    _keys | st.floats(allow_nan=False),
    lambda children: (
        st.lists(children, max_size=3)
        | st.lists(children, max_size=3).map(tuple)
        | st.dictionaries(_keys | st.tuples(_keys, _keys), children, max_size=3)
        | st.lists(children, max_size=3).map(collections.deque)
        | st.frozensets(_keys, max_size=3)),
    max_leaves=12)


@settings(max_examples=200, deadline=None)
@given(_values)
def test_plain_state_round_trips(value):
  """decode(encode(x)) == x with types kept (tuples, non-string keys, deques, sets)."""
  restored = _round_trip(value)
  assert restored == value
  _assert_same_types(restored, value)


def _assert_same_types(x, y):
  assert type(x) is type(y)
  if isinstance(x, dict):
    for (kx, vx), (ky, vy) in zip(x.items(), y.items()):
      _assert_same_types(kx, ky)
      _assert_same_types(vx, vy)
  elif isinstance(x, (list, tuple, collections.deque)):
    for a, b in zip(x, y):
      _assert_same_types(a, b)


def test_special_floats_and_numbers():
  """Non-finite floats and huge ints survive; the text is strict JSON."""
  value = [math.inf, -math.inf, 10**40, -0.0]
  text = _state_json.dumps(value)
  json.loads(text, parse_constant=lambda c: pytest.fail(f'non-JSON {c}'))
  assert _round_trip(value) == value
  assert math.isnan(_round_trip(math.nan))


def test_random_continues_exactly():
  """A random.Random restores its position, gauss cache included."""
  rng = random.Random(5)
  rng.gauss(0, 1)
  restored = _round_trip(rng)
  assert [restored.random() for _ in range(5)] == [rng.random() for _ in range(5)]
  assert restored.gauss(0, 1) == rng.gauss(0, 1)


def test_numpy_arrays_and_scalars_exact():
  """dtype, shape and every bit of the numbers come back."""
  arrays = [np.arange(6, dtype=np.int32).reshape(2, 3),
            np.array([[0.1, np.inf], [-np.inf, 1e-300]]),
            np.zeros((0, 3)), np.array([True, False]),
            np.float32(1) / np.float32(3), np.int64(-7)]
  for value, restored in zip(arrays, _round_trip(arrays)):
    assert type(restored) is type(value)
    assert restored.dtype == value.dtype and np.shape(restored) == np.shape(value)
    assert np.array_equal(restored, value)


def test_numpy_object_arrays_are_refused():
  """Only numeric dtypes have a JSON form."""
  with pytest.raises(TypeError, match='numeric dtypes'):
    _state_json.dumps(np.array([object()]))


def test_shared_objects_stay_shared():
  """One object referenced twice is one object after loading."""
  rng, dna, items = random.Random(1), pg.DNA([0, 1]), [1, 2]
  restored = _round_trip({'a': (rng, dna, items), 'b': [rng, dna, items]})
  for x, y in zip(restored['a'], restored['b']):
    assert x is y


def test_cycles_and_values_without_json_form_are_type_errors():
  """The message names what and where."""
  cycle = []
  cycle.append(cycle)
  with pytest.raises(TypeError, match='reference cycle'):
    _state_json.dumps(cycle)
  with pytest.raises(TypeError, match=r"holds <object.* at state\[1\]\[1\]"):
    _state_json.dumps((0, [1, object()]))
  with pytest.raises(TypeError, match='of type function'):
    _state_json.dumps({'f': lambda: 1})


def test_dna_keeps_metadata_and_the_study_spec():
  """DNA comes back equal, with metadata, attached to the very spec given."""
  spec = pg.dna_spec(pg.Dict(x=pg.oneof([1, 2]), y=pg.floatv(0.0, 1.0)))
  dna = pg.DNA([1, 0.25]).use_spec(spec).set_metadata('reward', (1.0, 2.0))
  text = _state_json.dumps([dna, spec], spec=spec)
  assert '"spec"' in text and len(text) < 400  # The spec is a reference.
  restored, same_spec = _state_json.loads(text, spec=spec)
  assert restored == dna and restored.spec is spec and same_spec is spec
  assert restored.metadata == {'reward': (1.0, 2.0)}
  with pytest.raises(ValueError, match="study's DNA spec, but none was given"):
    _state_json.loads(text)


def test_other_specs_are_stored_whole():
  """A spec other than the study's is written as its JSON."""
  spec = pg.dna_spec(pg.Dict(x=pg.oneof([1, 2])))
  dna = pg.DNA(1).use_spec(spec)
  restored = _round_trip(dna)
  assert restored == dna and pg.eq(restored.spec, spec) and restored.spec is not spec


class _UserPolicy(pg.Object):
  """A symbolic class outside this library."""
  x: int = 1


def test_classes_outside_the_library_need_trust():
  """User symbolic classes, user state classes and functions need trusted=True."""
  text = _state_json.dumps([_UserPolicy()])
  with pytest.raises(pg.UnsafeLoadError, match=r'_UserPolicy.*trusted=True'):
    _state_json.loads(text)
  assert _state_json.loads(text, trusted=True) == [_UserPolicy()]

  @_state_json.register
  class Helper:
    def __init__(self):
      self.n = 3
  text = _state_json.dumps(Helper())
  with pytest.raises(pg.UnsafeLoadError, match=r'Helper.*trusted=True'):
    _state_json.loads(text)
  assert _state_json.loads(text, trusted=True).n == 3


def test_unregistered_state_classes_are_refused():
  """An 'object' entry must name a registered state class."""
  text = json.dumps({'format': 'pyglove.state', 'version': 1, 'value': {
      '$': 'object', 'type': 'os.system', 'attrs': {}}})
  with pytest.raises(ValueError, match="'os.system', which is no registered"):
    _state_json.loads(text, trusted=True)


@pytest.mark.parametrize('value, match', [
    ({'$': 'nope'}, "unknown entry tagged 'nope'"),
    ({'no': 'tag'}, 'unknown entry tagged None'),
    ({'$': 'float', 'value': 'pi'}, "special float 'pi'"),
    ({'$': 'dict', 'items': [[1]]}, 'a dict item'),
    ({'$': 'dict', 'items': [[[1], 2]]}, 'a dict key'),
    ({'$': 'set', 'items': [[1]]}, 'unhashable'),
    ({'$': 'deque', 'items': [], 'maxlen': -1}, 'deque maxlen'),
    ({'$': 'random', 'version': 3, 'internal': [1, 2], 'gauss': None}, 'random.Random state'),
    ({'$': 'random', 'version': 3, 'internal': ['x'], 'gauss': None}, 'not numbers'),
    ({'$': 'ndarray', 'dtype': 'object', 'shape': [1], 'data': [1]}, "numpy dtype 'object'"),
    ({'$': 'ndarray', 'dtype': 'int8', 'shape': [10**9], 'data': [1]}, 'numpy array of shape'),
    ({'$': 'ndarray', 'dtype': 'int8', 'shape': [1], 'data': [1000]}, 'numpy data'),
    ({'$': 'npscalar', 'dtype': 'float64', 'value': 'x'}, 'numpy scalar'),
    ({'$': 'ref', 'id': 4}, 'reference to object id 4 before'),
    ({'$': 'shared', 'id': 'a', 'value': 1}, "whose 'id' is 'a'"),
    ([{'$': 'shared', 'id': 1, 'value': 1}, {'$': 'shared', 'id': 1, 'value': 2}], 'defined twice'),
    ({'$': 'object', 'type': 'pyglove.generators._policy.Adam', 'attrs': {'__class__': 1}}, "attribute named '__class__'"),
    ({'$': 'object', 'type': 'pyglove.generators._plan.Plan', 'data': 1}, 'a Plan needs a DNA spec'),
    ({'$': 'symbolic', 'json': {'_type': 'pyglove.geno._random.Random'}, 'states': [[[], {'seed': 1}]]}, "runtime attribute named 'seed'"),
    ({'$': 'symbolic', 'json': {'_type': 'pyglove.geno._random.Random'}, 'states': [[[], {'propose': 1}]]}, "runtime attribute named 'propose'"),
    ({'$': 'symbolic', 'json': {'_type': 'pyglove.geno._random.Random'}, 'states': [[['x'], {}]]}, 'no symbolic object'),
    ({'$': 'symbolic', 'json': [1], 'states': []}, "whose 'json' is"),
    ({'$': 'dna', 'json': {'_type': 'pyglove.geno._dna.DNA', 'value': 0}, 'spec': 3}, 'a DNA spec 3'),
])
def test_malformed_state_is_a_value_error(value, match):
  """Each kind of damage is a ValueError saying what was found."""
  text = json.dumps({'format': 'pyglove.state', 'version': 1, 'value': value})
  with pytest.raises(ValueError, match=match):
    _state_json.loads(text)


@pytest.mark.parametrize('text', [
    b'\x80\x04K\x01.', 'not json', '[]', '{"format": "other", "version": 1}',
    '{"format": "pyglove.state", "version": 2, "value": 1}', 1,
])
def test_other_documents_are_refused(text):
  """Anything but state of the current format: a ValueError naming the format."""
  with pytest.raises(ValueError, match="format 'pyglove.state' version 1"):
    _state_json.loads(text)


@pytest.mark.parametrize('depth', [1000, 100_000])
def test_deep_state_is_a_value_error(depth):
  """Nesting beyond the limit, in the text or in the data: a ValueError."""
  nested = '[' * depth + ']' * depth
  text = f'{{"format": "pyglove.state", "version": 1, "value": {nested}}}'
  with pytest.raises(ValueError, match='nested more than'):
    _state_json.loads(text)
  value = 1
  for _ in range(min(depth, 20_000) // 2):
    value = [value]
  with pytest.raises(ValueError, match='nested more than'):
    _state_json.dumps(value)


def test_generator_state_is_plain_readable_json():
  """A set-up generator's state is strict JSON naming its class and runtime attributes."""
  spec = pg.dna_spec(pg.Dict(x=pg.oneof([1, 2])))
  algorithm = geno.Random(seed=3)
  algorithm.setup(spec)
  document = json.loads(_state_json.dumps(algorithm, spec=spec))
  value = document['value']
  assert value['$'] == 'symbolic'
  assert value['json'] == {'_type': 'pyglove.geno._random.Random', 'seed': 3}
  assert sorted(value['states'][0][1]) == [
      '_dna_spec', '_num_feedbacks', '_num_proposals', '_random']
