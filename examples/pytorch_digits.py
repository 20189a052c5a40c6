"""Dropping PyGlove into an existing PyTorch training script (paper Table 1, Appendix B.5).

`pytorch_digits_baseline.py` is a plain PyTorch script that trains one fixed
CNN on scikit-learn's bundled 8x8 digits. This file is that script made
searchable: the model builders and the trainer are symbolized with
`@pg.symbolize` (their bodies are untouched), and `main` searches over the
model family (a CNN with its channels and kernel size, or an MLP with its
width), the optimizer and the learning rate with PPO, as in Appendix B.5.
Trials are compared on a validation split carved out of the training data;
the test split is used once, for the setting the search picked, retrained on
all the training data.
Past the module docstrings, the diff against the baseline's 74 lines of code
adds 28 lines and removes 6 (`diff examples/pytorch_digits_baseline.py
examples/pytorch_digits.py`); the tests recount them.

Run:
    python examples/pytorch_digits.py                        # 30 trials of 10 epochs
    python examples/pytorch_digits.py --trials 8 --epochs 3  # a quick run
"""
from __future__ import annotations

import argparse

import pyglove as pg
import torch
from sklearn.datasets import load_digits
from torch import nn


def load_data(seed: int = 0) -> tuple[torch.Tensor, ...]:
  """Returns (train_x, train_y, test_x, test_y): 1/3 of the digits held out for testing."""
  digits = load_digits()
  x = torch.tensor(digits.images, dtype=torch.float32).unsqueeze(1) / 16.0
  y = torch.tensor(digits.target)
  order = torch.randperm(len(y), generator=torch.Generator().manual_seed(seed))
  split = len(y) * 2 // 3
  return x[order[:split]], y[order[:split]], x[order[split:]], y[order[split:]]


@pg.symbolize
def cnn(channels: int = 16, kernel_size: int = 3) -> nn.Module:
  """A convolution, a 2x2 max pool and a linear classifier."""
  return nn.Sequential(
      nn.Conv2d(1, channels, kernel_size, padding=kernel_size // 2), nn.ReLU(),
      nn.MaxPool2d(2), nn.Flatten(), nn.Linear(channels * 16, 10))


@pg.symbolize
def mlp(hidden: int = 64) -> nn.Module:
  """A one-hidden-layer perceptron on the flattened pixels."""
  return nn.Sequential(nn.Flatten(), nn.Linear(64, hidden), nn.ReLU(),
                       nn.Linear(hidden, 10))


@pg.symbolize
def train_and_eval(data, model_fn, optimizer: str = 'adam',
                   learning_rate: float = 1e-2, epochs: int = 10,
                   batch_size: int = 64, seed: int = 0) -> float:
  """Trains the model `model_fn()` builds on data[:2]; returns its accuracy on data[2:]."""
  train_x, train_y, eval_x, eval_y = data
  torch.manual_seed(seed)
  model = model_fn()
  optimizers = {'adam': torch.optim.Adam, 'sgd': torch.optim.SGD}
  opt = optimizers[optimizer](model.parameters(), lr=learning_rate)
  loss_fn = nn.CrossEntropyLoss()
  for _ in range(epochs):
    model.train()
    for batch in torch.randperm(len(train_y)).split(batch_size):
      opt.zero_grad()
      loss_fn(model(train_x[batch]), train_y[batch]).backward()
      opt.step()
  model.eval()
  with torch.no_grad():
    return (model(eval_x).argmax(1) == eval_y).float().mean().item()


def main(argv=None) -> list[float]:
  """Searches models and optimizers; returns the validation accuracy of each trial."""
  parser = argparse.ArgumentParser(  # --help ends with the docstring's quick runs.
      description=__doc__.splitlines()[0], epilog=__doc__[__doc__.index('Run:'):],
      formatter_class=argparse.RawDescriptionHelpFormatter)
  parser.add_argument('--epochs', type=int, default=10,
                      help='training epochs of each trial (default: %(default)s)')
  parser.add_argument('--trials', type=int, default=30, help='trials (default: %(default)s)')
  parser.add_argument('--seed', type=int, default=1, help='PPO seed (default: %(default)s)')
  parser.add_argument('--threads', type=int, default=1,
                      help='torch threads; models this small gain nothing from more '
                           '(default: %(default)s)')
  args = parser.parse_args(argv)
  torch.set_num_threads(args.threads)

  data = load_data()
  train_x, train_y = data[:2]  # Trials are compared on the last 1/4 of the training split.
  split = len(train_y) * 3 // 4
  validation = train_x[:split], train_y[:split], train_x[split:], train_y[split:]
  space = train_and_eval(
      model_fn=pg.oneof([cnn(pg.oneof([8, 16, 32]), pg.oneof([3, 5])),
                         mlp(pg.oneof([32, 64, 128]))]),
      optimizer=pg.oneof(['adam', 'sgd']),
      learning_rate=pg.floatv(1e-3, 1e-1, scale='log'), epochs=args.epochs)
  results = []
  for trainer, feedback in pg.sample(space, pg.generators.PPO(seed=args.seed),
                                     num_examples=args.trials):
    accuracy = trainer(validation)
    feedback(accuracy)
    results.append((accuracy, trainer))
  accuracy, best = max(results, key=lambda r: r[0])
  print(f'best validation accuracy: {accuracy:.4f} of {len(results)} trials, by')
  print(pg.format(best, hide_missing_values=True))  # `data` is bound only when called.
  print(f'its test accuracy, retrained on all the training data: {best(data):.4f}')
  return [r[0] for r in results]


if __name__ == '__main__':
  main()
