"""Copies of DNA trees: `clone` (compact, structural) and the state pickling keeps.

A copy keeps the decision points attached to each node and the mark that
the root fits a spec; from the root's metadata and user data it keeps only
the entries marked cloneable (an algorithm's fitness is not inherited).
"""
from __future__ import annotations

from typing import Any

from pyglove import symbolic
from pyglove.geno import _dna

_new = object.__new__


def clone(dna: Any, keep_data: bool, parent: Any = None) -> Any:
  """A compact copy of the tree of `dna` (with its cloneable data if `keep_data`).

  The search loop clones a DNA per proposal: each node is written straight
  into a new instance dict, its children linked to it as they are made.
  """
  src = dna.__dict__
  result = _new(type(dna))
  d = result.__dict__
  d['_compact'] = True
  d['value'] = dna.value
  children = dna.children
  if children:
    copies = d['children'] = []
    for c in children:
      copies.append(clone(c, keep_data, result))
  else:
    d['children'] = []
  if parent is not None:
    d['_parent'] = parent
  if '_point' in src:
    d['_point'] = src['_point']
  if '_spec' in src:
    d['_spec'] = src['_spec']
  if '_checked' in src:
    d['_checked'] = src['_checked']
  if keep_data and ('_cloneable_metadata_keys' in src
                    or '_cloneable_userdata_keys' in src):
    _copy_cloneable(dna, d)
  return result


def _copy_cloneable(source: Any, d: dict[str, Any]) -> None:
  src = source.__dict__
  metadata_keys = src.get('_cloneable_metadata_keys')
  if metadata_keys:
    metadata = _dna.metadata_of(source) or {}
    kept = {k: v for k, v in metadata.items() if k in metadata_keys}
    if kept:
      d['_metadata'] = symbolic.Dict(kept, value_spec=_dna.METADATA_SPEC)
    d['_cloneable_metadata_keys'] = set(metadata_keys)
  userdata_keys = src.get('_cloneable_userdata_keys')
  if userdata_keys:
    data = src.get('_userdata') or {}
    from pyglove.geno._attribute_dict import AttributeDict  # pylint: disable=g-import-not-at-top
    d['_userdata'] = AttributeDict(
        {k: v for k, v in data.items() if k in userdata_keys})
    d['_cloneable_userdata_keys'] = set(userdata_keys)


def state(dna: Any) -> tuple[Any, ...]:
  """What pickling keeps: value, children, point and specs, metadata, cloneable keys."""
  d = dna.__dict__
  metadata = _dna.metadata_of(dna)
  keys = d.get('_cloneable_metadata_keys')
  return (dna.value, list(dna.children), d.get('_point'), d.get('_spec'),
          d.get('_checked'),
          dict(metadata) if metadata else None, sorted(keys) if keys else None)


def restore(dna: Any, saved: tuple[Any, ...]) -> None:
  """Fills a new compact node from `state` output."""
  value, children, point, spec, checked, metadata, keys = saved
  d = dna.__dict__
  d['_compact'] = True
  d['value'] = value
  d['children'] = children
  for c in children:
    c.__dict__['_parent'] = dna
  if point is not None:
    d['_point'] = point
  if spec is not None:
    d['_spec'] = spec
  if checked is not None:
    d['_checked'] = checked
  if metadata:
    d['_metadata'] = symbolic.Dict(metadata, value_spec=_dna.METADATA_SPEC)
  if keys:
    d['_cloneable_metadata_keys'] = set(keys)
