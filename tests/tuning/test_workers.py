"""run_workers: independent worker processes, restarted when they die."""
from __future__ import annotations

import os
import signal

import pytest

import pyglove as pg
from pyglove import geno
from pyglove.tuning import WorkerError
from pyglove.tuning import run_workers


def write_index(index, directory, suffix=''):
  """Records that worker `index` ran, with its arguments."""
  with open(os.path.join(directory, f'{index}{suffix}'), 'w') as f:
    f.write('ran')


def die_once(index, directory, how):
  """Dies on the first run (exit code 3 or SIGKILL), succeeds on the second."""
  marker = os.path.join(directory, f'died-{index}')
  if not os.path.exists(marker):
    open(marker, 'w').close()
    if how == 'kill':
      os.kill(os.getpid(), signal.SIGKILL)
    os._exit(3)  # pylint: disable=protected-access
  write_index(index, directory)


def always_die(index):
  """Never succeeds."""
  raise RuntimeError(f'worker {index} fails')


def search_and_die_once(index, path, directory):
  """A search worker that is SIGKILLed while holding its first trial."""
  marker = os.path.join(directory, f'died-{index}')
  space = geno.Space([geno.Float(0.0, 1.0, location='x')])
  for dna, feedback in pg.sample(space, geno.Random(seed=1), name='s',
                                 group=f'w{index}', num_examples=6,
                                 backend='sqlite', path=path, lease_secs=600.0):
    if not os.path.exists(marker):
      with open(marker, 'w') as f:
        f.write(str(feedback.id))
      os.kill(os.getpid(), signal.SIGKILL)
    feedback(dna.value)


class TestRunWorkers:
  """Starting, restarting and giving up on workers."""

  def test_each_worker_runs_once_with_its_index(self, tmp_path):
    """Every index runs once with the given arguments; no restarts."""
    assert run_workers(write_index, 3, args=(os.fspath(tmp_path),),
                       kwargs={'suffix': '.done'}) == [0, 0, 0]
    assert sorted(os.listdir(tmp_path)) == ['0.done', '1.done', '2.done']

  @pytest.mark.parametrize('how', ['exit', 'kill'])
  def test_dead_worker_is_restarted_with_its_index(self, tmp_path, how):
    """A worker that exits non-zero or is killed runs again with the same index."""
    assert run_workers(die_once, 2, args=(os.fspath(tmp_path), how)) == [1, 1]
    assert os.path.exists(tmp_path / '0') and os.path.exists(tmp_path / '1')

  def test_gives_up_after_max_restarts(self):
    """A worker that keeps dying raises WorkerError naming its exit code."""
    with pytest.raises(WorkerError, match=r'died after 1 restart.*\{0: 1\}'):
      run_workers(always_die, 1, max_restarts=1)

  def test_restarted_search_worker_resumes_its_trial(self, tmp_path):
    """A search worker killed mid-trial resumes that trial at once on restart."""
    path = os.fspath(tmp_path / 'search.db')
    assert run_workers(search_and_die_once, 2,
                       args=(path, os.fspath(tmp_path))) == [1, 1]
    result = pg.poll_result('s', backend='sqlite', path=path)
    assert [t.id for t in result.trials] == list(range(1, 7))
    assert all(t.is_completed and not t.infeasible for t in result.trials)
    assert all(t.final_measurement.reward == t.dna.value for t in result.trials)


class TestArguments:
  """Bad arguments are refused before any process starts."""

  def test_fn_must_be_callable(self):
    """A non-callable fn raises TypeError."""
    with pytest.raises(TypeError, match='callable fn; got 3'):
      run_workers(3, 1)

  @pytest.mark.parametrize('kwargs, error, message', [
      ({'num_workers': 1.5}, TypeError, 'num_workers must be an int; got 1.5'),
      ({'num_workers': 0}, ValueError, 'num_workers must be >= 1; got 0'),
      ({'num_workers': 1, 'max_restarts': -1}, ValueError,
       'max_restarts must be >= 0; got -1'),
      ({'num_workers': 1, 'start_method': 'fork'}, ValueError,
       "start_method must be 'spawn' or 'forkserver'"),
  ])
  def test_bad_counts_and_start_method(self, kwargs, error, message):
    """Counts of the wrong type or range, and the fork start method, are refused."""
    with pytest.raises(error, match=message):
      run_workers(write_index, **kwargs)
