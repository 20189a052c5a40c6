"""Quickstart: make a small program searchable and search it with three algorithms.

The "model" here is a toy: `train()` returns a surrogate accuracy computed from
the architecture and the learning rate (with interactions between them), so
the search runs in seconds on any machine. Replace `train()`'s body with real
training and nothing else changes: that is the point of symbolic programming.

Run:
    python examples/quickstart.py              # 300 trials per algorithm
    python examples/quickstart.py --trials 60  # a quick run
"""
from __future__ import annotations

import argparse
import math

import pyglove as pg


# 1. An ordinary program, made symbolic: these classes know nothing of search.
@pg.symbolize
class Conv:

  def __init__(self, filters: int, kernel_size: int):
    self.filters = filters
    self.kernel_size = kernel_size


@pg.symbolize
class Identity:

  def __init__(self):
    pass


@pg.symbolize
class Dense:

  def __init__(self, units: int):
    self.units = units


@pg.symbolize
class Sequential:

  def __init__(self, layers: list):
    self.layers = layers


@pg.symbolize
def train(model, learning_rate: float, epochs: int) -> float:
  """A surrogate for training: a deterministic accuracy in [0, 1]."""
  score = 0.0
  previous_filters = 3
  for layer in model.layers:
    if isinstance(layer, Conv):
      # Wider layers help until they overfit; 3x3 after a wide layer is best.
      score += 0.25 * math.tanh(layer.filters / 32) - 0.002 * layer.filters
      best_kernel = 3 if previous_filters >= 32 else 5
      score -= 0.04 * abs(layer.kernel_size - best_kernel)
      previous_filters = layer.filters
    elif isinstance(layer, Dense):
      score += 0.1 - 0.1 * abs(math.log2(layer.units / 96)) / 4
  # The best learning rate depends on the training length.
  best_lr = 3e-3 if epochs >= 10 else 1e-2
  score -= 0.05 * abs(math.log10(learning_rate / best_lr))
  score += 0.01 * math.log2(epochs)
  return max(0.0, min(1.0, 0.35 + score))


# 2. Hyperify: replace fixed parts with hyper values to get a search space.
def search_space():
  return train(
      model=Sequential([
          Conv(filters=pg.oneof([8, 16, 32, 64]), kernel_size=pg.oneof([1, 3, 5])),
          pg.oneof([
              Identity(),
              Conv(filters=pg.oneof([16, 32, 64]), kernel_size=pg.oneof([3, 5])),
          ]),
          Dense(units=pg.intv(8, 256)),
      ]),
      learning_rate=pg.floatv(1e-4, 1e-1, scale='log'),
      epochs=pg.oneof([5, 10, 20]))


# 3. Search: the same loop for every algorithm.
def search(space, algorithm, num_trials: int):
  """Runs one search; returns the best trainer found and the rewards in trial order."""
  best_reward, best_trainer, rewards = -math.inf, None, []
  for trainer, feedback in pg.sample(space, algorithm, num_examples=num_trials):
    reward = trainer()
    feedback(reward)
    rewards.append(reward)
    if reward > best_reward:
      best_reward, best_trainer = reward, trainer
  return best_trainer, rewards


def main(argv=None) -> dict[str, list[float]]:
  """Searches the space with each algorithm; returns each one's rewards in trial order."""
  parser = argparse.ArgumentParser(  # --help ends with the docstring's quick runs.
      description=__doc__.splitlines()[0], epilog=__doc__[__doc__.index('Run:'):],
      formatter_class=argparse.RawDescriptionHelpFormatter)
  parser.add_argument('--trials', type=int, default=300,
                      help='trials per algorithm (default: %(default)s)')
  parser.add_argument('--seed', type=int, default=1,
                      help='seed of every algorithm (default: %(default)s)')
  args = parser.parse_args(argv)

  space = search_space()
  print(f'Search space: {len(pg.dna_spec(space).decision_points)} decision points.')
  algorithms = {
      'random': pg.generators.Random(seed=args.seed),
      'evolution': pg.evolution.regularized_evolution(
          population_size=20, tournament_size=5, seed=args.seed),
      'ppo': pg.generators.PPO(seed=args.seed),
  }
  results = {}
  for name, algorithm in algorithms.items():
    trainer, rewards = search(space, algorithm, args.trials)
    results[name] = rewards
    print(f'\n{name}: best reward {max(rewards):.4f} after {args.trials} trials:')
    print(pg.format(trainer, compact=False))
  return results


if __name__ == '__main__':
  main()
