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
import re
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
_STATE_VERSION = 2

# Kinds of events, in the order the generator saw them.
_PROPOSE = 'propose'
_FEEDBACK = 'feedback'

# The candidate marks of a conditional decision's id ('layers[1][=0/2].filters').
_CANDIDATE_MARK = re.compile(r'\[=\d+/\d+\]')


class _Trial:
  """One suggestion: its position, Ray trial id, DNA, and (once done) reward or None."""

  __slots__ = ('index', 'trial_id', 'dna', 'reward', 'done')

  def __init__(self, index: int, trial_id: str, dna: geno.DNA,
               reward: Any = None, done: bool = False) -> None:
    self.index = index
    self.trial_id = trial_id
    self.dna = dna
    self.reward = reward
    self.done = done


class RaySearcher(Searcher):
  """A Ray Tune `Searcher` that proposes trials with any pg DNA generator.

  Each suggestion is a config ``{'dna': <DNA JSON>, 'decisions': {name:
  value}}`` merged into the Tuner's `param_space`. The decisions are for
  Ray's result tables: a decision is named by its name or key path without
  the candidate marks of conditional ids (``layers[1].filters``, not
  ``layers[1][=0/2].filters``), and valued by its literal value (a long one
  is shortened, e.g. ``Conv(...)``). Inside the trainable,
  `pg.tuning.ray_example(config, space)` turns it back into the child
  program. The metric of each completed trial is fed back to the generator
  exactly once (negated for ``mode='min'``: generators maximize); an errored
  trial, or one that reports no finite value of the metric, is fed nothing.

  `save`/`restore` keep every suggestion (DNA, reward, pending or done) and
  the order in which the generator proposed and was fed back, as JSON;
  restoring replays those calls in that order on a fresh generator. So
  after `Tuner.restore` the trials Ray resumes are not suggested again but
  fed back when they complete, and any seeded generator (evolution, PPO
  with trials in flight, ...) continues exactly as the interrupted run
  would have. Works under `ConcurrencyLimiter`.

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
    # What the generator was told, in order: (kind, index in _trials).
    self._events: list[tuple[str, int]] = []

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
    trial = _Trial(len(self._trials), trial_id, dna)
    self._events.append((_PROPOSE, trial.index))
    self._trials.append(trial)
    self._by_id[trial_id] = trial
    return {'dna': dna.to_json(), 'decisions': readable_decisions(dna)}

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
      self._events.append((_FEEDBACK, trial.index))

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
    """Writes every suggestion (trial id, DNA, reward, done) and the order of events to JSON."""
    state = {
        'version': _STATE_VERSION,
        'algorithm': type(self._algorithm).__name__,
        'decision_ids': [str(i) for i in self._dna_spec.decision_ids],
        'trials': [[t.trial_id, t.dna.to_json(), _reward_to_json(t.reward),
                    t.done] for t in self._trials],
        'events': [list(e) for e in self._events],
    }
    with open(checkpoint_path, 'w', encoding='utf-8') as f:
      json.dump(state, f)

  def restore(self, checkpoint_path: str) -> None:
    """Reads a `save` file and replays its proposals and feedback on a fresh generator.

    The calls are replayed in the order they happened, so a seeded
    generator reaches the very state it had. Pending trials stay pending:
    their completions after a `Tuner.restore` are fed back as usual. A
    generator that proposes differently on replay (it is not seeded, or not
    deterministic given its seed) keeps the logged DNA, with a warning.

    Raises:
      ValueError: the file was written by another version of this class,
        for another space or another kind of generator, or holds a DNA that
        does not fit the space or events that do not fit its trials.
    """
    try:
      with open(checkpoint_path, encoding='utf-8') as f:
        state = json.load(f)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
      raise ValueError(
          f'RaySearcher.restore: {checkpoint_path!r} is not a RaySearcher '
          f'checkpoint of version {_STATE_VERSION}; it is not JSON ({e}).'
      ) from None
    self._check_state(state, checkpoint_path)
    trials = [
        _Trial(i, trial_id, geno.DNA.from_json(dna).use_spec(self._dna_spec),
               _reward_from_json(reward), done)
        for i, (trial_id, dna, reward, done) in enumerate(state['trials'])
    ]
    events = [tuple(e) for e in state['events']]
    self._algorithm.setup(self._dna_spec)
    self._replay(trials, events, checkpoint_path)
    self._trials = trials
    self._by_id = {t.trial_id: t for t in trials}
    self._events = events

  def _replay(self, trials: list[_Trial], events: list[tuple[Any, ...]],
              path: str) -> None:
    proposed = 0
    diverged = False
    for event in events:
      kind, index = event if len(event) == 2 else (None, None)
      in_order = (kind == _PROPOSE and index == proposed) or (
          kind == _FEEDBACK and isinstance(index, int)
          and 0 <= index < proposed and trials[index].reward is not None)
      if not in_order:
        raise ValueError(
            f'RaySearcher.restore: {path!r} has event {list(event)!r} out of '
            f'order with its {len(trials)} trials.')
      trial = trials[index]
      if kind == _PROPOSE:
        dna = self._algorithm.propose()
        if dna == trial.dna:
          trial.dna = dna  # Feed back the very object proposed.
        else:
          diverged = True
        proposed += 1
      else:
        self._algorithm.feedback(trial.dna, trial.reward)
    if proposed != len(trials):
      raise ValueError(
          f'RaySearcher.restore: {path!r} records {proposed} proposal(s) for '
          f'{len(trials)} trial(s).')
    if diverged:
      _LOG.warning(
          'RaySearcher.restore: %s proposed other DNA than the checkpoint '
          'records (give it a seed for an exact restore); it continues from '
          'the logged history.', type(self._algorithm).__name__)

  def _check_state(self, state: Any, path: str) -> None:
    version = state.get('version') if isinstance(state, dict) else None
    if (version != _STATE_VERSION or not isinstance(state.get('trials'), list)
        or not isinstance(state.get('events'), list)):
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


def readable_decisions(dna: geno.DNA) -> dict[str, Any]:
  """The decisions of a DNA by readable name, for result tables.

  A decision's name is its own, or its key path without the candidate marks
  of conditional decisions; its value is its literal value, shortened when
  long. Two decisions of one DNA that would share a name keep their ids.

  Example:
    >>> spec = pg.dna_spec(pg.Dict(act=pg.oneof(['relu', 'tanh']),
    ...                            lr=pg.floatv(0.1, 1.0)))
    >>> readable_decisions(pg.DNA([1, 0.5]).use_spec(spec))
    {'act': 'tanh', 'lr': 0.5}
  """
  named: dict[str, list[tuple[str, Any]]] = {}
  for key, value in dna.to_dict(key_type='name_or_id',
                                value_type='literal').items():
    key = str(key)
    named.setdefault(_CANDIDATE_MARK.sub('', key), []).append(
        (key, _readable(value)))
  decisions = {}
  for name, entries in named.items():
    if len(entries) == 1:
      decisions[name] = entries[0][1]
    else:
      decisions.update(entries)
  return decisions


def _readable(value: Any) -> Any:
  if not isinstance(value, str) or len(value) <= 40:
    return value
  head = value.split('(', 1)[0]
  return f'{head}(...)' if head != value else f'{value[:37]}...'


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
