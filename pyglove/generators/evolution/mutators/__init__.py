"""Mutators: operations that turn each DNA into a new, valid child (`pg.evolution.mutators`)."""
from pyglove.generators.evolution._operation_kinds import Mutator
from pyglove.generators.evolution.mutators._mutators import Swap
from pyglove.generators.evolution.mutators._mutators import Uniform
from pyglove.generators.evolution.mutators._mutators import where_fn_spec

__all__ = [
    'Mutator',
    'Swap',
    'Uniform',
    'where_fn_spec',
]
