"""Mutators: operations that turn each input DNA into a new, valid child."""
from pyglove.generators.evolution.mutators._mutators import Mutator
from pyglove.generators.evolution.mutators._mutators import Swap
from pyglove.generators.evolution.mutators._mutators import Uniform

__all__ = [
    'Mutator',
    'Swap',
    'Uniform',
]
