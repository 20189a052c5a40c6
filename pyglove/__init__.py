"""PyGlove: symbolic programming for AutoML.

The public API is flat: ``import pyglove as pg`` and use ``pg.X``. Each layer
adds its names in its own block below; aliases kept for compatibility with
other spellings live together in the last block.
"""
# --- utils ---
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import UnsafeLoadError

# --- typing ---
from pyglove import typing

# --- symbolic ---

# --- geno ---
from pyglove import geno
from pyglove.geno import DNA
from pyglove.geno import DNAGenerator
from pyglove.geno import DNASpec
from pyglove.geno import random_dna

# --- hyper ---

# --- generators ---
from pyglove import generators
from pyglove.generators import evolution

# --- tuning ---
from pyglove import tuning
from pyglove.tuning import early_stopping
from pyglove.tuning import poll_result
from pyglove.tuning import sample

# --- aliases ---

__version__ = '0.1.0'
