"""Structural rules of the package: small modules and no module-level import cycle."""
from __future__ import annotations

import ast
import pathlib

PACKAGE = pathlib.Path(__file__).resolve().parent.parent / 'pyglove'
MAX_LINES = 500


def _modules() -> dict[str, pathlib.Path]:
  modules = {}
  for path in PACKAGE.rglob('*.py'):
    parts = list(path.relative_to(PACKAGE.parent).with_suffix('').parts)
    if parts[-1] == '__init__':
      parts.pop()
    modules['.'.join(parts)] = path
  return modules


def _module_level_imports(name: str, path: pathlib.Path,
                          modules: dict[str, pathlib.Path]) -> set[str]:
  """The package modules that `name` imports when it is itself imported."""
  found = set()
  package = name if path.name == '__init__.py' else name.rpartition('.')[0]
  for node in ast.parse(path.read_text()).body:
    if isinstance(node, ast.Import):
      targets = [alias.name for alias in node.names]
    elif isinstance(node, ast.ImportFrom):
      base = node.module or ''
      if node.level:
        base = '.'.join(package.split('.')[:len(package.split('.')) - node.level + 1]
                        + ([base] if base else []))
      targets = [f'{base}.{alias.name}' for alias in node.names] + [base]
    else:
      continue
    found.update(t for t in targets if t in modules and t != name)
  return found


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
  state: dict[str, int] = {}
  stack: list[str] = []

  def visit(node: str) -> list[str] | None:
    state[node] = 1
    stack.append(node)
    for nxt in sorted(graph[node]):
      if state.get(nxt) == 1:
        return stack[stack.index(nxt):] + [nxt]
      if nxt not in state:
        found = visit(nxt)
        if found:
          return found
    stack.pop()
    state[node] = 2
    return None

  for node in sorted(graph):
    if node not in state:
      found = visit(node)
      if found:
        return found
  return None


def test_no_module_is_over_500_lines():
  """Every module stays small enough to read as one concept."""
  sizes = {name: len(path.read_text().splitlines())
           for name, path in _modules().items()}
  too_big = {name: n for name, n in sizes.items() if n > MAX_LINES}
  assert not too_big, f'Modules over {MAX_LINES} lines: {too_big}'


def test_no_module_level_import_cycle_between_private_modules():
  """Private modules never import each other in a cycle at module level.

  Package ``__init__`` modules are left out: they only re-export, and a module
  importing a sibling through its package is resolved by Python in order.
  """
  modules = _modules()
  graph = {}
  for name, path in modules.items():
    if path.name == '__init__.py':
      continue
    graph[name] = {m for m in _module_level_imports(name, path, modules)
                   if modules[m].name != '__init__.py'}
  assert _cycle(graph) is None, f'Import cycle: {" -> ".join(_cycle(graph))}'
