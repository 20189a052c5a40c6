"""Tests for pyglove.hyper._custom: CustomHyper."""
from __future__ import annotations

import doctest

import random

import pytest

import pyglove as pg
from pyglove import geno


class Word(pg.hyper.CustomHyper):
  """A custom decision over a few words."""

  def custom_decode(self, dna):
    return dna.value.upper()

  def custom_encode(self, value):
    return geno.DNA(value.lower())

  def next_dna(self, dna=None):
    if dna is None:
      return geno.DNA('a')
    return geno.DNA('b') if dna.value == 'a' else None

  def random_dna(self, random_generator=None, previous_dna=None):
    return geno.DNA(random_generator.choice(['a', 'b']))


class Opaque(pg.hyper.CustomHyper):
  """A custom decision that implements only decoding."""

  def custom_decode(self, dna):
    return len(dna.value)


class TestCustomHyper:

  def test_dna_spec_is_a_custom_decision_point(self):
    """The spec carries the hyper type, name and the subclass hooks."""
    spec = Word(name='w').dna_spec('x')
    assert isinstance(spec, geno.CustomDecisionPoint)
    assert (spec.hyper_type, spec.name, str(spec.location)) == ('Word', 'w', 'x')
    assert spec.next_dna_fn is not None and spec.random_dna_fn is not None
    assert Opaque().dna_spec().next_dna_fn is None

  def test_decode_encode_and_materialize(self):
    """custom_decode/custom_encode are used by templates."""
    space = pg.Dict(w=Word())
    assert pg.materialize(space, geno.DNA('hi')) == {'w': 'HI'}
    assert pg.template(space).encode(pg.Dict(w='HI')) == geno.DNA('hi')

  def test_iter_and_random_sample_use_the_hooks(self):
    """next_dna enumerates and random_dna samples."""
    assert [p.w for p in pg.iter(pg.Dict(w=Word()))] == ['A', 'B']
    assert {p.w for p in pg.random_sample(pg.Dict(w=Word()), 20, seed=1)} <= {'A', 'B'}

  def test_decode_rejects_a_non_str_dna(self):
    """A DNA whose value is not a str raises ValueError."""
    with pytest.raises(ValueError, match='expects a DNA whose value is a str'):
      Word().decode(geno.DNA(1))

  def test_first_dna_is_next_dna_of_none(self):
    """first_dna() delegates to next_dna(None)."""
    assert Word().first_dna() == geno.DNA('a')

  def test_missing_hooks_raise_not_implemented(self):
    """Unimplemented optional hooks say which method is missing."""
    with pytest.raises(NotImplementedError, match='custom_encode'):
      Opaque().encode('x')
    with pytest.raises(NotImplementedError, match='next_dna'):
      Opaque().first_dna()
    with pytest.raises(NotImplementedError, match='random_dna'):
      Opaque().random_dna(random.Random(0))
    with pytest.raises(NotImplementedError, match='custom_decode'):
      pg.hyper.CustomHyper().custom_decode(geno.DNA('x'))


def test_docstring_examples_hold():
  """The examples in the module's docstrings run as written."""
  from pyglove.hyper import _custom as module
  result = doctest.testmod(module, extraglobs={'pg': pg})
  assert result.attempted > 0 and result.failed == 0
