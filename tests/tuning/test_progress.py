"""Tests of the progress bar of pg.sample(progress=True)."""
from __future__ import annotations

import builtins
import importlib
import io

from pyglove import geno
from pyglove.tuning import Measurement
from pyglove.tuning import Trial
from pyglove.tuning._progress import Progress


def _trial(i, reward=None, infeasible=False):
  status = 'PENDING' if reward is None and not infeasible else 'COMPLETED'
  measurements = [] if reward is None else [Measurement(reward)]
  return Trial(i, geno.DNA(0), 0.0, status=status, infeasible=infeasible,
               measurements=measurements)


def test_plain_line_counts_completed_trials_and_best_reward():
  """Without tqdm, a line shows trials done out of the total and the best reward."""
  stream = io.StringIO()
  bar = Progress(5, ['reward'], 'search', stream=stream, use_tqdm=False)
  bar.update(_trial(1, 0.5))
  bar.update(_trial(2))                    # still pending: not counted
  bar.update(_trial(3, infeasible=True))   # skipped: counted, no reward
  bar.update(_trial(4, 0.25))
  bar.close()
  assert (bar.completed, bar.best) == (3, 0.5)
  lines = stream.getvalue().split('\r')
  assert lines[-1] == 'search: 3/5 trials, best reward=0.5\n'


def test_plain_line_without_total_or_completions():
  """An unbounded loop shows no total; nothing is written before a completion."""
  stream = io.StringIO()
  bar = Progress(None, ['acc', 'speed'], 'pg.sample', stream=stream,
                 use_tqdm=False)
  bar.close()
  assert stream.getvalue() == '' and bar.best is None
  bar.update(Trial(1, geno.DNA(0), 0.0, status='COMPLETED', infeasible=True))
  assert stream.getvalue() == '\rpg.sample: 1 trials, best acc=n/a'


def test_tqdm_bar_is_used_when_installed():
  """With tqdm, the bar counts trials and shows the best value as postfix."""
  stream = io.StringIO()
  bar = Progress(2, ['reward'], 'study', stream=stream)
  bar.update(_trial(1, 3.0))
  bar.update(_trial(2, 1.0))
  bar.close()
  out = stream.getvalue()
  assert 'study' in out and '2/2' in out and 'best reward=3' in out


def test_falls_back_to_a_plain_line_without_tqdm(monkeypatch):
  """If tqdm cannot be imported, the plain line is written instead."""
  real_import = builtins.__import__

  def no_tqdm(name, *args, **kwargs):
    if name == 'tqdm':
      raise ImportError(name)
    return real_import(name, *args, **kwargs)

  monkeypatch.setattr(builtins, '__import__', no_tqdm)
  stream = io.StringIO()
  bar = Progress(1, ['reward'], 'search', stream=stream)
  bar.update(_trial(1, 2.0))
  bar.close()
  assert stream.getvalue() == '\rsearch: 1/1 trials, best reward=2\n'


def test_docstring_examples_run(run_doctests):
  """The module's docstring examples run as written."""
  run_doctests(importlib.import_module('pyglove.tuning._progress'))
