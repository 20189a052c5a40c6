"""Text encodings of DNA, rewards, metadata and trials."""
from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pyglove as pg
from pyglove.tuning import Measurement
from pyglove.tuning import Trial
from pyglove.tuning.backends import _codec
from tests.tuning.backends.conftest import small_spec

_REWARDS = st.floats(allow_nan=False, allow_infinity=False)


@given(st.one_of(_REWARDS, st.tuples(_REWARDS, _REWARDS)))
def test_reward_round_trip(reward):
  """A reward (a float or a tuple of them) decodes to itself."""
  assert _codec.loads(_codec.dumps(reward)) == reward


@given(st.one_of(st.floats(), st.integers(), st.dictionaries(st.text(), st.none(),
                                                            max_size=2)))
def test_plain_values_encode_as_through_the_type_registry(value):
  """The shortcut for plain floats, ints and empty dicts writes what the registry would."""
  assert _codec.dumps(value) == json.dumps(pg.to_json(value))


@given(st.one_of(st.floats(), st.integers()))
def test_numbers_load_as_through_the_type_registry(value):
  """The shortcut for number columns reads what the general path would."""
  text = json.dumps(value)
  loaded, general = _codec.loads(text), pg.from_json(json.loads(text))
  assert loaded == general or (math.isnan(loaded) and math.isnan(general))


def test_a_malformed_number_column_is_a_value_error():
  """Text that starts like a number but is not one is reported like other bad JSON."""
  with pytest.raises(ValueError, match='not valid JSON'):
    _codec.loads('1.5x')


def test_non_finite_rewards_round_trip():
  """Infinite floats have no JSON number form: they still round-trip."""
  for value in (float('inf'), float('-inf')):
    assert _codec.loads(_codec.dumps(value)) == value
  assert math.isnan(_codec.loads(_codec.dumps(float('nan'))))


@given(st.integers(0, 3), st.floats(0.0, 1.0))
def test_dna_round_trip_attaches_spec(index, value):
  """A DNA decodes equal to itself, with the spec attached."""
  spec = small_spec()
  dna = pg.DNA([index, value]).use_spec(spec)
  loaded = _codec.load_dna(_codec.dumps(dna), spec)
  assert loaded == dna and loaded.spec is spec


def test_entries_keep_a_type_key():
  """A metadata key named '_type' survives the round trip."""
  entries = {'_type': 'mine', 'n': (1, 2)}
  assert _codec.load_entries(_codec.dump_entries(entries)) == entries


def test_trial_row_round_trip():
  """A trial stored as a row of TRIAL_COLUMNS loads back equal."""
  spec = small_spec()
  trial = Trial(3, pg.DNA([1, 0.5]).use_spec(spec), 10.0, status='COMPLETED',
                measurements=[Measurement(0.5, {'acc': 0.9}, step=2)],
                metadata={'k': 'v'}, related_links={'log': 'http://x'},
                completed_time=11.0)
  row = (trial.id, _codec.dumps(trial.dna), trial.status, 0,
         _codec.dump_measurements(trial.measurements),
         _codec.dump_entries(trial.metadata),
         _codec.dumps(trial.related_links), 10.0, 11.0)
  loaded = _codec.load_trial(row, spec)
  assert loaded.to_json() == trial.to_json()


@pytest.mark.parametrize('load, text, message', [
    (lambda t: _codec.load_dna(t, small_spec()), '5', 'DNA column should hold a DNA'),
    (lambda t: _codec.load_dna(t, small_spec()), 7, 'not JSON text'),
    (_codec.load_spec, '[1]', 'dna_spec column should hold a DNASpec'),
    (_codec.load_metrics, '["reward", 1]', 'list of metric names'),
    (_codec.load_metrics, '[' * 100_000 + ']' * 100_000, 'nested more than'),
    (_codec.load_entries, '[]', 'metadata column should hold a dict'),
    (_codec.load_entries, '{', 'not valid JSON'),
])
def test_malformed_columns_are_value_errors(load, text, message):
  """A column of the wrong shape (e.g. a tampered file) is a ValueError saying which."""
  with pytest.raises(ValueError, match=message):
    load(text)


@pytest.mark.parametrize('index, value, message', [
    (2, 'DONE', "status 'DONE'"),
    (4, '{"reward": 1}', 'measurements column should hold a list'),
    (4, '[1]', 'measurements column item should hold a dict'),
    (6, '[]', 'related_links column should hold a dict'),
])
def test_malformed_trial_rows_are_value_errors(index, value, message):
  """A trial row with a bad status or column is a ValueError naming it."""
  spec = small_spec()
  row = [1, _codec.dumps(pg.DNA([1, 0.5])), 'COMPLETED', 0, '[]', '{}', '{}',
         10.0, 11.0]
  row[index] = value
  with pytest.raises(ValueError, match=message):
    _codec.load_trial(tuple(row), spec)
