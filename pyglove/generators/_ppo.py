"""`PPO`: a policy-gradient controller over any DNA spec (numpy only)."""
from __future__ import annotations

import random
from typing import Any

from pyglove import geno
from pyglove import typing as pg_typing
from pyglove.geno import _state_json
from pyglove.utils import message_on_path


_OPEN_BOUNDS = (
    ('learning_rate', '(0, inf)', lambda v: v > 0),
    ('clip_ratio', '(0, 1)', lambda v: 0 < v < 1),
    ('baseline_decay', '[0, 1)', lambda v: v < 1),
)



def _import_policy() -> Any:
  try:
    # numpy is needed only here, so the rest of the library runs without it.
    from pyglove.generators import _policy  # pylint: disable=g-import-not-at-top
  except ImportError as e:
    raise ImportError(
        f'PPO needs numpy ({e}); install it with `pip install numpy`.') from e
  return _policy


# A study holding a PPO's policy names these classes; loading it imports them.
_state_json.register_lazy(
    [f'pyglove.generators._policy.{name}'
     for name in ('Actions', 'Adam', 'Policy')], _import_policy)


class PPO(geno.DNAGenerator):
  """Proximal Policy Optimization (Schulman et al., 2017) as a search algorithm.

  The policy is a factorized distribution over the spec's decision points
  (see `pyglove.generators._policy`): one logits vector per categorical
  decision point, conditional points drawn only when their parent chooses
  them, multi-choices as masked sequential draws, floats and ints as Gaussians
  on their normalized range with a learnable mean and log-std. Custom decision
  points are sampled with their own `random_dna_fn` and are not learned.

  Every `batch_size` feedbacks, the policy takes `num_epochs` Adam steps on
  the clipped surrogate objective over that batch, with advantage = reward -
  moving-average baseline (scaled by the batch's advantage spread, so the
  reward's scale does not matter) plus an entropy bonus. Proposals draw from
  `random.Random(seed)`; training is deterministic numpy, so (seed, history)
  fixes the state and `recover` reproduces it.

  Example:
    >>> algo = PPO(batch_size=8, seed=1)

  Args:
    batch_size: the number of feedbacks per policy update.
    num_epochs: the number of Adam steps taken on each batch.
    learning_rate: Adam's step size.
    entropy_coef: the weight of the entropy bonus (keeps exploring).
    clip_ratio: PPO's epsilon: probability ratios beyond 1 +/- epsilon
      stop pulling the policy.
    baseline_decay: the decay of the reward's exponential moving average.
    seed: the seed of the proposals' random number generator.

  Raises:
    TypeError: a hyper-parameter is not a number (an int where an int is
      expected).
    ValueError: a hyper-parameter is out of its range (the message names it).
    ImportError: numpy is not installed (at setup).
  """

  batch_size: pg_typing.Int(min_value=1) = 8
  num_epochs: pg_typing.Int(min_value=1) = 4
  learning_rate: pg_typing.Float(min_value=0.0) = 0.05
  entropy_coef: pg_typing.Float(min_value=0.0) = 0.01
  clip_ratio: pg_typing.Float(min_value=0.0, max_value=1.0) = 0.2
  baseline_decay: pg_typing.Float(min_value=0.0, max_value=1.0) = 0.95
  seed: int | None = None

  # Before setup, no update has happened.
  _num_updates = 0

  def _on_bound(self) -> None:
    super()._on_bound()
    # The open ends of the ranges, which the (inclusive) field specs miss.
    for name, interval, inside in _OPEN_BOUNDS:
      value = getattr(self, name)
      if not inside(value):
        raise ValueError(message_on_path(
            f'PPO {name} must be in {interval}, but got {value!r}.',
            self.sym_path.child(name)))

  def _setup(self) -> None:
    _policy = _import_policy()
    from pyglove.generators import _plan  # pylint: disable=g-import-not-at-top
    self._rng = random.Random(self.seed)
    self._policy = _policy.Policy(_plan.Plan(self.dna_spec))
    self._optimizer = _policy.Adam(self._policy.parameters, self.learning_rate)
    self._baseline: float | None = None
    self._pending: list[Any] = []
    self._advantages: list[float] = []
    self._num_updates = 0

  @property
  def num_updates(self) -> int:
    """The number of policy updates so far (one per `batch_size` feedbacks)."""
    return self._num_updates

  def _propose(self) -> geno.DNA:
    return self._policy.sample(self._rng)

  def _feedback(self, dna: geno.DNA, reward: Any) -> None:
    if dna.spec is not self.dna_spec:
      # Proposals come validated; a DNA from elsewhere (e.g. a replayed log) may not fit.
      self.dna_spec.validate(dna)
    reward = float(reward)
    baseline = reward if self._baseline is None else self._baseline
    self._pending.append(self._policy.encode(dna))
    self._advantages.append(reward - baseline)
    # Through __dict__: cheaper than pg.Object's __setattr__ on this hot path.
    self.__dict__['_baseline'] = (
        self.baseline_decay * baseline + (1 - self.baseline_decay) * reward)
    if len(self._pending) >= self.batch_size:
      self._update()

  def _update(self) -> None:
    import numpy as np  # pylint: disable=g-import-not-at-top
    from pyglove.generators import _policy  # pylint: disable=g-import-not-at-top
    advantages = np.asarray(self._advantages)
    spread = advantages.std()
    if spread > 0:
      advantages = advantages / spread
    batch = _policy.Batch(self._policy, self._pending, advantages)
    self._pending, self._advantages = [], []
    old = None
    for _ in range(self.num_epochs):
      log_probs, gradients = _policy.surrogate_gradients(
          self._policy, batch, old, self.clip_ratio, self.entropy_coef)
      if old is None:
        old = log_probs
      self._optimizer.step(self._policy.parameters, gradients)
      self._policy.refresh()
    self._num_updates += 1
