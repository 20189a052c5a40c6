"""The package's metadata tells the truth: its license file, the Pythons CI tests, the extras."""
from __future__ import annotations

import pathlib
import re
import sys

import pytest

_ROOT = pathlib.Path(__file__).parents[1]
# Reading TOML needs Python 3.11+; the run on the newest Python checks these.
tomllib = pytest.importorskip('tomllib')


def _project() -> dict:
  return tomllib.loads((_ROOT / 'pyproject.toml').read_text())['project']


def _ci_setting(name: str) -> str:
  """Returns the value of a `NAME="..."` line of `.ci/run`."""
  match = re.search(rf'^{name}="([^"]*)"$', (_ROOT / '.ci' / 'run').read_text(), re.M)
  assert match, f'.ci/run sets no {name}'
  return match.group(1)


def test_the_license_file_is_the_license_the_metadata_names():
  """pyproject says Apache-2.0 and ships LICENSE, whose text is the Apache License 2.0."""
  project = _project()
  assert project['license'] == 'Apache-2.0'
  assert project['license-files'] == ['LICENSE']
  text = (_ROOT / 'LICENSE').read_text()
  assert 'Apache License' in text and 'Version 2.0, January 2004' in text
  assert 'END OF TERMS AND CONDITIONS' in text


def test_ci_tests_the_oldest_python_the_package_claims():
  """requires-python's lower bound is the Python CI runs the tests on besides the newest."""
  claimed = re.fullmatch(r'>=(\d+\.\d+)', _project()['requires-python'])
  assert claimed, _project()['requires-python']
  assert _ci_setting('OLDEST_PYTHON') == claimed.group(1)
  assert sys.version_info >= tuple(map(int, claimed.group(1).split('.')))


def test_ci_installs_only_extras_that_exist():
  """Both CI runs name extras pyproject defines; the full run installs all (maybe not `bench`)."""
  extras = set(_project()['optional-dependencies'])
  full = set(_ci_setting('EXTRAS').split(','))
  oldest = set(_ci_setting('OLDEST_EXTRAS').split(','))
  assert full <= extras and oldest <= extras
  assert extras - full <= {'bench'}


def test_the_examples_extra_has_what_the_examples_import():
  """The examples extra brings torch, scikit-learn and matplotlib (search_flows plots)."""
  names = {re.match(r'[A-Za-z0-9_-]+', requirement).group(0)
           for requirement in _project()['optional-dependencies']['examples']}
  assert names == {'torch', 'scikit-learn', 'matplotlib'}
