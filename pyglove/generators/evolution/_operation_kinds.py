"""The kinds of operations an evolution is made of: selectors, mutators, recombinators.

Each kind names its own working method (`select`, `mutate`/`mutate_list`,
`recombine`), which like `call` may leave `global_state` and `step` out of
its signature.
"""
from __future__ import annotations

import abc
from typing import Any

from pyglove import geno
from pyglove.generators.evolution import _callables
from pyglove.generators.evolution._operation import Operation


class Selector(Operation):
  """Base of selectors: operations that pick items from their inputs.

  A selector picks parents from a population before reproduction, or the
  surviving population after each feedback. Subclasses implement
  `select(inputs, global_state, step)`.
  """

  _operation_method_name = 'select'

  @abc.abstractmethod
  def select(self, inputs: list[Any], global_state: geno.AttributeDict,
             step: int) -> list[Any]:
    """Returns the selected items of `inputs`."""


class DNAOperation(Operation):
  """An operation whose inputs and outputs are DNA (checked on each call)."""

  @property
  def input_element_type(self) -> type:
    return geno.DNA

  @property
  def output_element_type(self) -> type:
    return geno.DNA


class Mutator(DNAOperation):
  """Base of mutators: each input DNA becomes one (or several) mutated children.

  Subclasses implement `mutate(dna, global_state, step)`, returning a DNA or
  a list of DNA, or `mutate_list(dna_list, global_state, step)` when the
  mutation of one DNA depends on the others. A mutation never changes its
  input: children are new DNA.
  """

  _operation_method_name = 'mutate_list'

  def mutate(self, dna: geno.DNA, global_state: geno.AttributeDict,
             step: int = 0) -> geno.DNA | list[geno.DNA]:
    """Returns the child (or children) of `dna`. Subclasses override it."""
    raise NotImplementedError(
        f'{type(self).__name__} must implement mutate() or mutate_list().')

  def mutate_list(self, dna_list: list[geno.DNA], global_state: geno.AttributeDict,
                  step: int = 0) -> list[geno.DNA]:
    """Mutates each DNA with `mutate` and concatenates the children."""
    mutate = self.mutate
    accepted = _callables.accepted_keywords(mutate)
    kwargs = {}
    if 'global_state' in accepted:
      kwargs['global_state'] = global_state
    if 'step' in accepted:
      kwargs['step'] = step
    children: list[geno.DNA] = []
    for dna in dna_list:
      output = mutate(dna, **kwargs)
      if isinstance(output, list):
        children.extend(output)
      else:
        children.append(output)
    return children


class Recombinator(DNAOperation):
  """Base of recombinators: the inputs are the parents of the children returned.

  Subclasses implement `recombine(parents, global_state, step)`. A subclass
  that needs an exact number of parents sets `NUM_PARENTS`.
  """

  # The number of parents a recombination takes; None for any number.
  NUM_PARENTS: int | None = None

  _operation_method_name = 'recombine'

  def _on_input(self, inputs: list[Any]) -> None:
    if self.NUM_PARENTS is not None and len(inputs) != self.NUM_PARENTS:
      raise ValueError(
          f'{type(self).__name__} supports recombination on exact '
          f'{self.NUM_PARENTS} parents. Encountered {len(inputs)}: {inputs!r}.')

  @abc.abstractmethod
  def recombine(self, parents: list[geno.DNA], global_state: geno.AttributeDict,
                step: int) -> list[geno.DNA]:
    """Returns the children of `parents`."""
