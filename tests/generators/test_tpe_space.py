"""Tests for the TPE's view of a DNA spec as rows of dimensions."""
from __future__ import annotations

import math
import random

import numpy as np
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from pyglove import geno
from pyglove.generators import _tpe_space
from tests.generators import spaces
from tests.geno import strategies

S, C, F, I = geno.Space, geno.Choices, geno.Float, geno.Int


def _leaf_values_close(a: geno.DNA, b: geno.DNA) -> bool:
  """Equal DNA up to float rounding through the [0, 1] encoding."""
  if a.value != b.value and not (
      isinstance(a.value, float) and math.isclose(a.value, b.value, rel_tol=1e-9, abs_tol=1e-12)):
    return False
  return len(a.children) == len(b.children) and all(
      _leaf_values_close(x, y) for x, y in zip(a.children, b.children))


def _repeats_a_pick(dna: geno.DNA) -> bool:
  """Whether a multi-choice in `dna` picks one candidate twice (its sub-DNA may then differ)."""
  picks = [c.value for c in dna.children]
  if dna.value is None and len(set(picks)) < len(picks):
    return True
  return any(_repeats_a_pick(c) for c in dna.children)


@settings(max_examples=150, deadline=None)
@given(strategies.spaces(allow_custom=False), st.integers(0, 2**32 - 1))
def test_decode_inverts_encode(space, seed):
  """decode(encode(dna)) is the DNA again (floats up to rounding), for any spec without custom points.

  A candidate picked twice by a multi-choice shares its dimensions, so its
  first pick's sub-DNA stands for both: then the row, not the DNA, round-trips.
  """
  rng = random.Random(seed)
  dna = space.random_dna(rng)
  encoding = _tpe_space.Encoding(space)
  row = encoding.encode(dna)
  assert row.shape == (encoding.num_dims,)
  back = encoding.decode(row, rng)
  space.validate(back)
  np.testing.assert_allclose(encoding.encode(back), row, rtol=1e-9, atol=1e-12)
  if not _repeats_a_pick(dna):
    assert _leaf_values_close(back, dna)


@settings(max_examples=150, deadline=None)
@given(strategies.spaces(allow_custom=False), st.integers(0, 2**32 - 1))
def test_mask_inactive_keeps_exactly_the_active_dimensions(space, seed):
  """Masking an encoded row changes nothing: inactive dimensions are the NaN ones."""
  encoding = _tpe_space.Encoding(space)
  row = encoding.encode(space.random_dna(random.Random(seed)))
  masked = row[None, :].copy()
  encoding.mask_inactive(masked)
  np.testing.assert_array_equal(np.isnan(masked[0]), np.isnan(row))


@settings(max_examples=100, deadline=None)
@given(strategies.spaces(allow_custom=False), st.integers(0, 2**32 - 1))
def test_repaired_and_masked_random_rows_decode_to_valid_dna(space, seed):
  """Any filled-in row, once repaired and masked, decodes to a DNA the spec accepts."""
  encoding = _tpe_space.Encoding(space)
  np_rng = np.random.default_rng(seed)
  sizes = np.maximum(encoding.sizes_array, 1.0)
  rows = np_rng.random((8, encoding.num_dims))
  categorical = encoding.cat_dims
  rows[:, categorical] = np.floor(rows[:, categorical] * sizes[categorical])
  encoding.repair(rows, np_rng)
  encoding.mask_inactive(rows)
  for row in rows:
    space.validate(encoding.decode(row, random.Random(seed)))


def test_dimensions_of_a_conditional_space():
  """Choices, subsets (one bit per candidate), permutations, floats and ints get their dimensions."""
  spec = spaces.mixed_space()
  encoding = _tpe_space.Encoding(spec)
  cat, num = _tpe_space.CATEGORICAL, _tpe_space.NUMERICAL
  # a, lr, units, act, b[0], b[1], w, c: 5 bits, d: 3 positions, e: 2 positions, perm: 3, x, y, n.
  assert encoding.kinds == [cat, num, num, cat, cat, cat, num] + [cat] * 13 + [num] * 3
  assert encoding.conditions[1] == ((0,), 1) and encoding.conditions[3] == ((0,), 2)
  assert encoding.conditions[6] == ((4, 5), 1)  # w: under either position of b choosing 1
  assert encoding.subsets == [([7, 8, 9, 10, 11], 3)]
  assert encoding.permutations == [[4, 5], [17, 18, 19]]
  assert encoding.multisets == [[15, 16]]
  assert encoding.int_spans[2] == 7
  assert len(encoding.subtrees) == 9  # the custom point has no dimension


def test_inactive_dimensions_are_nan():
  """A trial's row holds NaN where its branch was not taken."""
  spec = S([C(1, [S(), S([F(0.0, 1.0, location='x')])], location='a')])
  encoding = _tpe_space.Encoding(spec)
  off = encoding.encode(geno.DNA.parse(0, spec))
  on = encoding.encode(geno.DNA.parse((1, 0.25), spec))
  assert off[0] == 0 and math.isnan(off[1])
  assert on.tolist() == [1.0, 0.25]


def test_log_floats_and_ints_are_encoded_on_their_scale():
  """A log float's middle in log space is 0.5; an int k steps above min is k / span."""
  spec = S([F(0.01, 1.0, scale='log', location='lr'), I(0, 4, location='n')])
  encoding = _tpe_space.Encoding(spec)
  row = encoding.encode(geno.DNA([0.1, 3]))
  np.testing.assert_allclose(row, [0.5, 0.75])


def test_repair_makes_subsets_permutations_and_multisets_valid():
  """Repair fixes subset sizes, repeated permutation members and multiset order."""
  spec = S([C(2, [S() for _ in range(4)], sorted=True, location='s'),
            C(3, [S() for _ in range(3)], location='p'),
            C(2, [S() for _ in range(3)], distinct=False, sorted=True, location='m')])
  encoding = _tpe_space.Encoding(spec)
  rows = np.array([[1.0, 1.0, 1.0, 0.0, 2.0, 2.0, 2.0, 2.0, 0.0],
                   [0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 1.0, 1.0]])
  encoding.repair(rows, np.random.default_rng(0))
  assert rows[:, :4].sum(axis=1).tolist() == [2.0, 2.0]
  assert rows[0, :4][3] == 0.0  # a drawn member outranks an undrawn one
  for row in rows:
    assert sorted(row[4:7].tolist()) == [0.0, 1.0, 2.0]
  assert rows[0, 7:].tolist() == [0.0, 2.0]
  for row in rows:
    spec.validate(encoding.decode(row, random.Random(0)))
