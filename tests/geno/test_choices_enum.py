"""Tests of `pyglove.geno._choices_enum`: counting and enumerating choices."""
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from pyglove.geno import Choices
from pyglove.geno import Int
from pyglove.geno import Space
from pyglove.geno._choices_enum import space_size


def test_space_size_counts_sub_spaces():
  """Each candidate contributes its own space size."""
  assert space_size(Choices(1, [Space([Int(0, 2, location='p')]), Space()])) == 4
  assert space_size(Choices(2, [Space([Int(0, 2, location='p')]), Space()])) == 6


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 3), st.lists(st.integers(0, 2), min_size=1, max_size=4),
       st.booleans(), st.booleans())
def test_enumeration_matches_the_count(k, sizes, distinct, ordered):
  """Over any multi-choice, enumeration yields space_size distinct valid DNA, in order."""
  if distinct and k > len(sizes):
    return
  candidates = [Space([Int(0, n - 1, location='p')]) if n else Space() for n in sizes]
  c = Choices(k, candidates, distinct=distinct, sorted=ordered)
  dnas = list(c.iter_dna())
  assert len(dnas) == len(set(dnas)) == c.space_size
  assert dnas == sorted(dnas)
  for dna in dnas:
    c.validate(dna)
