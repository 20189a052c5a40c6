"""Runs examples/pytorch_digits_baseline.py, the plain PyTorch script, on a small budget."""
import importlib.util
import pathlib

import pytest

pytest.importorskip('torch')
pytest.importorskip('sklearn')

_PATH = pathlib.Path(__file__).parents[2] / 'examples' / 'pytorch_digits_baseline.py'


def _load():
  spec = importlib.util.spec_from_file_location('pytorch_digits_baseline_example', _PATH)
  module = importlib.util.module_from_spec(spec)
  spec.loader.exec_module(module)
  return module


def test_baseline_trains_a_cnn_well_above_chance(capsys):
  """Three epochs of the fixed CNN classify most held-out digits, and the accuracy is printed."""
  accuracy = _load().main(['--epochs', '3', '--threads', '1'])
  assert 0.8 < accuracy <= 1.0
  assert f'test accuracy: {accuracy:.4f}' in capsys.readouterr().out


def test_load_data_holds_out_a_third_of_the_digits():
  """The split holds 2/3 and 1/3 of the 1797 images, shaped 1x8x8 with pixels in [0, 1]."""
  train_x, train_y, test_x, test_y = _load().load_data()
  assert len(train_x) == len(train_y) == 1198 and len(test_x) == len(test_y) == 599
  assert tuple(train_x.shape[1:]) == (1, 8, 8)
  assert float(train_x.min()) == 0.0 and float(train_x.max()) == 1.0


def test_training_is_deterministic_given_the_seed():
  """The same seed and data give the same accuracy; the model builders output 10 logits."""
  module = _load()
  data = module.load_data()
  first = module.train_and_eval(data, module.mlp, epochs=1)
  assert first == module.train_and_eval(data, module.mlp, epochs=1)
  assert tuple(module.cnn(8, 5)(data[0][:2]).shape) == (2, 10)
