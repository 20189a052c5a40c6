"""Ray Tune integration (the `ray` extra): `RaySearcher` runs a pg generator inside Ray Tune.

This module imports Ray at import time; `pyglove.tuning` imports it only when
`pg.tuning.RaySearcher` or `pg.tuning.ray_example` is first used, so
`import pyglove` never needs Ray.
"""
from __future__ import annotations

import json
import logging
import math
import numbers
from typing import Any, Mapping, Sequence

try:
  from ray.tune.search import Searcher
  from ray.tune.search.sample import Domain
except ImportError as e:
  raise ImportError(
      "pg.tuning.RaySearcher needs Ray Tune, which is not installed; install "
      "the 'ray' extra: pip install 'pyglove[ray]'.") from e

from pyglove import geno
from pyglove.tuning._space import resolve_space

_LOG = logging.getLogger(__name__)

# Bumped when the checkpoint layout changes, so an old file is refused clearly.
_STATE_VERSION = 1


class _Trial:
  """One suggestion: its Ray trial id, DNA, and (once done) reward or None."""

  __slots__ = ('trial_id', 'dna', 'reward', 'done')

  def __init__(self, trial_id: str, dna: geno.DNA, reward: Any = None,
               done: bool = False) -> None:
    self.trial_id = trial_id
    self.dna = dna
    self.reward = reward
    self.done = done


class RaySearcher(Searcher):
  """A Ray Tune `Searcher` that proposes trials with any pg DNA generator.

  Each suggestion is a config ``{'dna': <DNA JSON>, 'decisions': {name or id:
  value}}`` (the values are choice indices and numbers, for Ray's result
  tables), merged into the Tuner's `param_space`; inside the trainable,
  `pg.tuning.ray_example(config, space)` turns it back into the child
  program. The metric of each completed trial is fed back to the generator
  exactly once (negated for ``mode='min'``: generators maximize); an errored
  trial, or one that reports no finite value of the metric, is fed nothing.

  `save`/`restore` keep every suggestion (DNA, reward, pending or done) as
  JSON, and restoring replays them with the generator's `recover`. So after
  `Tuner.restore` the trials Ray resumes are not suggested again but fed
  back when they complete, and a seeded generator whose proposals do not
  depend on rewards (`Random`, `Sweeping`) continues exactly where the
  interrupted run stopped; others continue from the state of a sequential
  run over the same history. Works under `ConcurrencyLimiter`.

  Example:
    >>> import tempfile
    >>> from ray import tune
    >>> space = pg.Dict(x=pg.oneof([1, 2, 3]), y=pg.floatv(0.0, 1.0))
    >>> def trainable(config):
    ...   example = pg.tuning.ray_example(config, space)
    ...   return {'reward': example.x * example.y}
    >>> searcher = pg.tuning.RaySearcher(space, pg.geno.Random(seed=1))
    >>> tuner = tune.Tuner(
    ...     trainable,
    ...     tune_config=tune.TuneConfig(
    ...         search_alg=tune.search.ConcurrencyLimiter(searcher, 2),
    ...         num_samples=4),
    ...     run_config=tune.RunConfig(storage_path=tempfile.mkdtemp(),
    ...                               verbose=0))
    >>> len(tuner.fit())
    4
  """

  def __init__(self, space: Any, algorithm: geno.DNAGenerator | None = None,
               metric: str | Sequence[str] = 'reward',
               mode: str | Sequence[str] = 'max') -> None:
    """Sets the generator up on the space.

    Args:
      space: what to search, as for `pg.sample`: a symbolic value with hyper
        values, a `pg.DNASpec`, or a define-by-run function.
      algorithm: a `pg.DNAGenerator` (set up afresh here); default
        `pg.geno.Random()`. Give it a seed for reproducible restores.
      metric: the result key to optimize, or a list of keys for a
        multi-objective generator; a Tuner's `TuneConfig(metric=...)`
        replaces it.
      mode: 'max' or 'min' (or one per metric); `TuneConfig(mode=...)`
        replaces it.

    Raises:
      TypeError: `algorithm` is not a DNA generator, or `metric`/`mode` have
        the wrong type.
      ValueError: a `mode` other than 'max'/'min', a metric list for a
        single-objective generator (or one metric for a multi-objective one),
        or a generator that rejects the space.
    """
    if algorithm is None:
      algorithm = geno.Random()
    elif not isinstance(algorithm, geno.DNAGenerator):
      raise TypeError(
          f'RaySearcher: algorithm must be a pg.DNAGenerator; got '
          f'{algorithm!r} of type {type(algorithm).__name__}.')
    metric, mode = _check_objective(metric, mode, algorithm.multi_objective)
    super().__init__(metric=metric, mode=mode)
    self._dna_spec, _ = resolve_space(space, None)
    self._algorithm = algorithm
    algorithm.setup(self._dna_spec)
    self._trials: list[_Trial] = []
    self._by_id: dict[str, _Trial] = {}

  @property
  def algorithm(self) -> geno.DNAGenerator:
    """The generator proposing the trials."""
    return self._algorithm

  @property
  def history(self) -> list[tuple[geno.DNA, Any]]:
    """Every suggestion in order: (DNA, reward, or None while pending or without one)."""
    return [(t.dna, t.reward) for t in self._trials]

  @property
  def pending_trial_ids(self) -> list[str]:
    """The Ray trial ids suggested and not completed yet."""
    return [t.trial_id for t in self._trials if not t.done]

  def set_search_properties(self, metric: str | Sequence[str] | None,
                            mode: str | Sequence[str] | None,
                            config: Mapping[str, Any], **spec: Any) -> bool:
    """Takes the Tuner's metric and mode when given; refuses a param_space with Tune domains.

    Returning False for a `param_space` holding `tune.choice(...)`-style
    domains makes Ray report that the search space belongs to the searcher.

    Raises:
      TypeError, ValueError: as in the constructor, for the metric and mode.
    """
    del spec  # Ray passes experiment details we do not need.
    if _has_domain(config):
      return False
    metric, mode = _check_objective(
        self._metric if metric is None else metric,
        self._mode if mode is None else mode,
        self._algorithm.multi_objective)
    self._metric, self._mode = metric, mode
    return True

  def suggest(self, trial_id: str) -> dict[str, Any] | str:
    """Proposes the next DNA; `Searcher.FINISHED` once the generator is exhausted."""
    try:
      dna = self._algorithm.propose()
    except StopIteration:
      return Searcher.FINISHED
    trial = _Trial(trial_id, dna)
    self._trials.append(trial)
    self._by_id[trial_id] = trial
    return {
        'dna': dna.to_json(),
        'decisions': dna.to_dict(key_type='name_or_id', value_type='value'),
    }

  def on_trial_complete(self, trial_id: str,
                        result: Mapping[str, Any] | None = None,
                        error: bool = False) -> None:
    """Feeds the trial's metric back to the generator, once per trial.

    A second completion of the same trial and a trial this searcher did not
    suggest are ignored; an errored trial or a missing or non-finite metric
    is recorded without a reward (a warning says which).

    Raises:
      TypeError: the metric's value is not a number.
    """
    trial = self._by_id.get(trial_id)
    if trial is None or trial.done:
      return
    trial.done = True
    if error or result is None:
      return
    reward = self._reward(trial_id, result)
    if reward is not None:
      self._algorithm.feedback(trial.dna, reward)
      trial.reward = reward

  def _reward(self, trial_id: str, result: Mapping[str, Any]) -> Any:
    metrics = [self._metric] if isinstance(self._metric, str) else self._metric
    modes = [self._mode] if isinstance(self._mode, str) else self._mode
    values = []
    for metric, mode in zip(metrics, modes):
      if metric not in result:
        _LOG.warning('RaySearcher: trial %s completed without metric %r '
                     '(result keys: %s); it is not fed back.',
                     trial_id, metric, sorted(result))
        return None
      value = result[metric]
      if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f'RaySearcher: trial {trial_id} reported metric {metric!r} = '
            f'{value!r} of type {type(value).__name__}; expected a number.')
      if not math.isfinite(value):
        _LOG.warning('RaySearcher: trial %s reported metric %r = %r; a '
                     'non-finite value is not fed back.', trial_id, metric,
                     value)
        return None
      values.append(float(value) if mode == 'max' else -float(value))
    return values[0] if isinstance(self._metric, str) else tuple(values)

  def save(self, checkpoint_path: str) -> None:
    """Writes every suggestion (trial id, DNA, reward, done) to a JSON file."""
    state = {
        'version': _STATE_VERSION,
        'algorithm': type(self._algorithm).__name__,
        'decision_ids': [str(i) for i in self._dna_spec.decision_ids],
        'trials': [[t.trial_id, t.dna.to_json(), _reward_to_json(t.reward),
                    t.done] for t in self._trials],
    }
    with open(checkpoint_path, 'w', encoding='utf-8') as f:
      json.dump(state, f)

  def restore(self, checkpoint_path: str) -> None:
    """Reads a `save` file and rebuilds the generator with `recover`.

    Pending trials stay pending: their completions after a `Tuner.restore`
    are fed back as usual.

    Raises:
      ValueError: the file was written by another version of this class,
        for another space or another kind of generator, or holds a DNA that
        does not fit the space.
    """
    with open(checkpoint_path, encoding='utf-8') as f:
      state = json.load(f)
    self._check_state(state, checkpoint_path)
    trials = [
        _Trial(trial_id, geno.DNA.from_json(dna).use_spec(self._dna_spec),
               _reward_from_json(reward), done)
        for trial_id, dna, reward, done in state['trials']
    ]
    self._algorithm.setup(self._dna_spec)
    self._algorithm.recover((t.dna, t.reward) for t in trials)
    self._trials = trials
    self._by_id = {t.trial_id: t for t in trials}

  def _check_state(self, state: Any, path: str) -> None:
    version = state.get('version') if isinstance(state, dict) else None
    if version != _STATE_VERSION or not isinstance(state.get('trials'), list):
      raise ValueError(
          f'RaySearcher.restore: {path!r} is not a RaySearcher checkpoint of '
          f'version {_STATE_VERSION}; got version {version!r}.')
    algorithm = type(self._algorithm).__name__
    if state.get('algorithm') != algorithm:
      raise ValueError(
          f'RaySearcher.restore: {path!r} was written by a {state.get("algorithm")} '
          f'search; this searcher runs {algorithm}.')
    ids = [str(i) for i in self._dna_spec.decision_ids]
    if state.get('decision_ids') != ids:
      raise ValueError(
          f'RaySearcher.restore: {path!r} was written for a space with '
          f'decisions {state.get("decision_ids")}; this searcher\'s space has {ids}.')


def ray_example(config: Mapping[str, Any], space: Any) -> Any:
  """Returns the example a `RaySearcher` suggestion stands for, inside a trainable.

  Args:
    config: the trial's config (as Ray passes it to the trainable).
    space: the space given to the `RaySearcher`.

  Returns:
    What `pg.sample` would yield for the DNA: the child program for a
    symbolic space, the DNA for a `pg.DNASpec`, a `pg.tuning.DynamicExample`
    for a define-by-run function.

  Raises:
    KeyError: `config` has no 'dna' entry (it was not suggested by a
      `RaySearcher`).
    ValueError: the DNA does not fit `space`.

  Example:
    >>> space = pg.Dict(x=pg.oneof([1, 2, 3]))
    >>> config = {'dna': pg.DNA(2).to_json(), 'lr': 0.1}
    >>> pg.tuning.ray_example(config, space)
    {x=3}
  """
  if 'dna' not in config:
    raise KeyError(
        f"pg.tuning.ray_example: the config has no 'dna' entry, so it was not "
        f"suggested by a pg.tuning.RaySearcher; got keys {sorted(config)}.")
  dna_spec, decode = resolve_space(space, None)
  return decode(geno.DNA.from_json(config['dna']).use_spec(dna_spec))


def _check_objective(metric: Any, mode: Any, multi_objective: bool
                     ) -> tuple[str | list[str], str | list[str]]:
  """Validates metric and mode; returns them as a str pair or as equal-length lists."""
  if isinstance(metric, str):
    if multi_objective:
      raise ValueError(
          f'RaySearcher: a multi-objective generator needs a list of metrics; '
          f'got metric={metric!r}.')
    if mode not in ('max', 'min'):
      raise ValueError(f"RaySearcher: mode must be 'max' or 'min'; got {mode!r}.")
    return metric, mode
  if (not isinstance(metric, (list, tuple)) or not metric
      or not all(isinstance(m, str) for m in metric)):
    raise TypeError(
        f'RaySearcher: metric must be a str or a non-empty list of str; got '
        f'{metric!r}.')
  if not multi_objective:
    raise ValueError(
        f'RaySearcher: a single-objective generator takes one metric; got '
        f'metric={list(metric)!r}.')
  modes = [mode] * len(metric) if isinstance(mode, str) else mode
  if (not isinstance(modes, (list, tuple)) or len(modes) != len(metric)
      or any(m not in ('max', 'min') for m in modes)):
    raise ValueError(
        f"RaySearcher: mode must be 'max', 'min' or a list of them, one per "
        f'metric {list(metric)!r}; got {mode!r}.')
  return list(metric), list(modes)


def _has_domain(config: Any) -> bool:
  if isinstance(config, Domain):
    return True
  if isinstance(config, Mapping):
    return any(_has_domain(v) for v in config.values())
  if isinstance(config, (list, tuple)):
    return any(_has_domain(v) for v in config)
  return False


def _reward_to_json(reward: Any) -> Any:
  return list(reward) if isinstance(reward, tuple) else reward


def _reward_from_json(reward: Any) -> Any:
  return tuple(reward) if isinstance(reward, list) else reward
