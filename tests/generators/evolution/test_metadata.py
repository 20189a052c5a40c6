"""Tests for pyglove.generators.evolution._metadata."""
from __future__ import annotations

import pytest

from pyglove import geno
from pyglove.generators.evolution import base


@pytest.mark.parametrize('setter, getter, value', [
    (base.set_proposal_id, base.get_proposal_id, 3),
    (base.set_generation_id, base.get_generation_id, 2),
    (base.set_feedback_sequence_number, base.get_feedback_sequence_number, 7),
    (base.set_fitness, base.get_fitness, (1.0, 2.0)),
])
def test_setters_return_the_dna_and_getters_read_back(setter, getter, value):
  """Each setter records in the metadata and returns the DNA."""
  dna = geno.DNA(0)
  assert setter(dna, value) is dna
  assert getter(dna) == value


def test_keys_are_the_reference_ones():
  """The metadata keys match the reference's."""
  dna = geno.DNA(0)
  base.set_fitness(dna, 1.0)
  assert dna.metadata == {base.DNA_METADATA_FITNESS: 1.0}
  assert (base.DNA_METADATA_PROPOSAL_ID, base.DNA_METADATA_GENERATION_ID,
          base.DNA_METADATA_FEEDBACK_SEQUENCE_NUMBER, base.DNA_METADATA_INITIAL_POPULATION,
          base.DNA_METADATA_FITNESS) == ('proposal_id', 'generation_id',
                                         'feedback_sequence_number',
                                         'initial_population', 'reward')


@pytest.mark.parametrize('getter, what', [
    (base.get_fitness, 'fitness'), (base.get_generation_id, 'generation id'),
    (base.get_proposal_id, 'proposal id'),
    (base.is_initial_population, 'initial-population mark'),
])
def test_missing_metadata_raises_key_error(getter, what):
  """Reading absent metadata raises KeyError saying what is missing."""
  with pytest.raises(KeyError, match=rf'DNA\(0\) has no {what}'):
    getter(geno.DNA(0))


def test_feedback_sequence_number_is_none_before_feedback():
  """get_feedback_sequence_number returns None rather than raising."""
  assert base.get_feedback_sequence_number(geno.DNA(0)) is None


def test_docstring_examples(run_doctests):
  """The module's examples run."""
  run_doctests('pyglove.generators.evolution._metadata')
