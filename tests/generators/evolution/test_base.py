"""Tests for the composable evolutionary operations."""
from __future__ import annotations

import random

import pytest

from pyglove import geno
from pyglove.generators.evolution import _base
from pyglove.generators.evolution import selectors


def _population():
  return [_base.set_fitness(geno.DNA(i), float(i)) for i in range(5)]


def _state():
  return _base.EvolutionState(geno.Space([geno.Int(0, 9, location='x')]), random.Random(0))


def test_fitness_round_trips_through_metadata():
  """set_fitness stores the reward on the DNA and get_fitness reads it back."""
  dna = geno.DNA(0)
  assert _base.get_fitness(dna) is None
  assert _base.set_fitness(dna, 2.5) is dna
  assert _base.get_fitness(dna) == 2.5


def test_pipeline_feeds_each_output_to_the_next():
  """`a >> b` applies b to a's output, and nested pipelines flatten."""
  op = selectors.Last(3) >> selectors.Top(2) >> selectors.First(1)
  assert isinstance(op, _base.Pipeline)
  assert len(op.operations) == 3
  assert op(_population(), _state()) == [geno.DNA(4)]


def test_concatenation_joins_outputs_on_the_same_input():
  """`a + b` concatenates both outputs, flattening nested concatenations."""
  op = selectors.First(1) + selectors.Last(1) + selectors.First(2)
  assert isinstance(op, _base.Concatenation)
  assert op(_population(), _state()) == [geno.DNA(0), geno.DNA(4), geno.DNA(0), geno.DNA(1)]


def test_repeat_runs_an_operation_several_times():
  """`a * n` concatenates n runs on the same input."""
  op = selectors.Last(1) * 3
  assert isinstance(op, _base.Repeat)
  assert op(_population(), _state()) == [geno.DNA(4)] * 3


@pytest.mark.parametrize('times, error, message', [
    (0, ValueError, r'Value 0 is out of range \(min=1, max=None\)\. \(path=times\)'),
    (-1, ValueError, r'Value -1 is out of range'),
    (1.5, TypeError, r'Expected int but got 1\.5 \(float\)\. \(path=times\)'),
    (True, TypeError, r'Expected int but got True \(bool\)'),
])
def test_repeat_rejects_a_non_positive_count(times, error, message):
  """Repeat needs a positive integer count."""
  with pytest.raises(error, match=message):
    _base.Repeat(_base.Identity(), times)


def test_callables_compose_as_lambdas():
  """A plain function composes with operations and receives (inputs, state)."""
  op = selectors.Last(2) >> (lambda xs, state: xs[::-1])
  assert isinstance(op.operations[1], _base.Lambda)
  assert op(_population(), _state()) == [geno.DNA(4), geno.DNA(3)]


def test_composing_a_non_callable_is_a_type_error():
  """Only operations and callables compose."""
  with pytest.raises(TypeError, match='An evolutionary operation or a callable is expected, but got 3'):
    _ = selectors.Last(1) >> 3


def test_lambda_rejects_a_non_callable():
  """Lambda wraps callables only."""
  with pytest.raises(TypeError, match=r'Expected a callable but got 1 \(int\)\. \(path=fn\)'):
    _base.Lambda(1)
  with pytest.raises(TypeError, match=r'\(path=fn\)'):
    _base.Lambda(lambda xs: xs)


def test_identity_returns_its_inputs():
  """Identity is the neutral operation."""
  assert _base.Identity()(_population(), _state()) == _population()


def test_operations_compare_and_print_by_their_arguments():
  """Equal arguments give equal operations, and repr shows them."""
  assert selectors.Top(2) == selectors.Top(2)
  assert selectors.Top(2) != selectors.Top(3)
  assert selectors.Top(2) != selectors.Last(2)
  assert hash(selectors.Top(2)) == hash(selectors.Top(2))
  assert repr(selectors.Top(2)) == 'Top(n=2)'


def test_state_compiles_the_spec_once():
  """The state carries the spec, the RNG, the step and the compiled plan."""
  state = _state()
  assert state.step == 0
  assert len(state.plan.numericals) == 1


def _reverse(xs, state):
  del state
  return xs[::-1]


def test_operations_round_trip_through_json():
  """A composed operation serializes by its fields and loads back equal."""
  import pyglove as pg  # pylint: disable=g-import-not-at-top
  op = (selectors.Last(3) >> selectors.Top(2)) + selectors.First(1) * 2
  assert pg.from_json(pg.to_json(op)) == op


def test_lambda_round_trips_only_when_trusted():
  """A Lambda's function is an opaque payload: loading it needs trusted=True."""
  import pyglove as pg  # pylint: disable=g-import-not-at-top
  op = selectors.Last(2) >> _reverse
  json_value = pg.to_json(op)
  with pytest.raises(pg.UnsafeLoadError):
    pg.from_json(json_value)
  restored = pg.from_json(json_value, trusted=True)
  assert restored == op and restored(_population(), _state()) == [geno.DNA(4), geno.DNA(3)]


def test_clone_copies_the_operation_tree():
  """Cloning a pipeline gives an equal tree of new operation objects."""
  op = selectors.Last(2) >> selectors.Top(1)
  copy = op.clone()
  assert copy == op and copy.operations[0] is not op.operations[0]


def test_rebind_changes_an_argument_with_validation():
  """Operation arguments are symbolic fields: rebind validates them."""
  op = selectors.Last(2) >> selectors.Top(1)
  op.rebind({'operations[0].n': 3})
  assert op == selectors.Last(3) >> selectors.Top(1)
  with pytest.raises(ValueError, match=r'\(path=operations\[0\]\.n\)'):
    op.rebind({'operations[0].n': 0})
