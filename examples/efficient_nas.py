"""Efficient NAS by rewriting the search space into a super-network (paper Sec. 2.2, Fig. 6).

TuNAS-style weight sharing, decomposed as the paper describes: a
child-program-agnostic controller (PPO from `pg.generators`, unchanged) plus a
meta-program, `to_super_network`, that rewrites every `pg.oneof` of the search
space into a `Switch` holding all its candidates. The rewritten program builds
one PyTorch super-network whose weights every architecture shares; the
search's trainer, instead of training each child from scratch, sets the
switches to the controller's proposal (the DNA, i.e. the abstract child
program of Fig. 4), trains the shared weights for one mini-batch and rewards
the controller with the accuracy on a validation mini-batch. The first steps
sample paths uniformly so that every candidate gets trained before the
controller starts to learn (TuNAS keeps its RL learning rate at 0 at first).

Finally the controller's favourite architecture is materialized from the
original space, i.e. the same child program a regular search would produce,
and trained standalone on scikit-learn's bundled 8x8 digits. The example
prints how that architecture ranks among all the super-network's paths.

Run:
    python examples/efficient_nas.py                          # 1500 steps
    python examples/efficient_nas.py --steps 300 --layers 3 --epochs 3  # a quick run
"""
from __future__ import annotations

import argparse
import collections
import random

import pyglove as pg
import torch
from sklearn.datasets import load_digits
from torch import nn

# (train_x, train_y, test_x, test_y)
Data = tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]

# 1. The child program: layer descriptions that build PyTorch modules.
@pg.symbolize
class Conv:

  def __init__(self, kernel_size: int):
    self.kernel_size = kernel_size

  def build(self, channels: int) -> nn.Module:
    k = self.kernel_size
    return nn.Sequential(nn.Conv2d(channels, channels, k, padding=k // 2), nn.ReLU())


@pg.symbolize
class MaxPool:

  def __init__(self):
    pass

  def build(self, channels: int) -> nn.Module:
    del channels
    return nn.MaxPool2d(3, stride=1, padding=1)


@pg.symbolize
class Identity:

  def __init__(self):
    pass

  def build(self, channels: int) -> nn.Module:
    del channels
    return nn.Identity()


@pg.symbolize
class Net:

  def __init__(self, channels: int, layers: list):
    self.channels, self.layers = channels, layers

  def build(self) -> nn.Module:
    c = self.channels
    return nn.Sequential(
        nn.Conv2d(1, c, 3, padding=1), nn.ReLU(),
        *[layer.build(c) for layer in self.layers],
        nn.AdaptiveAvgPool2d(2), nn.Flatten(), nn.Linear(4 * c, 10))


def search_space(num_layers: int = 4, channels: int = 16) -> Net:
  """Each layer is one of two convolutions, a max pool or the identity."""
  return Net(channels, [pg.oneof([Conv(3), Conv(5), MaxPool(), Identity()])
                        for _ in range(num_layers)])


def load_data(seed: int = 0) -> Data:
  """Returns the digits as (train_x, train_y, test_x, test_y), 1/3 held out for testing."""
  digits = load_digits()
  x = torch.tensor(digits.images, dtype=torch.float32).unsqueeze(1) / 16.0
  y = torch.tensor(digits.target)
  order = torch.randperm(len(y), generator=torch.Generator().manual_seed(seed))
  split = len(y) * 2 // 3
  return x[order[:split]], y[order[:split]], x[order[split:]], y[order[split:]]


def accuracy(module: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
  """Returns the fraction of `x` that `module` classifies as `y`."""
  with torch.no_grad():
    return (module(x).argmax(1) == y).float().mean().item()


def train_and_eval(net: Net, data: Data, epochs: int, seed: int = 0) -> float:
  """The regular trainer: trains `net` from scratch, returns its test accuracy."""
  train_x, train_y, test_x, test_y = data
  torch.manual_seed(seed)
  module = net.build()
  optimizer = torch.optim.Adam(module.parameters(), lr=3e-3)
  for _ in range(epochs):
    for batch in torch.randperm(len(train_y)).split(32):
      optimizer.zero_grad()
      nn.functional.cross_entropy(module(train_x[batch]), train_y[batch]).backward()
      optimizer.step()
  return accuracy(module, test_x, test_y)


# 2. The meta-program: a search space becomes a weight-sharing super-network.
@pg.symbolize
class Switch:
  """A super-network op: builds every candidate; the switch position picks one per step."""

  def __init__(self, candidates: list):
    self.candidates = candidates

  def build(self, channels: int) -> nn.Module:
    return SwitchModule([c.build(channels) for c in self.candidates])


class SwitchModule(nn.Module):
  """Runs the candidate at `index`; all candidates keep their own (shared) weights."""

  def __init__(self, candidates: list[nn.Module]):
    super().__init__()
    self.candidates = nn.ModuleList(candidates)
    self.index = 0

  def forward(self, x: torch.Tensor) -> torch.Tensor:
    return self.candidates[self.index](x)


def to_super_network(space: Net) -> Net:
  """Rewrites each oneof of `space` into a `Switch` over its candidates (Fig. 6).

  Args:
    space: a search space whose oneofs are not nested, so that the DNA's
      decisions and the switches correspond one to one, in order.

  Returns:
    A concrete program whose `build()` is the super-network.

  Raises:
    ValueError: a decision is not a oneof, or a oneof holds another hyper value.
  """
  points = pg.dna_spec(space).decision_points
  for point in points:
    if not isinstance(point, pg.geno.Choices):
      problem = f'a decision of type {type(point).__name__}'
    elif point.is_subchoice:
      problem = 'a choice of a manyof'
    elif any(candidate.elements for candidate in point.candidates):
      problem = 'a oneof with nested decisions'
    else:
      continue
    raise ValueError(
        f'to_super_network needs flat oneofs; got {problem} at '
        f'{str(point.id)!r} (decision points: {[str(p.id) for p in points]}).')
  return space.clone(deep=True).rebind(
      lambda k, v, p: Switch(list(v.candidates)) if isinstance(v, pg.hyper.OneOf) else v)


def efficient_search(space: Net, algorithm: pg.DNAGenerator, data: Data,
                     steps: int, warmup: int, seed: int = 0
                     ) -> tuple[pg.DNA, nn.Module, list[float]]:
  """Trains the super-network with the controller (the replaced trainer of Fig. 6).

  Args:
    space: the search space, unchanged.
    algorithm: the controller, unchanged (any `pg.DNAGenerator`).
    data: the digits; rewards use the first quarter of the training split,
      which the shared weights never train on.
    steps: the controller's proposals, one training mini-batch each.
    warmup: mini-batches on uniformly sampled paths before the controller.
    seed: the seed of the weights, the batches and the warm-up paths.

  Returns:
    The controller's favourite DNA (its most frequent proposal over the last
    quarter), the super-network with the switches set to it, and the rewards.
  """
  train_x, train_y = data[0], data[1]
  valid = len(train_y) // 4   # Held out of the shared weights' training for rewards.
  torch.manual_seed(seed)
  rng = random.Random(seed)
  super_net = to_super_network(space).build()
  switches = [m for m in super_net.modules() if isinstance(m, SwitchModule)]
  optimizer = torch.optim.Adam(super_net.parameters(), lr=1e-2)
  spec = pg.dna_spec(space)

  def step(dna: pg.DNA) -> float:
    for switch, index in zip(switches, dna.to_numbers()):
      switch.index = index
    batch = valid + torch.randint(len(train_y) - valid, (32,))
    optimizer.zero_grad()
    nn.functional.cross_entropy(super_net(train_x[batch]), train_y[batch]).backward()
    optimizer.step()
    rewarded = torch.randint(valid, (128,))
    return accuracy(super_net, train_x[rewarded], train_y[rewarded])

  for _ in range(warmup):
    step(pg.random_dna(spec, rng))
  rewards, proposals = [], []
  for dna, feedback in pg.sample(spec, algorithm, num_examples=steps):
    rewards.append(step(dna))
    feedback(rewards[-1])
    proposals.append(tuple(dna.to_numbers()))
  # The controller's favourite: its most frequent proposal over the last quarter.
  favourite = collections.Counter(proposals[-max(1, steps // 4):]).most_common(1)[0][0]
  for switch, index in zip(switches, favourite):
    switch.index = index
  return pg.DNA.from_numbers(list(favourite), spec), super_net, rewards


def rank_of_path(super_net: nn.Module, space: Net, dna: pg.DNA,
                 data: Data) -> tuple[int, int]:
  """Returns the rank of `dna`'s path among all the super-network's paths, and their number.

  Paths are scored on the test split, which the search never saw.
  """
  x, y = data[2], data[3]
  switches = [m for m in super_net.modules() if isinstance(m, SwitchModule)]
  scores = {}
  for path in pg.dna_spec(space).iter_dna():
    for switch, index in zip(switches, path.to_numbers()):
      switch.index = index
    scores[tuple(path.to_numbers())] = accuracy(super_net, x, y)
  chosen = scores[tuple(dna.to_numbers())]
  for switch, index in zip(switches, dna.to_numbers()):  # Leave the network on `dna`.
    switch.index = index
  return 1 + sum(score > chosen for score in scores.values()), len(scores)


def main(argv=None) -> dict[str, float]:
  """Searches with the super-network, then trains the favourite standalone; returns the figures."""
  parser = argparse.ArgumentParser(  # --help ends with the docstring's quick runs.
      description=__doc__.splitlines()[0], epilog=__doc__[__doc__.index('Run:'):],
      formatter_class=argparse.RawDescriptionHelpFormatter)
  parser.add_argument('--steps', type=int, default=1500,
                      help='controller steps (default: %(default)s)')
  parser.add_argument('--layers', type=int, default=4,
                      help='searchable layers, 4 candidates each (default: %(default)s)')
  parser.add_argument('--warmup', type=int, default=None,
                      help='uniform-path steps first (default: a third of --steps)')
  parser.add_argument('--epochs', type=int, default=10,
                      help='standalone training epochs of the architecture found '
                           '(default: %(default)s)')
  parser.add_argument('--seed', type=int, default=1,
                      help='seed of PPO and of training (default: %(default)s)')
  parser.add_argument('--threads', type=int, default=1,
                      help='torch threads; models this small gain nothing from more '
                           '(default: %(default)s)')
  args = parser.parse_args(argv)
  torch.set_num_threads(args.threads)

  data = load_data()
  space = search_space(args.layers)
  warmup = args.steps // 3 if args.warmup is None else args.warmup
  dna, super_net, rewards = efficient_search(
      space, pg.generators.PPO(seed=args.seed), data, args.steps, warmup, args.seed)
  rank, paths = rank_of_path(super_net, space, dna, data)
  child = pg.materialize(space, dna)   # The same child program a regular search yields.
  standalone = train_and_eval(child, data, args.epochs)
  quarter = max(1, len(rewards) // 4)
  first, last = (sum(r) / len(r) for r in (rewards[:quarter], rewards[-quarter:]))
  print(f'controller reward: first quarter {first:.3f}, last quarter {last:.3f}')
  print(f'favourite architecture ranks {rank} of {paths} super-network paths:')
  print(pg.format(child, compact=False))
  print(f'trained standalone for {args.epochs} epochs: test accuracy {standalone:.4f}')
  return {'rank': rank, 'paths': paths, 'first_reward': first,
          'last_reward': last, 'standalone_accuracy': standalone}


if __name__ == '__main__':
  main()
