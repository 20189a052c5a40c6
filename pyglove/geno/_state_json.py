"""A running generator's state as JSON, through a closed set of types.

What a study stores of its generator must restore exactly (the restored
generator proposes what the original would) and must never run code when it
is loaded. So the state is written as JSON through a closed set of types:

- JSON scalars, non-finite floats, lists, tuples, dicts (any hashable keys),
  `collections.deque`, sets;
- `random.Random` (its state as numbers), numpy arrays (dtype, shape and
  the numbers) and numpy scalars of numeric dtypes;
- DNA (as DNA JSON, with the spec it is attached to), DNA specs (the study's
  own spec as a reference to it), and symbolic objects (their JSON, plus the
  runtime state of the generators and policies in them, i.e. each instance
  attribute that is not a field, written through this same codec);
- instances of helper classes registered with `register` (e.g. a policy's
  parameters), written attribute by attribute or by their own
  ``to_state_json``/``from_state_json``.

Objects referenced twice are written once and referenced by id, so shared
state (one RNG seen by two holders, a DNA in both a population and a queue)
stays shared. Loading resolves classes only through the registries, never
imports a module or calls anything named by the data; a symbolic class or
helper class outside this library loads only with ``trusted=True``.
Anything else is refused with a `ValueError` (`pg.UnsafeLoadError` for
classes that need trust).

Example:
  >>> import random
  >>> rng = random.Random(1)
  >>> state = loads(dumps({'rng': rng, 'seen': {(1, 2): [rng]}}))
  >>> state['rng'].random() == rng.random()
  True
  >>> state['seen'][(1, 2)][0] is state['rng']
  True
"""
from __future__ import annotations

import collections
import json
import math
import random
from typing import Any, Callable

from pyglove.geno._dna import DNA
from pyglove.geno._spec import DNASpec
from pyglove.symbolic import Symbolic
from pyglove.symbolic import to_json as symbolic_to_json
from pyglove.utils import DeepRecursion
from pyglove.utils import JSONConvertible
from pyglove.utils import max_depth
from pyglove.utils import type_key
from pyglove.utils._depth import too_deep

FORMAT = 'pyglove.state'
VERSION = 1

TAG = '$'
_TAG = TAG
# Classes of this library load without trust.
LIBRARY = 'pyglove.'
_NUMPY_DTYPES = frozenset([
    'bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32',
    'uint64', 'float16', 'float32', 'float64'])

_CLASSES: dict[str, type] = {}
# Keys of library classes registered when their (optional) module loads.
_LAZY: dict[str, Callable[[], Any]] = {}


def register(cls: type) -> type:
  """Registers a helper class whose instances may be part of generator state.

  Its instances are written attribute by attribute (``__dict__`` and
  ``__slots__``), each through this codec, and rebuilt without calling
  ``__init__``; or, if the class defines them, by
  ``to_state_json(self, encode) -> JSON`` and the classmethod
  ``from_state_json(data, decode)``. A class outside this library loads only
  with ``trusted=True``. Usable as a decorator.
  """
  _CLASSES[type_key(cls)] = cls
  return cls


def register_lazy(keys: list[str], load: Callable[[], Any]) -> None:
  """Declares library state classes that `load()` registers (e.g. by importing numpy code).

  A study naming one of `keys` calls `load` before resolving it; the data
  can only choose among what the library declared here.
  """
  for key in keys:
    _LAZY[key] = load


def dumps(value: Any, spec: DNASpec | None = None) -> str:
  """The JSON text of `value` (see the module doc for what it may hold).

  Args:
    value: the state to write.
    spec: the study's DNA spec: written as a reference, and given back by
      `loads`, so it is neither stored twice nor copied.

  Raises:
    TypeError: `value` holds something outside the closed set of types
      (the message names it and where it is), or a reference cycle.
    ValueError: `value` nests more than half of
      `pyglove.utils.max_depth()` levels (its JSON nests deeper than the
      value, and must load back).
  """
  with DeepRecursion('The generator state'):
    encoder = _Encoder(spec)
    node = encoder.encode(value, 'state')
    document = {'format': FORMAT, 'version': VERSION,
                'value': _finish(node, encoder.referenced)}
    return json.dumps(document, allow_nan=False)


def loads(text: str | bytes, spec: DNASpec | None = None,
          trusted: bool = False) -> Any:
  """The value `dumps` wrote.

  Args:
    text: JSON text written by `dumps`.
    spec: the spec given to `dumps`, returned where it was referenced.
    trusted: allow symbolic and helper classes outside this library, and
      functions in the fields of symbolic objects.

  Raises:
    ValueError: the text is not state of the current format, is malformed,
      or nests more than `pyglove.utils.max_depth()` levels;
      `pg.UnsafeLoadError` (a ValueError) for classes or functions that
      need ``trusted=True``.
  """
  with DeepRecursion('The generator state'):
    try:
      document = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError, TypeError) as e:
      raise ValueError(
          f'Not generator state of this library (format {FORMAT!r} '
          f'version {VERSION}): it is not JSON text ({e}).') from None
    if (not isinstance(document, dict) or document.get('format') != FORMAT
        or document.get('version') != VERSION or 'value' not in document):
      raise ValueError(
          f'Not generator state of this library (format {FORMAT!r} version '
          f'{VERSION}); got a document starting {preview(document)}.')
    # The decoder reads this module's registries (a module-level import would be a cycle).
    from pyglove.geno import _state_decode  # pylint: disable=g-import-not-at-top
    return _state_decode.Decoder(spec, trusted).decode(document['value'], 0)


def runtime_state(obj: Any) -> dict[str, Any]:
  """The instance attributes of a symbolic object that are neither fields nor bookkeeping."""
  fields = getattr(type(obj), '_sym_keys', ())
  return {k: v for k, v in vars(obj).items()
          if k not in fields and not k.startswith('_sym_')}


class _Shared:
  """An encoded object with an id, written with the id only if referenced again."""
  __slots__ = ('id', 'node')

  def __init__(self, obj_id: int, node: Any) -> None:
    self.id = obj_id
    self.node = node


class _Raw:
  """JSON data written as it is (another format's JSON, e.g. DNA JSON)."""
  __slots__ = ('data',)

  def __init__(self, data: Any) -> None:
    self.data = data


class _Encoder:
  """Encodes one document; `memo` gives every object seen its id."""

  def __init__(self, spec: DNASpec | None) -> None:
    self.spec = spec
    self.memo: dict[int, tuple[int, Any]] = {}
    self.in_progress: set[int] = set()
    self.referenced: set[int] = set()

  def encode(self, value: Any, where: str) -> Any:
    value_type = type(value)
    if value is None or value_type in (bool, int, str):
      return value
    if value_type is float:
      return value if math.isfinite(value) else {_TAG: 'float',
                                                 'value': repr(value)}
    if value is self.spec and self.spec is not None:
      return {_TAG: 'spec'}
    key = id(value)
    seen = self.memo.get(key)
    if seen is not None:
      if key in self.in_progress:
        raise TypeError(f'The generator state holds a reference cycle at {where}.')
      self.referenced.add(seen[0])
      return {_TAG: 'ref', 'id': seen[0]}
    if len(self.in_progress) >= max_depth() // 2:
      raise too_deep(f'The generator state at {where}', max_depth() // 2)
    # Keep `value` alive in the memo, so its id is not reused meanwhile.
    self.memo[key] = (len(self.memo), value)
    self.in_progress.add(key)
    try:
      return _Shared(self.memo[key][0], self._encode_new(value, where))
    finally:
      self.in_progress.discard(key)

  def _encode_new(self, value: Any, where: str) -> Any:
    value_type = type(value)
    if value_type is list:
      return [self.encode(v, f'{where}[{i}]') for i, v in enumerate(value)]
    if value_type is tuple:
      return {_TAG: 'tuple', 'items': self._items(value, where)}
    if value_type is dict:
      return {_TAG: 'dict', 'items': [
          [self.encode(k, f'{where} (a key)'), self.encode(v, f'{where}[{k!r}]')]
          for k, v in value.items()]}
    if value_type is collections.deque:
      return {_TAG: 'deque', 'items': self._items(value, where),
              'maxlen': value.maxlen}
    if value_type in (set, frozenset):
      return {_TAG: value_type.__name__, 'items': self._items(value, where)}
    if value_type is random.Random:
      version, internal, gauss = value.getstate()
      return {_TAG: 'random', 'version': version, 'internal': list(internal),
              'gauss': self.encode(gauss, where)}
    if isinstance(value, DNA):
      spec = value.__dict__.get('_checked')  # The spec it was validated against.
      return {_TAG: 'dna', 'json': _Raw(value.to_json()),
              'spec': None if spec is None else self.encode(spec, where)}
    if isinstance(value, Symbolic):
      return self._symbolic(value, where)
    if isinstance(value, JSONConvertible):
      return {_TAG: 'json', 'json': _Raw(value.to_json())}
    if type_key(value_type) in _CLASSES:
      return self._registered(value, where)
    if value_type.__module__ == 'numpy':
      return self._numpy(value, where)
    raise TypeError(
        f'The generator state holds {preview(value)} at {where}, which has '
        f'no JSON form: keep runtime state as numbers, strings, lists, '
        f'tuples, dicts, random.Random, numpy arrays, DNA and symbolic '
        f'objects, or register its class with pyglove.geno._state_json.register.')

  def _items(self, values: Any, where: str) -> list[Any]:
    return [self.encode(v, f'{where}[{i}]') for i, v in enumerate(values)]

  def _symbolic(self, value: Any, where: str) -> dict[str, Any]:
    states = []
    stack = [((), value)]
    while stack:
      path, node = stack.pop()
      if getattr(type(node), 'persists_runtime_state', False):
        attrs = runtime_state(node)
        if attrs:
          label = f'{where}.{".".join(map(str, path))}' if path else where
          states.append([list(path), {
              k: self.encode(v, f'{label}.{k}') for k, v in attrs.items()}])
      for k, child in node.sym_items():
        if isinstance(child, Symbolic):
          stack.append((path + (k,), child))
    states.sort(key=lambda s: [str(k) for k in s[0]])
    return {_TAG: 'symbolic', 'json': _Raw(symbolic_to_json(value)),
            'states': states}

  def _registered(self, value: Any, where: str) -> dict[str, Any]:
    cls = type(value)
    encode = lambda v: self.encode(v, f'{where} ({cls.__name__})')
    if hasattr(cls, 'to_state_json'):
      return {_TAG: 'object', 'type': type_key(cls),
              'data': value.to_state_json(encode)}
    attrs = dict(getattr(value, '__dict__', {}))
    for klass in cls.__mro__:
      for name in getattr(klass, '__slots__', ()):
        if hasattr(value, name):
          attrs[name] = getattr(value, name)
    return {_TAG: 'object', 'type': type_key(cls),
            'attrs': {k: self.encode(v, f'{where}.{k}')
                      for k, v in attrs.items()}}

  def _numpy(self, value: Any, where: str) -> dict[str, Any]:
    import numpy as np  # pylint: disable=g-import-not-at-top
    dtype = getattr(getattr(value, 'dtype', None), 'name', None)
    if dtype not in _NUMPY_DTYPES or not isinstance(value, (np.ndarray,
                                                            np.generic)):
      raise TypeError(
          f'The generator state holds {preview(value)} at {where}: only '
          f'numpy arrays and scalars of numeric dtypes have a JSON form.')
    if isinstance(value, np.generic):
      return {_TAG: 'npscalar', 'dtype': dtype,
              'value': self.encode(value.item(), where)}
    return {_TAG: 'ndarray', 'dtype': dtype, 'shape': list(value.shape),
            'data': [self.encode(v, where) for v in value.ravel().tolist()]}


def _finish(node: Any, referenced: set[int]) -> Any:
  """The JSON data of an encoded node: ids kept only where referenced."""
  node_type = type(node)
  if node_type is _Shared:
    inner = _finish(node.node, referenced)
    if node.id in referenced:
      return {_TAG: 'shared', 'id': node.id, 'value': inner}
    return inner
  if node_type is _Raw:
    return node.data
  if node_type is list:
    return [_finish(v, referenced) for v in node]
  if node_type is dict:
    return {k: _finish(v, referenced) for k, v in node.items()}
  return node


def state_classes() -> dict[str, type]:
  """The registered state classes by key (read by the decoder)."""
  return _CLASSES


def lazy_classes() -> dict[str, Callable[[], Any]]:
  """The keys `register_lazy` declared, with what registers them."""
  return _LAZY


def malformed(what: str) -> ValueError:
  return ValueError(f'Malformed generator state: it holds {what}.')


def preview(value: Any) -> str:
  """`value`'s repr for an error message, cut short, with its type."""
  text = repr(value)
  if len(text) > 80:
    text = text[:77] + '...'
  return f'{text} of type {type(value).__name__}'

