"""`DNA`: the genotype, a tree of decisions that a DNA spec gives meaning to.

A node holds one decision value (a choice index, an `Int` value, a float or a
custom string) and the decisions that depend on it as children. A node whose
value is None groups decisions (the elements of a space, the subchoices of a
multi-choice). Compact literals make DNA easy to write by hand:
``DNA([0, (1, 0.5)])`` is two decisions, the second with one child.
"""
from __future__ import annotations

import numbers
from typing import Any, Iterator

from pyglove.utils import DeepRecursion
from pyglove.utils import JSONConvertible
from pyglove.utils import check_depth
from pyglove.utils import from_json
from pyglove.utils import to_json

_new = object.__new__


class DNA(JSONConvertible):
  """A tree of decisions.

  Equality and hash are structural (value and children); the attached spec and
  the metadata do not take part. A node whose value is None with exactly one
  child is replaced by that child, so a literal has one canonical tree.

  Example:
    >>> DNA([(1, 0.5), 2]) == DNA(None, [DNA(1, [DNA(0.5)]), DNA(2)])
    True
    >>> DNA((1, [0, 2])).to_literal()
    (1, [0, 2])
    >>> DNA([0, (1, 0.5)])
    DNA([0, (1, 0.5)])

  Attributes:
    value: None, an int (a choice index or an `Int` value), a float or a str.
    children: the child DNA, in order. Treat both as read-only.
  """

  __slots__ = ('value', 'children', '_parent', '_point', '_spec', '_metadata')

  serialization_aliases = ('pyglove.geno.DNA',)

  def __init__(self,
               value: Any = None,
               children: list[Any] | None = None,
               spec: Any = None,
               metadata: dict[str, Any] | None = None):
    """Creates a DNA from a value and children, or from a compact literal.

    Args:
      value: a decision value, or (with `children` None) a literal: a list is
        a value-less node with one child per item; a tuple is ``(value, child,
        ...)`` where a trailing list is spliced into the children; a `DNA` is
        copied.
      children: the children, as DNA or literals.
      spec: a DNA spec to validate against and attach (see `use_spec`).
      metadata: a dict of metadata, copied.

    Raises:
      TypeError: a value is not None, int, float, str, list, tuple or DNA.
      ValueError: a tuple literal is empty, a literal nests more than
        `pyglove.utils.max_depth()` levels, or `spec` does not fit.
    """
    if children is None:
      if isinstance(value, (list, tuple)):
        check_depth(value, 'The DNA literal')
        with DeepRecursion('The DNA literal'):
          value, children = _parse_literal(value)
      else:
        value, children = _parse_literal(value)
    else:
      value = normalize_value(value)
      if not isinstance(children, (list, tuple)):
        raise TypeError(
            f'DNA children must be a list; got {children!r} of type '
            f'{type(children).__name__}.')
      children = [c if isinstance(c, DNA) else DNA(c) for c in children]
    if value is None and len(children) == 1:
      only = children[0]
      value, children = only.value, list(only.children)
    self.value = value
    self.children = children
    for c in children:
      c._parent = self
    self._parent = None
    self._point = None
    self._spec = None
    self._metadata = dict(metadata) if metadata else None
    if spec is not None:
      self.use_spec(spec)

  @classmethod
  def parse(cls, literal: Any, spec: Any = None) -> 'DNA':
    """Builds a DNA from a compact literal (a DNA is returned as is).

    Example:
      >>> DNA.parse((1, 2))
      DNA((1, 2))
    """
    if isinstance(literal, DNA):
      if spec is not None:
        literal.use_spec(spec)
      return literal
    return cls(literal, spec=spec)

  # ----- Structure -----

  @property
  def parent(self) -> 'DNA | None':
    """The DNA this node is a child of, or None for a root."""
    return getattr(self, '_parent', None)

  @property
  def spec(self) -> Any:
    """The spec given to `use_spec` on this node, else its decision point."""
    spec = getattr(self, '_spec', None)
    return self._point if spec is None else spec

  @property
  def decision_point(self) -> Any:
    """The decision point this node decides (None for a multi-element space node)."""
    return self._point

  @property
  def is_leaf(self) -> bool:
    """Whether this node has no children."""
    return not self.children

  def __iter__(self) -> Iterator['DNA']:
    return iter(self.children)

  def __len__(self) -> int:
    return len(self.children)

  def __bool__(self) -> bool:
    return True

  def __getitem__(self, index: int) -> 'DNA':
    return self.children[index]

  # ----- Metadata -----

  @property
  def metadata(self) -> dict[str, Any]:
    """A dict for any data an algorithm wants to carry along (e.g. a generation)."""
    metadata = getattr(self, '_metadata', None)
    if metadata is None:
      metadata = self._metadata = {}
    return metadata

  def set_metadata(self, key: str, value: Any) -> 'DNA':
    """Sets ``metadata[key] = value`` and returns self, for chaining."""
    self.metadata[key] = value
    return self

  # ----- Spec -----

  def use_spec(self, spec: Any) -> 'DNA':
    """Validates this DNA against `spec` and attaches it.

    Afterwards `spec` is `spec` here, and every node knows its
    `decision_point` and `parent`.

    Returns:
      self.

    Raises:
      ValueError: the DNA does not fit; the message names the decision id.
    """
    pairs: list[tuple[DNA, Any]] = []
    spec._fit(self, pairs)
    for node, point in pairs:
      node._point = point
    self._spec = spec
    return self

  def _require_spec(self, what: str) -> Any:
    spec = self.spec
    if spec is None:
      raise ValueError(
          f'{what} needs a DNA spec; {self!r} has none. Call use_spec(spec) '
          f'first.')
    return spec

  def next_dna(self) -> 'DNA | None':
    """The DNA after this one in the attached spec's order, or None after the last.

    Raises:
      ValueError: no spec is attached, or the spec has a continuous decision.
    """
    return self._require_spec('next_dna()').next_dna(self)

  # ----- Conversions -----

  def to_literal(self) -> Any:
    """The compact literal: a value, a list, or a ``(value, child...)`` tuple."""
    if not self.children:
      return self.value
    lits = [c.to_literal() for c in self.children]
    if self.value is None:
      return lits
    if len(lits) == 1 and not isinstance(lits[0], list):
      return (self.value, lits[0])
    return (self.value, lits)

  def to_numbers(self) -> list[Any]:
    """The decision values in preorder (value-less nodes skipped).

    Example:
      >>> DNA([(1, 0.5), 2]).to_numbers()
      [1, 0.5, 2]
    """
    out = []
    stack = [self]
    while stack:
      node = stack.pop()
      if node.value is not None:
        out.append(node.value)
      if node.children:
        stack.extend(reversed(node.children))
    return out

  @classmethod
  def from_numbers(cls, numbers: Any, spec: Any) -> 'DNA':
    """Rebuilds a DNA from `to_numbers()` output and its spec.

    Raises:
      ValueError: too few or too many numbers, or a value does not fit.
    """
    it = map(normalize_value, numbers)
    dna = spec._from_numbers(it)
    extra = next(it, _END)
    if extra is not _END:
      raise ValueError(
          f'Too many numbers for the DNA spec: {list(numbers)!r}; {extra!r} '
          f'and what follows are left over.')
    return dna.use_spec(spec)

  def to_dict(self, key_type: str = 'id', value_type: str = 'value') -> dict[Any, Any]:
    """The active decisions in preorder, as a dict (see `DNA.from_dict`).

    Args:
      key_type: 'id' (the decision id string), 'name_or_id' (the name when
        there is one; subchoice j of a named multi-choice is ``name[j]``) or
        'dna_spec' (the decision point itself).
      value_type: 'value', 'dna' (the DNA node), 'literal' (a choice's literal
        value) or 'choice_and_literal' (``'1/3 (literal)'`` for a choice).

    A non-distinct multi-choice that picks one candidate twice decides that
    candidate's points twice under the same ids; the dict keeps the last.

    Raises:
      ValueError: no spec is attached, or an unknown key/value type.
    """
    from pyglove.geno import _dna_dict  # pylint: disable=g-import-not-at-top
    return _dna_dict.to_dict(self, key_type, value_type)

  @classmethod
  def from_dict(cls, dct: dict[Any, Any], spec: Any,
                use_ints_as_literals: bool = False) -> 'DNA':
    """Builds a DNA from a dict of decisions keyed by id, name or spec.

    A choice's value may be an index, a DNA, one of its literal values, or an
    ``'i/n ...'`` string; a multi-choice key may map to a list of choices.

    Args:
      dct: decisions as written by `to_dict` or `named_decisions`.
      spec: the DNA spec to read them against.
      use_ints_as_literals: read an int given for a choice as a literal value
        (as ``to_dict(value_type='literal')`` writes int literals), not as an
        index.

    Example:
      >>> from pyglove.geno import Choices, Space
      >>> spec = Space([Choices(1, [Space(), Space()], literal_values=[16, 32],
      ...                       location='units')])
      >>> DNA.from_dict({'units': 32}, spec, use_ints_as_literals=True)
      DNA(1)

    Raises:
      KeyError: a key names no decision point, or an active decision is missing.
      ValueError: a value does not fit its decision point.
    """
    from pyglove.geno import _dna_dict  # pylint: disable=g-import-not-at-top
    return _dna_dict.from_dict(dct, spec, use_ints_as_literals)

  @property
  def named_decisions(self) -> dict[str, Any]:
    """Decision name (or id when unnamed) -> value; a multi-choice gives a list."""
    from pyglove.geno import _dna_dict  # pylint: disable=g-import-not-at-top
    return _dna_dict.named_decisions(self)

  @property
  def decision_ids(self) -> list[Any]:
    """The ids of the active decisions in preorder (needs a spec)."""
    self._require_spec('decision_ids')
    return [n._point.id for n in preorder(self)
            if n._point is not None and not is_multi_choice_node(n)]

  @property
  def literal_value(self) -> Any:
    """The chosen literal for a choice, the value otherwise; a list for a group."""
    point = self._point
    if self.value is None:
      return [c.literal_value for c in self.children]
    if point is not None and point.is_categorical and point.literal_values:
      return point.literal_values[self.value]
    return self.value

  # ----- Copies, comparison, JSON -----

  def clone(self) -> 'DNA':
    """A structural copy: new nodes, same spec attachment, copied metadata."""
    result = _new(DNA)
    result.value = self.value
    result.children = [c.clone() for c in self.children]
    for c in result.children:
      c._parent = result
    result._parent = None
    result._point = self._point
    result._spec = getattr(self, '_spec', None)
    metadata = getattr(self, '_metadata', None)
    result._metadata = dict(metadata) if metadata else None
    return result

  def __copy__(self) -> 'DNA':
    return self.clone()

  def __deepcopy__(self, memo: dict[int, Any]) -> 'DNA':
    return self.clone()

  def __eq__(self, other: Any) -> bool:
    if self is other:
      return True
    if not isinstance(other, DNA):
      return NotImplemented
    return self.value == other.value and self.children == other.children

  def __ne__(self, other: Any) -> bool:
    result = self.__eq__(other)
    return result if result is NotImplemented else not result

  def __hash__(self) -> int:
    if not self.children:
      return hash(self.value)
    return hash((self.value, tuple(self.children)))

  def _sort_key(self) -> tuple[Any, ...]:
    v = self.value
    if v is None:
      head: tuple[Any, ...] = (0, 0)
    elif isinstance(v, str):
      head = (2, v)
    else:
      head = (1, v)
    return head + (tuple(c._sort_key() for c in self.children),)

  def __lt__(self, other: 'DNA') -> bool:
    if not isinstance(other, DNA):
      return NotImplemented
    return self._sort_key() < other._sort_key()

  def __le__(self, other: 'DNA') -> bool:
    if not isinstance(other, DNA):
      return NotImplemented
    return self._sort_key() <= other._sort_key()

  def __gt__(self, other: 'DNA') -> bool:
    if not isinstance(other, DNA):
      return NotImplemented
    return self._sort_key() > other._sort_key()

  def __ge__(self, other: 'DNA') -> bool:
    if not isinstance(other, DNA):
      return NotImplemented
    return self._sort_key() >= other._sort_key()

  def __repr__(self) -> str:
    return f'DNA({self.to_literal()!r})'

  def to_json(self, **kwargs: Any) -> dict[str, Any]:
    """``{'_type': ..., 'value': literal, 'metadata': {...}}`` (root metadata only)."""
    result = {'_type': _TYPE_KEY, 'value': to_json(self.to_literal(), **kwargs)}
    metadata = getattr(self, '_metadata', None)
    if metadata:
      result['metadata'] = to_json(metadata, **kwargs)
    return result

  @classmethod
  def from_json(cls, json_value: dict[str, Any], **kwargs: Any) -> 'DNA':
    """Rebuilds a DNA from `to_json` output.

    Raises:
      ValueError: the 'value' entry is missing.
    """
    if 'value' not in json_value:
      raise ValueError(f'DNA JSON lacks the "value" entry: {json_value!r}.')
    literal = from_json(json_value['value'], **kwargs)
    metadata = from_json(json_value.get('metadata'), **kwargs)
    return cls(literal, metadata=metadata)


_TYPE_KEY = f'{DNA.__module__}.{DNA.__qualname__}'
_END = object()


def normalize_value(value: Any) -> Any:
  """Checks a DNA value; numpy-like integers and reals become int and float."""
  if value is None or type(value) in (int, float, str):
    return value
  if isinstance(value, bool) or not isinstance(value, (numbers.Real, str)):
    raise TypeError(
        f'A DNA value must be None, an int, a float or a str; got {value!r} '
        f'of type {type(value).__name__}.')
  if isinstance(value, str):
    return str(value)
  if isinstance(value, numbers.Integral):
    return int(value)
  return float(value)


def _parse_literal(literal: Any) -> tuple[Any, list[DNA]]:
  """Splits a compact literal into a value and a list of child DNA."""
  if isinstance(literal, DNA):
    return literal.value, [c.clone() for c in literal.children]
  if isinstance(literal, list):
    return None, [_literal_node(c) for c in literal]
  if isinstance(literal, tuple):
    if not literal:
      raise ValueError('A DNA tuple literal needs at least a value; got ().')
    value = literal[0]
    if isinstance(value, (list, tuple, DNA)):
      raise TypeError(
          f'The first item of a DNA tuple literal is the value and must be '
          f'None, an int, a float or a str; got {value!r} in {literal!r}.')
    rest = list(literal[1:])
    if rest and isinstance(rest[-1], list):
      rest = rest[:-1] + rest[-1]
    return normalize_value(value), [_literal_node(c) for c in rest]
  return normalize_value(literal), []


def _literal_node(literal: Any) -> DNA:
  """A child of a literal being parsed (its depth was checked at the top)."""
  if isinstance(literal, DNA):
    return literal
  value, children = _parse_literal(literal)
  if value is None and len(children) == 1:
    only = children[0]
    value, children = only.value, list(only.children)
  node = make_node(value, children, None)
  node._parent = None
  node._spec = None
  node._metadata = None
  return node


def make_node(value: Any, children: list[DNA], point: Any) -> DNA:
  """Creates a DNA node without parsing or checks (the specs' fast path).

  Only `value`, `children` and the decision point are set; the other slots
  stay unset and read as None through the properties, which saves time when
  sampling thousands of nodes.
  """
  node = _new(DNA)
  node.value = value
  node.children = children
  for c in children:
    c._parent = node
  node._point = point
  return node


def preorder(root: DNA) -> Iterator[DNA]:
  """Yields `root` and its descendants, parents before children."""
  stack = [root]
  while stack:
    node = stack.pop()
    yield node
    if node.children:
      stack.extend(reversed(node.children))


def is_multi_choice_node(node: DNA) -> bool:
  """Whether `node` groups the subchoices of a multi-choice (needs a spec attached)."""
  point = node._point
  return node.value is None and point is not None and point.is_categorical

