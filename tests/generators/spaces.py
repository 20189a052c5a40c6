"""Search spaces shared by the generator tests."""
from __future__ import annotations

from pyglove import geno

S, C, F, I = geno.Space, geno.Choices, geno.Float, geno.Int


def _custom_value(rng, previous):
  del previous
  return str(rng.randrange(100))


def mixed_space() -> geno.Space:
  """Conditional sub-spaces, every multi-choice flavour, floats of each scale, ints, a custom point."""
  return S([
      C(1, [S(),
            S([F(0.1, 1.0, scale='log', location='lr'), I(1, 8, location='units')]),
            S([C(1, [S(), S(), S()], location='act')])], location='a'),
      C(2, [S(), S([F(0.0, 1.0, location='w')]), S(), S()], location='b'),
      C(3, [S() for _ in range(5)], sorted=True, location='c'),
      C(3, [S() for _ in range(3)], distinct=False, location='d'),
      C(2, [S() for _ in range(4)], distinct=False, sorted=True, location='e'),
      C(3, [S() for _ in range(3)], location='perm'),
      F(-1.0, 1.0, location='x'),
      F(0.01, 10.0, scale='rlog', location='y'),
      I(-3, 3, location='n'),
      geno.CustomDecisionPoint(random_dna_fn=_custom_value, location='z'),
  ])


def flat_space(num_points: int = 10, num_candidates: int = 4) -> geno.Space:
  """`num_points` independent categorical decisions."""
  return S([C(1, [S() for _ in range(num_candidates)], location=f'x{i}')
            for i in range(num_points)])


def score(dna: geno.DNA) -> float:
  """A deterministic reward: the sum of the DNA's numbers (custom strings skipped)."""
  return float(sum(v for v in dna.to_numbers() if not isinstance(v, str)))


def empty_space() -> geno.Space:
  """A space without any decision."""
  return S([])
