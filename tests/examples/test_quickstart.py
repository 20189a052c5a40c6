"""Runs examples/quickstart.py on a small budget."""
import importlib.util
import pathlib
import statistics

_PATH = pathlib.Path(__file__).parents[2] / 'examples' / 'quickstart.py'


def _load():
  spec = importlib.util.spec_from_file_location('quickstart_example', _PATH)
  module = importlib.util.module_from_spec(spec)
  spec.loader.exec_module(module)
  return module


def test_quickstart_searches_with_three_algorithms_and_learns(capsys):
  """Each algorithm runs the budget; evolution and PPO end better than random's typical trial."""
  results = _load().main(['--trials', '80', '--seed', '3'])
  assert set(results) == {'random', 'evolution', 'ppo'}
  assert all(len(r) == 80 for r in results.values())
  typical_random = statistics.median(results['random'])
  for name in ('evolution', 'ppo'):
    late = results[name][-20:]
    assert statistics.median(late) > typical_random, name
  out = capsys.readouterr().out
  assert 'best reward' in out and 'Sequential(' in out


def test_quickstart_is_deterministic_given_a_seed():
  """The same seed gives the same rewards for every algorithm."""
  module = _load()
  assert module.main(['--trials', '30', '--seed', '5']) == module.main(['--trials', '30', '--seed', '5'])
