"""Tests of `pyglove.geno._random_dna`: the function form of sampling."""
import random

import pytest

import pyglove as pg
from pyglove.geno import Choices
from pyglove.geno import Float
from pyglove.geno import Space
from pyglove.geno import random_dna


def test_random_dna_matches_the_spec_method():
  """pg.random_dna(spec, rng) equals spec.random_dna(rng) for one seed."""
  spec = Space([Choices(1, [Space(), Space()], location='a'), Float(0.0, 1.0, location='b')])
  assert pg.random_dna(spec, random.Random(4)) == spec.random_dna(random.Random(4))
  assert random_dna(spec, random.Random(4), attach_spec=False).spec is None


def test_random_dna_rejects_non_specs():
  """A non-spec raises TypeError."""
  with pytest.raises(TypeError, match=r'random_dna expects a DNASpec; got 1'):
    random_dna(1)
