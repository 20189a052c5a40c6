"""How the cost of one operation grows with the size of the tree it touches.

A single write to a `pg.Dict` or `pg.List` must cost the same at any size
(an undo log of the written keys, no copy of the container); `==` of two big
lists that differ at their first item must stop there; reading `sym_path`
deep in a tree is served from a cache. Each figure is µs per operation; the
ratios compare a big tree with a small one in the same run. The garbage
collector stays on, as for users.

Run: python benchmarks/scaling_bench.py [--check]
"""
from __future__ import annotations

import itertools

import pyglove as pg

from _check import best_us
from _check import check
from _check import check_requested

WRITES = 2000


def dict_write_us(size: int) -> float:
  """µs per `d[k] = v` on a pg.Dict of `size` keys (updates of existing keys)."""
  d = pg.Dict({f'k{i}': i for i in range(size)})
  keys = [f'k{i}' for i in range(0, size, max(1, size // WRITES))][:WRITES]
  counter = itertools.count()

  def writes():
    n = next(counter)
    for k in keys:
      d[k] = n
  return best_us(writes, 3) / len(keys)


def list_write_us(size: int) -> float:
  """µs per `l[i] = v` plus one `append` and one `pop` on a pg.List of `size` items."""
  items = pg.List(list(range(size)))
  indices = list(range(0, size, max(1, size // WRITES)))[:WRITES]
  counter = itertools.count()

  def writes():
    n = next(counter)
    for i in indices:
      items[i] = n
    items.append(n)
    items.pop()
  return best_us(writes, 3) / (len(indices) + 2)


def list_append_us(size: int) -> float:
  """µs per `append` while building a pg.List of `size` items."""
  def build():
    items = pg.List()
    for i in range(size):
      items.append(i)
  return best_us(build, 1, repeats=3) / size


def list_eq_us(size: int) -> float:
  """µs for `==` of two pg.Lists of `size` items that differ at the first."""
  left = pg.List(list(range(size)))
  right = pg.List([-1] + list(range(1, size)))
  return best_us(lambda: left == right, 200)


def deep_path_us(depth: int) -> float:
  """µs to read `sym_path` of a leaf `depth` levels deep."""
  root = node = pg.Dict()
  for _ in range(depth):
    child = pg.Dict()
    node.x = child
    node = child
  leaf = node
  return best_us(lambda: leaf.sym_path, 200)


def main() -> None:
  figures = {
      'pg.Dict write, 1e3 keys': dict_write_us(1_000),
      'pg.Dict write, 1e5 keys': dict_write_us(100_000),
      'pg.List write, 1e3 items': list_write_us(1_000),
      'pg.List write, 3e4 items': list_write_us(30_000),
      'pg.List append, building 1e3': list_append_us(1_000),
      'pg.List append, building 3e4': list_append_us(30_000),
      '== of lists differing first, 1e3': list_eq_us(1_000),
      '== of lists differing first, 1e5': list_eq_us(100_000),
      'sym_path at depth 30': deep_path_us(30),
      'sym_path at depth 3000': deep_path_us(3_000),
  }
  for name, us in figures.items():
    print(f'{name:36s} {us:10.2f} µs')
  ratios = {
      'Dict write 1e5 / 1e3 keys': (
          figures['pg.Dict write, 1e5 keys'] / figures['pg.Dict write, 1e3 keys'], 3),
      'List write 3e4 / 1e3 items': (
          figures['pg.List write, 3e4 items'] / figures['pg.List write, 1e3 items'], 3),
      'List append building 3e4 / 1e3': (
          figures['pg.List append, building 3e4']
          / figures['pg.List append, building 1e3'], 3),
      '== first-item difference 1e5 / 1e3': (
          figures['== of lists differing first, 1e5']
          / figures['== of lists differing first, 1e3'], 3),
      'sym_path depth 3000 / 30': (
          figures['sym_path at depth 3000'] / figures['sym_path at depth 30'], 3),
  }
  for name, (ratio, _) in ratios.items():
    print(f'{name:36s} {ratio:10.2f}x')
  if check_requested():
    check(ratios)


if __name__ == '__main__':
  main()
