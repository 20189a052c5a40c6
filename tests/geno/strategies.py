"""Hypothesis strategies that build random DNA specs (shared with other layers' tests).

Usage: ``from tests.geno import strategies`` then ``strategies.spaces()``,
``strategies.spaces(discrete=True)`` or ``strategies.spaces_and_dna()``.
"""
from __future__ import annotations

import itertools
import random
from typing import Any

from hypothesis import strategies as st

from pyglove.geno import Choices
from pyglove.geno import CustomDecisionPoint
from pyglove.geno import DNA
from pyglove.geno import Float
from pyglove.geno import Int
from pyglove.geno import Space
from pyglove.symbolic import Object


class WordEnumerator(Object):
  """A `next_dna_fn` over the words ``w0 .. w{size-1}`` (symbolic, so it has a JSON form)."""

  size: int

  def __call__(self, dna: DNA | None) -> str | None:
    if dna is None:
      return 'w0'
    index = int(dna.value[1:]) + 1
    return f'w{index}' if index < self.size else None


class WordSampler(Object):
  """A `random_dna_fn` drawing one of the words ``w0 .. w{size-1}`` (symbolic, with a JSON form)."""

  size: int

  def __call__(self, rng: random.Random, previous: DNA | None) -> str:
    return f'w{int(rng.random() * self.size)}'


def custom_point(size: int, location: Any = 'c', name: str | None = None) -> CustomDecisionPoint:
  """A custom decision point over ``size`` words (size <= 10 keeps word order = enumeration order)."""
  return CustomDecisionPoint(
      hyper_type='Words', next_dna_fn=WordEnumerator(size),
      random_dna_fn=WordSampler(size), location=location, name=name)


def _element(draw: Any, depth: int, location: Any, names: Any, discrete: bool,
             allow_custom: bool) -> Any:
  kinds = ['choices', 'int']
  if not discrete:
    kinds.append('float')
  if allow_custom:
    kinds.append('custom')
  kind = draw(st.sampled_from(kinds))
  name = f'n{next(names)}' if draw(st.booleans()) else None
  if kind == 'int':
    low = draw(st.integers(-5, 5))
    return Int(low, low + draw(st.integers(0, 4)), location=location, name=name)
  if kind == 'float':
    scale = draw(st.sampled_from([None, 'linear', 'log', 'rlog']))
    low = draw(st.floats(0.01, 10.0)) if scale in ('log', 'rlog') else draw(st.floats(-10.0, 10.0))
    high = low + draw(st.floats(0.0, 10.0))
    return Float(low, high, scale=scale, location=location, name=name)
  if kind == 'custom':
    return custom_point(draw(st.integers(1, 4)), location=location, name=name)
  num_candidates = draw(st.integers(1, 4))
  distinct = draw(st.booleans())
  max_k = num_candidates if distinct else 3
  num_choices = draw(st.integers(1, min(3, max_k)))
  candidates = [
      _space(draw, depth - 1, names, discrete, allow_custom) if depth > 0 else Space()
      for _ in range(num_candidates)]
  literal_values = None
  if draw(st.booleans()):
    literal_values = [f'v{i}' for i in range(num_candidates)]
  return Choices(num_choices, candidates, literal_values=literal_values,
                 distinct=distinct, sorted=draw(st.booleans()),
                 location=location, name=name)


def _space(draw: Any, depth: int, names: Any, discrete: bool, allow_custom: bool) -> Space:
  n = draw(st.integers(0, 3))
  elements = []
  for i in range(n):
    location = draw(st.sampled_from([f'x{i}', i]))
    elements.append(_element(draw, depth, location, names, discrete, allow_custom))
  return Space(elements)


@st.composite
def spaces(draw: Any, max_depth: int = 2, discrete: bool = False,
           allow_custom: bool = True) -> Space:
  """Random `Space`s: nested choices (single and multi), ints, floats, custom points.

  Args:
    max_depth: how deep choices nest candidate spaces.
    discrete: no Float decision points (so the space can be enumerated).
    allow_custom: include custom decision points (picklable functions).
  """
  return _space(draw, draw(st.integers(0, max_depth)), itertools.count(),
                discrete, allow_custom)


@st.composite
def spaces_and_dna(draw: Any, max_depth: int = 2, discrete: bool = False) -> tuple[Space, DNA]:
  """A random space and a random DNA of it (drawn with a seeded `random.Random`)."""
  space = draw(spaces(max_depth=max_depth, discrete=discrete))
  seed = draw(st.integers(0, 2**32 - 1))
  return space, space.random_dna(random.Random(seed))
