"""`DNA`: the genotype, a tree of decisions that a DNA spec gives meaning to.

A node holds one decision value (a choice index, an `Int` value, a float or a
custom string) and the decisions that depend on it as children; a node whose
value is None groups decisions (the elements of a space, the subchoices of a
multi-choice). DNA is a `pg.Object` (fields `value`, `children`, `metadata`),
but search algorithms make and read thousands of nodes a second, so a node
starts compact (see `pyglove.symbolic._compact`): plain attributes, a plain
list of children that know their parent through ``_parent``, and its decision
point in ``_point`` (the spec it was checked against in ``_spec``). Its
symbolic state is built on first symbolic use.

Two rules keep one tree per decision (as the compact literals show them): a
value-less node with a single child is that child, and a value-less only
child is spliced into its parent (``DNA(1, [DNA([0, 2])])`` is
``DNA(1, [0, 2])``).
"""
from __future__ import annotations

import copyreg
import functools
import numbers
from typing import Any, Iterator

from pyglove import symbolic
from pyglove import typing as pg_typing
from pyglove.symbolic._compact import CompactObject
from pyglove.symbolic._compact import materialize

from pyglove.geno import _dna_spec_views
from pyglove.utils import KeyPath

_new = object.__new__

@functools.total_ordering
class DNA(_dna_spec_views.SpecViews, CompactObject):
  """A tree of decisions, written compactly as nested ints, floats, strs, lists and tuples.

  Literals: ``0`` (one choice), ``0.5`` (a float), ``'abc'`` (a custom
  decision), ``[0, 1]`` (decisions side by side: elements of a space or
  subchoices of a multi-choice), ``(1, 0.5)`` (choice 1 and the decision it
  opens), ``(0, 0, 0)`` (a chain of nested choices), ``(1, [0, 2])`` (choice 1
  and the two decisions it opens). Equality and hash are structural (value
  and children); the attached spec and the metadata do not take part.

  Args:
    value: a decision value, or (with `children` None) a literal.
    children: the child DNA (or literals of them).
    spec: a DNA spec to validate against and attach (see `use_spec`).
    metadata: a dict carried with the DNA (its entries are also attributes
      of `metadata`); only the root's is saved in JSON.
    allow_partial: as for any `pg.Object`.
    **kwargs: `pg.Object` options (`sealed`, `root_path`).

  Raises:
    TypeError: a value is not None, int, float or str.
    ValueError: a malformed literal, or `spec` does not fit.

  Example:
    >>> DNA([(1, 0.5), 2]) == DNA(None, [DNA(1, [DNA(0.5)]), DNA(2)])
    True
    >>> DNA((1, [0, 2]))
    DNA(1, [0, 2])
    >>> DNA(0, metadata={'generation': 3}).metadata.generation
    3
  """

  value: pg_typing.Union([pg_typing.Int(), pg_typing.Float(),
                          pg_typing.Str()]).noneable()
  children: list['DNA'] = []
  # The field `metadata` is declared after the class: it is read through
  # `_MetadataField`, so a compact node gets one without its symbolic state.

  allow_symbolic_assignment = True
  _html_tree_leaf = True  # Notebooks show a DNA as its compact repr.
  _sym_signature_from_init = True  # inspect.signature shows __init__'s arguments.
  use_symbolic_comparison = False
  serialization_aliases = ('pyglove.geno.DNA', 'pyglove.core.geno.base.DNA')

  def __init__(self, value: Any = None, children: list[Any] | None = None,
               spec: Any = None, metadata: dict[str, Any] | None = None, *,
               allow_partial: bool = False, **kwargs: Any):
    from pyglove.geno import _dna_literal  # pylint: disable=g-import-not-at-top
    d = self.__dict__
    d['_compact'] = True
    if children is None:
      if isinstance(value, (list, tuple, DNA)):
        parsed = _dna_literal.parse(value)
        value, children = parsed.value, parsed.children
      else:
        value, children = normalize_value(value), []
    else:
      if isinstance(value, (list, tuple)):
        raise ValueError(
            f'DNA children ({children!r}) must be None when the value '
            f'({value!r}) is a list or tuple literal.')
      value = normalize_value(value)
      children = _dna_literal.own_children(children)
    if len(children) == 1:
      only = children[0]
      if only.value is None:
        children = _dna_literal.take_children(only)
      elif value is None:
        value, children = only.value, _dna_literal.take_children(only)
        if metadata is None and metadata_of(only):
          metadata = dict(metadata_of(only))
    d['value'] = value
    d['children'] = children
    for c in children:
      c.__dict__['_parent'] = self
    if metadata:
      if not isinstance(metadata, dict):
        raise TypeError(f'DNA metadata must be a dict; got {metadata!r}.')
      d['_metadata'] = symbolic.Dict(metadata, value_spec=METADATA_SPEC)
    if allow_partial or kwargs:
      d.pop('_compact')
      symbolic.Object.__init__(self, value=value, children=children,
                               metadata=d.pop('_metadata', {}),
                               allow_partial=allow_partial, **kwargs)
    if spec is not None:
      self.use_spec(spec)

  @classmethod
  def parse(cls, json_value: Any, spec: Any = None) -> 'DNA':
    """Builds a DNA from a compact literal (a DNA is returned as is).

    Example:
      >>> DNA.parse([0, (1, 2)])
      DNA([0, (1, 2)])
    """
    if isinstance(json_value, DNA):
      if spec is not None:
        json_value.use_spec(spec)
      return json_value
    return cls(json_value, spec=spec)

  # ----- Compact state ------------------------------------------------------

  def _compact_link(self) -> None:
    parent = self.__dict__.get('_parent')
    if parent is not None:
      # The parent's symbolic children list adopts this node (and links it).
      materialize(parent)
    if '_sym_parent' not in self.__dict__:
      super()._compact_link()

  def _compact_fields(self) -> dict[str, Any]:
    d = self.__dict__
    fields = {'value': d['value'], 'children': d['children']}
    metadata = d.pop('_metadata', None)
    if metadata is not None:
      fields['metadata'] = metadata
    return fields

  def _compact_keep(self) -> dict[str, Any]:
    d = self.__dict__
    return {k: d[k] for k in ('_checked',) if k in d}

  def _on_bound(self) -> None:
    # A change through the symbolic API may break the fit to the spec.
    d = self.__dict__
    d.pop('_checked', None)
    d.pop('_decisions', None)

  # ----- Structure -----------------------------------------------------------

  @property
  def is_leaf(self) -> bool:
    """Whether this node has no children."""
    return not self.children

  @property
  def parent_dna(self) -> 'DNA | None':
    """The DNA this node is a child of, or None for a root."""
    holder = self._sym_parent
    return None if holder is None else holder.sym_parent

  @property
  def root(self) -> 'DNA':
    """The root of the DNA tree holding this node."""
    node = self
    parent = node.parent_dna
    while parent is not None:
      node, parent = parent, parent.parent_dna
    return node

  def __iter__(self) -> Iterator['DNA']:
    return iter(self.children)

  def __len__(self) -> int:
    return len(self.children)

  def __bool__(self) -> bool:
    return True

  def __contains__(self, dna_or_value: Any) -> bool:
    """Whether a child is `dna_or_value` (a DNA) or has it as value (a number or str)."""
    if isinstance(dna_or_value, DNA):
      return any(c == dna_or_value for c in self.children)
    if isinstance(dna_or_value, (int, float, str)):
      return any(c.value == dna_or_value for c in self.children)
    raise ValueError(
        f'DNA.__contains__ takes a DNA, an int, a float or a str; got '
        f'{dna_or_value!r}.')

  def __getitem__(self, key: Any) -> Any:
    """A child by index or slice, or the decision(s) for a name, id or decision point.

    Raises:
      KeyError: no decision point has that name or id (needs a spec).
    """
    if isinstance(key, (int, slice)):
      return self.children[key]
    from pyglove.geno import _dna_views  # pylint: disable=g-import-not-at-top
    return _dna_views.decision(self, key)

  def get(self, key: Any, default: Any = None) -> Any:
    """`self[key]`, or `default` when there is no such child or decision."""
    try:
      return self[key]
    except (KeyError, IndexError):
      return default

  # ----- Metadata and user data ---------------------------------------------

  def set_metadata(self, key: str, value: Any, cloneable: bool = False) -> 'DNA':
    """Sets a metadata entry (saved with the DNA) and returns self.

    Args:
      key: the entry's name.
      value: a JSON-serializable value.
      cloneable: keep the entry in clones (others are dropped by `clone`).
    """
    d = self.__dict__
    self.metadata[key] = value
    if cloneable:
      d.setdefault('_cloneable_metadata_keys', set()).add(key)
    return self

  @property
  def userdata(self) -> Any:
    """Data for this process only: neither saved nor (unless cloneable) cloned."""
    from pyglove.geno import _attribute_dict  # pylint: disable=g-import-not-at-top
    return _attribute_dict.userdata_of(self)

  def set_userdata(self, key: str, value: Any, cloneable: bool = False) -> 'DNA':
    """Sets a user data entry and returns self (`cloneable`: keep it in clones)."""
    self.userdata[key] = value
    if cloneable:
      self.__dict__.setdefault('_cloneable_userdata_keys', set()).add(key)
    return self

  # ----- Conversions ----------------------------------------------------------

  def to_literal(self) -> Any:
    """The compact literal: a value, a list, or a ``(value, ...)`` tuple.

    Example:
      >>> DNA(0, [DNA(1, [DNA(2)])]).to_literal()
      (0, 1, 2)
    """
    from pyglove.geno import _dna_literal  # pylint: disable=g-import-not-at-top
    return _dna_literal.to_literal(self)

  def to_numbers(self, flatten: bool = True) -> Any:
    """The decision values in preorder, flat (default) or nested as the literal.

    Example:
      >>> DNA([(1, 0.5), 2]).to_numbers()
      [1, 0.5, 2]
    """
    if not flatten:
      return self.to_literal()
    out = []
    stack = [self]
    while stack:
      node = stack.pop()
      if node.value is not None:
        out.append(node.value)
      if node.children:
        stack.extend(reversed(node.children))
    return out

  # ----- Copies, comparison ---------------------------------------------------

  def _sym_clone(self, deep: bool, memo: Any) -> 'DNA':
    """A compact structural copy: same specs, cloneable metadata and user data only."""
    from pyglove.geno import _dna_copy  # pylint: disable=g-import-not-at-top
    return _dna_copy.clone(self, True)

  def __reduce_ex__(self, protocol: Any) -> Any:
    # Compact state, rebuilt by __setstate__: no function is named in the
    # pickle (loaders may allow classes only).
    from pyglove.geno import _dna_copy  # pylint: disable=g-import-not-at-top
    return copyreg.__newobj__, (type(self),), _dna_copy.state(self)

  def __setstate__(self, state: Any) -> None:
    from pyglove.geno import _dna_copy  # pylint: disable=g-import-not-at-top
    _dna_copy.restore(self, state)

  def __eq__(self, other: Any) -> bool:
    if self is other:
      return True
    if not isinstance(other, DNA):
      return False
    return self.value == other.value and self.children == other.children

  def __ne__(self, other: Any) -> bool:
    return not self.__eq__(other)

  def __hash__(self) -> int:
    children = self.children
    if not children:
      return hash(self.value)
    return hash((self.value, tuple(children)))

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
      raise TypeError(
          f"'<' is not supported between DNA and {type(other).__name__}.")
    return self._sort_key() < other._sort_key()

  # ----- JSON and text ----------------------------------------------------------

  def to_json(self, compact: bool = True, type_info: bool = True,
              **kwargs: Any) -> Any:
    """The JSON form: ``{'_type', 'format': 'compact', 'value': literal, 'metadata'}``.

    Args:
      compact: the literal form (default); False writes the fields as any
        `pg.Object` does.
      type_info: with `compact`, False returns the bare literal.
      **kwargs: passed to the JSON conversion of metadata values.
    """
    from pyglove.geno import _dna_json  # pylint: disable=g-import-not-at-top
    return _dna_json.to_json(self, compact, type_info, kwargs)

  sym_jsonify = to_json

  @classmethod
  def from_json(cls, json_value: Any, *, allow_partial: bool = False,
                root_path: Any = None, **kwargs: Any) -> 'DNA':
    """Rebuilds a DNA from `to_json` output (compact or field by field).

    Raises:
      ValueError: the data is not a JSON object, lacks a value, or nests
        deeper than `pyglove.utils.max_depth()` levels.
    """
    del root_path
    from pyglove.geno import _dna_json  # pylint: disable=g-import-not-at-top
    return _dna_json.from_json(cls, json_value, allow_partial, kwargs)

  def format(self, compact: bool = False, verbose: bool = True,
             root_indent: int = 0, *, list_wrap_threshold: int = 80,
             as_dict: bool = False, **kwargs: Any) -> str:
    """The literal form ``DNA(1, [0, 2])`` (or the fields with ``verbose=False``).

    Args:
      compact: one line.
      verbose: False lists the fields as any `pg.Object` does.
      root_indent: the indentation level of the first line.
      list_wrap_threshold: the width past which a long literal is split
        over lines (multi-line form).
      as_dict: show the decisions by id (needs a spec), as `to_dict` with
        ``value_type='choice_and_literal'``.
      **kwargs: passed to `pg.format` for ``verbose=False``.
    """
    if not verbose and not as_dict:
      return super().format(False, verbose, root_indent, **kwargs)
    from pyglove.geno import _dna_json  # pylint: disable=g-import-not-at-top
    return _dna_json.format_dna(self, compact, root_indent,
                                list_wrap_threshold, as_dict)

  def __str__(self) -> str:
    return self.format(compact=True)

  def __repr__(self) -> str:
    return self.format(compact=True)


class _MetadataField:
  """Reads `DNA.metadata`: a compact node makes its own, parentless, on first use.

  Algorithms keep fitness and generations in the metadata of every
  proposal; that must not build the node's symbolic state. Materializing
  adopts the dict as the field value, which is read from then on.
  """

  def __get__(self, obj: Any, objtype: Any = None) -> Any:
    if obj is None:
      return self
    d = obj.__dict__
    if d.get('_compact'):
      metadata = d.get('_metadata')
      if metadata is None:
        metadata = d['_metadata'] = symbolic.Dict(value_spec=METADATA_SPEC)
      return metadata
    return obj.sym_init_args['metadata']


DNA.metadata = _MetadataField()
symbolic.members([
    ('metadata', pg_typing.Dict([(pg_typing.StrKey(), pg_typing.Any(),
                                  'Key-value pairs.')]),
     'Data carried with the DNA; only the root\'s is saved in JSON.'),
])(DNA)
TYPE_KEY = f'{DNA.__module__}.{DNA.__qualname__}'
METADATA_SPEC = DNA.__schema__.get_field('metadata').value


def metadata_of(dna: DNA) -> Any:
  """The metadata dict of `dna` if it has entries or was made, else None (makes none)."""
  d = dna.__dict__
  if d.get('_compact'):
    return d.get('_metadata')
  return dna.sym_init_args['metadata']


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


def make_node(value: Any, children: list[DNA], point: Any) -> DNA:
  """A compact node deciding `point`, from checked parts (the specs' fast path; children are adopted)."""
  node = _new(DNA)
  d = node.__dict__
  d['_compact'] = True
  d['value'] = value
  d['children'] = children
  d['_point'] = point
  for c in children:
    c.__dict__['_parent'] = node
  return node


def group(children: list[DNA]) -> DNA:
  """A value-less node viewing `children` without adopting them (for reading only)."""
  node = _new(DNA)
  d = node.__dict__
  d['_compact'] = True
  d['value'] = None
  d['children'] = children
  return node


def preorder(root: DNA) -> Iterator[DNA]:
  """Yields `root` and its descendants, parents before children."""
  stack = [root]
  while stack:
    node = stack.pop()
    yield node
    if node.children:
      stack.extend(reversed(node.children))


def error_path(path: KeyPath) -> KeyPath | None:
  """`path` for `message_on_path`, or None for the root (which has no text)."""
  return None if path.is_root else path

