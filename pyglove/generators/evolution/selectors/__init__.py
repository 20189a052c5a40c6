"""Selectors: operations that pick DNA from their inputs (a population, a sample)."""
from pyglove.generators.evolution.selectors._selectors import Bottom
from pyglove.generators.evolution.selectors._selectors import First
from pyglove.generators.evolution.selectors._selectors import Last
from pyglove.generators.evolution.selectors._selectors import ParetoTop
from pyglove.generators.evolution.selectors._selectors import Random
from pyglove.generators.evolution.selectors._selectors import Top
from pyglove.generators.evolution.selectors._selectors import crowding_distances
from pyglove.generators.evolution.selectors._selectors import dominates
from pyglove.generators.evolution.selectors._selectors import pareto_fronts

__all__ = [
    'Bottom',
    'First',
    'Last',
    'ParetoTop',
    'Random',
    'Top',
    'crowding_distances',
    'dominates',
    'pareto_fronts',
]
