"""The instructions that define and use names: `Assign`, `Var`, `FunctionCall`."""
from __future__ import annotations

from typing import Any

from pyglove import typing as pg_typing
from pyglove.mutfun._code import evaluate
from pyglove.mutfun._code import indent
from pyglove.mutfun._code import python_repr
from pyglove.mutfun._function import Function
from pyglove.mutfun._function import SymbolDefinition
from pyglove.mutfun._instruction import SymbolReference
from pyglove.symbolic import members


@members([('value', pg_typing.Any(), 'The value: an instruction or a constant.')])
class Assign(SymbolDefinition):
  """``name = value``.

  Example:
    >>> context = {'x': 2}
    >>> pg.mutfun.Assign('y', pg.mutfun.Var('x') * 3).evaluate(context)
    6
    >>> context['y']
    6
  """

  def evaluate(self, context: dict[str, Any]) -> Any:
    value = evaluate(self.value, context)
    context[self.name] = value
    return value

  def python_repr(self, block_indent: int = 0) -> str:
    return indent(f'{self.name} = {python_repr(self.value)}', block_indent)


class Var(SymbolReference):
  """The value of a variable.

  Example:
    >>> pg.mutfun.Var('x').evaluate({'x': 1})
    1
  """

  def evaluate(self, context: dict[str, Any]) -> Any:
    """Returns the variable's value.

    Raises:
      KeyError: the variable is not in `context` (the message lists those that are).
    """
    try:
      return context[self.name]
    except KeyError:
      raise KeyError(
          f'Undefined variable {self.name!r}; defined: '
          f'{", ".join(sorted(context)) or "(none)"}. '
          f'(path={self.sym_path})') from None

  def python_repr(self, block_indent: int = 0) -> str:
    return indent(self.name, block_indent)


@members([
    ('args', pg_typing.List(pg_typing.Any(), default=[]),
     'The argument values: instructions or constants.'),
])
class FunctionCall(SymbolReference):
  """A call of a `Function` defined earlier (or given in the context), by name.

  Example:
    >>> M = pg.mutfun
    >>> main = M.Function('main', [
    ...     M.Function('square', [M.Var('a') * M.Var('a')], args=['a']),
    ...     M.FunctionCall('square', [M.Var('x') + 1]),
    ... ], args=['x'])
    >>> main(2)
    9
    >>> print(main)
    def main(x):
      def square(a):
        return a * a
      return square(x + 1)
  """

  def evaluate(self, context: dict[str, Any]) -> Any:
    """Calls the function with the evaluated arguments.

    Raises:
      ValueError: the name is undefined or not a `Function`, or the number
        of arguments differs.
    """
    func = context.get(self.name)
    if func is None:
      raise ValueError(
          f'Undefined function {self.name!r}. (path={self.sym_path})')
    if not isinstance(func, Function):
      raise ValueError(
          f'{self.name!r} is not a pg.mutfun.Function but {func!r}. '
          f'(path={self.sym_path})')
    if len(func.args) != len(self.args):
      raise ValueError(
          f'Function {self.name!r} takes {len(func.args)} argument(s) '
          f'({", ".join(func.args) or "none"}) but the call passes '
          f'{len(self.args)}. (path={self.sym_path})')
    values = [evaluate(arg, context) for arg in self.args]
    return func(*values, context=context)

  def python_repr(self, block_indent: int = 0) -> str:
    args = ', '.join(python_repr(arg) for arg in self.args)
    return indent(f'{self.name}({args})', block_indent)
