"""The one walk behind templates: find decision points, decode and encode values.

A (sub-)space is a value plus the hyper primitives found in it by a preorder
walk that does not enter them (each primitive owns its candidates). Their key
paths, relative to the value, are their locations in the DNA spec; their order
is the order of the DNA's elements.
"""
from __future__ import annotations

from typing import Any

from pyglove import geno
from pyglove import symbolic
from pyglove.hyper._base import HyperPrimitive
from pyglove.hyper._base import WhereFn
from pyglove.hyper._base import is_hyper
from pyglove.utils import KeyPath
from pyglove.utils import message_on_path

# A decision point found in a value: (path relative to the value, primitive).
Point = tuple[KeyPath, Any]

_ROOT = KeyPath()


def find_points(value: Any, where: WhereFn | None = None) -> list[Point]:
  """Returns the selected hyper primitives in `value`, in preorder, with their paths.

  Example:
    >>> find_points(pg.Dict(a=pg.oneof([1, 2]), b=3))
    [(KeyPath('a'), OneOf(candidates=[0: 1, 1: 2]))]
  """
  points: list[Point] = []
  _find(value, _ROOT, where, points)
  return points


def _find(value: Any, path: KeyPath, where: WhereFn | None,
          points: list[Point]) -> None:
  if is_hyper(value):
    # Derived values and unselected primitives are no decisions; neither are
    # the hyper values inside them.
    if isinstance(value, HyperPrimitive) and (where is None or where(value)):
      points.append((path, value))
    return
  if isinstance(value, symbolic.Symbolic):
    for key, child in value.sym_items():
      _find(child, path.child(key), where, points)


def space_of(points: list[Point], where: WhereFn | None) -> geno.Space:
  """Returns the DNA spec of a value's decision points."""
  return geno.Space([h.dna_spec(path, where) for path, h in points])


def element_dnas(dna: geno.DNA, num_elements: int) -> list[geno.DNA]:
  """Splits the DNA of a space with `num_elements` elements into one DNA each."""
  if num_elements == 1:
    return [dna]
  return list(dna.children) if num_elements else []


def join_dnas(dnas: list[geno.DNA]) -> geno.DNA:
  """The inverse of `element_dnas`: the DNA of a space from its elements' DNA."""
  if len(dnas) == 1:
    return dnas[0]
  return geno.DNA(None, dnas)


def decode_value(value: Any, points: list[Point], dnas: list[geno.DNA],
                 where: WhereFn | None) -> Any:
  """Returns a copy of `value` with each decision point replaced by its decoded value.

  A value without decision points is returned as is: placing a symbolic value
  under a new parent clones it, so templates are never shared by programs.
  """
  if not points:
    return value
  if len(points) == 1 and not points[0][0].depth:
    return points[0][1].decode(dnas[0], where)
  decided = {path: hyper.decode(dna, where)
             for (path, hyper), dna in zip(points, dnas)}
  result = value.clone(deep=True)
  result.rebind(decided, raise_on_no_change=False)
  return result


def encode_value(template: Any, value: Any, where: WhereFn | None,
                 root_path: KeyPath | None = None) -> list[geno.DNA]:
  """Returns the element DNAs that turn `template` into `value`.

  Raises:
    ValueError: `value` does not fit the template (a different type, keys,
      length or constant), naming the key path.
  """
  dnas: list[geno.DNA] = []
  _encode(template, value, root_path or _ROOT, where, dnas)
  return dnas


def _encode(template: Any, value: Any, path: KeyPath, where: WhereFn | None,
            dnas: list[geno.DNA]) -> None:
  if is_hyper(template):
    if not isinstance(template, HyperPrimitive):
      return  # A derived value fits whatever it derives.
    if where is None or where(template):
      dnas.append(template.encode(value, where))
    elif template != value:
      _mismatch(template, value, path)
    return
  if not isinstance(template, symbolic.Symbolic):
    if template != value:
      _mismatch(template, value, path)
    return
  if isinstance(template, symbolic.Object):
    if type(value) is not type(template):
      _mismatch(template, value, path)
    children = value.sym_getattr
  elif isinstance(template, dict):
    if not isinstance(value, dict) or set(value.keys()) != set(template.keys()):
      _mismatch(template, value, path)
    children = value.__getitem__
  else:
    if not isinstance(value, (list, tuple)) or len(value) != len(template):
      _mismatch(template, value, path)
    children = value.__getitem__
  for key, child in template.sym_items():
    _encode(child, children(key), path.child(key), where, dnas)


def _mismatch(template: Any, value: Any, path: KeyPath) -> None:
  raise ValueError(message_on_path(
      f'Value {value!r} does not fit the template {template!r}.', path))
