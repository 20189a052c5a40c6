"""Hostile inputs against every loader: nothing runs, and the documented errors come out.

Each payload would leave a marker file if loading executed, imported or
looked up anything the data names (see `tests/hostile_module.py`). Loading
must raise `TypeError`, `ValueError` or `KeyError`, and leave no marker.
"""
from __future__ import annotations

import base64
import json
import marshal
import os
import pickle
import sys

import pytest

import pyglove as pg
from pyglove import utils
from tests import hostile_module  # pylint: disable=unused-import

_LOAD_ERRORS = (TypeError, ValueError, KeyError)


class Holder(pg.Object):
  value: pg.typing.Any() = None


class _RunsShell:

  def __init__(self, command):
    self.command = command

  def __reduce__(self):
    return (os.system, (self.command,))


@pytest.fixture
def marker(tmp_path, monkeypatch):
  path = tmp_path / 'marker'
  monkeypatch.setenv('PYGLOVE_HOSTILE_MARKER', str(path))
  yield path
  assert not path.exists(), f'loading ran code: {path.read_text()}'


def _payloads(marker_path):
  touch = f'touch {marker_path}'
  code = compile(f'open({str(marker_path)!r}, "w")', '<payload>', 'eval')
  return {
      'unregistered class': {'_type': 'os.system', 'command': touch},
      'dotted path through a module': {
          '_type': 'pyglove.symbolic._object.typing.operator.attrgetter',
          'attr': 'system'},
      'type ref to a function': {'_type': 'type', 'name': 'os.system'},
      'type ref importing a module': {
          '_type': 'type', 'name': 'tests.hostile_never_imported.X'},
      'type ref through module __getattr__': {
          '_type': 'type', 'name': 'tests.hostile_module.Anything'},
      'class through module __getattr__': {
          '_type': 'tests.hostile_module.Anything'},
      'named function': {'_type': 'function', 'name': 'os.system'},
      'function by code': {
          '_type': 'function', 'name': 'x.<lambda>',
          'code': base64.encodebytes(marshal.dumps(code)).decode('ascii'),
          'defaults': None},
      'method': {'_type': 'method', 'name': 'os.system'},
      'pickle': {'_type': '__pickled__', 'value': base64.b64encode(
          pickle.dumps(_RunsShell(touch))).decode('ascii')},
      'reference opaque object': {
          '_type': 'pyglove.core.utils.json_conversion._OpaqueObject',
          'value': base64.encodebytes(
              pickle.dumps(_RunsShell(touch))).decode('ascii')},
  }


def _loaders(tmp_path):
  def via_file(data):
    path = tmp_path / 'doc.json'
    path.write_text(json.dumps(data))
    return pg.load(str(path))
  return {
      'pg.from_json': pg.from_json,
      'pg.from_json_str': lambda d: pg.from_json_str(json.dumps(d)),
      'pg.from_json_str(bytes)': lambda d: pg.from_json_str(
          json.dumps(d).encode('utf-8')),
      'pg.load': via_file,
      'utils.from_json': utils.from_json,
      'pg.Dict.from_json': lambda d: pg.Dict.from_json({'x': d}),
      'pg.List.from_json': lambda d: pg.List.from_json([d]),
      'object field': lambda d: pg.from_json(
          {'_type': utils.type_key(Holder), 'value': d}),
      'Object.from_json': lambda d: Holder.from_json({'value': [d]}),
      'DNA metadata': lambda d: pg.DNA.from_json(
          {'_type': utils.type_key(pg.DNA), 'value': 0, 'metadata': {'m': d}}),
  }


@pytest.mark.parametrize('trusted', [False, True])
def test_code_execution_payloads_never_run(tmp_path, marker, trusted):
  """Every payload through every loader: a documented error, no marker, no import."""
  for payload_name, payload in _payloads(marker).items():
    if trusted and payload_name in (
        'named function', 'function by code', 'method',
        'type ref importing a module', 'dotted path through a module'):
      continue  # trusted=True loads functions and imports modules by design.
    for loader_name, loader in _loaders(tmp_path).items():
      kwargs = {'trusted': True} if trusted and loader_name in (
          'pg.from_json', 'utils.from_json') else {}
      with pytest.raises(_LOAD_ERRORS):
        loader(payload, **kwargs) if kwargs else loader(payload)
      assert not marker.exists(), (payload_name, loader_name)
  assert 'tests.hostile_never_imported' not in sys.modules


def test_untrusted_function_errors_say_how_to_opt_in(marker):
  """Refusing a function names it and the trusted=True opt-in."""
  with pytest.raises(pg.UnsafeLoadError, match=r"'os\.system'.*trusted=True"):
    pg.from_json({'x': {'_type': 'function', 'name': 'os.system'}})


@pytest.mark.parametrize('depth', [1000, 100_000])
def test_deep_nesting_is_a_value_error_everywhere(tmp_path, depth):
  """1e3 and 1e5 levels: ValueError from every loader, never RecursionError."""
  text = '[' * depth + ']' * depth
  nested = 1
  for _ in range(depth):
    nested = [nested]
  typed = 1
  for _ in range(depth):
    typed = {'_type': utils.type_key(Holder), 'value': typed}
  path = tmp_path / 'deep.json'
  path.write_text(text)
  cases = [
      lambda: pg.from_json_str(text),
      lambda: pg.from_json_str(text.encode('utf-8')),
      lambda: pg.load(str(path)),
      lambda: pg.from_json(nested),
      lambda: pg.from_json(typed),
      lambda: utils.from_json(nested),
      lambda: pg.Dict.from_json({'x': nested}),
      lambda: pg.List.from_json(nested),
      lambda: pg.DNA(nested),
      lambda: pg.DNA.parse(nested),
      lambda: pg.DNA.from_json({'_type': utils.type_key(pg.DNA), 'value': nested}),
  ]
  for case in cases:
    with pytest.raises(ValueError, match='nested more than'):
      case()


def _json_loads_max_depth():
  low, high = 1, 5000
  while low < high:
    mid = (low + high + 1) // 2
    try:
      json.loads('[' * mid + ']' * mid)
      low = mid
    except RecursionError:
      high = mid - 1
  return low


def test_what_json_loads_parses_loads_and_round_trips():
  """The deepest document json.loads parses here, from_json_str loads (and writes back)."""
  depth = _json_loads_max_depth()
  text = '[' * depth + ']' * depth
  loaded = pg.from_json_str(text)
  assert loaded == json.loads(text)
  assert pg.to_json_str(loaded) == text


# --- fuzzing ------------------------------------------------------------------

from hypothesis import HealthCheck  # pylint: disable=g-import-not-at-top,wrong-import-position
from hypothesis import given  # pylint: disable=g-import-not-at-top,wrong-import-position
from hypothesis import settings  # pylint: disable=g-import-not-at-top,wrong-import-position
from hypothesis import strategies as st  # pylint: disable=g-import-not-at-top,wrong-import-position

from pyglove.utils._json import registered_keys  # pylint: disable=g-import-not-at-top,wrong-import-position

_FIELD_NAMES = [
    'value', 'name', 'candidates', 'x', 'num_choices', 'min_value',
    'max_value', 'location', 'elements', 'children', 'metadata', 'spec',
    'hints', 'seed', 'fn', 'code', 'defaults', 'args', 'scale', 'literal_values',
    'hyper_type', 'space_size', 'default', 'choices_distinct', 'filters',
]
_TYPE_NAMES = sorted(registered_keys()) + [
    'type', 'function', 'method', 'MISSING_VALUE', '__float__', '__pickled__',
    'builtins.int', 'os.system', 'no.such.Type']
_scalars = (st.none() | st.booleans() | st.integers(-10**6, 10**6)
            | st.floats() | st.text(max_size=8)
            | st.sampled_from(['__tuple__', 'builtins.int', 'nan', 'inf']))


def _documents():
  def containers(children):
    keys = st.sampled_from(_FIELD_NAMES) | st.text(max_size=4)
    plain = st.dictionaries(keys, children, max_size=4)
    typed = st.builds(lambda t, d: dict(d, _type=t),
                      st.sampled_from(_TYPE_NAMES), plain)
    return (st.lists(children, max_size=4) | plain | typed
            | st.lists(children, max_size=3).map(lambda v: ['__tuple__'] + v))
  return st.recursive(_scalars, containers, max_leaves=20)


@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(_documents(), st.booleans())
def test_fuzzed_documents_give_only_documented_errors(document, allow_partial):
  """from_json_str on arbitrary documents: a value, or ValueError/TypeError/KeyError."""
  text = json.dumps(document)
  try:
    pg.from_json_str(text, allow_partial=allow_partial)
  except _LOAD_ERRORS:
    pass


_literals = st.recursive(
    _scalars,
    lambda children: (st.lists(children, max_size=4)
                      | st.lists(children, max_size=4).map(tuple)
                      | st.dictionaries(st.text(max_size=3), children,
                                        max_size=2)),
    max_leaves=15)


@settings(max_examples=400, deadline=None)
@given(_literals, st.dictionaries(st.text(max_size=3), _scalars, max_size=2))
def test_fuzzed_dna_literals_give_only_documented_errors(literal, metadata):
  """DNA(literal), DNA.parse and DNA JSON: a DNA, or ValueError/TypeError/KeyError."""
  for parse in (pg.DNA, pg.DNA.parse):
    try:
      parse(literal)
    except _LOAD_ERRORS:
      pass
  data = {'_type': utils.type_key(pg.DNA), 'value': literal, 'metadata': metadata}
  try:
    pg.DNA.from_json(json.loads(json.dumps(data)))
  except _LOAD_ERRORS:
    pass


# --- a tampered study file ----------------------------------------------------

import shutil  # pylint: disable=g-import-not-at-top,wrong-import-position
import sqlite3  # pylint: disable=g-import-not-at-top,wrong-import-position

# Every column a worker or pg.poll_result reads, with what a reader does with
# it: 'poll' reads the trials and the study; 'join' also restores the
# generator and replays the log (snapshot_every is above the log's length).
_STUDY_COLUMNS = [
    ('pyglove_trials', 'dna'), ('pyglove_trials', 'status'),
    ('pyglove_trials', 'measurements'), ('pyglove_trials', 'metadata'),
    ('pyglove_trials', 'related_links'), ('pyglove_studies', 'dna_spec'),
    ('pyglove_studies', 'metrics'), ('pyglove_studies', 'metadata'),
    ('pyglove_studies', 'policy'), ('pyglove_snapshots', 'state'),
    ('pyglove_events', 'kind'), ('pyglove_events', 'dna'),
    ('pyglove_events', 'reward'),
]
_SPACE = pg.Dict(a=pg.oneof([1, 2, 3]), b=pg.floatv(0.0, 1.0))


def _column_payloads(marker_path):
  payloads = {f'code: {k}': json.dumps(v)
              for k, v in _payloads(marker_path).items()}
  payloads.update({
      'deep list': '[' * 100_000 + ']' * 100_000,
      'deep dict': '{"a":' * 100_000 + '1' + '}' * 100_000,
      'an int': '5', 'a str': '"text"', 'null': 'null', 'a list': '[1, 2]',
      'a dict': '{"x": 1}', 'not JSON': '{{{', 'an SQL int': 7,
      'an SQL blob': b'\x80\x04',
  })
  return payloads


def _run_study(path, num_examples, stop_after=None):
  """Runs (or joins) study 's' in `path`; stops after `stop_after` trials if given."""
  algorithm = pg.evolution.regularized_evolution(
      population_size=3, tournament_size=2, seed=1)
  policy = pg.early_stopping.early_stop_by_rank([(1, 0.5, 2)])()
  loop = pg.sample(_SPACE, algorithm, num_examples=num_examples, name='s',
                   group='g', backend='sqlite', path=path,
                   snapshot_every=1000, early_stopping_policy=policy)
  for i, (x, feedback) in enumerate(loop):
    feedback(x.a * x.b)
    if i + 1 == stop_after:
      break


@pytest.fixture(scope='module')
def unfinished_study(tmp_path_factory):
  """A study file with 4 of 6 trials done, and no snapshot after the first."""
  path = str(tmp_path_factory.mktemp('study') / 'search.db')
  _run_study(path, 6, stop_after=4)
  return path


def test_a_tampered_study_file_runs_nothing_and_errors_clearly(
    unfinished_study, tmp_path, marker):
  """Hostile JSON in any column: a documented error (or a harmless value), nothing run."""
  failures = []
  for table, column in _STUDY_COLUMNS:
    for payload_name, payload in _column_payloads(marker).items():
      path = str(tmp_path / 'tampered.db')
      for suffix in ('', '-wal'):
        if os.path.exists(unfinished_study + suffix):
          shutil.copy(unfinished_study + suffix, path + suffix)
      with sqlite3.connect(path) as conn:
        conn.execute(f'UPDATE {table} SET {column} = ?', (payload,))
      for action in (lambda: pg.poll_result('s', backend='sqlite', path=path),
                     lambda: _run_study(path, 6)):
        try:
          action()
        except _LOAD_ERRORS:
          pass
        except Exception as e:  # pylint: disable=broad-except
          failures.append((table, column, payload_name, repr(e)[:200]))
        assert not marker.exists(), (table, column, payload_name)
      for suffix in ('', '-wal', '-shm', '-lock'):
        if os.path.exists(path + suffix):
          os.remove(path + suffix)
  assert not failures, failures
