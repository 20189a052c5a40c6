"""`pg.evolve`: a program that is searched by mutating it, node by node.

Its genotype is a custom decision whose DNA holds the program as a JSON
string: the first DNA is the initial program, and each random DNA drawn after
a previous one replaces one randomly chosen node of the previous program with
what `node_transform` makes of it (evolution of the whole tree).
"""
from __future__ import annotations

import random
from typing import Any, Callable

from pyglove import geno
from pyglove import symbolic
from pyglove import typing as pg_typing
from pyglove.hyper import _dynamic_evaluation
from pyglove.hyper._custom import CustomHyper
from pyglove.utils import KeyPath
from pyglove.utils import message_on_path

# node_transform(key_path, value, parent) -> new value for that node.
NodeTransform = Callable[[KeyPath, Any, Any], Any]


@symbolic.members([
    ('initial_value', pg_typing.Any(), 'The program evolution starts from.'),
    ('node_transform', pg_typing.Callable(),
     'Maps (key_path, value, parent) of a node to its mutated value.'),
    ('weights', pg_typing.Callable().noneable(),
     'Maps (key_path, value, parent) to the weight of mutating that node; '
     'None weighs every node equally.'),
], init_arg_list=['name', 'hints', 'initial_value', 'node_transform',
                  'weights'])
class Evolvable(CustomHyper):
  """A program evolved by mutations of its nodes (`pg.evolve`)."""

  def custom_decode(self, dna: geno.DNA) -> Any:
    """Returns the program that `dna` holds as JSON."""
    return symbolic.from_json_str(dna.value)

  def custom_encode(self, value: Any) -> geno.DNA:
    """Returns the DNA holding `value` as JSON."""
    return geno.DNA(symbolic.to_json_str(value))

  def first_dna(self) -> geno.DNA:
    """Returns the DNA of the initial program."""
    return self.custom_encode(self.initial_value)

  def random_dna(self, random_generator: Any = None,
                 previous_dna: geno.DNA | None = None) -> geno.DNA:
    """Returns the initial program (no `previous_dna`) or a mutation of it."""
    if previous_dna is None:
      return self.first_dna()
    rng = random_generator or random
    return self.custom_encode(self.mutate(self.decode(previous_dna), rng))

  def mutate(self, program: Any, random_generator: Any = None) -> Any:
    """Returns `program` with one random node replaced by `node_transform`'s result.

    Raises:
      ValueError: every node has weight 0.
    """
    rng = random_generator or random
    nodes = symbolic.nodes(program)
    if self.weights is None:
      path, value, parent = nodes[rng.randrange(len(nodes))]
    else:
      weights = [self.weights(p, v, parent) for p, v, parent in nodes]
      if not any(w > 0 for w in weights):
        raise ValueError(message_on_path(
            f'Evolvable: no node of {program!r} has a positive mutation '
            f'weight; got weights {weights!r}.', self.sym_path))
      path, value, parent = rng.choices(nodes, weights=weights)[0]
    new_value = self.node_transform(path, value, parent)
    if not path.depth:
      return new_value
    program = program.clone(deep=True)
    program.rebind({path: new_value}, raise_on_no_change=False)
    return program


def evolve(initial_value: Any, node_transform: NodeTransform, *,
           weights: Callable[[KeyPath, Any, Any], float] | None = None,
           name: str | None = None, hints: Any = None) -> Any:
  """Returns a hyper value searched by evolving `initial_value` node by node.

  Args:
    initial_value: The program to start from (a symbolic value).
    node_transform: Called as `node_transform(key_path, value, parent)` on the
      node picked for mutation; returns its replacement.
    weights: Optional `weights(key_path, value, parent) -> float`, the relative
      chance of each node to be picked (default: uniform).
    name: An optional name for the decision point.
    hints: Optional hints for the search algorithm.

  Returns:
    A `pg.hyper.Evolvable`.

  Example:
    >>> x = pg.evolve(pg.Dict(a=1), lambda k, v, p: v + 1 if k else v)
    >>> pg.materialize(x, x.first_dna()).a
    1
  """
  return _dynamic_evaluation.evaluate(Evolvable(
      initial_value=initial_value, node_transform=node_transform,
      weights=weights, name=name, hints=hints))
