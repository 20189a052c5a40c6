"""Tests for pyglove.generators.evolution._global_state."""
from __future__ import annotations

import pytest

import pyglove as pg
from pyglove import geno
from pyglove.generators import evolution as ev


def test_getter_reads_a_key_or_its_default():
  """GlobalStateGetter outputs the value, or a copy of its default when absent."""
  state = geno.AttributeDict(elites=[1, 2])
  assert ev.GlobalStateGetter('elites')([9], state) == [1, 2]
  default = ev.GlobalStateGetter('x', [3])
  out = default([], state)
  assert out == [3] and type(out) is list
  out.append(4)
  assert default([], state) == [3]


def test_getter_without_default_raises_key_error_listing_keys():
  """A missing key and no default raise KeyError with the known keys."""
  with pytest.raises(KeyError, match=r"no key 'x' and GlobalStateGetter has no default; its keys are: 'a'\."):
    ev.GlobalStateGetter('x')([], geno.AttributeDict(a=1))


def test_setter_stores_inputs_or_a_constant_and_outputs_nothing():
  """GlobalStateSetter writes the inputs (or value) and returns []."""
  state = geno.AttributeDict()
  assert ev.GlobalStateSetter('best')([1], state) == []
  assert ev.GlobalStateSetter('cursor', 0)([1], state) == []
  assert ev.GlobalStateSetter('none', None)([1], state) == []
  assert state == {'best': [1], 'cursor': 0, 'none': None}


def test_they_are_symbolic():
  """Getter and setter round-trip JSON."""
  for op in (ev.GlobalStateGetter('k', [1]), ev.GlobalStateSetter('k'), ev.GlobalStateSetter('k', 2)):
    assert pg.from_json(pg.to_json(op)) == op


def test_docstring_examples(run_doctests):
  """The module's examples run."""
  run_doctests('pyglove.generators.evolution._global_state')
