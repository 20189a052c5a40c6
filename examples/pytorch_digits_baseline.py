"""A plain PyTorch training script on scikit-learn's digits: no search, no PyGlove.

This is the "existing project" that `pytorch_digits.py` makes searchable (paper
Table 1 and Appendix B.5): compare the two files to see what dropping PyGlove
into a training script costs. It trains a small CNN on the 8x8 digits images
bundled with scikit-learn and prints its test accuracy.

Run:
    python examples/pytorch_digits_baseline.py             # 10 epochs
    python examples/pytorch_digits_baseline.py --epochs 3  # a quick run
"""
from __future__ import annotations

import argparse

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


def cnn(channels: int = 16, kernel_size: int = 3) -> nn.Module:
  """A convolution, a 2x2 max pool and a linear classifier."""
  return nn.Sequential(
      nn.Conv2d(1, channels, kernel_size, padding=kernel_size // 2), nn.ReLU(),
      nn.MaxPool2d(2), nn.Flatten(), nn.Linear(channels * 16, 10))


def mlp(hidden: int = 64) -> nn.Module:
  """A one-hidden-layer perceptron on the flattened pixels."""
  return nn.Sequential(nn.Flatten(), nn.Linear(64, hidden), nn.ReLU(),
                       nn.Linear(hidden, 10))


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


def main(argv=None) -> float:
  """Trains the fixed model once; returns its test accuracy."""
  parser = argparse.ArgumentParser(  # --help ends with the docstring's quick runs.
      description=__doc__.splitlines()[0], epilog=__doc__[__doc__.index('Run:'):],
      formatter_class=argparse.RawDescriptionHelpFormatter)
  parser.add_argument('--epochs', type=int, default=10,
                      help='training epochs (default: %(default)s)')
  parser.add_argument('--threads', type=int, default=1,
                      help='torch threads; models this small gain nothing from more '
                           '(default: %(default)s)')
  args = parser.parse_args(argv)
  torch.set_num_threads(args.threads)

  data = load_data()
  accuracy = train_and_eval(data, cnn, epochs=args.epochs)
  print(f'test accuracy: {accuracy:.4f}')
  return accuracy


if __name__ == '__main__':
  main()
