"""Instructions of `pg.mutfun` (expressions), and the base of code that reads a name."""
from __future__ import annotations

from typing import Any, Callable, Iterator

from pyglove import typing as pg_typing
from pyglove.mutfun._code import Code
from pyglove.symbolic import members

# Operator classes by Python operator name ('add', 'neg', ...), filled in by
# the module defining them, so that ``Var('x') + 1`` builds an `Add`.
OPERATOR_CLASSES: dict[str, type] = {}


class Instruction(Code):
  """Base of instructions (expressions); Python operators on them build operator instructions."""

  def parent_instruction(self) -> Instruction | None:
    """Returns the closest enclosing instruction (None for a whole line)."""
    return self._ancestor(lambda x: isinstance(x, Instruction))

  @classmethod
  def select_types(
      cls, where: Callable[[type], bool] = lambda t: True) -> Iterator[type]:
    """Yields the subclasses of `Instruction` (at any depth) for which ``where(cls)`` is true.

    Example:
      >>> ops = pg.mutfun.Instruction.select_types(
      ...     lambda t: issubclass(t, pg.mutfun.BinaryOperator) and t.OPERATOR_STR)
      >>> sorted(t.OPERATOR_STR for t in ops)[:4]
      ['!=', '%', '*', '**']
    """
    seen = set()
    pending = list(Instruction.__subclasses__())
    while pending:
      t = pending.pop(0)
      if t in seen:
        continue
      seen.add(t)
      if where(t):
        yield t
      pending.extend(t.__subclasses__())

  def _operator(self, name: str, *operands: Any) -> Instruction:
    return OPERATOR_CLASSES[name](*operands)

  def __neg__(self) -> Instruction:
    return self._operator('neg', self)

  def __add__(self, y: Any) -> Instruction:
    return self._operator('add', self, y)

  def __radd__(self, x: Any) -> Instruction:
    return self._operator('add', x, self)

  def __sub__(self, y: Any) -> Instruction:
    return self._operator('sub', self, y)

  def __rsub__(self, x: Any) -> Instruction:
    return self._operator('sub', x, self)

  def __mul__(self, y: Any) -> Instruction:
    return self._operator('mul', self, y)

  def __rmul__(self, x: Any) -> Instruction:
    return self._operator('mul', x, self)

  def __truediv__(self, y: Any) -> Instruction:
    return self._operator('truediv', self, y)

  def __rtruediv__(self, x: Any) -> Instruction:
    return self._operator('truediv', x, self)

  def __floordiv__(self, y: Any) -> Instruction:
    return self._operator('floordiv', self, y)

  def __rfloordiv__(self, x: Any) -> Instruction:
    return self._operator('floordiv', x, self)

  def __mod__(self, y: Any) -> Instruction:
    return self._operator('mod', self, y)

  def __rmod__(self, x: Any) -> Instruction:
    return self._operator('mod', x, self)

  def __pow__(self, y: Any) -> Instruction:
    return self._operator('pow', self, y)

  def __rpow__(self, x: Any) -> Instruction:
    return self._operator('pow', x, self)

  def __gt__(self, y: Any) -> Instruction:
    return self._operator('gt', self, y)

  def __lt__(self, y: Any) -> Instruction:
    return self._operator('lt', self, y)

  # Comparison by identity, as for every Code (defining __gt__/__lt__
  # above must not make instructions unhashable).
  __eq__ = Code.__eq__
  __hash__ = Code.__hash__


@members([('name', pg_typing.Str(), 'The name it refers to.')])
class SymbolReference(Instruction):
  """Base of instructions that use a name (`Var`, `FunctionCall`)."""

  references_symbol = True
