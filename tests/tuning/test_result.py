"""Tests of Result: completed trials, best trial and Pareto front."""
from __future__ import annotations

import html as html_lib
import importlib

import hypothesis
from hypothesis import strategies as st

from pyglove import geno
from pyglove.tuning import Measurement
from pyglove.tuning import Result
from pyglove.tuning import Trial


def _trial(i, reward=None, status='COMPLETED', infeasible=False, **metrics):
  measurements = [] if reward is None else [Measurement(reward, metrics)]
  return Trial(i, geno.DNA(0), 0.0, status=status, infeasible=infeasible,
               measurements=measurements)


def test_completed_trials_exclude_pending_skipped_and_unmeasured():
  """Only completed, feasible trials with a measurement count as completed."""
  trials = [_trial(1, 0.5), _trial(2, 0.9, status='PENDING'),
            _trial(3, 0.1, infeasible=True), _trial(4)]
  result = Result('s', trials, ['reward'], is_active=True)
  assert [t.id for t in result.completed_trials] == [1]


def test_best_trial_has_the_highest_reward_and_the_earliest_on_ties():
  """Rewards are maximized; among equal rewards the first trial wins."""
  trials = [_trial(1, 0.5), _trial(2, 0.9), _trial(3, 0.9), _trial(4, 0.2)]
  result = Result('s', trials, ['reward'], is_active=False)
  assert result.best_trial.id == 2
  assert [t.id for t in result.pareto_front] == [2, 3]


def test_best_trial_is_none_before_any_completion():
  """A study without completed trials has no best trial and an empty front."""
  result = Result(None, [_trial(1, status='PENDING')], ['reward'], True)
  assert result.best_trial is None and result.pareto_front == []


def test_pareto_front_keeps_non_dominated_trials():
  """With two metrics, dominated trials leave the front."""
  trials = [_trial(1, 1.0, speed=1.0), _trial(2, 2.0, speed=0.5),
            _trial(3, 0.5, speed=0.5), _trial(4, 0.5, speed=3.0)]
  result = Result('s', trials, ['reward', 'speed'], False)
  assert [t.id for t in result.pareto_front] == [1, 2, 4]
  assert result.best_trial.id == 2


def test_repr_summarizes_the_study():
  """The repr gives the name, counts, activity and best trial."""
  result = Result('s', [_trial(1, 1.0)], ['reward'], False, {'k': 1})
  assert repr(result).startswith(
      "Result(name='s', trials=1, completed=1, is_active=False, best_trial=Trial(id=1")
  assert result.metadata == {'k': 1}


@hypothesis.given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)),
                           min_size=1, max_size=30))
def test_pareto_front_matches_the_definition(points):
  """The front is exactly the trials no other trial dominates."""
  trials = [_trial(i + 1, float(a), m=float(b)) for i, (a, b) in enumerate(points)]
  front = {t.id for t in Result('s', trials, ['reward', 'm'], False).pareto_front}

  def dominated(p):
    return any(q[0] >= p[0] and q[1] >= p[1] and q != p for q in points)

  assert front == {i + 1 for i, p in enumerate(points) if not dominated(p)}


def test_docstring_examples_run(run_doctests):
  """The module's docstring examples run as written."""
  run_doctests(importlib.import_module('pyglove.tuning._result'))


def test_a_result_displays_in_notebooks_as_a_tree_of_its_trials():
  """_repr_html_ shows the best trial and every trial, each with its fields and key paths."""
  result = Result('s', [_trial(1, 0.5), _trial(2, 0.9, acc=0.7)], ['reward'], is_active=False)
  html = result._repr_html_()  # pylint: disable=protected-access
  for path in ('name', 'best_trial', 'best_trial.id', 'best_trial.measurements[0].reward',
               'best_trial.measurements[0].metrics.acc', 'trials[0].status', 'trials[1].dna'):
    assert f'data-path="{path}"' in html, path
  # The best trial's one-line preview, as its summary shows it when collapsed.
  assert "(id=2, dna=DNA(0), status='COMPLETED'" in html_lib.unescape(html)
