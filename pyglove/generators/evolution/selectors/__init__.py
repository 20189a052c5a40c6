"""Selectors: operations that pick items from their inputs (`pg.evolution.selectors`)."""
from pyglove.generators.evolution.selectors._selectors import Bottom
from pyglove.generators.evolution.selectors._selectors import First
from pyglove.generators.evolution.selectors._selectors import Last
from pyglove.generators.evolution.selectors._selectors import Proportional
from pyglove.generators.evolution.selectors._selectors import Random
from pyglove.generators.evolution.selectors._selectors import Sample
from pyglove.generators.evolution.selectors._selectors import Top
from pyglove.generators.evolution.selectors._selectors import compute_num_output
from pyglove.generators.evolution.selectors._selectors import num_output_spec
from pyglove.generators.evolution.selectors._selectors import partition

__all__ = [
    'Bottom',
    'First',
    'Last',
    'Proportional',
    'Random',
    'Sample',
    'Top',
    'compute_num_output',
    'num_output_spec',
    'partition',
]
