"""A worker's replica of the study's generator, kept in step with the log.

Every worker drives its own copy of the generator. Before it proposes or
feeds back, it replays the log entries other workers appended since it last
looked, in log order, so every replica makes the same calls in the same
order as a single sequential generator would, and reaches the same state.
A replayed proposal must equal the logged DNA; a mismatch means the
generator is not deterministic given its seed and history.
"""
from __future__ import annotations

from typing import Any, Iterable

from pyglove.geno import DNA
from pyglove.geno import DNAGenerator
from pyglove.geno import _state_json
from pyglove.tuning.backends import _codec

# Kinds of log entries.
PROPOSE = 'propose'
FEEDBACK = 'feedback'
# A trial that ends without feedback (skipped, or failed after its attempts):
# replicas forget its DNA.
DROP = 'drop'
# Marks a snapshot of a generator to set up afresh (see `initial_snapshot`).
_FRESH = 'set_up_afresh'


class Replica:
  """The generator, the DNA of its trials awaiting feedback, and the log position.

  Args:
    algorithm: a set-up `pg.DNAGenerator`.
    proposed: trial id -> the DNA the generator proposed for it, for trials
      not yet fed back or dropped (feedback goes with the very DNA object
      proposed, as in a sequential run).
    seq: the last log entry applied (0: none).
    last_trial: the trial of the latest proposal applied (0: none yet; None:
      not known, as after a restore from a snapshot).

  Example:
    >>> replica = Replica(pg.geno.Random(seed=1), {}, 0)
  """

  __slots__ = ('algorithm', 'proposed', 'seq', 'last_trial')

  def __init__(self, algorithm: Any, proposed: dict[int, Any], seq: int,
               last_trial: int | None = 0) -> None:
    self.algorithm = algorithm
    self.proposed = proposed
    self.seq = seq
    self.last_trial = last_trial

  @classmethod
  def from_snapshot(cls, state: bytes | str, seq: int, dna_spec: Any,
                    trusted: bool = False) -> Replica:
    """The replica saved by `snapshot()` at log entry `seq`.

    Args:
      state: what `snapshot()` returned (JSON text, as bytes or str).
      seq: the log entry the snapshot was taken at.
      dna_spec: the study's spec (the snapshot refers to it).
      trusted: allow generator classes and functions from outside this
        library (see `pyglove.geno._state_json.loads`).

    Raises:
      ValueError: `state` is not a replica snapshot of the current format;
        `pg.UnsafeLoadError` (a ValueError) if it needs `trusted`.
    """
    if isinstance(state, (bytes, bytearray, memoryview)):
      state = bytes(state)
    value = _state_json.loads(state, spec=dna_spec, trusted=trusted)
    algorithm = value.get('algorithm') if isinstance(value, dict) else None
    proposed = value.get('proposed') if isinstance(value, dict) else None
    fresh = value.get(_FRESH, False) if isinstance(value, dict) else None
    if not (isinstance(algorithm, DNAGenerator) and isinstance(proposed, dict)
            and all(type(k) is int and isinstance(v, DNA)
                    for k, v in proposed.items())
            and type(fresh) is bool and not (fresh and (seq or proposed))):
      raise ValueError(
          'Malformed generator snapshot: expected a generator and the DNA of '
          'the trials awaiting feedback by id.')
    if fresh:
      algorithm.setup(dna_spec)
    return cls(algorithm, proposed, seq, 0 if seq == 0 else None)

  @classmethod
  def initial_snapshot(cls, algorithm: Any) -> bytes:
    """The snapshot of a new study's set-up generator: entry 0 of its log.

    A generator whose runtime state has no JSON form (e.g. `OptunaSampler`,
    which drives an Optuna study) is stored by its hyper-parameters instead
    and set up afresh when restored: a worker that joins replays the log
    from its start, which restores it exactly if it is seeded.

    Raises:
      TypeError: the generator's runtime state has no JSON form and it has
        proposed already (that state could be neither stored nor rebuilt).
    """
    try:
      return cls(algorithm, {}, 0).snapshot()
    except TypeError as e:
      if algorithm.num_proposals:
        raise TypeError(
            f'{e} A study can start from a {type(algorithm).__name__} only '
            'before it proposes (give a new one).') from None
      return _state_json.dumps(
          {'algorithm': algorithm.sym_clone(), 'proposed': {}, _FRESH: True},
          spec=algorithm.dna_spec).encode('utf-8')

  def snapshot(self) -> bytes:
    """The replica's state as JSON, for a worker that starts later to begin from.

    Raises:
      TypeError: the generator keeps runtime state with no JSON form.
    """
    return _state_json.dumps(
        {'algorithm': self.algorithm, 'proposed': self.proposed},
        spec=self.algorithm.dna_spec).encode('utf-8')

  def replay(self, entries: Iterable[tuple[Any, ...]], dna_spec: Any,
             study: str) -> None:
    """Applies log entries ``(seq, kind, trial, dna, reward)`` in order.

    Raises:
      ValueError: a replayed proposal differs from the logged DNA.
    """
    for seq, kind, trial_id, dna, reward in entries:
      if kind == PROPOSE:
        proposed = self.algorithm.propose()
        # The same text means the same DNA (it was written by this code); a
        # different text is checked as DNA (e.g. metadata may differ).
        logged = None if _codec.dumps(proposed) == dna else _codec.load_dna(
            dna, dna_spec)
        if logged is not None and proposed != logged:
          raise ValueError(
              f'Study {study!r}: replaying log entry {seq}, the generator '
              f'proposed {proposed!r} for trial {trial_id}, but the log has '
              f'{logged!r}. The generator is not deterministic given its seed '
              'and history, so workers cannot share it.')
        self.proposed[trial_id] = proposed
        self.last_trial = trial_id
      elif kind == FEEDBACK:
        dna = self.proposed.pop(trial_id, None)
        if dna is None:
          raise ValueError(
              f'Study {study!r}: log entry {seq} feeds back trial '
              f'{trial_id!r}, which no earlier entry proposed.')
        self.algorithm.feedback(dna, _codec.loads(reward))
      elif kind == DROP:
        self.proposed.pop(trial_id, None)
      else:
        raise ValueError(
            f'Study {study!r}: log entry {seq} is of an unknown kind '
            f'{kind!r} (expected {PROPOSE!r}, {FEEDBACK!r} or {DROP!r}).')
      self.seq = seq

  def propose(self, trial_id: int) -> Any:
    """Proposes the DNA of a new trial (the caller logs it as entry seq + 1).

    Raises:
      StopIteration: the generator is exhausted (nothing changed).
    """
    dna = self.algorithm.propose()
    self.proposed[trial_id] = dna
    self.seq += 1
    self.last_trial = trial_id
    return dna

  def feedback(self, trial_id: int, reward: Any) -> None:
    """Feeds a trial's reward (the caller logs it as entry seq + 1)."""
    self.algorithm.feedback(self.proposed[trial_id], reward)
    del self.proposed[trial_id]
    self.seq += 1

  def drop(self, trial_id: int) -> None:
    """Forgets a trial that ended without a reward (the caller logs it as entry seq + 1)."""
    self.proposed.pop(trial_id, None)
    self.seq += 1
