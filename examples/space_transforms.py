"""Search-space transforms: three spaces from one MobileNetV2 (paper Sec. 4.2, Fig. 11, 21-23).

A MobileNetV2-shaped model is written as a plain symbolic program: a stem, a
list of blocks of residual layers, each wrapping an inverted bottleneck (the
(t, c, n, s) table of the MobileNetV2 paper), and a head. Nothing in it knows
about search. Two small transform functions turn it into search spaces:

- S1 (`relax_ops`, Fig. 21): each inverted bottleneck becomes a choice of
  kernel size (3x3, 5x5, 7x7) and expansion ratio (3, 6); a layer that is not
  the first of its block may also be removed (a `Zeros` op under the residual).
- S2 (`relax_filters`, Fig. 22): each bottleneck's output filters become a
  choice among the filters scaled by 0.5 ... 2.0 (rounded to multiples of 8).
- S3 (Fig. 23): both, in one line: ``model.clone().rebind([relax_filters,
  relax_ops])``.

The model itself is never edited. The example prints each space's size; in S3
the filter choice lives inside each op candidate (a removed layer has no
filters), so S3 is not simply S1 x S2 unless layers cannot be removed
(``--no-zeros``), in which case it is exactly the product.

Run:
    python examples/space_transforms.py             # sizes and one random child of S3
    python examples/space_transforms.py --no-zeros  # layers can't be removed: |S3| = |S1| x |S2|
"""
from __future__ import annotations

import argparse

import pyglove as pg

# (expansion t, filters c, repeats n, first stride s) of MobileNetV2's blocks.
MOBILENET_V2_BLOCKS = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2),
                       (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2),
                       (6, 320, 1, 1)]
KERNEL_SIZES = [(3, 3), (5, 5), (7, 7)]
EXPANSION_RATIOS = [3, 6]
FILTER_MULTIPLIERS = [0.5, 0.625, 0.75, 1.0, 1.25, 1.5, 2.0]


# 1. The child program: ordinary classes, made symbolic.
@pg.symbolize
class Conv:

  def __init__(self, filters: int, kernel_size: tuple = (3, 3), strides: int = 1):
    self.filters, self.kernel_size, self.strides = filters, kernel_size, strides


@pg.symbolize
class InvertedBottleneck:

  def __init__(self, filters: int, kernel_size: tuple = (3, 3),
               expansion_ratio: int = 6, strides: int = 1):
    self.filters, self.kernel_size = filters, kernel_size
    self.expansion_ratio, self.strides = expansion_ratio, strides


@pg.symbolize
class Zeros:
  """An op whose output is zero: under a residual, the layer becomes the identity."""

  def __init__(self):
    pass


@pg.symbolize
class Residual:

  def __init__(self, op):
    self.op = op


@pg.symbolize
class Block:

  def __init__(self, layers: list):
    self.layers = layers


@pg.symbolize
class MobileNetV2:

  def __init__(self, stem, blocks: list, head):
    self.stem, self.blocks, self.head = stem, blocks, head


def mobilenet_v2(table: list[tuple[int, int, int, int]] = MOBILENET_V2_BLOCKS
                 ) -> MobileNetV2:
  """Returns the static MobileNetV2 (or another (t, c, n, s) table) as a symbolic tree."""
  blocks = [
      Block([Residual(InvertedBottleneck(filters, (3, 3), expansion,
                                         strides if i == 0 else 1))
             for i in range(repeats)])
      for expansion, filters, repeats, strides in table]
  return MobileNetV2(stem=Conv(32, (3, 3), 2), blocks=blocks,
                     head=Conv(1280, (1, 1)))


def scale_filters(filters: int, multiplier: float, divisor: int = 8) -> int:
  """Scales `filters`, rounded to a multiple of `divisor` and never 10% below the exact value."""
  exact = filters * multiplier
  scaled = max(divisor, int(exact + divisor / 2) // divisor * divisor)
  return scaled + divisor if scaled < 0.9 * exact else scaled


# 2. Transforms: functions of (key path, value, parent) that return the new value.
def make_relax_ops(add_zeros: bool = True):
  """Returns S1's transform: each bottleneck becomes a oneof of kernel x expansion (Fig. 21)."""

  def hyper_bottleneck(op, expansion_ratios, zeros):
    return pg.oneof(
        [op.clone().rebind(kernel_size=k, expansion_ratio=e,
                           raise_on_no_change=False)  # One candidate is `op` itself.
         for k in KERNEL_SIZES for e in expansion_ratios]
        + ([Zeros()] if zeros else []))

  def relax_ops(k, v, p):
    del p
    if not k or k.key != 'op':
      return v
    if k.parent.key != 0:       # Not the first layer of its block: removable.
      return hyper_bottleneck(v, EXPANSION_RATIOS, add_zeros)
    if k == 'blocks[0].layers[0].op':  # MobileNetV2 never expands its first block.
      return hyper_bottleneck(v, [1], False)
    return hyper_bottleneck(v, EXPANSION_RATIOS, False)

  return relax_ops


def relax_filters(k, v, p):
  """S2's transform: a bottleneck's filters become a oneof of scaled filters (Fig. 22)."""
  if isinstance(p, InvertedBottleneck) and k.key == 'filters':
    scaled = sorted({scale_filters(v, m) for m in FILTER_MULTIPLIERS})
    return scaled[0] if len(scaled) == 1 else pg.oneof(scaled)
  return v


def search_spaces(add_zeros: bool = True,
                  table: list[tuple[int, int, int, int]] = MOBILENET_V2_BLOCKS
                  ) -> dict[str, MobileNetV2]:
  """Returns the static model and S1, S2, S3 derived from it by transforms."""
  model = mobilenet_v2(table)
  relax_ops = make_relax_ops(add_zeros)
  return {
      'static': model,
      'S1': model.clone().rebind(relax_ops),
      'S2': model.clone().rebind(relax_filters),
      'S3': model.clone().rebind([relax_filters, relax_ops]),  # Fig. 23: one line.
  }


def describe(model: MobileNetV2) -> str:
  """Summarizes a concrete model: one 'kernel/expansion/filters' entry per layer."""
  layers = []
  for block in model.blocks:
    for layer in block.layers:
      op = layer.op
      layers.append('zeros' if isinstance(op, Zeros) else
                    f'{op.kernel_size[0]}x{op.kernel_size[0]}/e{op.expansion_ratio}'
                    f'/f{op.filters}')
  return ', '.join(layers)


def main(argv=None) -> dict[str, int]:
  """Builds the spaces and prints their sizes; returns them by name."""
  parser = argparse.ArgumentParser(  # --help ends with the docstring's quick runs.
      description=__doc__.splitlines()[0], epilog=__doc__[__doc__.index('Run:'):],
      formatter_class=argparse.RawDescriptionHelpFormatter)
  parser.add_argument('--no-zeros', action='store_true',
                      help='do not let S1 remove layers, so |S3| = |S1| x |S2| '
                           '(default: off)')
  parser.add_argument('--seed', type=int, default=1,
                      help='seed of the random child printed from S3 (default: %(default)s)')
  args = parser.parse_args(argv)

  spaces = search_spaces(add_zeros=not args.no_zeros)
  sizes = {}
  for name, space in spaces.items():
    if name == 'static':
      continue
    spec = pg.dna_spec(space)
    sizes[name] = spec.space_size
    print(f'{name}: {len(spec.decision_points):3d} decision points, '
          f'{spec.space_size:.3e} models')
  print(f'|S1| x |S2| = {sizes["S1"] * sizes["S2"]:.3e}')
  print('static:  ', describe(spaces['static']))
  child = next(pg.random_sample(spaces['S3'], 1, seed=args.seed))
  print('S3 child:', describe(child))
  return sizes


if __name__ == '__main__':
  main()
