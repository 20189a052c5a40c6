"""Hyper values and search-space templates (layer 4): `pg.oneof`, `pg.template`, ..."""
from pyglove.hyper._base import HyperPrimitive
from pyglove.hyper._base import HyperValue
from pyglove.hyper._base import is_hyper
from pyglove.hyper._categorical import Choices
from pyglove.hyper._categorical import ManyOf
from pyglove.hyper._categorical import OneOf
from pyglove.hyper._categorical import manyof
from pyglove.hyper._categorical import oneof
from pyglove.hyper._categorical import permutate
from pyglove.hyper._custom import CustomHyper
from pyglove.hyper._derived import DerivedValue
from pyglove.hyper._derived import UndecidedReferenceError
from pyglove.hyper._derived import ValueReference
from pyglove.hyper._derived import reference
from pyglove.hyper._dynamic_evaluation import DynamicEvaluationContext
from pyglove.hyper._dynamic_evaluation import dynamic_evaluate
from pyglove.hyper._dynamic_evaluation import trace
from pyglove.hyper._evolvable import Evolvable
from pyglove.hyper._evolvable import evolve
from pyglove.hyper._iter import iter  # pylint: disable=redefined-builtin
from pyglove.hyper._iter import random_sample
from pyglove.hyper._materialize import materialize
from pyglove.hyper._numerical import Float
from pyglove.hyper._numerical import Int
from pyglove.hyper._numerical import floatv
from pyglove.hyper._numerical import intv
from pyglove.hyper._object_template import ObjectTemplate
from pyglove.hyper._object_template import dna_spec
from pyglove.hyper._object_template import template

# The reference's other spellings.
ChoiceList = ManyOf
ChoiceValue = OneOf
Template = ObjectTemplate
float_value = floatv
iterate = iter
one_of = oneof
search_space = dna_spec
sublist_of = manyof

__all__ = [
    'ChoiceList',
    'ChoiceValue',
    'Choices',
    'CustomHyper',
    'DerivedValue',
    'DynamicEvaluationContext',
    'Evolvable',
    'Float',
    'HyperPrimitive',
    'HyperValue',
    'Int',
    'ManyOf',
    'ObjectTemplate',
    'OneOf',
    'Template',
    'UndecidedReferenceError',
    'ValueReference',
    'dna_spec',
    'dynamic_evaluate',
    'evolve',
    'float_value',
    'floatv',
    'intv',
    'is_hyper',
    'iter',
    'iterate',
    'manyof',
    'materialize',
    'one_of',
    'oneof',
    'permutate',
    'random_sample',
    'reference',
    'search_space',
    'sublist_of',
    'template',
    'trace',
]
