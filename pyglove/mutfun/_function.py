"""Functions of `pg.mutfun`, and the base of code that defines a name."""
from __future__ import annotations

from typing import Any

from pyglove import typing as pg_typing
from pyglove.mutfun._code import Code
from pyglove.mutfun._code import indent
from pyglove.symbolic import allow_writable_accessors
from pyglove.symbolic import members


@members([('name', pg_typing.Str(), 'The name it defines.')])
class SymbolDefinition(Code):
  """Base of code that defines a name (`Assign`, `Function`)."""

  defines_symbol = True


@members([
    ('body', pg_typing.List(pg_typing.Object(Code)), 'The lines, in order.'),
    ('args', pg_typing.List(pg_typing.Str(), default=[]),
     'The argument names.'),
])
class Function(SymbolDefinition):
  """A function: named arguments and a body of lines; the last line's value is returned.

  Example:
    >>> M = pg.mutfun
    >>> f = M.Function('f', [
    ...     M.Assign('y', M.Var('x') + 1),
    ...     M.Assign('z', M.Var('x') ** 2),
    ...     M.Var('y') * M.Var('z'),
    ... ], args=['x'])
    >>> f(2)
    12
    >>> print(f)
    def f(x):
      y = x + 1
      z = x ** 2
      return y * z
  """

  is_function = True

  def evaluate(self, context: dict[str, Any]) -> Any:
    """Defines the function in `context` (as a nested ``def`` does); returns it."""
    context[self.name] = self
    return self

  def __call__(self, *args: Any, context: dict[str, Any] | None = None) -> Any:
    """Runs the body with `args` bound to the argument names; returns the last line's value.

    Args:
      *args: one value per argument.
      context: names visible to the body (e.g. other functions); the
        arguments take precedence.

    Raises:
      ValueError: the number of values differs from the number of arguments.
    """
    if len(args) != len(self.args):
      raise ValueError(
          f'Function {self.name!r} expects {len(self.args)} argument(s) '
          f'({", ".join(self.args) or "none"}) but got {len(args)}: {args!r}.')
    local = dict(context) if context else {}
    local.update(zip(self.args, args))
    value = None
    for line in self.body:
      value = line.evaluate(local)
    return value

  def python_repr(self, block_indent: int = 0) -> str:
    lines = [f'def {self.name}({", ".join(self.args)}):']
    for i, line in enumerate(self.body):
      source = line.python_repr(0)
      if i == len(self.body) - 1 and not isinstance(line, SymbolDefinition):
        source = 'return ' + source
      lines.append(indent(source, 1))
    if len(lines) == 1:
      lines.append(indent('pass', 1))
    return indent('\n'.join(lines), block_indent)

  def compile(self) -> None:
    """Checks that every line reads only names defined before it.

    Raises:
      ValueError: a line reads an undefined name (the message gives its path).
    """
    seen = {self.name, *self.args}
    for line in self.body:
      undefined = line.input_vars() - seen
      if undefined:
        raise ValueError(
            f'Undefined variables {sorted(undefined)} at {line.sym_path!s}.')
      seen |= line.output_vars()

  def prune(self) -> None:
    """Deletes the lines that do not contribute to the returned (last) line."""
    if not self.body:
      return
    needed = {d.line_number() for d in self.body[-1].input_defs()}
    with allow_writable_accessors(True):
      for i in reversed(range(len(self.body) - 1)):
        if i not in needed:
          del self.body[i]
