"""Selectors: operations that pick items from their inputs, without changing them.

Each takes the number of items to output, `n`: an int (a count), a float in
[0, 1] (a proportion of the inputs, rounded up), None (as many as the
inputs), or a function of the step returning one of those.
"""
from __future__ import annotations

import math
from typing import Any, Callable

from pyglove import geno
from pyglove import typing as pg_typing
from pyglove.generators.evolution import _metadata
from pyglove.generators.evolution import _randomness
from pyglove.generators.evolution._callables import list_callable_spec
from pyglove.scalars import scalar_spec
from pyglove.scalars import scalar_value
from pyglove.generators.evolution._operation import invoke
from pyglove.generators.evolution._operation_kinds import Selector


def num_output_spec() -> pg_typing.ValueSpec:
  """The spec of a selector's `n`: a count, a proportion, None, or a schedule of them."""
  return scalar_spec(pg_typing.Union([
      pg_typing.Int(min_value=0),
      pg_typing.Float(min_value=0.0, max_value=1.0),
  ])).noneable()


def compute_num_output(n: int | float | None | Callable[[int], Any],
                       num_inputs: int, step: int) -> int:
  """The number of items a selector with `n` outputs from `num_inputs` at `step`.

  Example:
    >>> compute_num_output(3, 10, 0), compute_num_output(0.25, 10, 0)
    (3, 3)
    >>> compute_num_output(None, 10, 0), compute_num_output(lambda s: s, 10, 4)
    (10, 4)
  """
  n = scalar_value(n, step)
  if n is None:
    return num_inputs
  if isinstance(n, float):
    return math.ceil(n * num_inputs)
  return n


def _weights_spec() -> pg_typing.ValueSpec:
  return list_callable_spec()


def _sort_key(key: Callable[[Any], Any] | None, inputs: list[Any]) -> Any:
  """`key`, or the fitness when inputs are DNA and no key is given."""
  if key is None and inputs and isinstance(inputs[0], geno.DNA):
    return _metadata.get_fitness
  return key


class First(Selector):
  """Selects the first n inputs (the oldest, in a population).

  Example:
    >>> First(2)([1, 2, 3]), First(0.5)([1, 2, 3])
    ([1, 2], [1, 2])

  Args:
    n: how many (see the module docstring).
  """

  n: num_output_spec() = None

  def select(self, inputs: list[Any], step: int) -> list[Any]:
    return inputs[:compute_num_output(self.n, len(inputs), step)]


class Last(Selector):
  """Selects the last n inputs (the youngest, in a population): aging.

  Example:
    >>> Last(2)([1, 2, 3])
    [2, 3]

  Args:
    n: how many (see the module docstring).
  """

  n: num_output_spec() = None

  def select(self, inputs: list[Any], step: int) -> list[Any]:
    n = compute_num_output(self.n, len(inputs), step)
    return inputs[max(0, len(inputs) - n):]


class Top(Selector):
  """Selects the n inputs with the largest key (DNA: the largest fitness), largest first.

  Ties keep the input order. With `cluster`, inputs sharing a key form a
  cluster and the n top clusters are selected whole.

  Example:
    >>> Top(2, key=len)(['a', 'abc', 'ab'])
    ['abc', 'ab']
    >>> Top(1, key=len, cluster=True)(['ab', 'a', 'cd'])
    ['ab', 'cd']

  Args:
    n: how many items (or clusters); see the module docstring.
    key: a function of an item to sort by; None for DNA fitness.
    cluster: whether n counts clusters of equal keys rather than items.

  Raises:
    KeyError: at call time, a DNA input has no fitness and no key is given.
  """

  n: num_output_spec() = None
  key: pg_typing.Callable().noneable() = None
  cluster: bool = False

  def select(self, inputs: list[Any], step: int) -> list[Any]:
    key = _sort_key(self.key, inputs)
    n = compute_num_output(self.n, len(inputs), step)
    if self.cluster:
      return _top_clusters(inputs, key, n, largest=True)
    if n == 1 and inputs:
      # What sorting would keep (the first of the largest), in one pass.
      return [max(inputs, key=key)]
    return sorted(inputs, key=key, reverse=True)[:n]


class Bottom(Selector):
  """Selects the n inputs with the smallest key (DNA: the smallest fitness), smallest first.

  Example:
    >>> Bottom(2, key=len)(['a', 'abc', 'ab'])
    ['a', 'ab']

  Args:
    n: how many items (or clusters); see the module docstring.
    key: a function of an item to sort by; None for DNA fitness.
    cluster: whether n counts clusters of equal keys rather than items.

  Raises:
    KeyError: at call time, a DNA input has no fitness and no key is given.
  """

  n: num_output_spec() = None
  key: pg_typing.Callable().noneable() = None
  cluster: bool = False

  def select(self, inputs: list[Any], step: int) -> list[Any]:
    key = _sort_key(self.key, inputs)
    n = compute_num_output(self.n, len(inputs), step)
    if not self.cluster:
      return sorted(inputs, key=key)[:n]
    return _top_clusters(inputs, key, n, largest=False)


def _top_clusters(inputs: list[Any], key: Any, n: int, largest: bool) -> list[Any]:
  keys = [x if key is None else key(x) for x in inputs]
  kept = set(sorted(set(keys), reverse=largest)[:n])
  ranked = sorted(((k, i) for i, k in enumerate(keys) if k in kept),
                  key=lambda pair: pair[0], reverse=largest)
  return [inputs[i] for _, i in ranked]


class Random(Selector):
  """Selects n inputs at random, without replacement unless asked.

  Without replacement, at most all the inputs are selected (in random order).

  Example:
    >>> Random(2, seed=1)([1, 2, 3, 4])
    [2, 3]

  Args:
    n: how many (see the module docstring).
    replacement: whether an input may be selected more than once.
    seed: the seed of the draws (see `Evolution` for seeds inside a search).
  """

  draws_random = True

  n: num_output_spec() = None
  replacement: bool = False
  seed: int | None = None

  def select(self, inputs: list[Any], step: int) -> list[Any]:
    rng = _randomness.rng_of(self)
    n = compute_num_output(self.n, len(inputs), step)
    if self.replacement:
      return [rng.choice(inputs) for _ in range(n)] if inputs else []
    return rng.sample(inputs, min(n, len(inputs)))


class Sample(Selector):
  """Samples n inputs with replacement, with probabilities proportional to weights.

  All-zero weights count as equal weights.

  Example:
    >>> Sample(4, weights=lambda xs: [0.0, 1.0, 1.0], seed=1)(['a', 'b', 'c'])
    ['b', 'c', 'c', 'b']

  Args:
    n: how many (see the module docstring).
    weights: a function of the inputs (and optionally `global_state`,
      `step`, by keyword) returning one non-negative weight per input.
    seed: the seed of the draws.
  """

  draws_random = True

  n: num_output_spec() = None
  weights: _weights_spec()
  seed: int | None = None

  def select(self, inputs: list[Any], global_state: geno.AttributeDict,
             step: int) -> list[Any]:
    n = compute_num_output(self.n, len(inputs), step)
    if not inputs:
      return []
    weights = _checked_weights(self, inputs, global_state, step)
    return _randomness.rng_of(self).choices(inputs, weights=weights, k=n)


class Proportional(Selector):
  """Outputs each input a number of times proportional to its weight, n in total.

  Deterministic: counts are the weights' shares of n rounded, then adjusted
  so they sum to n (extra items go to the heaviest inputs first, missing
  ones come from the lightest). All-zero weights count as equal weights.

  Example:
    >>> Proportional(4, weights=lambda xs: [1.0, 3.0])(['a', 'b'])
    ['a', 'b', 'b', 'b']

  Args:
    n: how many in total (see the module docstring).
    weights: a function of the inputs (and optionally `global_state`,
      `step`, by keyword) returning one non-negative weight per input.
  """

  n: num_output_spec() = None
  weights: _weights_spec()

  def select(self, inputs: list[Any], global_state: geno.AttributeDict,
             step: int) -> list[Any]:
    n = compute_num_output(self.n, len(inputs), step)
    if not inputs or n == 0:
      return []
    weights = _checked_weights(self, inputs, global_state, step)
    outputs: list[Any] = []
    for item, count in zip(inputs, partition(weights, n)):
      outputs.extend([item] * count)
    return outputs


def partition(weights: list[float], n: int) -> list[int]:
  """Splits n into counts roughly proportional to `weights` (their sum is n).

  Example:
    >>> partition([1.0, 1.0, 2.0], 5)
    [1, 1, 3]
  """
  total = sum(weights)
  counts = [int(n * w / total + 0.5) for w in weights]
  extra = n - sum(counts)
  if extra:
    # Add to the heaviest first; take from the lightest first.
    order = sorted((i for i, w in enumerate(weights) if w > 0),
                   key=lambda i: weights[i], reverse=extra > 0)
    delta = 1 if extra > 0 else -1
    k = 0
    while extra:
      i = order[k % len(order)]
      k += 1
      if delta < 0 and counts[i] == 0:
        continue
      counts[i] += delta
      extra -= delta
  return counts


def _checked_weights(selector: Selector, inputs: list[Any],
                     global_state: geno.AttributeDict, step: int) -> list[float]:
  """The weights of `inputs`; equal weights when they are all 0."""
  weights = list(invoke(selector.weights, inputs, global_state, step))
  if len(weights) != len(inputs) or any(not w >= 0 for w in weights):
    raise ValueError(
        f'{type(selector).__name__}.weights must return one non-negative weight '
        f'per input; got {weights!r} for {len(inputs)} inputs.')
  if not any(weights):
    return [1.0] * len(inputs)
  return weights
