"""`OptunaSampler`: any Optuna sampler as a search algorithm over a DNA spec."""
from __future__ import annotations

import copy
import random
from typing import Any

from pyglove import geno
from pyglove.generators import _plan
from pyglove.utils import message_on_path

# Sampler names accepted in place of a sampler object (so the generator stays
# JSON-serializable), mapped to the class names in `optuna.samplers`.
SAMPLER_NAMES = {
    'tpe': 'TPESampler',
    'random': 'RandomSampler',
    'cmaes': 'CmaEsSampler',
    'gp': 'GPSampler',
    'nsga2': 'NSGAIISampler',
    'nsga3': 'NSGAIIISampler',
    'qmc': 'QMCSampler',
}


def _import_optuna() -> Any:
  try:
    import optuna  # pylint: disable=g-import-not-at-top
  except ImportError as e:
    raise ImportError(
        f'OptunaSampler needs optuna ({e}); install it with '
        '`pip install "pyglove[optuna]"`.') from e
  return optuna


class OptunaSampler(geno.DNAGenerator):
  """Drives an Optuna sampler over a DNA spec, define-by-run.

  Each proposal is one Optuna trial: the spec's tree is walked and each
  active decision point is suggested under its id, so a conditional point is
  suggested only when its parent chooses its branch (Optuna samplers model
  each parameter from the trials where it appeared):

  - a single choice: `suggest_categorical(id, [0, 1, ...])`;
  - a multi-choice: one categorical per position `id[j]`; for distinct ones
    position j picks among the n - j candidates still free (every sequence is
    then valid), and sorted ones are sorted afterwards;
  - a float: `suggest_float`, `log=True` for 'log' scale ('rlog' is a log
    float mirrored in its range);
  - an int: `suggest_int`;
  - a custom decision point: its own `random_dna_fn`, with a
    `random.Random(seed)` of this generator.

  The study lives in memory and maximizes the reward. It is not part of the
  generator's JSON form: give the sampler by name for that, and rebuild the
  state with `recover(history)`, which replays each trial through Optuna.
  A sampler object is copied at `setup`, so clones and repeated setups start
  from the same sampler state.

  Example:
    >>> import pyglove as pg
    >>> algo = pg.generators.OptunaSampler('tpe', seed=1)

  Args:
    sampler: an `optuna.samplers.BaseSampler`, or one of the names 'tpe',
      'random', 'cmaes', 'gp', 'nsga2', 'nsga3', 'qmc' (built with `seed`
      and `sampler_kwargs`).
    seed: the seed of a named sampler and of custom decision points.
    sampler_kwargs: keyword arguments for a named sampler.

  Raises:
    ImportError: optuna is not installed (at setup).
    ValueError: an unknown sampler name, or keyword arguments given with a
      sampler object.
    TypeError: `sampler` is neither a name nor an Optuna sampler.
  """

  sampler: Any = 'tpe'
  seed: int | None = None
  sampler_kwargs: dict = {}

  def _on_bound(self) -> None:
    super()._on_bound()
    if isinstance(self.sampler, str):
      if self.sampler not in SAMPLER_NAMES:
        raise ValueError(message_on_path(
            f'Unknown Optuna sampler name {self.sampler!r}; valid names: '
            f'{", ".join(sorted(SAMPLER_NAMES))}.', self.sym_path.child('sampler')))
    elif self.sampler_kwargs:
      raise ValueError(message_on_path(
          f'sampler_kwargs apply to a sampler given by name; got a sampler object '
          f'{self.sampler!r} and sampler_kwargs={dict(self.sampler_kwargs)!r}.',
          self.sym_path.child('sampler_kwargs')))

  def _setup(self) -> None:
    optuna = _import_optuna()
    if isinstance(self.sampler, str):
      cls = getattr(optuna.samplers, SAMPLER_NAMES[self.sampler])
      sampler = cls(seed=self.seed, **dict(self.sampler_kwargs))
    elif isinstance(self.sampler, optuna.samplers.BaseSampler):
      sampler = copy.deepcopy(self.sampler)
    else:
      raise TypeError(
          f'OptunaSampler expects an optuna sampler or a sampler name; got '
          f'{self.sampler!r} of type {type(self.sampler).__name__}.')
    self._plan = _plan.Plan(self.dna_spec)
    self._study = optuna.create_study(direction='maximize', sampler=sampler)
    self._rng = random.Random(self.seed)
    # Trials asked but not told, per proposed DNA (a list: proposals may repeat).
    self._pending: dict[geno.DNA, list[int]] = {}

  def _propose(self) -> geno.DNA:
    trial = self._study.ask()
    dna = _plan.space_dna(_Suggester(trial, self._rng).space(self._plan.root))
    self._pending.setdefault(dna, []).append(trial.number)
    return dna

  def _feedback(self, dna: geno.DNA, reward: Any) -> None:
    if dna.spec is not self.dna_spec:
      self.dna_spec.validate(dna)
    numbers = self._pending.get(dna)
    if numbers:
      self._study.tell(numbers.pop(0), float(reward))
      if not numbers:
        del self._pending[dna]
      return
    # A DNA this sampler did not propose (e.g. from a log): add it as a finished trial.
    optuna = _import_optuna()
    params, distributions = dna_params(self._plan, dna)
    self._study.add_trial(optuna.trial.create_trial(
        params=params, distributions=distributions, value=float(reward)))


class _Suggester:
  """Walks the compiled spec once for a trial, suggesting each active decision."""

  def __init__(self, trial: Any, rng: random.Random):
    self.trial = trial
    self.rng = rng

  def space(self, space: _plan.SpaceNode) -> list[geno.DNA]:
    return [self.point(e) for e in space.elements]

  def point(self, node: Any) -> geno.DNA:
    kind = type(node)
    trial = self.trial
    if kind is _plan.ChoiceNode:
      n = len(node.candidates)
      i = trial.suggest_categorical(_name(node.point), list(range(n)))
      return geno.DNA(i, self.space(node.candidates[i]))
    if kind is _plan.MultiNode:
      return geno.DNA(None, [geno.DNA(i, self.space(sub.candidates[i]))
                             for sub, i in zip(node.subs, self.multi(node))])
    if kind is _plan.FloatNode:
      lo, hi = node.min_value, node.max_value
      if lo == hi:
        return geno.DNA(lo)
      if node.scale == 'rlog':
        value = hi + lo - trial.suggest_float(_name(node.point), lo, hi, log=True)
        return geno.DNA(min(max(value, lo), hi))
      return geno.DNA(trial.suggest_float(_name(node.point), lo, hi, log=node.scale == 'log'))
    if kind is _plan.IntNode:
      return geno.DNA(trial.suggest_int(_name(node.point), node.min_value, node.max_value))
    return node.point.random_dna(self.rng, attach_spec=False)

  def multi(self, node: _plan.MultiNode) -> list[int]:
    n, name = node.num_candidates, _name(node.point)
    free = list(range(n))
    indices = []
    for j in range(len(node.subs)):
      if node.distinct:
        k = self.trial.suggest_categorical(f'{name}[{j}]', list(range(n - j)))
        indices.append(free.pop(k))
      else:
        indices.append(self.trial.suggest_categorical(f'{name}[{j}]', list(range(n))))
    if node.sorted:
      indices.sort()
    return indices


def _name(point: geno.DNASpec) -> str:
  return str(point.id) or '<root>'


def dna_params(plan: _plan.Plan, dna: geno.DNA) -> tuple[dict[str, Any], dict[str, Any]]:
  """The Optuna parameters and distributions that `_Suggester` would give for `dna`."""
  optuna = _import_optuna()
  dists = optuna.distributions
  params: dict[str, Any] = {}
  distributions: dict[str, Any] = {}

  def put(name: str, value: Any, distribution: Any) -> None:
    params[name] = value
    distributions[name] = distribution

  def space(node: _plan.SpaceNode, children: list[geno.DNA]) -> None:
    for element, child in zip(node.elements, children):
      point(element, child)

  def point(node: Any, d: geno.DNA) -> None:
    kind = type(node)
    if kind is _plan.ChoiceNode:
      put(_name(node.point), d.value,
          dists.CategoricalDistribution(list(range(len(node.candidates)))))
      chosen = node.candidates[d.value]
      space(chosen, _plan.candidate_children(chosen, d.children))
    elif kind is _plan.MultiNode:
      n, name = node.num_candidates, _name(node.point)
      free = list(range(n))
      for j, child in enumerate(d.children):
        if node.distinct:
          # Sorted DNA keeps its order: any order of the members decodes to it.
          put(f'{name}[{j}]', free.index(child.value),
              dists.CategoricalDistribution(list(range(n - j))))
          free.remove(child.value)
        else:
          put(f'{name}[{j}]', child.value, dists.CategoricalDistribution(list(range(n))))
        chosen = node.subs[j].candidates[child.value]
        space(chosen, _plan.candidate_children(chosen, child.children))
    elif kind is _plan.FloatNode and node.min_value != node.max_value:
      lo, hi = node.min_value, node.max_value
      if node.scale == 'rlog':
        put(_name(node.point), min(max(hi + lo - d.value, lo), hi),
            dists.FloatDistribution(lo, hi, log=True))
      else:
        put(_name(node.point), d.value, dists.FloatDistribution(lo, hi, log=node.scale == 'log'))
    elif kind is _plan.IntNode:
      put(_name(node.point), d.value, dists.IntDistribution(node.min_value, node.max_value))

  space(plan.root, _plan.space_children(plan.root, dna))
  return params, distributions
