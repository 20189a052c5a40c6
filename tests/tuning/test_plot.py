"""Tests of pg.tuning.plot_history."""
from __future__ import annotations

import builtins
import importlib
import importlib.util

import pytest

from pyglove import geno
from pyglove.tuning import Measurement
from pyglove.tuning import Result
from pyglove.tuning import Trial
from pyglove.tuning import plot_history

# The plot needs the `plot` extra; without it only the missing-import message is tested.
needs_matplotlib = pytest.mark.skipif(importlib.util.find_spec('matplotlib') is None,
                                      reason='matplotlib (the plot extra) is not installed')


def _result(rewards):
  trials = [Trial(i, geno.DNA(0), 0.0, status='COMPLETED',
                  measurements=[Measurement(r, {'acc': r / 2})])
            for i, r in enumerate(rewards, 1)]
  return Result('study', trials, ['reward'], False)


@needs_matplotlib
def test_plot_saves_rewards_and_best_so_far(tmp_path):
  """The figure has the rewards and a best-so-far line, and is saved headless."""
  path = tmp_path / 'history.png'
  fig = plot_history(_result([0.1, 0.5, 0.3, 0.9]), str(path))
  assert path.stat().st_size > 0
  ax = fig.axes[0]
  best = ax.lines[0].get_ydata()
  assert list(best) == [0.1, 0.5, 0.5, 0.9]
  assert ax.collections[0].get_offsets()[:, 1].tolist() == [0.1, 0.5, 0.3, 0.9]
  assert ax.get_title() == 'study' and ax.get_ylabel() == 'reward'


@needs_matplotlib
def test_plot_another_metric_with_a_title():
  """metric= and title= choose what is plotted and the caption."""
  fig = plot_history(_result([0.2, 0.4]), metric='acc', title='t')
  assert list(fig.axes[0].lines[0].get_ydata()) == [0.1, 0.2]
  assert fig.axes[0].get_title() == 't'


@needs_matplotlib
def test_plot_of_a_metric_not_reported_is_a_value_error():
  """A metric that completed trials lack raises ValueError naming it."""
  with pytest.raises(ValueError, match="Cannot plot metric 'speed'"):
    plot_history(_result([0.2]), metric='speed')


def test_missing_matplotlib_names_the_extra(monkeypatch):
  """Without matplotlib, the ImportError says which extra to install."""
  real_import = builtins.__import__

  def no_matplotlib(name, *args, **kwargs):
    if name.startswith('matplotlib'):
      raise ImportError(name)
    return real_import(name, *args, **kwargs)

  monkeypatch.setattr(builtins, '__import__', no_matplotlib)
  with pytest.raises(ImportError, match=r'pyglove\[plot\]'):
    plot_history(_result([0.2]))


@needs_matplotlib
def test_docstring_examples_run(run_doctests):
  """The module's docstring examples run as written."""
  run_doctests(importlib.import_module('pyglove.tuning._plot'))
