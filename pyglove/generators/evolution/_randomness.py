"""Where seeded operations draw their random numbers.

Every operation that draws random numbers takes a `seed` field and draws from
`rng_of(self)`:

  - Called on its own, it draws from a private `random.Random(seed)` made on
    first use (seed None: seeded by the OS). Never the global RNG, and never
    one shared with a clone.
  - Called by an `Evolution`, it draws from the evolution's generator: while
    the evolution runs its operations (`running_evolution`), each seeded
    operation of its tree owns a slot in `rngs`. Those RNGs are the
    evolution's runtime state (plain `random.Random` objects, in a list), so
    `setup` resets them, `recover` replays them and a snapshot carries them.

An operation's slot is the order of its first occurrence in the evolution's
fields; it is derived from the fields alone (`assign_slots`), so an evolution
rebuilt from JSON or a clone numbers its operations the same way.
"""
from __future__ import annotations

import contextlib
import contextvars
import hashlib
import random
from typing import Any, Iterator, Sequence

from pyglove import symbolic

_SLOT = '_rng_slot'
_OWN = '_own_rng'

# While an evolution runs its operations: (its RNGs by slot, its DNA spec).
_ACTIVE: contextvars.ContextVar[tuple[Sequence[random.Random], Any] | None] = (
    contextvars.ContextVar('pyglove_evolution_context', default=None))


def rng_of(obj: Any) -> random.Random:
  """The RNG that seeded object `obj` draws from now (see the module docstring)."""
  d = obj.__dict__
  active = _ACTIVE.get()
  if active is not None:
    rngs = active[0]
    slot = d.get(_SLOT)
    if slot is not None and slot < len(rngs):
      return rngs[slot]
  rng = d.get(_OWN)
  if rng is None:
    rng = d[_OWN] = random.Random(obj.seed)
  return rng


def use_own_rng(obj: Any, rng: random.Random) -> None:
  """Makes `obj` draw from `rng` when called on its own (e.g. its owner's RNG)."""
  obj.__dict__[_OWN] = rng


def forget(obj: Any) -> None:
  """Drops `obj`'s private RNG and slot (after a change, or in a clone)."""
  d = obj.__dict__
  d.pop(_OWN, None)
  d.pop(_SLOT, None)


def enter_evolution(rngs: Sequence[random.Random], dna_spec: Any) -> Any:
  """Until `exit_evolution(token)`, slotted objects draw from `rngs[slot]`; returns the token.

  Operations also learn the evolution's DNA spec (`evolution_spec`), so the
  DNA they pass each other need not carry it: the evolution validates and
  attaches it once, when it proposes them. (A pair of calls rather than a
  context manager: it runs on every proposal and feedback.)
  """
  return _ACTIVE.set((rngs, dna_spec))


def exit_evolution(token: Any) -> None:
  """Ends what `enter_evolution` started."""
  _ACTIVE.reset(token)


@contextlib.contextmanager
def running_evolution(rngs: Sequence[random.Random], dna_spec: Any) -> Iterator[None]:
  """`enter_evolution` and `exit_evolution` around a block."""
  token = enter_evolution(rngs, dna_spec)
  try:
    yield
  finally:
    exit_evolution(token)


def in_evolution() -> bool:
  """Whether an evolution is running operations now."""
  return _ACTIVE.get() is not None


def evolution_spec() -> Any:
  """The DNA spec of the evolution running operations now, or None."""
  active = _ACTIVE.get()
  return None if active is None else active[1]


def draws_random(value: Any) -> bool:
  """Whether `value` is a seeded object that draws through `rng_of`."""
  return getattr(type(value), 'draws_random', False)


def assign_slots(roots: Sequence[Any]) -> list[Any]:
  """Numbers the seeded objects under `roots` (depth first); returns them by slot.

  The walk enters symbolic objects' fields, lists, tuples and dicts; an
  object met twice keeps its first slot.
  """
  found: list[Any] = []
  seen: set[int] = set()
  stack = list(reversed(roots))
  while stack:
    value = stack.pop()
    if isinstance(value, symbolic.Object):
      if id(value) in seen:
        continue
      seen.add(id(value))
      if draws_random(value):
        value.__dict__[_SLOT] = len(found)
        found.append(value)
      stack.extend(reversed(list(value.sym_init_args.values())))
    elif isinstance(value, (list, tuple)):
      stack.extend(reversed(value))
    elif isinstance(value, dict):
      stack.extend(reversed(list(value.values())))
  return found


def derive_seed(seed: int, label: Any) -> int:
  """A 63-bit seed for the component `label` of a search seeded with `seed`.

  Distinct labels give independent streams; the same (seed, label) gives the
  same seed in every process (no dependence on hash randomization).

  Example:
    >>> derive_seed(1, 'a') == derive_seed(1, 'a') != derive_seed(1, 'b')
    True
  """
  digest = hashlib.sha256(f'{seed}/{label}'.encode()).digest()
  return int.from_bytes(digest[:8], 'big') >> 1


def slot_rngs(objs: Sequence[Any], seed: int | None) -> list[random.Random]:
  """Fresh RNGs for seeded objects: their own seed, else one derived from `seed`."""
  rngs = []
  for slot, obj in enumerate(objs):
    if obj.seed is not None:
      rngs.append(random.Random(obj.seed))
    elif seed is not None:
      rngs.append(random.Random(derive_seed(seed, slot)))
    else:
      rngs.append(random.Random())
  return rngs
