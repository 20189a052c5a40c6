"""Reading generator state written by `_state_json.dumps`: one handler per tag.

Every handler checks the shape of its entry and raises a `ValueError` on
anything else; classes come only from the registries of `_state_json` (and
the JSON registry, for library classes, unless trusted).
"""
from __future__ import annotations

import collections
import math
import random
from typing import Any, Callable

from pyglove.geno._dna import DNA
from pyglove.geno._spec import DNASpec
from pyglove.geno._state_json import LIBRARY
from pyglove.geno._state_json import TAG
from pyglove.geno._state_json import lazy_classes
from pyglove.geno._state_json import malformed as _malformed
from pyglove.geno._state_json import preview as _preview
from pyglove.geno._state_json import state_classes
from pyglove.symbolic import Symbolic
from pyglove.symbolic import from_json as symbolic_from_json
from pyglove.utils import UnsafeLoadError
from pyglove.utils import lookup_json_type
from pyglove.utils import max_depth
from pyglove.utils._depth import too_deep

_TAG = TAG
_LIBRARY = LIBRARY
_NUMPY_DTYPES = frozenset([
    'bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32',
    'uint64', 'float16', 'float32', 'float64'])
# '_type's of plain JSON values that name no class.
_SPECIAL_TYPES = frozenset(['MISSING_VALUE', '__float__'])


class Decoder:
  """Decodes one document, resolving ids in the order they were written."""

  def __init__(self, spec: DNASpec | None, trusted: bool) -> None:
    self.spec = spec
    self.trusted = trusted
    self.shared: dict[int, Any] = {}

  def decode(self, node: Any, depth: int) -> Any:
    node_type = type(node)
    if node is None or node_type in (bool, int, str, float):
      return node
    depth += 1
    if depth > max_depth():
      raise too_deep('The generator state')
    if node_type is list:
      return [self.decode(v, depth) for v in node]
    if node_type is not dict:
      raise _malformed(f'an unexpected {_preview(node)}')
    tag = node.get(_TAG)
    handler = _HANDLERS.get(tag) if isinstance(tag, str) else None
    if handler is None:
      raise _malformed(f'an unknown entry tagged {tag!r}')
    return handler(self, node, depth)

  def field(self, node: dict[str, Any], name: str, kind: type | tuple[type, ...]) -> Any:
    value = node.get(name)
    if not isinstance(value, kind) or isinstance(value, bool) and kind is int:
      raise _malformed(
          f'a {node.get(_TAG)!r} entry whose {name!r} is {_preview(value)}')
    return value

  def check_types(self, data: Any) -> None:
    """Refuses JSON naming anything but library classes, unless trusted."""
    stack = [data]
    while stack:
      item = stack.pop()
      if isinstance(item, list):
        stack.extend(item)
      elif isinstance(item, dict):
        stack.extend(item.values())
        key = item.get('_type')
        if key is None or key in _SPECIAL_TYPES:
          continue
        if key in ('function', 'method') and not self.trusted:
          raise UnsafeLoadError(
              f'The generator state holds the {key} {item.get("name")!r}; '
              f'loading it would run code that the study names. If you trust '
              f'the study, pass trusted=True to the backend.')
        if key == 'type':
          key = item.get('name')
        if self.trusted or (isinstance(key, str) and key.startswith(_LIBRARY)
                            and lookup_json_type(key) is not None):
          continue
        raise UnsafeLoadError(
            f'The generator state names {key!r}, which is not a class of '
            f'this library; loading it would run its code. If you trust the '
            f'study, pass trusted=True to the backend.')


def _decode_float(d: Decoder, node: dict[str, Any], depth: int) -> float:
  text = d.field(node, 'value', str)
  if text not in ('nan', 'inf', '-inf'):
    raise _malformed(f'a special float {text!r}')
  return float(text)


def _decode_items(d: Decoder, node: dict[str, Any], depth: int) -> list[Any]:
  return [d.decode(v, depth) for v in d.field(node, 'items', list)]


def _decode_dict(d: Decoder, node: dict[str, Any], depth: int) -> dict[Any, Any]:
  result = {}
  for pair in d.field(node, 'items', list):
    if not isinstance(pair, list) or len(pair) != 2:
      raise _malformed(f'a dict item {_preview(pair)}')
    key = d.decode(pair[0], depth)
    try:
      result[key] = d.decode(pair[1], depth)
    except TypeError as e:
      raise _malformed(f'a dict key {_preview(key)} ({e})') from None
  return result


def _decode_deque(d: Decoder, node: dict[str, Any], depth: int) -> Any:
  maxlen = node.get('maxlen')
  if maxlen is not None and (type(maxlen) is not int or maxlen < 0):
    raise _malformed(f'a deque maxlen {_preview(maxlen)}')
  return collections.deque(_decode_items(d, node, depth), maxlen)


def _decode_set(d: Decoder, node: dict[str, Any], depth: int) -> Any:
  make = set if node[_TAG] == 'set' else frozenset
  try:
    return make(_decode_items(d, node, depth))
  except TypeError as e:
    raise _malformed(f'a set of unhashable items ({e})') from None


def _decode_random(d: Decoder, node: dict[str, Any], depth: int) -> random.Random:
  version = d.field(node, 'version', int)
  internal = d.field(node, 'internal', list)
  gauss = d.decode(node.get('gauss'), depth)
  if not all(type(v) is int for v in internal) or (
      gauss is not None and type(gauss) is not float):
    raise _malformed('a random.Random state that is not numbers')
  rng = random.Random()
  try:
    rng.setstate((version, tuple(internal), gauss))
  except (ValueError, TypeError, OverflowError) as e:
    raise _malformed(f'a random.Random state ({e})') from None
  return rng


def _decode_numpy(d: Decoder, node: dict[str, Any], depth: int) -> Any:
  import numpy as np  # pylint: disable=g-import-not-at-top
  dtype = d.field(node, 'dtype', str)
  if dtype not in _NUMPY_DTYPES:
    raise _malformed(f'a numpy dtype {dtype!r}')
  if node[_TAG] == 'npscalar':
    value = d.decode(node.get('value'), depth)
    if type(value) not in (bool, int, float):
      raise _malformed(f'a numpy scalar {_preview(value)}')
    return _numpy_call(lambda: np.dtype(dtype).type(value))
  shape = d.field(node, 'shape', list)
  data = [d.decode(v, depth) for v in d.field(node, 'data', list)]
  if not all(type(n) is int and n >= 0 for n in shape) or (
      math.prod(shape) != len(data)) or not all(
          type(v) in (bool, int, float) for v in data):
    raise _malformed(f'a numpy array of shape {_preview(shape)} with '
                     f'{len(data)} numbers')
  return _numpy_call(lambda: np.array(data, dtype=dtype).reshape(shape))


def _numpy_call(make: Callable[[], Any]) -> Any:
  try:
    return make()
  except (ValueError, TypeError, OverflowError) as e:
    raise _malformed(f'numpy data ({e})') from None


def _decode_spec(d: Decoder, node: dict[str, Any], depth: int) -> DNASpec:
  if d.spec is None:
    raise _malformed("a reference to the study's DNA spec, but none was given")
  return d.spec


def _decode_dna(d: Decoder, node: dict[str, Any], depth: int) -> DNA:
  data = d.field(node, 'json', dict)
  d.check_types(data)
  dna = DNA.from_json(data, trusted=d.trusted)
  if not isinstance(dna, DNA):
    raise _malformed(f'DNA JSON that loads as {_preview(dna)}')
  spec = d.decode(node.get('spec'), depth)
  if spec is not None:
    if not isinstance(spec, DNASpec):
      raise _malformed(f'a DNA spec {_preview(spec)}')
    dna.use_spec(spec)
  return dna


def _decode_json(d: Decoder, node: dict[str, Any], depth: int) -> Any:
  data = d.field(node, 'json', dict)
  d.check_types(data)
  return symbolic_from_json(data, trusted=d.trusted)


def _decode_symbolic(d: Decoder, node: dict[str, Any], depth: int) -> Any:
  value = _decode_json(d, node, depth)
  if not isinstance(value, Symbolic):
    raise _malformed(f'symbolic JSON that loads as {_preview(value)}')
  for entry in d.field(node, 'states', list):
    if not (isinstance(entry, list) and len(entry) == 2
            and isinstance(entry[0], list) and isinstance(entry[1], dict)):
      raise _malformed(f'a runtime state entry {_preview(entry)}')
    target = _descend(value, entry[0])
    fields = getattr(type(target), '_sym_keys', ())
    for name, attr in entry[1].items():
      # Data, never a field, bookkeeping, a dunder or a method/property.
      if not (isinstance(name, str) and name.isidentifier()
              and not name.startswith(('_sym_', '__')) and name not in fields
              and not _is_behaviour(getattr(type(target), name, None))):
        raise _malformed(f'a runtime attribute named {name!r}')
      target.__dict__[name] = d.decode(attr, depth)
  return value


def _is_behaviour(class_attr: Any) -> bool:
  return callable(class_attr) or hasattr(type(class_attr), '__get__')


def _descend(value: Any, path: list[Any]) -> Any:
  node = value
  for key in path:
    try:
      child = node.sym_getattr(key) if isinstance(key, str) else node[key]
    except (KeyError, IndexError, TypeError, AttributeError):
      child = None
    if not isinstance(child, Symbolic):
      raise _malformed(f'a runtime state at {path!r}, where there is no '
                       f'symbolic object')
    node = child
  if not getattr(type(node), 'persists_runtime_state', False):
    raise _malformed(f'a runtime state for a {type(node).__name__}, which '
                     f'keeps none')
  return node


def _decode_object(d: Decoder, node: dict[str, Any], depth: int) -> Any:
  key = d.field(node, 'type', str)
  if key not in state_classes() and key in lazy_classes():
    lazy_classes()[key]()
  cls = state_classes().get(key)
  if cls is None:
    raise _malformed(f'an instance of {key!r}, which is no registered '
                     f'state class')
  if not key.startswith(_LIBRARY) and not d.trusted:
    raise UnsafeLoadError(
        f'The generator state holds an instance of {key!r}, which is not a '
        f'class of this library. If you trust the study, pass trusted=True '
        f'to the backend.')
  if hasattr(cls, 'from_state_json'):
    return cls.from_state_json(node.get('data'), lambda v: d.decode(v, depth))
  obj = cls.__new__(cls)
  for name, attr in d.field(node, 'attrs', dict).items():
    if not name.isidentifier() or name.startswith('__'):
      raise _malformed(f'an attribute named {name!r} of {key!r}')
    try:
      object.__setattr__(obj, name, d.decode(attr, depth))
    except AttributeError:
      raise _malformed(f'an attribute {name!r} that {key!r} has no slot '
                       f'for') from None
  return obj


def _decode_shared(d: Decoder, node: dict[str, Any], depth: int) -> Any:
  obj_id = d.field(node, 'id', int)
  if obj_id in d.shared:
    raise _malformed(f'object id {obj_id} defined twice')
  value = d.decode(node.get('value'), depth)
  d.shared[obj_id] = value
  return value


def _decode_ref(d: Decoder, node: dict[str, Any], depth: int) -> Any:
  obj_id = d.field(node, 'id', int)
  if obj_id not in d.shared:
    raise _malformed(f'a reference to object id {obj_id} before its '
                     f'definition')
  return d.shared[obj_id]


_HANDLERS: dict[str, Callable[[Decoder, dict[str, Any], int], Any]] = {
    'float': _decode_float,
    'tuple': lambda d, n, depth: tuple(_decode_items(d, n, depth)),
    'dict': _decode_dict,
    'deque': _decode_deque,
    'set': _decode_set,
    'frozenset': _decode_set,
    'random': _decode_random,
    'ndarray': _decode_numpy,
    'npscalar': _decode_numpy,
    'spec': _decode_spec,
    'dna': _decode_dna,
    'json': _decode_json,
    'symbolic': _decode_symbolic,
    'object': _decode_object,
    'shared': _decode_shared,
    'ref': _decode_ref,
}
