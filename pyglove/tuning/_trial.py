"""Trial: one proposal of the search algorithm and what was measured for it."""
from __future__ import annotations

import time
from typing import Any, Sequence

from pyglove import symbolic
from pyglove import typing as pg_typing
from pyglove.symbolic._compact import CompactObject
from pyglove.symbolic._compact import compact_write
from pyglove.tuning._measurement import Measurement
from pyglove.utils import from_json
from pyglove.utils import to_json
from pyglove.utils import type_key

PENDING = 'PENDING'
COMPLETED = 'COMPLETED'
# The loop body raised (or left the loop) before reporting, or the workers
# running the trial kept dying: the trial is over, was fed nothing to the
# algorithm, and does not count toward `num_examples`.
FAILED = 'FAILED'


class Trial(CompactObject):
  """A trial of a study: its DNA, status, measurements and metadata.

  A trial is `PENDING` from the moment it is handed out until it gets its
  feedback (or is skipped), then `COMPLETED`. A skipped trial is completed
  and `infeasible`; its reward is never fed to the algorithm. A trial whose
  loop body raised is `FAILED`, with the error in ``metadata['error']``: it
  is fed nothing and does not count toward the study's `num_examples`.

  Args:
    id: the trial's number in its study, from 1.
    dna: the DNA proposed by the algorithm (None while unknown).
    created_time: when it was first handed out (seconds since the epoch;
      default: now).
    status: 'PENDING', 'COMPLETED' or another state a backend uses.
    infeasible: whether it was skipped (its reward is never fed back).
    measurements: what it reported, in order.
    metadata: JSON-serializable data published for the trial.
    related_links: named links (e.g. to logs).
    completed_time: when it ended, or None.
    description: a free-form text, as in the reference.
    final_measurement: the measurement fed to the algorithm, when it is not
      the last one reported (default: the last one).

  Example:
    >>> t = Trial(1, pg.DNA(0), created_time=0.0)
    >>> t.status
    'PENDING'
  """

  allow_symbolic_assignment = True
  use_symbolic_comparison = False
  _sym_signature_from_init = True  # inspect.signature shows __init__'s arguments.
  serialization_aliases = ('pyglove.core.tuning.protocols.Trial',)

  def __init__(self, id: int, dna: Any = None,  # pylint: disable=redefined-builtin
               created_time: float | None = None,
               status: str = PENDING, infeasible: bool = False,
               measurements: list[Measurement] | None = None,
               metadata: dict[str, Any] | None = None,
               related_links: dict[str, str] | None = None,
               completed_time: float | None = None,
               description: str | None = None,
               final_measurement: Measurement | None = None) -> None:
    if final_measurement is not None and not isinstance(final_measurement, Measurement):
      raise TypeError(
          f'final_measurement of trial {id} must be a Measurement or None; got '
          f'{final_measurement!r} of type {type(final_measurement).__name__}.')
    # Compact (see `pyglove.symbolic._compact`): the loop makes and updates
    # trials as plain data; the symbolic state is built on first symbolic use.
    d = self.__dict__
    d['_compact'] = True
    d['id'] = id
    d['dna'] = dna
    d['status'] = status
    d['infeasible'] = infeasible
    d['measurements'] = measurements if measurements is not None else []
    d['metadata'] = metadata if metadata is not None else {}
    d['related_links'] = related_links if related_links is not None else {}
    d['created_time'] = time.time() if created_time is None else created_time
    d['completed_time'] = completed_time
    d['description'] = description
    d['_final_measurement'] = final_measurement

  def __setattr__(self, name: str, value: Any) -> None:
    if name == 'final_measurement':
      object.__setattr__(self, name, value)  # The property checks it.
    elif name in FIELDS and self.__dict__.get('_compact'):
      compact_write(self, **{name: value})
    else:
      super().__setattr__(name, value)

  def _compact_fields(self) -> dict[str, Any]:
    fields = super()._compact_fields()
    fields['final_measurement'] = self.__dict__.get('_final_measurement')
    return fields

  @property
  def is_completed(self) -> bool:
    """True once the trial got its feedback or was skipped."""
    return self.status == COMPLETED

  @property
  def final_measurement(self) -> Measurement | None:
    """The measurement set as final, else the last one reported, else None."""
    d = self.__dict__
    final = (d.get('_final_measurement') if d.get('_compact')
             else self._sym_values.get('final_measurement'))
    if final is not None:
      return final
    measurements = self.measurements
    return measurements[-1] if measurements else None

  @final_measurement.setter
  def final_measurement(self, value: Measurement | None) -> None:
    if value is not None and not isinstance(value, Measurement):
      raise TypeError(
          f'final_measurement of trial {self.id} must be a Measurement or None; '
          f'got {value!r} of type {type(value).__name__}.')
    if self.__dict__.get('_compact'):
      self.__dict__['_final_measurement'] = value
    else:
      self.rebind({'final_measurement': value}, raise_on_no_change=False)

  @property
  def reward(self) -> float | None:
    """The reward of the final measurement, or None without one.

    Example:
      >>> Trial(1, pg.DNA(0), measurements=[Measurement(0.5)]).reward
      0.5
    """
    final = self.final_measurement
    return None if final is None else final.reward

  def get_reward_for_feedback(
      self, metric_names: Sequence[str] | None = None
  ) -> float | tuple[float, ...] | None:
    """The value fed to the algorithm: one float, or a tuple for several metrics.

    Args:
      metric_names: the metrics to read ('reward' is the reward); default:
        the reward alone.

    Returns None for an infeasible trial or one without measurements.

    Example:
      >>> trial = Trial(1, pg.DNA(0), 0.0,
      ...               measurements=[Measurement(0.5, {'accuracy': 0.9})])
      >>> trial.get_reward_for_feedback(['reward', 'accuracy'])
      (0.5, 0.9)
    """
    final = self.final_measurement
    if self.infeasible or final is None:
      return None
    return final.reward_for_feedback(metric_names or ('reward',))

  def __repr__(self) -> str:
    reward = self.final_measurement.reward if self.measurements else None
    return (f'Trial(id={self.id}, dna={self.dna!r}, status={self.status!r}, '
            f'infeasible={self.infeasible}, reward={reward!r})')

  def _explicit_final(self) -> Measurement | None:
    d = self.__dict__
    return (d.get('_final_measurement') if d.get('_compact')
            else self._sym_values.get('final_measurement'))

  def to_json(self, **kwargs: Any) -> dict[str, Any]:
    """The JSON form (the keys of the fields; no final_measurement unless one was set)."""
    return {
        '_type': type_key(type(self)),
        'id': self.id,
        'dna': to_json(self.dna, **kwargs),
        'status': self.status,
        'infeasible': self.infeasible,
        'measurements': [m.to_json(**kwargs) for m in self.measurements],
        # Entries one by one: a user's key may be '_type'.
        'metadata': {k: to_json(v, **kwargs) for k, v in self.metadata.items()},
        'related_links': dict(self.related_links),
        'created_time': self.created_time,
        'completed_time': self.completed_time,
        **({'description': self.description} if self.description is not None else {}),
        **({'final_measurement': self._explicit_final().to_json(**kwargs)}
           if self._explicit_final() is not None else {}),
    }

  @classmethod
  def from_json(cls, json_value: dict[str, Any], **kwargs: Any) -> Trial:
    """Rebuilds a trial from `to_json` output.

    Raises:
      ValueError: a key is missing; TypeError: a measurement holds a value
        of the wrong type.
    """
    missing = [k for k in _JSON_KEYS if k not in json_value]
    if missing:
      raise ValueError(
          f'JSON data of a Trial lacks {missing}; got keys {sorted(json_value)}.')
    return cls(
        id=json_value['id'],
        dna=from_json(json_value['dna'], **kwargs),
        created_time=json_value['created_time'],
        status=json_value['status'],
        infeasible=json_value['infeasible'],
        measurements=[from_json(m, **kwargs)
                      for m in json_value['measurements']],
        metadata={k: from_json(v, **kwargs)
                  for k, v in json_value['metadata'].items()},
        related_links=dict(json_value['related_links']),
        completed_time=json_value['completed_time'],
        description=json_value.get('description'),
        final_measurement=from_json(json_value.get('final_measurement'), **kwargs))


_JSON_KEYS = ('id', 'dna', 'status', 'infeasible', 'measurements', 'metadata',
              'related_links', 'created_time', 'completed_time')


symbolic.members([
    ('id', pg_typing.Int(), "The trial's number in its study, from 1."),
    ('dna', pg_typing.Any(), 'The DNA proposed by the algorithm (None while unknown).'),
    ('status', pg_typing.Str(default=PENDING), "'PENDING', 'COMPLETED', 'FAILED', ..."),
    ('infeasible', pg_typing.Bool(default=False), 'Whether it was skipped.'),
    ('measurements', pg_typing.List(pg_typing.Object(Measurement), default=[]),
     'What it reported, in order.'),
    ('metadata', pg_typing.Dict([(pg_typing.StrKey(), pg_typing.Any(), 'An entry.')]),
     'JSON-serializable data published for the trial.'),
    ('related_links', pg_typing.Dict([(pg_typing.StrKey(), pg_typing.Str(), 'A link.')]),
     'Named links.'),
    ('created_time', pg_typing.Union([pg_typing.Int(), pg_typing.Float()]).noneable(),
     'When it was first handed out (seconds since the epoch).'),
    ('completed_time', pg_typing.Union([pg_typing.Int(), pg_typing.Float()]).noneable(),
     'When it ended, or None.'),
    ('description', pg_typing.Str().noneable(), 'A free-form text.'),
    ('final_measurement', pg_typing.Object(Measurement).noneable(),
     'The measurement fed to the algorithm, when set explicitly.'),
])(Trial)
# The fields, in order (backends copy trials field by field).
FIELDS = tuple(Trial._sym_keys_in_order())  # pylint: disable=protected-access
