"""run_workers: independent worker processes, restarted when they die."""
from __future__ import annotations

import os
import signal
import time

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


def die_first_times(index, directory, times, run_secs=0.0):
  """Records its start time; dies (exit code 3) on its first `times` runs, after run_secs."""
  time.sleep(run_secs)
  path = os.path.join(directory, 'starts')
  with open(path, 'a') as f:
    f.write(f'{time.time()}\n')
  with open(path) as f:
    if len(f.readlines()) <= times:
      os._exit(3)  # pylint: disable=protected-access


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
    assert run_workers(die_once, 2, args=(os.fspath(tmp_path), how),
                       restart_delay=0.0) == [1, 1]
    assert os.path.exists(tmp_path / '0') and os.path.exists(tmp_path / '1')

  def test_gives_up_after_max_restarts(self):
    """A worker that keeps dying raises WorkerError naming its exit code."""
    with pytest.raises(WorkerError, match=r'died after 1 restart.*in a row.*'
                       r'\{0: 1\}'):
      run_workers(always_die, 1, max_restarts=1, restart_delay=0.0)

  def test_restarts_back_off(self, tmp_path):
    """The delay before a restart doubles with each death in a row, up to its maximum."""
    restarts = run_workers(die_first_times, 1, args=(os.fspath(tmp_path), 4),
                           max_restarts=4, restart_delay=0.2,
                           max_restart_delay=0.5)
    starts = [float(t) for t in (tmp_path / 'starts').read_text().split()]
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    assert restarts == [4] and len(gaps) == 4
    # Waits of 0.2, 0.4, 0.5, 0.5 s (plus each process's start-up).
    assert all(gap >= min(0.2 * 2 ** i, 0.5) for i, gap in enumerate(gaps))

  def test_a_worker_that_ran_a_while_starts_its_count_afresh(self, tmp_path):
    """Deaths after a run longer than max_restart_delay are not in a row."""
    restarts = run_workers(die_first_times, 1,
                           args=(os.fspath(tmp_path), 3, 0.2), max_restarts=1,
                           restart_delay=0.0, max_restart_delay=0.1)
    assert restarts == [3]

  def test_restarted_search_worker_resumes_its_trial(self, tmp_path):
    """A search worker killed mid-trial resumes that trial at once on restart."""
    path = os.fspath(tmp_path / 'search.db')
    assert run_workers(search_and_die_once, 2,
                       args=(path, os.fspath(tmp_path)),
                       restart_delay=0.0) == [1, 1]
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
      ({'num_workers': 1, 'restart_delay': '1s'}, TypeError,
       "restart_delay must be a number of seconds; got '1s'"),
      ({'num_workers': 1, 'max_restart_delay': -1}, ValueError,
       'max_restart_delay must be >= 0; got -1'),
  ])
  def test_bad_counts_and_start_method(self, kwargs, error, message):
    """Counts of the wrong type or range, and the fork start method, are refused."""
    with pytest.raises(error, match=message):
      run_workers(write_index, **kwargs)
