"""The README's code runs as written, and its tour's algorithm settings beat random search."""
from __future__ import annotations

import importlib.util
import os
import pathlib
import re
import statistics
import subprocess
import sys
from typing import Any

import pytest

_ROOT = pathlib.Path(__file__).parents[1]
_README = _ROOT / 'README.md'
_BLOCKS = re.findall(r'```python\n(.*?)```', _README.read_text(), flags=re.S)
# A block whose first line names a file (`# search.py: ...`) is a script: it is
# written to that file and run with `python`, as its reader would.
_SCRIPT = re.compile(r'# (\w+\.py):')


def _missing_requirement(block: str) -> str | None:
  """Why a block cannot run on this machine (an extra or a server it needs), or None."""
  code = re.sub(r'#.*', '', block)  # What the comments mention is not run.
  if 'plot_history' in code and importlib.util.find_spec('matplotlib') is None:
    return 'matplotlib (the plot extra) is not installed'
  if "backend='postgres'" in code:
    if importlib.util.find_spec('psycopg') is None:
      return 'psycopg (the postgres extra) is not installed'
    from pyglove.tuning.backends import _local_postgres  # pylint: disable=g-import-not-at-top
    if _local_postgres.find_bindir() is None:
      return "PostgreSQL's server is not installed"
  return None


@pytest.fixture(scope='module')
def readme_run(tmp_path_factory) -> dict[str, Any]:
  """Runs every block in order (scripts apart), in one directory and namespace.

  Each block's outcome is ('ran', a script's output or None), ('skipped', why)
  or ('failed', the exception).
  """
  workdir = tmp_path_factory.mktemp('readme')
  namespace = {'evaluate': lambda model: float(len(str(model)))}
  outcomes: dict[int, tuple[str, Any]] = {}
  cwd = os.getcwd()
  os.chdir(workdir)
  try:
    for i, block in enumerate(_BLOCKS):
      reason = _missing_requirement(block)
      if reason:
        outcomes[i] = ('skipped', reason)
        continue
      try:
        script = _SCRIPT.match(block)
        if script:
          (workdir / script.group(1)).write_text(block)
          outcomes[i] = ('ran', subprocess.run(
              [sys.executable, script.group(1)], cwd=workdir, capture_output=True, text=True,
              timeout=300, check=True, env={**os.environ, 'PYTHONPATH': str(_ROOT)}).stdout)
        else:
          code = compile(block, f'README.md block {i}', 'exec')
          exec(code, namespace)  # pylint: disable=exec-used
          outcomes[i] = ('ran', None)
      except Exception as e:  # pylint: disable=broad-except
        outcomes[i] = ('failed', e)
  finally:
    os.chdir(cwd)
  return {'namespace': namespace, 'outcomes': outcomes, 'workdir': workdir}


@pytest.mark.parametrize('index', range(len(_BLOCKS)),
                         ids=[f'block{i}' for i in range(len(_BLOCKS))])
def test_readme_block_runs(readme_run, index):
  """Each ```python block runs (after the ones above it); one needing a missing extra skips."""
  state, detail = readme_run['outcomes'][index]
  if state == 'skipped':
    pytest.skip(detail)
  if isinstance(detail, subprocess.CalledProcessError):
    raise AssertionError(f'README block {index} failed:\n{detail.stderr}') from detail
  if state == 'failed':
    raise detail


def test_the_tour_builds_what_it_says(readme_run):
  """The tour's space has 4 decision points, S3 has 36 programs, and the model was saved."""
  namespace = readme_run['namespace']
  pg = namespace['pg']
  assert len(pg.dna_spec(namespace['space']).decision_points) == 4
  assert pg.dna_spec(namespace['s3']).space_size == 36
  assert (readme_run['workdir'] / 'model.json').exists()


def test_the_how_tos_leave_what_they_describe(readme_run):
  """The studies hold their trials, the plot and databases exist, the workers shared one study."""
  namespace, workdir = readme_run['namespace'], readme_run['workdir']
  pg = namespace['pg']
  assert len(pg.poll_result('lr-search').completed_trials) == 60
  assert namespace['best_hparams'] == pg.materialize(
      namespace['hparams'], pg.poll_result('lr-search').best_trial.dna)
  assert (workdir / 'study.db').exists()
  if importlib.util.find_spec('matplotlib') is not None:
    assert (workdir / 'history.png').read_bytes()[:4] == b'\x89PNG'
  script_out = next(out for i, (_, out) in readme_run['outcomes'].items()
                    if _SCRIPT.match(_BLOCKS[i]))
  assert 'restarts per worker: [0, 0, 0, 0]' in script_out
  result = pg.poll_result('shared', backend='sqlite', path=str(workdir / 'workers.db'))
  assert len(result.completed_trials) == 100


def test_the_tour_algorithm_beats_random_search_at_the_tour_budget():
  """The tour's evolution settings beat random search at its budget on a NAS-like benchmark."""
  tour = next(block for block in _BLOCKS if 'evolution = ' in block)
  expression = re.search(r'^evolution = (.*)$', tour, flags=re.M).group(1)
  budget = int(re.search(r'num_examples=(\d+)', tour).group(1))
  spec = importlib.util.spec_from_file_location(
      'search_problems', _ROOT / 'benchmarks' / 'search_problems.py')
  problems = importlib.util.module_from_spec(spec)
  spec.loader.exec_module(problems)
  problem = problems.nas_problem()
  import pyglove as pg  # pylint: disable=g-import-not-at-top

  def mean_best(make):
    bests = []
    for seed in range(8):
      algorithm, best = make(seed), float('-inf')
      algorithm.setup(problem.spec)
      for _ in range(budget):
        dna = algorithm.propose()
        reward = problem.reward(dna)
        algorithm.feedback(dna, reward)
        best = max(best, reward)
      bests.append(best)
    return statistics.fmean(bests)

  tour_algorithm = lambda seed: eval(  # pylint: disable=eval-used
      expression.replace('seed=1', f'seed={seed}'), {'pg': pg})
  assert mean_best(tour_algorithm) > mean_best(lambda seed: pg.geno.Random(seed=seed)) + 0.05


def test_readme_starts_with_the_two_commands():
  """The main-job command and the test command come first."""
  commands = re.findall(r'^    (python3 -m venv .*)$', _README.read_text(), flags=re.M)
  assert 'examples/quickstart.py' in commands[0]
  assert 'pytest' in commands[1]
