"""Every example's --help shows its quick runs and each flag's default."""
import ast
import importlib.util
import os
import pathlib
import re
import subprocess
import sys

import pytest

_EXAMPLES = pathlib.Path(__file__).parents[2] / 'examples'
_NEEDS = {name: ('torch', 'sklearn') for name in (
    'pytorch_digits.py', 'pytorch_digits_baseline.py', 'efficient_nas.py')}
_NO_BUDGET = {'space_transforms.py'}  # It only builds spaces, in about a second.


def _script_names():
  return sorted(p.name for p in _EXAMPLES.glob('*.py') if not p.name.startswith('_'))


def test_the_examples_named_here_exist():
  """The examples that need torch, or have no budget, are named by their current file names."""
  assert set(_NEEDS) | _NO_BUDGET <= set(_script_names())


@pytest.mark.parametrize('name', _script_names())
def test_help_shows_quick_runs_and_defaults(name):
  """--help lists the docstring's Run: commands (a quick run among them) and each flag's default."""
  for module in _NEEDS.get(name, ()):
    if importlib.util.find_spec(module) is None:
      pytest.skip(f'{name} needs {module}')
  path = _EXAMPLES / name
  result = subprocess.run([sys.executable, str(path), '--help'], capture_output=True,
                          text=True, check=True, timeout=120,
                          env={**os.environ, 'PYTHONPATH': str(_EXAMPLES.parent)})
  text = result.stdout
  docstring = ast.get_docstring(ast.parse(path.read_text()), clean=False)
  run_lines = [line.strip() for line in docstring[docstring.index('Run:'):].splitlines()[1:]
               if line.strip()]
  assert len(run_lines) >= 2
  assert name in _NO_BUDGET or any(line.endswith('# a quick run') for line in run_lines)
  assert all(line in text for line in run_lines), text
  options = re.findall(r'^  (--[a-z-]+)', text, flags=re.M)
  assert options, text
  # Each flag's help (up to the next flag) states its default.
  sections = re.split(r'^  (?=--[a-z-]+)', text[text.index('options:'):text.index('Run:')],
                      flags=re.M)[1:]
  assert len(sections) == len(options)
  for section in sections:
    assert '(default: ' in ' '.join(section.split()), section
