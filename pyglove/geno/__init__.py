"""Genotypes: DNA, the DNA specs that describe a search space, and DNA generators."""
from pyglove.geno._attribute_dict import AttributeDict
from pyglove.geno._choices import Choices
from pyglove.geno._custom import CustomDecisionPoint
from pyglove.geno._dna import DNA
from pyglove.geno._dna_generator import DNAGenerator
from pyglove.geno._deduping import Deduping
from pyglove.geno._numerical import Float
from pyglove.geno._numerical import Int
from pyglove.geno._random import Random
from pyglove.geno._random_dna import random_dna
from pyglove.geno._space import Space
from pyglove.geno._spec import DNASpec
from pyglove.geno._sweeping import Sweeping

__all__ = [
    'AttributeDict',
    'Choices',
    'CustomDecisionPoint',
    'Deduping',
    'DNA',
    'DNAGenerator',
    'DNASpec',
    'Float',
    'Int',
    'Random',
    'Space',
    'Sweeping',
    'random_dna',
]
