"""Recombinators: operations that cross their inputs (parents) into a child."""
from pyglove.generators.evolution.recombinators._recombinators import KPoint
from pyglove.generators.evolution.recombinators._recombinators import Recombinator
from pyglove.generators.evolution.recombinators._recombinators import Uniform

__all__ = [
    'KPoint',
    'Recombinator',
    'Uniform',
]
