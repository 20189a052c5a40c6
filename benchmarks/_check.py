"""What every benchmark shares: timing, and `--check` of same-run ratios.

A benchmark measures each operation beside a baseline in the same run and
reports the ratio. With ``--check`` it also compares each ratio with its goal
times a margin (the machines are shared and noisy), prints every check, and
exits with status 1 when one fails, so that CI keeps the speed it claims.
"""
from __future__ import annotations

import sys
import time
from typing import Any, Callable

# A measured ratio may exceed its goal by this factor before a check fails.
MARGIN = 1.5

# CPU time of this process: on a shared machine, the time spent waiting for a
# core would otherwise land on whichever side was being timed.
_clock = time.process_time


def best_us(fn: Callable[[], Any], rounds: int, repeats: int = 5) -> float:
  """The best over `repeats` of the mean microseconds per call over `rounds` calls."""
  fn()  # Warm caches and imports before timing.
  best = float('inf')
  for _ in range(repeats):
    start = _clock()
    for _ in range(rounds):
      fn()
    best = min(best, (_clock() - start) / rounds)
  return best * 1e6


def paired_best_us(ours: Callable[[], Any], baseline: Callable[[], Any],
                   rounds: int, repeats: int = 7) -> tuple[float, float]:
  """Best µs per call of `ours` and of `baseline`, timed in alternation.

  Alternating the two keeps a change of the machine's load from landing on
  one side only, so that their ratio stays meaningful on a shared machine.
  """
  ours()
  baseline()
  best = [float('inf'), float('inf')]
  for _ in range(repeats):
    for i, fn in enumerate((ours, baseline)):
      start = _clock()
      for _ in range(rounds):
        fn()
      best[i] = min(best[i], (_clock() - start) / rounds)
  return best[0] * 1e6, best[1] * 1e6


def check_requested() -> bool:
  return '--check' in sys.argv


def check(ratios: dict[str, tuple[float, float]], margin: float = MARGIN) -> None:
  """Prints each (ratio, goal) and exits with status 1 if a ratio > goal * margin.

  Args:
    ratios: the name of each check to its measured ratio and its goal.
    margin: the tolerated factor over the goal.
  """
  failed = []
  print(f'\nchecks (a ratio may exceed its goal by {margin}x):')
  for name, (ratio, goal) in ratios.items():
    ok = ratio <= goal * margin
    print(f'  {"ok  " if ok else "FAIL"} {name}: {ratio:.2f}x (goal <= {goal}x)')
    if not ok:
      failed.append(name)
  if failed:
    print(f'{len(failed)} check(s) failed: {", ".join(failed)}')
    sys.exit(1)

