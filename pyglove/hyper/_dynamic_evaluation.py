"""Define-by-run search spaces (paper, Appendix B.4).

Inside `ctx.collect()`, each hyper value created by `pg.oneof` & co. is
recorded as a decision point and evaluates at once to its first choice;
inside `ctx.apply(dna)`, it evaluates to the choice the DNA makes. A
zero-argument lambda candidate is called when chosen (and, while collecting,
once for every candidate), so the hyper values it creates form the candidate's
conditional sub-space: ``oneof([lambda: oneof([1, 2]), 3])`` is hierarchical.

Decisions are matched by order of creation within each (sub-)space, and a
named hyper value created twice with the same definition is one decision.
"""
from __future__ import annotations

import contextlib
import threading
from typing import Any, Callable, Iterator

from pyglove import geno
from pyglove.hyper import _walk
from pyglove.hyper._base import HyperPrimitive
from pyglove.hyper._base import WhereFn
from pyglove.utils import KeyPath

_STACK = threading.local()
# Frames pushed with per_thread=False apply to every thread (the thread's own
# frames, when it has some, come first).
_PROCESS_FRAMES: list[Any] = []


def evaluate(value: HyperPrimitive) -> Any:
  """Returns `value`, or what it evaluates to under an active context."""
  frames = getattr(_STACK, 'frames', None) or _PROCESS_FRAMES
  if not frames:
    return value
  return frames[-1].evaluate(value)


class _Record:
  """A decision point seen while collecting, with its candidates' sub-spaces."""

  __slots__ = ('hyper', 'spec', 'value', 'candidate_records')

  def __init__(self, hyper: HyperPrimitive, spec: geno.DNASpec, value: Any,
               candidate_records: list[list['_Record']] | None) -> None:
    self.hyper = hyper
    self.spec = spec
    self.value = value
    self.candidate_records = candidate_records


def _is_thunk(candidate: Any) -> bool:
  """A zero-argument function (a lambda) is a candidate evaluated when chosen."""
  code = getattr(candidate, '__code__', None)
  return code is not None and code.co_argcount == 0 and callable(candidate)


class _CollectFrame:
  """Records hyper values as they are created; evaluates them to their first choice."""

  def __init__(self, context: 'DynamicEvaluationContext') -> None:
    self._context = context
    self.scopes: list[list[_Record]] = [[]]
    self.by_name: dict[str, _Record] = {}

  def evaluate(self, hyper: HyperPrimitive) -> Any:
    if not self._context.selects(hyper):
      return hyper
    name = self._context.check_name(hyper)
    if name is not None and name in self.by_name:
      return self._reuse(self.by_name[name], hyper)
    scope = self.scopes[-1]
    location = KeyPath(name if name is not None else len(scope))
    if hasattr(hyper, 'candidate_spec'):
      record = self._collect_choices(hyper, location)
    else:
      record = _Record(hyper, hyper.dna_spec(location),
                       _first_value(hyper), None)
    scope.append(record)
    if name is not None:
      self.by_name[name] = record
    return record.value

  def _collect_choices(self, hyper: Any, location: KeyPath) -> _Record:
    candidate_records, values = [], []
    for candidate in hyper.candidates:
      self.scopes.append([])
      try:
        values.append(candidate() if _is_thunk(candidate) else candidate)
      finally:
        candidate_records.append(self.scopes.pop())
    spec = hyper.candidate_spec(location, [
        geno.Space([r.spec for r in records]) for records in candidate_records])
    value = hyper.assemble([values[i] for i in hyper.first_indices()])
    return _Record(hyper, spec, value, candidate_records)

  def _reuse(self, record: _Record, hyper: HyperPrimitive) -> Any:
    if record.hyper != hyper:
      raise ValueError(
          f'Hyper value name {hyper.name!r} is used by two different '
          f'definitions: {record.hyper!r} and {hyper!r}.')
    return record.value


def _first_value(hyper: Any) -> Any:
  """The value a numerical or custom hyper value takes while collecting."""
  if hasattr(hyper, 'min_value'):
    return hyper.min_value
  return hyper.decode(hyper.first_dna())


class _ApplyFrame:
  """Evaluates hyper values, in order of creation, to the choices of a DNA."""

  def __init__(self, context: 'DynamicEvaluationContext', dna: geno.DNA,
               records: list[_Record] | None, num_elements: int) -> None:
    self._context = context
    # One cursor per (sub-)space entered: [records, element DNAs, next index];
    # records are None when the space was given, not collected.
    self.cursors: list[list[Any]] = [
        [records, _walk.element_dnas(dna, num_elements), 0]]
    self.by_name: dict[str, Any] = {}

  def evaluate(self, hyper: HyperPrimitive) -> Any:
    if not self._context.selects(hyper):
      return hyper
    name = hyper.name
    if name is not None and name in self.by_name:
      return self.by_name[name]
    cursor = self.cursors[-1]
    records, dnas, index = cursor
    if index >= len(dnas) or (records is not None and type(
        records[index].hyper) is not type(hyper)):
      raise ValueError(
          f'The program created {hyper!r} as decision #{index} of its '
          f'(sub-)space, which does not match the decision points collected '
          f'({[r.hyper for r in records or []]!r}): a define-by-run program '
          f'must create the same hyper values in the same order every run.')
    cursor[2] = index + 1
    record = None if records is None else records[index]
    if not hasattr(hyper, 'candidate_spec') or (
        record is not None and record.candidate_records is None):
      value = hyper.decode(dnas[index])
    else:
      value = hyper.assemble([self._choose(hyper, record, d)
                              for d in hyper.choice_dnas(dnas[index])])
    if name is not None:
      self.by_name[name] = value
    return value

  def _choose(self, hyper: Any, record: _Record, dna: geno.DNA) -> Any:
    candidate = hyper.candidates[dna.value]
    if not _is_thunk(candidate):
      return candidate
    records = None if record is None else record.candidate_records[dna.value]
    if records is None:
      children = list(dna.children)
    else:
      points = [(None, r.hyper) for r in records]
      children = _walk.candidate_dnas(points, dna.children)
    self.cursors.append([records, children, 0])
    try:
      return candidate()
    finally:
      self.cursors.pop()


class DynamicEvaluationContext:
  """Collects the hyper values a program creates, then applies DNA to its runs.

  Args:
    where: Selects the hyper values that are decisions; the others evaluate
      to themselves.
    require_hyper_name: Whether every hyper value must have a `name`.
    per_thread: Whether `collect`/`apply` act in the current thread only
      (otherwise in every thread of the process).
    dna_spec: The space, when it is known already (e.g. from another
      process): `apply` then needs no `collect`.

  Example:
    >>> ctx = pg.hyper.DynamicEvaluationContext()
    >>> def fn():
    ...   return pg.oneof([1, 2]) + pg.oneof([lambda: pg.oneof([10, 20]), 0])
    >>> with ctx.collect():
    ...   fn()
    11
    >>> with ctx.apply(pg.DNA([1, (0, 1)])):
    ...   fn()
    22
  """

  def __init__(self, where: WhereFn | None = None,
               require_hyper_name: bool = False, per_thread: bool = True,
               dna_spec: geno.DNASpec | None = None) -> None:
    self._where = where
    self._require_hyper_name = require_hyper_name
    self._per_thread = per_thread
    self._records: list[_Record] | None = [] if dna_spec is None else None
    self._dna_spec = geno.Space([]) if dna_spec is None else dna_spec

  @property
  def per_thread(self) -> bool:
    """Whether the context acts in the current thread only."""
    return self._per_thread

  @property
  def dna_spec(self) -> geno.DNASpec:
    """The DNA spec of the decision points (collected, or given)."""
    return self._dna_spec

  @property
  def hyper_dict(self) -> dict[str, HyperPrimitive]:
    """The top-level decision points collected, by id."""
    return {str(r.spec.location): r.hyper for r in self._records or []}

  def selects(self, hyper: HyperPrimitive) -> bool:
    """Returns True when `hyper` is a decision point of this context."""
    return self._where is None or bool(self._where(hyper))

  def check_name(self, hyper: HyperPrimitive) -> str | None:
    """Returns the name of `hyper`; raises ValueError if one is required but missing."""
    if hyper.name is None and self._require_hyper_name:
      raise ValueError(
          f'This DynamicEvaluationContext requires every hyper value to have a '
          f'name (require_hyper_name=True); got {hyper!r}.')
    return hyper.name

  @contextlib.contextmanager
  def collect(self) -> Iterator['DynamicEvaluationContext']:
    """Within this block, records hyper values; each evaluates to its first choice.

    Raises:
      ValueError: the context was given its `dna_spec`.
    """
    if self._records is None:
      raise ValueError(
          'This DynamicEvaluationContext was given its dna_spec; it applies '
          'DNA and cannot collect another space.')
    frame = _CollectFrame(self)
    with _pushed(frame, self._per_thread):
      yield self
    self._records = frame.scopes[0]
    self._dna_spec = geno.Space([r.spec for r in self._records])

  @contextlib.contextmanager
  def apply(self, decisions: geno.DNA | Any
            ) -> Iterator['DynamicEvaluationContext']:
    """Within this block, hyper values evaluate to the choices of `decisions`.

    Args:
      decisions: a DNA, or what `pg.DNA` takes (e.g. a list of choices).

    Raises:
      ValueError: the DNA does not fit `dna_spec` (naming the decision id).
    """
    dna = decisions if isinstance(decisions, geno.DNA) else geno.DNA(decisions)
    dna.use_spec(self._dna_spec)
    num_elements = (len(self._records) if self._records is not None
                    else len(getattr(self._dna_spec, 'elements', [None])))
    frame = _ApplyFrame(self, dna, self._records, num_elements)
    with _pushed(frame, self._per_thread):
      yield self


@contextlib.contextmanager
def _pushed(frame: Any, per_thread: bool = True) -> Iterator[None]:
  if per_thread:
    frames = getattr(_STACK, 'frames', None)
    if frames is None:
      frames = _STACK.frames = []
  else:
    frames = _PROCESS_FRAMES
  frames.append(frame)
  try:
    yield
  finally:
    frames.pop()


class _FunctionFrame:
  """Evaluates hyper values with a user function (see `dynamic_evaluate`)."""

  def __init__(self, evaluate_fn: Callable[[Any], Any] | None) -> None:
    self._evaluate_fn = evaluate_fn

  def evaluate(self, hyper: HyperPrimitive) -> Any:
    return hyper if self._evaluate_fn is None else self._evaluate_fn(hyper)


@contextlib.contextmanager
def dynamic_evaluate(evaluate_fn: Callable[[Any], Any] | None,
                     yield_value: Any = None,
                     exit_fn: Callable[[], None] | None = None,
                     per_thread: bool = True) -> Iterator[Any]:
  """Within the block, each hyper value created evaluates to `evaluate_fn(value)`.

  Args:
    evaluate_fn: maps a hyper value (`pg.oneof(...)` & co.) to the value it
      stands for; None lets hyper values be themselves.
    yield_value: what the `with` statement yields.
    exit_fn: called when the block exits without an error.
    per_thread: act in the current thread only (otherwise in every thread).

  Raises:
    ValueError: `evaluate_fn` or `exit_fn` is not callable.

  Example:
    >>> with pg.hyper.dynamic_evaluate(lambda h: h.candidates[-1]):
    ...   pg.oneof([1, 2, 3])
    3
  """
  if evaluate_fn is not None and not callable(evaluate_fn):
    raise ValueError(
        f'evaluate_fn must be None or callable; got {evaluate_fn!r}.')
  if exit_fn is not None and not callable(exit_fn):
    raise ValueError(f'exit_fn must be callable; got {exit_fn!r}.')
  with _pushed(_FunctionFrame(evaluate_fn), per_thread):
    yield yield_value
  if exit_fn is not None:
    exit_fn()


def trace(fun: Callable[[], Any], *, where: WhereFn | None = None,
          require_hyper_name: bool = False,
          per_thread: bool = True) -> DynamicEvaluationContext:
  """Runs `fun` once, collecting its hyper values; returns the context.

  Example:
    >>> ctx = pg.hyper.trace(lambda: pg.oneof([1, 2]) * 10)
    >>> ctx.dna_spec.space_size
    2
  """
  context = DynamicEvaluationContext(
      where=where, require_hyper_name=require_hyper_name,
      per_thread=per_thread)
  with context.collect():
    fun()
  return context
