"""PyGlove: symbolic programming for AutoML.

The public API is flat: ``import pyglove as pg`` and use ``pg.X``. Each layer
adds its names in its own block below; aliases kept for compatibility with
other spellings live together in the last block.
"""
# --- utils ---
from pyglove.utils import Formattable
from pyglove.utils import KeyPath
from pyglove.utils import KeyPathSet
from pyglove.utils import MISSING_VALUE
from pyglove.utils import UnsafeLoadError
from pyglove.utils import repr_format
from pyglove.utils import str_format

# --- logging ---
from pyglove import logging

# --- detouring ---
from pyglove import detouring
from pyglove.detouring import detour

# --- typing ---
from pyglove import typing
from pyglove.typing import CustomTyping
from pyglove.typing import Field
from pyglove.typing import KeySpec
from pyglove.typing import Schema
from pyglove.typing import ValueSpec
from pyglove.typing import get_converter
from pyglove.typing import register_converter
from pyglove.typing import schema
from pyglove.typing import signature

# --- symbolic ---
from pyglove import symbolic
from pyglove.symbolic import ClassWrapper
from pyglove.symbolic import Dict
from pyglove.symbolic import Diff
from pyglove.symbolic import FieldUpdate
from pyglove.symbolic import Functor
from pyglove.symbolic import Insertion
from pyglove.symbolic import List
from pyglove.symbolic import Object
from pyglove.symbolic import Origin
from pyglove.symbolic import PureSymbolic
from pyglove.symbolic import Symbolic
from pyglove.symbolic import TraverseAction
from pyglove.symbolic import WritePermissionError
from pyglove.symbolic import allow_partial
from pyglove.symbolic import allow_writable_accessors
from pyglove.symbolic import apply_wrappers
from pyglove.symbolic import as_sealed
from pyglove.symbolic import boilerplate_class
from pyglove.symbolic import clone
from pyglove.symbolic import contains
from pyglove.symbolic import diff
from pyglove.symbolic import eq
from pyglove.symbolic import format
from pyglove.symbolic import from_json
from pyglove.symbolic import from_json_str
from pyglove.symbolic import functor
from pyglove.symbolic import functor_class
from pyglove.symbolic import gt
from pyglove.symbolic import hash
from pyglove.symbolic import insert
from pyglove.symbolic import is_abstract
from pyglove.symbolic import is_deterministic
from pyglove.symbolic import is_partial
from pyglove.symbolic import is_pure_symbolic
from pyglove.symbolic import load
from pyglove.symbolic import lt
from pyglove.symbolic import members
from pyglove.symbolic import ne
from pyglove.symbolic import notify_on_change
from pyglove.symbolic import query
from pyglove.symbolic import get_load_handler
from pyglove.symbolic import get_save_handler
from pyglove.symbolic import save
from pyglove.symbolic import set_load_handler
from pyglove.symbolic import set_save_handler
from pyglove.symbolic import symbolize
from pyglove.symbolic import to_json
from pyglove.symbolic import to_json_str
from pyglove.symbolic import track_origin
from pyglove.symbolic import traverse
from pyglove.symbolic import use_init_args
from pyglove.symbolic import wrap
from pyglove.symbolic import wrap_module

# --- patching ---
from pyglove import patching
from pyglove.patching import patch
from pyglove.patching import patch_on_key
from pyglove.patching import patch_on_member
from pyglove.patching import patch_on_path
from pyglove.patching import patch_on_type
from pyglove.patching import patch_on_value
from pyglove.patching import patcher

# --- scalars ---
from pyglove import scalars

# --- mutfun ---
from pyglove import mutfun

# --- views (HTML of symbolic values, for notebooks) ---
from pyglove import views
from pyglove.views import Html
from pyglove.views import to_html
from pyglove.views import to_html_str
from pyglove.views import view
from pyglove.views import view_options

# --- geno ---
from pyglove import geno
from pyglove.geno import DNA
from pyglove.geno import DNAGenerator
from pyglove.geno import DNASpec
from pyglove.geno import random_dna

# --- hyper ---
from pyglove import hyper
from pyglove.hyper import dna_spec
from pyglove.hyper import evolve
from pyglove.hyper import floatv
from pyglove.hyper import intv
from pyglove.hyper import iter  # pylint: disable=redefined-builtin
from pyglove.hyper import manyof
from pyglove.hyper import materialize
from pyglove.hyper import oneof
from pyglove.hyper import permutate
from pyglove.hyper import random_sample
from pyglove.hyper import search_space
from pyglove.hyper import template

# --- generators ---
from pyglove import generators
from pyglove.generators import evolution

# --- tuning ---
from pyglove import tuning
from pyglove.tuning import early_stopping
from pyglove.tuning import poll_result
from pyglove.tuning import sample

# --- aliases ---
# symbolic: `pg.dict`/`pg.list` are the symbolic containers.
dict = Dict  # pylint: disable=redefined-builtin
list = List  # pylint: disable=redefined-builtin
# hyper
float_value = floatv
int_value = intv
one_of = oneof
permute = permutate
sublist_of = manyof

__version__ = '0.1.0'
