"""Runs examples/distributed_search.py small, as a script (its workers are spawned)."""
import os
import pathlib
import subprocess
import sys

_PATH = pathlib.Path(__file__).parents[2] / 'examples' / 'distributed_search.py'


def test_killed_worker_resumes_and_the_stopped_job_completes(tmp_path):
  """A worker killed mid-trial resumes it; the resumed job ends with every trial done."""
  out = subprocess.run(
      [sys.executable, str(_PATH), '--workers', '2', '--trials', '24'],
      check=True, capture_output=True, text=True, timeout=120,
      env={**os.environ, 'TMPDIR': str(tmp_path)}).stdout
  assert 'restarts per worker: [1, 0]' in out
  killed = next(line for line in out.splitlines() if 'SIGKILLed' in line)
  trial_id = killed.split('running trial ')[1].split(';')[0]
  assert f'resumed it: Trial(id={trial_id},' in killed
  assert "status='COMPLETED'" in killed
  assert '24 trials, 24 completed, ids 1..24' in out
  assert 'best accuracy' in out
  # The study's temporary directory (and anything the workers wrote) is gone.
  assert not list(tmp_path.iterdir())
