"""Genotypes: DNA, the DNA specs that describe a search space, and DNA generators."""
from pyglove.geno._attribute_dict import AttributeDict
from pyglove.geno._choices import Choices
from pyglove.geno._choices import manyof
from pyglove.geno._choices import oneof
from pyglove.geno._custom import CustomDecisionPoint
from pyglove.geno._custom import custom
from pyglove.geno._deduping import Deduping
from pyglove.geno._dna import DNA
from pyglove.geno._dna_generator import DNAGenerator
from pyglove.geno._dna_generator import dna_generator
from pyglove.geno._numerical import Float
from pyglove.geno._numerical import Int
from pyglove.geno._numerical import floatv
from pyglove.geno._random import Random
from pyglove.geno._random_dna import random_dna
from pyglove.geno._space import Space
from pyglove.geno._space import constant
from pyglove.geno._space import space
from pyglove.geno._spec import ConditionalKey
from pyglove.geno._spec import DecisionPoint
from pyglove.geno._spec import DNASpec
from pyglove.geno._sweeping import Sweeping

__all__ = [
    'AttributeDict',
    'Choices',
    'ConditionalKey',
    'CustomDecisionPoint',
    'DNA',
    'DNAGenerator',
    'DNASpec',
    'DecisionPoint',
    'Deduping',
    'Float',
    'Int',
    'Random',
    'Space',
    'Sweeping',
    'constant',
    'custom',
    'dna_generator',
    'floatv',
    'manyof',
    'oneof',
    'random_dna',
    'space',
]
