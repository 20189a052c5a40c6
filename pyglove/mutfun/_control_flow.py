"""Control flow instructions of `pg.mutfun`: `If` and `While`.

A branch or loop body is a list of lines, like a function body, so that
evolution can insert, delete or replace lines inside it too. Both evaluate
to None: they act through the variables their lines assign.
"""
from __future__ import annotations

from typing import Any

from pyglove import typing as pg_typing
from pyglove.mutfun._code import Code
from pyglove.mutfun._code import evaluate
from pyglove.mutfun._code import indent
from pyglove.mutfun._code import python_repr
from pyglove.mutfun._instruction import Instruction
from pyglove.symbolic import members


class ControlFlow(Instruction):
  """Base of the instructions that choose which lines run (`If`, `While`)."""


def _block(lines: list[Code], block_indent: int) -> str:
  return '\n'.join(python_repr(line, block_indent) for line in lines)


@members([
    ('predicate', pg_typing.Any(),
     'The condition: an instruction or a constant.'),
    ('true_branch', pg_typing.List(pg_typing.Object(Code)),
     'The lines run when the condition holds.'),
    ('false_branch', pg_typing.List(pg_typing.Object(Code)).noneable(),
     'The lines run otherwise (None: nothing).'),
])
class If(ControlFlow):
  """``if predicate: true_branch else: false_branch``.

  Example:
    >>> M = pg.mutfun
    >>> branch = M.If(M.Var('x') > 1, [M.Assign('y', 1)], [M.Assign('y', 2)])
    >>> context = {'x': 3}
    >>> branch.evaluate(context), context['y']
    (None, 1)
    >>> print(branch)
    if x > 1:
      y = 1
    else:
      y = 2
  """

  def evaluate(self, context: dict[str, Any]) -> None:
    if evaluate(self.predicate, context):
      lines = self.true_branch
    else:
      lines = self.false_branch or []
    for line in lines:
      evaluate(line, context)
    return None

  def python_repr(self, block_indent: int = 0) -> str:
    text = (indent(f'if {python_repr(self.predicate)}:', block_indent) + '\n'
            + _block(self.true_branch, block_indent + 1))
    if self.false_branch:
      text += ('\n' + indent('else:', block_indent) + '\n'
               + _block(self.false_branch, block_indent + 1))
    return text


@members([
    ('predicate', pg_typing.Any(),
     'The condition, evaluated before each round.'),
    ('body', pg_typing.List(pg_typing.Object(Code)),
     'The lines run while the condition holds.'),
])
class While(ControlFlow):
  """``while predicate: body``.

  Example:
    >>> M = pg.mutfun
    >>> loop = M.While(M.Var('n') < 3, [M.Assign('n', M.Var('n') + 1)])
    >>> context = {'n': 0}
    >>> loop.evaluate(context), context['n']
    (None, 3)
    >>> print(loop)
    while n < 3:
      n = n + 1
  """

  def evaluate(self, context: dict[str, Any]) -> None:
    while evaluate(self.predicate, context):
      for line in self.body:
        evaluate(line, context)
    return None

  def python_repr(self, block_indent: int = 0) -> str:
    return (indent(f'while {python_repr(self.predicate)}:', block_indent)
            + '\n' + _block(self.body, block_indent + 1))
