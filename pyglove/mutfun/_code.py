"""`Code`, the base of `pg.mutfun`'s program trees, and the data flow between lines.

A mutable function is a tree of symbolic `Code` objects: a `Function` holds
a list of lines (its body); a line is an instruction (an expression such as
``y * z``) or a symbol definition (``y = x + 1``, or a nested function).
Being symbolic, the tree can be mutated with ``rebind``, ``pg.evolve`` or
`pg.patch`; the methods here answer the questions a mutation needs: which
variables a line reads and writes, which lines feed it, which lines use it.

Code objects compare and hash by identity (``use_symbolic_comparison =
False``), so they can be kept in sets and dicts; use `pg.eq` to compare two
programs by value.
"""
from __future__ import annotations

import abc
from typing import TYPE_CHECKING, Any, Callable, Iterator

from pyglove.symbolic import Object
from pyglove.symbolic import TraverseAction
from pyglove.symbolic import traverse
from pyglove.utils import format as pg_format

if TYPE_CHECKING:
  from pyglove.mutfun._function import Function
  from pyglove.mutfun._function import SymbolDefinition
  from pyglove.mutfun._instruction import SymbolReference


def evaluate(value: Any, context: dict[str, Any]) -> Any:
  """Returns ``value.evaluate(context)`` for code, `value` itself for a plain value.

  Example:
    >>> pg.mutfun.evaluate(pg.mutfun.Var('x') + 1, {'x': 2}), pg.mutfun.evaluate(3, {})
    (3, 3)
  """
  if isinstance(value, Code):
    return value.evaluate(context)
  return value


def python_repr(value: Any, block_indent: int = 0) -> str:
  """Returns the Python source of code, or of a plain value (its `repr`), indented by `block_indent` levels.

  Example:
    >>> pg.mutfun.python_repr(pg.mutfun.Var('x') * 2), pg.mutfun.python_repr('a')
    ('x * 2', "'a'")
  """
  if isinstance(value, Code):
    return value.python_repr(block_indent)
  return indent(repr(value), block_indent)


def indent(text: str, block_indent: int) -> str:
  """Indents every non-empty line of `text` by `block_indent` levels of two spaces."""
  prefix = '  ' * block_indent
  return '\n'.join(prefix + line if line else line
                   for line in text.split('\n'))


class Code(Object):
  """Base of code entities: evaluable, printable as Python, aware of its place in a function."""

  use_symbolic_comparison = False
  # What a kind of code is, declared by the subclasses that are:
  defines_symbol = False     # it defines its `name` (SymbolDefinition)
  references_symbol = False  # it reads its `name` (SymbolReference)
  is_function = False        # its body is a function scope (Function)

  @abc.abstractmethod
  def evaluate(self, context: dict[str, Any]) -> Any:
    """Runs this code with the variables in `context` (which it may update); returns its value."""
    raise NotImplementedError(
        f'{type(self).__name__} must implement evaluate(context).')

  @abc.abstractmethod
  def python_repr(self, block_indent: int = 0) -> str:
    """Returns the Python source of this code, indented by `block_indent` levels."""
    raise NotImplementedError(
        f'{type(self).__name__} must implement python_repr().')

  def format(self, compact: bool = True, verbose: bool = False,
             root_indent: int = 0, **kwargs: Any) -> str:
    """Returns the Python source, or the symbolic form if `verbose`."""
    if verbose:
      return super().format(compact, verbose, root_indent, **kwargs)
    return self.python_repr(root_indent)

  def __str__(self) -> str:
    return self.python_repr()

  def __repr__(self) -> str:
    # pg.format is verbose by default: the symbolic form, down to the leaves.
    return pg_format(self, compact=True)

  # ---- Position --------------------------------------------------------------

  def _ancestor(self, accept: Callable[[Any], bool]) -> Any:
    parent = self.sym_parent
    while parent is not None and not accept(parent):
      parent = parent.sym_parent
    return parent

  def parent_code(self) -> Code | None:
    """Returns the closest enclosing code entity (None at the top)."""
    return self._ancestor(lambda x: isinstance(x, Code))

  def parent_func(self) -> Function | None:
    """Returns the function whose body contains this code (None outside a function)."""
    return self._ancestor(lambda x: isinstance(x, Code) and x.is_function)

  def line(self) -> Code:
    """Returns the line of the enclosing function that contains this code (itself if it is one)."""
    line = self
    parent = self.sym_parent
    while parent is not None and not (isinstance(parent, Code)
                                      and parent.is_function):
      if isinstance(parent, Code):
        line = parent
      parent = parent.sym_parent
    return line

  def line_number(self) -> int:
    """Returns the 0-based index of this code's line in its function's body.

    Raises:
      ValueError: the code is not inside a function's body.
    """
    path = self.line().sym_path
    key = path.key if path else None
    if not isinstance(key, int) or self.parent_func() is None:
      raise ValueError(
          f'{self.python_repr()!r} is not in the body of a function, so it '
          f'has no line number. (path={self.sym_path})')
    return key

  def _lines(self, indices: range) -> Iterator[Code]:
    func = self.parent_func()
    if func is not None:
      for i in indices:
        yield func.body[i]

  def preceding_lines(self) -> Iterator[Code]:
    """Yields the lines before this code's line, first line first."""
    if self.parent_func() is not None:
      yield from self._lines(range(self.line_number()))

  def preceding_lines_reversed(self) -> Iterator[Code]:
    """Yields the lines before this code's line, nearest first."""
    if self.parent_func() is not None:
      yield from self._lines(reversed(range(self.line_number())))

  def succeeding_lines(self) -> Iterator[Code]:
    """Yields the lines after this code's line, in order."""
    func = self.parent_func()
    if func is not None:
      yield from self._lines(range(self.line_number() + 1, len(func.body)))

  # ---- Data flow -------------------------------------------------------------

  def input_vars(self, transitive: bool = False) -> set[str]:
    """Returns the names this code reads (variables and called functions).

    Args:
      transitive: also include what the earlier lines producing those names
        read, back to the function's arguments.
    """
    names = _referenced_names(self)
    if transitive:
      unresolved = set(names)
      for line in self.preceding_lines_reversed():
        produced = line.output_vars()
        if produced & unresolved:
          line_inputs = line.input_vars()
          names |= line_inputs
          unresolved = (unresolved - produced) | line_inputs
    return names

  def output_vars(self, transitive: bool = False) -> set[str]:
    """Returns the names this code's line defines.

    Args:
      transitive: also include the names defined by later lines that read
        them, directly or through other lines.
    """
    names = _defined_names(self.line())
    if transitive and self.parent_func() is not None:
      for line in self._lines(range(self.line_number(),
                                    len(self.parent_func().body))):
        if names & line.input_vars():
          names |= line.output_vars()
    return names

  def seen_vars(self) -> set[str]:
    """Returns the names visible before this code's line: the function, its arguments, earlier definitions."""
    func = self.parent_func()
    if func is None:
      return set()
    seen = {func.name, *func.args}
    for line in self.preceding_lines():
      seen |= line.output_vars()
    return seen

  def input_defs(self, transitive: bool = True) -> list[SymbolDefinition]:
    """Returns the definitions producing what this code reads, in line order.

    Args:
      transitive: also include the definitions those depend on.

    Raises:
      ValueError: this code reads a name defined nowhere before it.
    """
    func = self.parent_func()
    if func is None:
      return []
    producers: dict[str, set[SymbolDefinition]] = {a: set() for a in func.args}
    producers[func.name] = set()
    for line in self.preceding_lines():
      for definition in _definitions(line):
        deps = {definition}
        if transitive:
          for name in definition.input_vars():
            deps |= producers.get(name, set())
        producers[definition.name] = deps
    result: set[SymbolDefinition] = set()
    for name in self.input_vars():
      if name not in producers:
        raise ValueError(
            f'Undefined variable {name!r} in function {func.name!r}, line '
            f'{self.line_number()}. (path={self.sym_path})')
      result |= producers[name]
    return sorted(result, key=lambda d: d.line_number())

  def output_refs(self, transitive: bool = True) -> list[SymbolReference]:
    """Returns the references, in later lines, to what this code's line defines.

    A later redefinition of a name hides the earlier one from the lines
    after it.

    Args:
      transitive: also follow what the referencing lines define.
    """
    outputs = self.output_vars()
    refs: list[SymbolReference] = []
    for line in self.succeeding_lines():
      line_refs = [r for r in _references(line) if r.name in outputs]
      refs.extend(line_refs)
      if line_refs and transitive:
        outputs |= line.output_vars()
      else:
        outputs -= line.output_vars()
    return refs

  def compile(self) -> None:
    """Checks that every name this code reads is defined before its line.

    Raises:
      ValueError: names are undefined (the message lists them).
    """
    undefined = self.input_vars() - self.seen_vars()
    if undefined:
      raise ValueError(
          f'Undefined variables {sorted(undefined)} at {self.sym_path!s}.')


def _walk_code(root: Code, visit: Callable[[Any], None]) -> None:
  """Calls `visit` on `root` and the values below it, not entering function bodies.

  A function's body is its own scope (closures are not modelled): what it
  reads or defines is not read or defined where the function is.
  """

  def visitor(k, v, p):
    del k, p
    visit(v)
    if isinstance(v, Code) and v.is_function:
      return TraverseAction.CONTINUE
    return TraverseAction.ENTER

  traverse(root, visitor)


def _referenced_names(code: Code) -> set[str]:
  names: set[str] = set()
  if code.is_function:
    # A function's body is not run (so reads nothing) where it is defined.
    return names
  _walk_code(code, lambda v: names.add(v.name)
             if isinstance(v, Code) and v.references_symbol else None)
  return names


def _definitions(line: Code) -> list[SymbolDefinition]:
  found: list[SymbolDefinition] = []
  _walk_code(line, lambda v: found.append(v)
             if isinstance(v, Code) and v.defines_symbol else None)
  return found


def _defined_names(line: Code) -> set[str]:
  return {d.name for d in _definitions(line)}


def _references(line: Code) -> list[SymbolReference]:
  found: list[SymbolReference] = []
  _walk_code(line, lambda v: found.append(v)
             if isinstance(v, Code) and v.references_symbol else None)
  return found
