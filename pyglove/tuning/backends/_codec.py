"""Text encodings of what the log and the trial rows store: DNA, rewards, trials."""
from __future__ import annotations

import json
from typing import Any

from pyglove.tuning._measurement import Measurement
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
  return json.dumps(to_json(value))


def parse(text: str) -> Any:
  """A column's JSON text; nesting too deep to load is a ValueError."""
  with DeepRecursion('A JSON column'):
    return json.loads(text)


def loads(text: str) -> Any:
  """The value `dumps` encoded (functions are refused, as by `pg.from_json`)."""
  return from_json(parse(text))


def dump_measurements(measurements: list[Measurement]) -> str:
  """A trial's measurements as JSON text."""
  return json.dumps([m.to_json() for m in measurements])


def dump_entries(entries: dict[str, Any]) -> str:
  """A metadata dict as JSON text (entry by entry: a user's key may be '_type')."""
  return json.dumps({k: to_json(v) for k, v in entries.items()})


def load_entries(text: str) -> dict[str, Any]:
  """The dict `dump_entries` encoded."""
  return {k: from_json(v) for k, v in parse(text).items()}


def load_dna(text: str, dna_spec: Any) -> Any:
  """A logged DNA, with the study's spec attached (as the generator proposed it)."""
  return loads(text).use_spec(dna_spec)


# The columns `load_trial` reads, in order.
TRIAL_COLUMNS = ('id, dna, status, infeasible, measurements, metadata, '
                 'related_links, created_time, completed_time')


def load_trial(row: Any, dna_spec: Any, dna: Any = None) -> Trial:
  """A `Trial` from a row of `TRIAL_COLUMNS` (with `dna` if already decoded)."""
  (trial_id, dna_text, status, infeasible, measurements, metadata,
   related_links, created_time, completed_time) = row
  # Most rows have no metadata or links, and pending ones no measurements.
  return Trial(
      trial_id, dna if dna is not None else load_dna(dna_text, dna_spec),
      created_time, status=status, infeasible=bool(infeasible),
      measurements=([] if measurements == '[]' else
                    [Measurement.from_json(m) for m in parse(measurements)]),
      metadata={} if metadata == '{}' else load_entries(metadata),
      related_links={} if related_links == '{}' else parse(related_links),
      completed_time=completed_time)
