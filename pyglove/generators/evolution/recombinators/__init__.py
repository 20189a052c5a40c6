"""Recombinators: operations that cross parents into children (`pg.evolution.recombinators`).

Point-wise (`Uniform`, `Sample`, `Average`, `WeightedAverage`) merge the
parents decision by decision; segment-wise (`KPoint`, `Segmented`) take
alternate segments from two parents; permutation crossovers
(`PartiallyMapped`, `Order`, `Cycle`) reorder the subchoices of a
permutation.
"""
from pyglove.generators.evolution import _where as where
from pyglove.generators.evolution._operation_kinds import Recombinator
from pyglove.generators.evolution.recombinators._permutation import Cycle
from pyglove.generators.evolution.recombinators._permutation import Order
from pyglove.generators.evolution.recombinators._permutation import PartiallyMapped
from pyglove.generators.evolution.recombinators._permutation import Permutation
from pyglove.generators.evolution.recombinators._point_wise import Average
from pyglove.generators.evolution.recombinators._point_wise import Numeric
from pyglove.generators.evolution.recombinators._point_wise import PointWise
from pyglove.generators.evolution.recombinators._point_wise import Sample
from pyglove.generators.evolution.recombinators._point_wise import Uniform
from pyglove.generators.evolution.recombinators._point_wise import WeightedAverage
from pyglove.generators.evolution.recombinators._point_wise import merge_multi_choice
from pyglove.generators.evolution.recombinators._segment_wise import KPoint
from pyglove.generators.evolution.recombinators._segment_wise import SegmentWise
from pyglove.generators.evolution.recombinators._segment_wise import Segmented

__all__ = [
    'Average',
    'Cycle',
    'KPoint',
    'Numeric',
    'Order',
    'PartiallyMapped',
    'Permutation',
    'PointWise',
    'Recombinator',
    'Sample',
    'SegmentWise',
    'Segmented',
    'Uniform',
    'WeightedAverage',
    'merge_multi_choice',
    'where',
]
