"""Evolutionary search from composable operations (`pg.evolution`).

`selectors`, `mutators` and `recombinators` hold the building blocks, the
operators of `Operation` (``>> + * ** | & - ^ ~`` and slicing) compose them,
and `Evolution` runs them as a search algorithm. `regularized_evolution`,
`hill_climb`, `nsga2` and `neat` are ready-made assemblies (their modules:
the `*_lib` names).
"""
from pyglove.generators.evolution import _hill_climb as hill_climb_lib
from pyglove.generators.evolution import _neat as neat_lib
from pyglove.generators.evolution import _nsga2 as nsga2_lib
from pyglove.generators.evolution import _regularized_evolution as regularized_evolution_lib
from pyglove.generators.evolution import _where as where
from pyglove.generators.evolution import base
from pyglove.generators.evolution import mutators
from pyglove.generators.evolution import recombinators
from pyglove.generators.evolution import selectors
from pyglove.generators.evolution._hill_climb import hill_climb
from pyglove.generators.evolution._neat import neat
from pyglove.generators.evolution._nsga2 import nsga2
from pyglove.generators.evolution._regularized_evolution import regularized_evolution
from pyglove.generators.evolution.base import Choice
from pyglove.generators.evolution.base import Concatenation
from pyglove.generators.evolution.base import Conditional
from pyglove.generators.evolution.base import DNAOperation
from pyglove.generators.evolution.base import Difference
from pyglove.generators.evolution.base import ElementWise
from pyglove.generators.evolution.base import Evolution
from pyglove.generators.evolution.base import Flatten
from pyglove.generators.evolution.base import GlobalStateGetter
from pyglove.generators.evolution.base import GlobalStateSetter
from pyglove.generators.evolution.base import Identity
from pyglove.generators.evolution.base import Intersection
from pyglove.generators.evolution.base import Inversion
from pyglove.generators.evolution.base import Lambda
from pyglove.generators.evolution.base import Mutator
from pyglove.generators.evolution.base import Operation
from pyglove.generators.evolution.base import Pipeline
from pyglove.generators.evolution.base import Power
from pyglove.generators.evolution.base import Recombinator
from pyglove.generators.evolution.base import Repeat
from pyglove.generators.evolution.base import Selector
from pyglove.generators.evolution.base import Slice
from pyglove.generators.evolution.base import SymmetricDifference
from pyglove.generators.evolution.base import Union
from pyglove.generators.evolution.base import UntilChange
from pyglove.generators.evolution.base import get_feedback_sequence_number
from pyglove.generators.evolution.base import get_fitness
from pyglove.generators.evolution.base import get_generation_id
from pyglove.generators.evolution.base import is_initial_population
from pyglove.generators.evolution.base import set_fitness
# The reference re-exports its step-dependent scalars here.
from pyglove import scalars
from pyglove.scalars import Scalar
from pyglove.scalars import scalar_spec
from pyglove.scalars import scalar_value

# Compatibility alias: the reference spells the function as a class too.
RegularizedEvolution = regularized_evolution

__all__ = [
    'Choice',
    'Concatenation',
    'Conditional',
    'DNAOperation',
    'Difference',
    'ElementWise',
    'Evolution',
    'Flatten',
    'GlobalStateGetter',
    'GlobalStateSetter',
    'Identity',
    'Intersection',
    'Inversion',
    'Lambda',
    'Mutator',
    'Operation',
    'Pipeline',
    'Power',
    'Recombinator',
    'RegularizedEvolution',
    'Repeat',
    'Scalar',
    'Selector',
    'Slice',
    'SymmetricDifference',
    'Union',
    'UntilChange',
    'base',
    'get_feedback_sequence_number',
    'get_fitness',
    'get_generation_id',
    'hill_climb',
    'hill_climb_lib',
    'is_initial_population',
    'mutators',
    'neat',
    'neat_lib',
    'nsga2',
    'nsga2_lib',
    'recombinators',
    'regularized_evolution',
    'regularized_evolution_lib',
    'scalar_spec',
    'scalar_value',
    'scalars',
    'selectors',
    'set_fitness',
    'where',
]
