"""The evolution framework's interfaces and compositions (`pg.evolution.base`).

Re-exports, under the reference's module name, the operation classes, the
`Evolution` generator and the DNA metadata helpers that `pg.evolution` also
exports at its top level.
"""
from pyglove.generators.evolution._callables import make_operation_compatible
from pyglove.generators.evolution._callables import operation_spec
from pyglove.generators.evolution._compositions import Choice
from pyglove.generators.evolution._compositions import Concatenation
from pyglove.generators.evolution._compositions import Conditional
from pyglove.generators.evolution._compositions import ElementWise
from pyglove.generators.evolution._compositions import Flatten
from pyglove.generators.evolution._compositions import Identity
from pyglove.generators.evolution._compositions import Lambda
from pyglove.generators.evolution._compositions import Pipeline
from pyglove.generators.evolution._compositions import Power
from pyglove.generators.evolution._compositions import Repeat
from pyglove.generators.evolution._compositions import Slice
from pyglove.generators.evolution._compositions import UntilChange
from pyglove.generators.evolution._evolution import Evolution
from pyglove.generators.evolution._global_state import GlobalStateGetter
from pyglove.generators.evolution._global_state import GlobalStateSetter
from pyglove.generators.evolution._metadata import DNA_METADATA_FEEDBACK_SEQUENCE_NUMBER
from pyglove.generators.evolution._metadata import DNA_METADATA_FITNESS
from pyglove.generators.evolution._metadata import DNA_METADATA_GENERATION_ID
from pyglove.generators.evolution._metadata import DNA_METADATA_INITIAL_POPULATION
from pyglove.generators.evolution._metadata import DNA_METADATA_PROPOSAL_ID
from pyglove.generators.evolution._metadata import get_feedback_sequence_number
from pyglove.generators.evolution._metadata import get_fitness
from pyglove.generators.evolution._metadata import get_generation_id
from pyglove.generators.evolution._metadata import get_proposal_id
from pyglove.generators.evolution._metadata import is_initial_population
from pyglove.generators.evolution._metadata import set_feedback_sequence_number
from pyglove.generators.evolution._metadata import set_fitness
from pyglove.generators.evolution._metadata import set_generation_id
from pyglove.generators.evolution._metadata import set_proposal_id
from pyglove.generators.evolution._operation import Operation
from pyglove.generators.evolution._operation_kinds import DNAOperation
from pyglove.generators.evolution._operation_kinds import Mutator
from pyglove.generators.evolution._operation_kinds import Recombinator
from pyglove.generators.evolution._operation_kinds import Selector
from pyglove.generators.evolution._set_operations import Difference
from pyglove.generators.evolution._set_operations import Intersection
from pyglove.generators.evolution._set_operations import Inversion
from pyglove.generators.evolution._set_operations import SymmetricDifference
from pyglove.generators.evolution._set_operations import Union

__all__ = [
    'Choice',
    'Concatenation',
    'Conditional',
    'DNAOperation',
    'DNA_METADATA_FEEDBACK_SEQUENCE_NUMBER',
    'DNA_METADATA_FITNESS',
    'DNA_METADATA_GENERATION_ID',
    'DNA_METADATA_INITIAL_POPULATION',
    'DNA_METADATA_PROPOSAL_ID',
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
    'Repeat',
    'Selector',
    'Slice',
    'SymmetricDifference',
    'Union',
    'UntilChange',
    'get_feedback_sequence_number',
    'get_fitness',
    'get_generation_id',
    'get_proposal_id',
    'is_initial_population',
    'make_operation_compatible',
    'operation_spec',
    'set_feedback_sequence_number',
    'set_fitness',
    'set_generation_id',
    'set_proposal_id',
]
