"""Benchmark: dna_spec, random_dna and decode on a TuNAS-like space, beside deep clones.

The space is made the way the paper makes spaces: a concrete MobileNetV2-shaped
program, relaxed by `rebind` into ~100 decision points (filters, kernel,
expansion and squeeze-excite ratio of each inverted bottleneck, each residual
layer possibly a Zero, an activation per stage). Every figure is the median
of fixed rounds, in microseconds, measured in the same run as the baseline:
`clone(deep=True)` of the concrete program and of the space.

With ``--check``: decoding a child must cost less than a deep clone of the
space (it rebuilds only the nodes on the way to a decision), and
`pg.materialize` on a space it has seen at most 2x `template.decode`.

Run: python benchmarks/hyper_bench.py [--check]
"""
from __future__ import annotations

import random
import statistics
import time
from typing import Any, Callable

import pyglove as pg

from _check import check
from _check import check_requested


class InvertedBottleneck(pg.Object):
  filters: int
  kernel: int = 3
  expansion: int = 6
  strides: int = 1
  se_ratio: float = 0.0


class Zero(pg.Object):
  pass


class Residual(pg.Object):
  layer: pg.typing.Any()


class Stage(pg.Object):
  blocks: list
  activation: str = 'relu6'


class Model(pg.Object):
  stem_filters: int
  stages: list
  head_filters: int = 1280


# MobileNetV2: (expansion, filters, repeats, first stride) per stage.
_STAGES = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2),
           (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]


def mobilenet_v2() -> Model:
  """The concrete program: 7 stages, 17 residual inverted bottlenecks."""
  stages = []
  for expansion, filters, repeats, stride in _STAGES:
    blocks = [Residual(InvertedBottleneck(filters, 3, expansion,
                                          stride if i == 0 else 1))
              for i in range(repeats)]
    stages.append(Stage(blocks))
  return Model(32, stages)


def relax(key: pg.KeyPath, value: Any, parent: Any) -> Any:
  """Turns the concrete program into a TuNAS-like space (paper Fig. 11 style)."""
  if isinstance(value, Residual):
    layer = value.layer.clone(deep=True).rebind(relax)
    return Residual(pg.oneof([layer, Zero()]))
  if isinstance(parent, InvertedBottleneck):
    if key.key == 'filters':
      return pg.oneof([value // 2, value, value * 2])
    if key.key == 'kernel':
      return pg.oneof([3, 5, 7])
    if key.key == 'expansion':
      return pg.oneof([3, 6])
    if key.key == 'se_ratio':
      return pg.oneof([0.0, 0.25])
  if isinstance(parent, Stage) and key.key == 'activation':
    return pg.oneof(['relu6', 'swish'])
  if isinstance(parent, Model) and key.key in ('stem_filters', 'head_filters'):
    return pg.oneof([value // 2, value, value * 2])
  return value


def _median_us(fn: Callable[[], Any], rounds: int, repeat: int = 7) -> float:
  fn()  # Warm caches (and imports) before timing.
  samples = []
  for _ in range(repeat):
    start = time.process_time()
    for _ in range(rounds):
      fn()
    samples.append((time.process_time() - start) / rounds * 1e6)
  return statistics.median(samples)


def main() -> None:
  program = mobilenet_v2()
  space = program.clone(deep=True).rebind(relax)
  template = pg.template(space)
  spec = template.dna_spec()
  rng = random.Random(0)
  dnas = [spec.random_dna(rng) for _ in range(64)]
  cursor = [0]

  def decode_one() -> Any:
    cursor[0] = (cursor[0] + 1) % len(dnas)
    return template.decode(dnas[cursor[0]])

  def materialize_one() -> Any:
    cursor[0] = (cursor[0] + 1) % len(dnas)
    return pg.materialize(space, dnas[cursor[0]])

  rounds = 200
  figures = {
      'clone(deep=True) of the program': _median_us(
          lambda: program.clone(deep=True), rounds),
      'clone(deep=True) of the space': _median_us(
          lambda: space.clone(deep=True), rounds),
      'dna_spec (template + spec)': _median_us(
          lambda: pg.template(space).dna_spec(), rounds // 4),
      'random_dna': _median_us(lambda: spec.random_dna(rng), rounds),
      'decode (one child program)': _median_us(decode_one, rounds),
      'pg.materialize (same space)': _median_us(materialize_one, rounds),
  }
  print(f'TuNAS-like space: {len(spec.decision_points)} decision points '
        f'({len(spec.elements)} top-level), space size {spec.space_size:.3g}')
  for name, us in figures.items():
    print(f'  {name:36s} {us:10.1f} us')
  ratio = (figures['decode (one child program)']
           / figures['clone(deep=True) of the space'])
  print(f'  decode / deep clone of the space     {ratio:10.2f} x')
  materialize_ratio = (figures['pg.materialize (same space)']
                       / figures['decode (one child program)'])
  print(f'  materialize / decode                 {materialize_ratio:10.2f} x')
  if check_requested():
    check({'decode / deep clone of the space': (ratio, 1),
           'pg.materialize / template.decode': (materialize_ratio, 2)})


if __name__ == '__main__':
  main()
