"""Runs examples/pytorch_digits.py (the baseline made searchable) on a small budget."""
import ast
import difflib
import importlib.util
import pathlib
import re

import pytest

pytest.importorskip('torch')
pytest.importorskip('sklearn')

_EXAMPLES = pathlib.Path(__file__).parents[2] / 'examples'
_PATH = _EXAMPLES / 'pytorch_digits.py'


def _load():
  spec = importlib.util.spec_from_file_location('pytorch_digits_example', _PATH)
  module = importlib.util.module_from_spec(spec)
  spec.loader.exec_module(module)
  return module


def _code_lines(path):
  """Returns the lines of a module after its docstring."""
  text = path.read_text()
  return text.splitlines()[ast.parse(text).body[0].end_lineno:]


def test_search_finds_a_model_better_than_its_worst_trial(capsys):
  """The search runs its trials; the best accuracy beats the worst and is well above chance."""
  accuracies = _load().main(['--trials', '8', '--epochs', '3', '--threads', '1'])
  assert len(accuracies) == 8
  assert max(accuracies) > min(accuracies)
  assert max(accuracies) > 0.85
  out = capsys.readouterr().out
  assert f'best validation accuracy: {max(accuracies):.4f} of 8 trials' in out
  assert 'train_and_eval(' in out and 'MISSING_VALUE' not in out
  test_accuracy = float(re.search(r'its test accuracy, retrained on all the training data: '
                                  r'([0-9.]+)', out).group(1))
  assert test_accuracy > 0.85


def test_trials_are_scored_on_validation_digits_not_the_test_split():
  """A trial's accuracy counts right answers among the 300 validation digits, not the 599 tests."""
  accuracies = _load().main(['--trials', '3', '--epochs', '1', '--threads', '1'])
  for accuracy in accuracies:
    assert abs(accuracy * 300 - round(accuracy * 300)) < 1e-3, accuracy


def test_docstring_reports_the_true_size_of_the_diff_against_the_baseline():
  """The added/removed line counts quoted in the docstring match a fresh diff of the two scripts."""
  baseline = _code_lines(_EXAMPLES / 'pytorch_digits_baseline.py')
  searchable = _code_lines(_PATH)
  changes = [line for line in difflib.unified_diff(baseline, searchable, lineterm='', n=0)
             if line[:1] in '+-' and not line.startswith(('+++', '---'))]
  added = sum(line.startswith('+') for line in changes)
  removed = len(changes) - added
  doc = ' '.join(ast.get_docstring(ast.parse(_PATH.read_text())).split())
  claim = re.search(r"baseline's (\d+) lines of code adds (\d+) lines and removes (\d+)", doc)
  assert claim is not None
  assert tuple(map(int, claim.groups())) == (len(baseline), added, removed)
  assert added + removed < len(baseline) / 2


def test_a_bound_trainer_trains_when_called_with_the_data():
  """A trainer functor bound to a model trains when called with the data, deterministically."""
  module = _load()
  data = module.load_data()
  trainer = module.train_and_eval(model_fn=module.mlp(32), epochs=1)
  accuracy = trainer(data)
  assert 0.1 < accuracy <= 1.0
  assert trainer(data) == accuracy
