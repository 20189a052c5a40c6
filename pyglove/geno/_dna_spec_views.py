"""The methods of `DNA` that read it through a spec: `use_spec`, decisions, dicts, numbers.

`DNA` inherits them; they delegate to the helper modules `_dna_views` and
`_dna_dict`, imported at call time because those modules import `_dna`.
"""
from __future__ import annotations

from typing import Any, Iterator

from pyglove.utils import KeyPath


class SpecViews:
  """The methods of `DNA` that read it through its spec (a base of `DNA`)."""

  # ----- Spec ---------------------------------------------------------------

  @property
  def spec(self) -> Any:
    """The spec given to `use_spec` (or that made this DNA), else this node's decision point."""
    d = self.__dict__
    spec = d.get('_spec')
    return d.get('_point') if spec is None else spec

  @property
  def decision_point(self) -> Any:
    """The decision point this node decides (None for a group of several)."""
    return self.__dict__.get('_point')

  def use_spec(self, spec: Any) -> Any:
    """Validates this DNA against `spec` and attaches it to every node.

    Returns:
      self.

    Raises:
      ValueError: `spec` is not a DNA spec, or the DNA does not fit; the
        message names the decision id.
    """
    d = self.__dict__
    if d.get('_checked') is spec:
      # Validated against this spec, and unchanged since (a change through
      # the symbolic API drops the mark).
      return self
    fit = getattr(spec, '_fit', None)
    if fit is None:
      raise ValueError(
          f'use_spec() expects a pg.DNASpec; got {spec!r} of type '
          f'{type(spec).__name__}.')
    pairs: list[tuple[Any, Any]] = []
    fit(self, pairs)
    for node, point in pairs:
      node.__dict__['_point'] = point
    d['_spec'] = d['_checked'] = spec
    d.pop('_decisions', None)
    return self

  def require_spec(self, what: str) -> Any:
    """The attached spec, or a ValueError saying `what` needs one."""
    spec = self.spec
    if spec is None:
      raise ValueError(
          f'{what} needs a DNA spec; {self!r} has none. Call use_spec(spec) '
          f'first.')
    return spec

  def next_dna(self) -> Any:
    """The DNA after this one in the attached spec's order, or None after the last."""
    return self.require_spec('next_dna()').next_dna(self)

  def iter_dna(self) -> Iterator[Any]:
    """Iterates the DNA after this one in the attached spec's order."""
    return self.require_spec('iter_dna()').iter_dna(self)

  def to_dict(self, key_type: str = 'id', value_type: str = 'value',
              multi_choice_key: str = 'subchoice',
              include_inactive_decisions: bool = False,
              filter_fn: Any = None) -> dict[Any, Any]:
    """The decisions as a dict (see `pyglove.geno._dna_dict.to_dict`)."""
    from pyglove.geno import _dna_dict  # pylint: disable=g-import-not-at-top
    return _dna_dict.to_dict(self, key_type, value_type, multi_choice_key,
                             include_inactive_decisions, filter_fn)

  @classmethod
  def from_dict(cls, dict_repr: dict[Any, Any], dna_spec: Any,
                use_ints_as_literals: bool = False) -> Any:
    """Builds a DNA from decisions keyed by id, name or decision point (see `_dna_dict`)."""
    from pyglove.geno import _dna_dict  # pylint: disable=g-import-not-at-top
    return _dna_dict.from_dict(dict_repr, dna_spec, use_ints_as_literals)

  def parameters(self, use_literal_values: bool = False) -> dict[str, Any]:
    """`to_dict` with 'choice_and_literal' (or 'choice') values, by id (deprecated name)."""
    return self.to_dict(
        value_type='choice_and_literal' if use_literal_values else 'choice')

  @classmethod
  def from_parameters(cls, parameters: dict[str, Any], dna_spec: Any,
                      use_literal_values: bool = False) -> Any:
    """`from_dict` (deprecated name)."""
    del use_literal_values
    return cls.from_dict(parameters, dna_spec)

  @classmethod
  def from_numbers(cls, dna_values: Any, dna_spec: Any) -> Any:
    """Rebuilds a DNA from `to_numbers()` output and its spec (see `_dna_views`)."""
    from pyglove.geno import _dna_views  # pylint: disable=g-import-not-at-top
    return _dna_views.from_numbers(dna_values, dna_spec)

  @classmethod
  def from_fn(cls, dna_spec: Any, generator_fn: Any) -> Any:
    """Builds a DNA by asking `generator_fn(decision_point)` for each decision (see `_dna_views`)."""
    from pyglove.geno import _dna_views  # pylint: disable=g-import-not-at-top
    return _dna_views.from_fn(dna_spec, generator_fn)

  @property
  def named_decisions(self) -> dict[str, Any]:
    """Decision name -> DNA (a list for a multi-choice or a repeated name)."""
    from pyglove.geno import _dna_views  # pylint: disable=g-import-not-at-top
    return _dna_views.named_decisions(self)

  @property
  def decision_ids(self) -> list[KeyPath]:
    """The decision ids of the attached spec (a multi-choice by its own id)."""
    return self.require_spec('decision_ids').decision_ids

  @property
  def literal_value(self) -> Any:
    """The chosen literal (``'i/n'`` without one; a float as str); a list for a group."""
    from pyglove.geno import _dna_views  # pylint: disable=g-import-not-at-top
    return _dna_views.literal_value(self)

  @property
  def is_subchoice(self) -> bool:
    """Whether this node decides a subchoice of a multi-choice (needs a spec)."""
    self.require_spec('is_subchoice')
    point = self.decision_point
    return point is not None and point.is_subchoice

  @property
  def multi_choice_spec(self) -> Any:
    """The multi-choice whose subchoices the children decide, or None (needs a spec)."""
    self.require_spec('multi_choice_spec')
    children = self.children
    if children:
      spec = children[0].decision_point
      if spec is not None and spec.is_subchoice:
        return spec.parent_spec
    return None

  @property
  def is_multi_choice_container(self) -> bool:
    """Whether the children decide the subchoices of a multi-choice (needs a spec)."""
    return self.multi_choice_spec is not None
