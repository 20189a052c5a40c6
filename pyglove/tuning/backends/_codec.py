"""Text encodings of what the log and the trial rows store: DNA, rewards, trials."""
from __future__ import annotations

import json
import math
from typing import Any

from pyglove.geno import DNA
from pyglove.geno import DNASpec
from pyglove.tuning._measurement import Measurement
from pyglove.tuning._trial import COMPLETED
from pyglove.tuning._trial import FAILED
from pyglove.tuning._trial import PENDING
from pyglove.tuning._trial import Trial
from pyglove.utils import DeepRecursion
from pyglove.utils import from_json
from pyglove.utils import to_json


def dumps(value: Any) -> str:
  """A value (DNA, reward, spec, metadata) as JSON text through the type registry.

  Example:
    >>> loads(dumps((1.0, 2.0)))
    (1.0, 2.0)
  """
  kind = type(value)
  # The common columns (a reward, empty links) need no type registry.
  if kind is float and math.isfinite(value) or kind is int:
    return json.dumps(value)
  if kind is dict and not value:
    return '{}'
  return json.dumps(to_json(value))


def parse(text: str, what: str = 'A JSON column') -> Any:
  """A column's JSON text; anything else, or nesting too deep to load, is a ValueError."""
  if not isinstance(text, str):
    raise ValueError(f'{what} holds {_preview(text)}, not JSON text.')
  with DeepRecursion(what):
    try:
      return json.loads(text)
    except ValueError as e:
      raise ValueError(f'{what} is not valid JSON: {e}.') from None


def _expect(value: Any, kind: type | tuple[type, ...], what: str) -> Any:
  """`value` if it is of `kind`; a ValueError naming `what` otherwise."""
  if not isinstance(value, kind):
    names = ' or '.join(k.__name__ for k in (
        kind if isinstance(kind, tuple) else (kind,)))
    raise ValueError(f'{what} should hold a {names}; it holds '
                     f'{_preview(value)} of type {type(value).__name__}.')
  return value


def _preview(value: Any) -> str:
  text = repr(value)
  return text if len(text) <= 80 else f'{text[:77]}...'


def loads(text: str) -> Any:
  """The value `dumps` encoded (functions are refused, as by `pg.from_json`)."""
  if type(text) is str and text[:1] in _NUMBER_STARTS:
    # A reward: a JSON number nests nothing and names no type.
    try:
      return json.loads(text)
    except ValueError:
      pass  # Not a number after all: the general path says what is wrong.
  return from_json(parse(text))


_NUMBER_STARTS = frozenset('-0123456789')


def dump_measurements(measurements: list[Measurement]) -> str:
  """A trial's measurements as JSON text."""
  return json.dumps([m.to_json() for m in measurements])


def dump_entries(entries: dict[str, Any]) -> str:
  """A metadata dict as JSON text (entry by entry: a user's key may be '_type')."""
  if not entries:
    return '{}'
  return json.dumps({k: to_json(v) for k, v in entries.items()})


def load_entries(text: str, what: str = 'A metadata column') -> dict[str, Any]:
  """The dict `dump_entries` encoded."""
  entries = _expect(parse(text, what), dict, what)
  return {k: from_json(v) for k, v in entries.items()}


def load_dna(text: str, dna_spec: Any) -> Any:
  """A logged DNA, with the study's spec attached (as the generator proposed it)."""
  what = 'A DNA column'
  return _expect(from_json(parse(text, what)), DNA, what).use_spec(dna_spec)


def load_spec(text: str) -> Any:
  """A study's DNA spec."""
  what = "A study's dna_spec column"
  return _expect(from_json(parse(text, what)), DNASpec, what)


def load_metrics(text: str) -> tuple[str, ...]:
  """A study's metrics to optimize."""
  what = "A study's metrics column"
  metrics = _expect(parse(text, what), list, what)
  if not metrics or not all(isinstance(m, str) for m in metrics):
    raise ValueError(f'{what} should hold a list of metric names; it holds '
                     f'{_preview(metrics)}.')
  return tuple(metrics)


def _load_measurements(text: str) -> list[Measurement]:
  what = 'A measurements column'
  items = _expect(parse(text, what), list, what)
  return [Measurement.from_json(_expect(m, dict, f'{what} item'))
          for m in items]


# The columns `load_trial` reads, in order.
TRIAL_COLUMNS = ('id, dna, status, infeasible, measurements, metadata, '
                 'related_links, created_time, completed_time')


def load_trial(row: Any, dna_spec: Any, dna: Any = None,
               defer_dna: bool = False) -> Trial:
  """A `Trial` from a row of `TRIAL_COLUMNS`.

  Args:
    row: the trial's columns.
    dna_spec: the study's spec.
    dna: the row's DNA if already decoded.
    defer_dna: leave the DNA None when not given (the caller decodes it later).
  """
  (trial_id, dna_text, status, infeasible, measurements, metadata,
   related_links, created_time, completed_time) = row
  if status not in _STATUSES:
    raise ValueError(f'Trial {trial_id!r} has the status {_preview(status)}; '
                     f'a stored trial is one of {", ".join(_STATUSES)}.')
  # Most rows have no metadata or links, and pending ones no measurements.
  return Trial(
      trial_id, dna if dna is not None or defer_dna else load_dna(
          dna_text, dna_spec),
      created_time, status=status, infeasible=bool(infeasible),
      measurements=([] if measurements == '[]' else
                    _load_measurements(measurements)),
      metadata={} if metadata == '{}' else load_entries(metadata),
      related_links={} if related_links == '{}' else _expect(
          parse(related_links, 'A related_links column'), dict,
          'A related_links column'),
      completed_time=completed_time)


_STATUSES = (PENDING, COMPLETED, FAILED)
