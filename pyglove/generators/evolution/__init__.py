"""Evolutionary search built from composable operations (`pg.evolution`).

`selectors`, `mutators` and `recombinators` hold the building blocks; `>>`,
`+` and `*` compose them; `Evolution` runs them; `regularized_evolution`,
`hill_climb` and `nsga2` are ready-made assemblies.
"""
from pyglove.generators.evolution import mutators
from pyglove.generators.evolution import recombinators
from pyglove.generators.evolution import selectors
from pyglove.generators.evolution._algorithms import RegularizedEvolution
from pyglove.generators.evolution._algorithms import hill_climb
from pyglove.generators.evolution._algorithms import nsga2
from pyglove.generators.evolution._algorithms import regularized_evolution
from pyglove.generators.evolution._base import Concatenation
from pyglove.generators.evolution._base import EvolutionState
from pyglove.generators.evolution._base import Identity
from pyglove.generators.evolution._base import Lambda
from pyglove.generators.evolution._base import Operation
from pyglove.generators.evolution._base import Pipeline
from pyglove.generators.evolution._base import Repeat
from pyglove.generators.evolution._base import get_fitness
from pyglove.generators.evolution._base import set_fitness
from pyglove.generators.evolution._evolution import Evolution

__all__ = [
    'Concatenation',
    'Evolution',
    'EvolutionState',
    'Identity',
    'Lambda',
    'Operation',
    'Pipeline',
    'RegularizedEvolution',
    'Repeat',
    'get_fitness',
    'hill_climb',
    'mutators',
    'nsga2',
    'recombinators',
    'regularized_evolution',
    'selectors',
    'set_fitness',
]
