"""The template codec: find decision points, decode and encode values.

A (sub-)space is a value plus the hyper primitives found in it by a preorder
walk (`pg.symbolic.fold`, the one walk of the library) that does not enter
them (each primitive owns its candidates). Their key
paths, relative to the value, are their locations in the DNA spec; their order
is the order of the DNA's elements.
"""
from __future__ import annotations

import copy
from typing import Any

from pyglove import geno
from pyglove import symbolic
from pyglove.hyper._base import HyperPrimitive
from pyglove.hyper._base import WhereFn
from pyglove.hyper._base import is_hyper
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import message_on_path

# A decision point found in a value: (path relative to the value, primitive).
Point = tuple[KeyPath, Any]

_ROOT = KeyPath()
_ENTER = symbolic.TraverseAction.ENTER
_CONTINUE = symbolic.TraverseAction.CONTINUE


class SubSpace:
  """A value and its decision points, compiled once to decode programs fast.

  Decoding rebuilds only the nodes on the way from the root to a decision
  point, through their constructors (which validate and convert the decided
  values, e.g. an int for a Float field); the subtrees without decisions are
  copied, and the hyper values themselves are never copied. Nodes that cannot
  be rebuilt that way (a class with its own `__init__`, a partial value) are
  cloned and rebound instead.

  Example:
    >>> sub = SubSpace(pg.Dict(a=pg.oneof([1, 2]), b=3))
    >>> [str(path) for path, _ in sub.points]
    ['a']
    >>> sub.decode([pg.DNA(1)]) == {'a': 2, 'b': 3}
    True
  """

  __slots__ = ('value', 'where', 'points', '_plan')

  def __init__(self, value: Any, where: WhereFn | None = None) -> None:
    self.value = value
    self.where = where
    self.points: list[Point] = []
    self._plan = _compile(value, where, self.points)

  def spec(self) -> geno.Space:
    """Returns the DNA spec of the decision points."""
    return space_of(self.points, self.where)

  def decode(self, dnas: list[geno.DNA]) -> Any:
    """Returns the value with each point decided by its DNA (the value itself if none)."""
    if self._plan is None:
      return self.value
    where = self.where
    decided = [hyper.decode(dna, where)
               for (_, hyper), dna in zip(self.points, dnas)]
    return _build(self._plan, decided)

  def encode(self, value: Any) -> list[geno.DNA]:
    """Returns the element DNAs that turn this sub-space into `value`."""
    return encode_value(self.value, value, self.where)


# Plan steps, one tuple per node on the way to a decision point.
_POINT, _CONST, _OBJECT, _DICT, _LIST, _REBIND = range(6)


def _compile(value: Any, where: WhereFn | None,
             points: list[Point]) -> tuple[Any, ...] | None:
  """Returns the plan that rebuilds `value`, or None when it has no point.

  One fold over the tree: a node's plan is made from its children's plans.
  """
  # The number of points found before each entered node (a stack).
  firsts: list[int] = []

  def enter(keys: list[Any], v: Any) -> bool:
    # Hyper values are not entered: derived values and unselected primitives
    # are no decisions, and neither are the hyper values inside them.
    if is_hyper(v) or not isinstance(v, symbolic.Symbolic):
      return False
    firsts.append(len(points))
    return True

  def combine(keys: list[Any], v: Any,
              children: list[tuple[Any, Any]] | None) -> tuple[Any, ...]:
    if children is None:
      if isinstance(v, HyperPrimitive) and (where is None or where(v)):
        points.append((KeyPath(keys), v))
        return (_POINT, len(points) - 1)
      return (_CONST, v)
    first = firsts.pop()
    if len(points) == first:
      return (_CONST, v)
    return _node_plan(v, children, points, first, len(keys))

  plan = symbolic.fold(value, combine, enter)
  return None if plan[0] == _CONST else plan


def _node_plan(value: Any, children: list[tuple[Any, Any]],
               points: list[Point], first: int, depth: int) -> tuple[Any, ...]:
  """The plan of a symbolic node holding the points `points[first:]`."""
  cls = type(value)
  # A missing value would fail a constructor; nested ones belong to subtrees
  # that are copied or rebuilt on their own.
  complete = all(c[1] is not MISSING_VALUE for _, c in children)
  if isinstance(value, symbolic.Object):
    if _has_schema_init(cls) and complete:
      return (_OBJECT, cls, children, value.is_sealed)
  elif cls is symbolic.Dict or cls is symbolic.List:
    if complete:
      # Under a parent, a plain container is converted by the parent's spec.
      is_root = not depth
      return (_DICT if cls is symbolic.Dict else _LIST,
              value.value_spec if is_root else None, children, is_root)
  return (_REBIND, value,
          [(KeyPath(p.keys[depth:]), i)
           for i, (p, _) in enumerate(points[first:], first)])


def _has_schema_init(cls: type) -> bool:
  """Whether `cls(**fields)` rebuilds an instance: no user-defined `__init__`.

  pg.Object may replace its generic `__init__` by one generated per class
  (marked `sym_generated`), which binds the same keyword arguments.
  """
  init = cls.__init__
  return init is symbolic.Object.__init__ or getattr(init, 'sym_generated', False)


def _build(plan: tuple[Any, ...], decided: list[Any]) -> Any:
  kind = plan[0]
  if kind == _POINT:
    return decided[plan[1]]
  if kind == _CONST:
    value = plan[1]
    if type(value) in symbolic.ATOMIC_TYPES or isinstance(value, symbolic.Symbolic):
      return value  # A symbolic node is copied when its new parent adopts it.
    return copy.deepcopy(value)
  if kind == _OBJECT:
    return plan[1](**{k: _build(p, decided) for k, p in plan[2]},
                   sealed=plan[3])
  if kind == _DICT:
    items = {k: _build(p, decided) for k, p in plan[2]}
    return symbolic.Dict(items, value_spec=plan[1]) if plan[3] else items
  if kind == _LIST:
    items = [_build(p, decided) for _, p in plan[2]]
    return symbolic.List(items, value_spec=plan[1]) if plan[3] else items
  result = plan[1].clone(deep=True)
  result.rebind({path: decided[i] for path, i in plan[2]},
                raise_on_no_change=False)
  return result


def space_of(points: list[Point], where: WhereFn | None) -> geno.Space:
  """Returns the DNA spec of a value's decision points."""
  return geno.Space([h.dna_spec(path, where) for path, h in points])


def element_dnas(dna: geno.DNA, num_elements: int) -> list[geno.DNA]:
  """Splits the DNA of a space with `num_elements` elements into one DNA each."""
  if num_elements == 1:
    return [dna]
  return list(dna.children) if num_elements else []


def candidate_dnas(points: list[Point], children: list[geno.DNA]) -> list[geno.DNA]:
  """The DNA of each decision point of a chosen candidate, from the choice node's children.

  A lone multi-choice gives its subchoices as the choice node's children
  (``DNA(1, [0, 2])``, as `pg.geno` lays them out); they are grouped back.
  """
  if (len(points) == 1 and getattr(points[0][1], 'num_choices', 1) > 1
      and not (len(children) == 1 and children[0].value is None)):
    return [geno.DNA(None, list(children))]
  return list(children)


def join_dnas(dnas: list[geno.DNA]) -> geno.DNA:
  """The inverse of `element_dnas`: the DNA of a space from its elements' DNA."""
  if len(dnas) == 1:
    return dnas[0]
  return geno.DNA(None, dnas)


def encode_value(template: Any, value: Any, where: WhereFn | None,
                 root_path: KeyPath | None = None) -> list[geno.DNA]:
  """Returns the element DNAs that turn `template` into `value`.

  One walk over the template, keeping the matching part of `value` beside
  each entered node.

  Raises:
    ValueError: `value` does not fit the template (a different type, keys,
      length or constant), naming the key path.
  """
  root = root_path or _ROOT
  dnas: list[geno.DNA] = []
  # (value matching an entered template node, how to get its children).
  matches: list[tuple[Any, Any]] = []

  def pre(keys: list[Any], t: Any, parent: Any) -> symbolic.TraverseAction:
    v = value if not keys else matches[-1][1](keys[-1])
    if is_hyper(t):
      if isinstance(t, HyperPrimitive):  # A derived value fits anything.
        if where is None or where(t):
          dnas.append(t.encode(v, where))
        elif t != v:
          _mismatch(t, v, root + KeyPath(keys))
      return _CONTINUE
    if not isinstance(t, symbolic.Symbolic):
      if t != v:
        _mismatch(t, v, root + KeyPath(keys))
      return _CONTINUE
    matches.append((v, _children_getter(t, v, root + KeyPath(keys))))
    return _ENTER

  def post(keys: list[Any], t: Any, parent: Any) -> None:
    if isinstance(t, symbolic.Symbolic) and not is_hyper(t):
      matches.pop()

  symbolic.walk(template, pre, post)
  return dnas


def _children_getter(template: Any, value: Any, path: KeyPath) -> Any:
  """How to read the children of `value` by the keys of `template` (checking they fit)."""
  if isinstance(template, symbolic.Object):
    if type(value) is not type(template):
      _mismatch(template, value, path)
    return value.sym_getattr
  if isinstance(template, dict):
    if not isinstance(value, dict) or set(value.keys()) != set(template.keys()):
      _mismatch(template, value, path)
    return value.__getitem__
  if not isinstance(value, (list, tuple)) or len(value) != len(template):
    _mismatch(template, value, path)
  return value.__getitem__


def _mismatch(template: Any, value: Any, path: KeyPath) -> None:
  raise ValueError(message_on_path(
      f'Value {value!r} does not fit the template {template!r}.', path))
