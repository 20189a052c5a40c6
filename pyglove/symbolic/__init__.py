"""Symbolic objects: mutable, typed trees that know their key paths (layer 2)."""
# --- ops ---
from pyglove.symbolic._query import contains
from pyglove.symbolic._query import is_abstract
from pyglove.symbolic._query import is_deterministic
from pyglove.symbolic._query import query
from pyglove.symbolic._diff import Diff
from pyglove.symbolic._diff import diff
from pyglove.symbolic._eq import eq
from pyglove.symbolic._eq import ne
from pyglove.symbolic._hash import hash
from pyglove.symbolic._order import gt
from pyglove.symbolic._order import lt
from pyglove.symbolic._serialization import from_json
from pyglove.symbolic._serialization import from_json_str
from pyglove.symbolic._file_io import default_load_handler
from pyglove.symbolic._file_io import default_save_handler
from pyglove.symbolic._file_io import get_load_handler
from pyglove.symbolic._file_io import get_save_handler
from pyglove.symbolic._file_io import load
from pyglove.symbolic._file_io import save
from pyglove.symbolic._file_io import set_load_handler
from pyglove.symbolic._file_io import set_save_handler
from pyglove.symbolic._serialization import to_json
from pyglove.symbolic._serialization import to_json_str
from pyglove.symbolic._traverse import TraverseAction
from pyglove.symbolic._traverse import fold
from pyglove.symbolic._traverse import nodes
from pyglove.symbolic._traverse import traverse
from pyglove.symbolic._traverse import walk

# --- core ---
from pyglove.symbolic._base import Symbolic
from pyglove.symbolic._base import WritePermissionError
from pyglove.symbolic._boilerplate import boilerplate_class
from pyglove.symbolic._dict import Dict
from pyglove.symbolic._flags import allow_partial
from pyglove.symbolic._flags import allow_writable_accessors
from pyglove.symbolic._flags import as_sealed
from pyglove.symbolic._flags import notify_on_change
from pyglove.symbolic._format import format
from pyglove.symbolic._functor import Functor
from pyglove.symbolic._functor import as_functor
from pyglove.symbolic._functor import functor_class
from pyglove.symbolic._insertion import Insertion
from pyglove.symbolic._insertion import insert
from pyglove.symbolic._fastpath import ATOMIC_TYPES
from pyglove.symbolic._list import List
from pyglove.symbolic._rebind import FieldUpdate
from pyglove.symbolic._rebind import tree_version
from pyglove.symbolic._object import Object
from pyglove.symbolic._members import members
from pyglove.symbolic._members import use_init_args
from pyglove.symbolic._pure import NonDeterministic
from pyglove.symbolic._pure import PureSymbolic
from pyglove.symbolic._pure import clone
from pyglove.symbolic._pure import is_partial
from pyglove.symbolic._pure import is_pure_symbolic
from pyglove.symbolic._origin import Origin
from pyglove.symbolic._origin import get_origin_stacktrace_limit
from pyglove.symbolic._origin import is_tracking_origin
from pyglove.symbolic._origin import set_origin_stacktrace_limit
from pyglove.symbolic._origin import track_origin
from pyglove.symbolic._sym_api import DescendantQueryOption
from pyglove.symbolic._symbolize import ClassWrapper
from pyglove.symbolic._symbolize import functor
from pyglove.symbolic._symbolize import symbolize
from pyglove.symbolic._wrap import apply_wrappers
from pyglove.symbolic._wrap import wrap
from pyglove.symbolic._wrap import wrap_module

# --- HTML views ---
from pyglove.symbolic._html_tree import HtmlTreeView
from pyglove.symbolic._html_view import HtmlConvertible
from pyglove.symbolic._html_view import HtmlView
from pyglove.symbolic._html_view import to_html
from pyglove.symbolic._html_view import to_html_str
from pyglove.symbolic._html_view import view
from pyglove.symbolic._html_view import view_options

__all__ = [
    # --- ops ---
    'Diff',
    'TraverseAction',
    'contains',
    'default_load_handler',
    'default_save_handler',
    'diff',
    'eq',
    'fold',
    'from_json',
    'from_json_str',
    'get_load_handler',
    'get_origin_stacktrace_limit',
    'get_save_handler',
    'gt',
    'hash',
    'is_abstract',
    'is_deterministic',
    'load',
    'lt',
    'ne',
    'nodes',
    'query',
    'save',
    'set_load_handler',
    'set_origin_stacktrace_limit',
    'set_save_handler',
    'to_json',
    'to_json_str',
    'traverse',
    'walk',
    # --- core ---
    'ATOMIC_TYPES',
    'ClassWrapper',
    'DescendantQueryOption',
    'Dict',
    'FieldUpdate',
    'Functor',
    'Insertion',
    'List',
    'NonDeterministic',
    'Object',
    'Origin',
    'PureSymbolic',
    'Symbolic',
    'WritePermissionError',
    'allow_partial',
    'allow_writable_accessors',
    'apply_wrappers',
    'as_functor',
    'as_sealed',
    'boilerplate_class',
    'clone',
    'format',
    'functor',
    'functor_class',
    'insert',
    'is_partial',
    'is_tracking_origin',
    'is_pure_symbolic',
    'members',
    'notify_on_change',
    'symbolize',
    'track_origin',
    'tree_version',
    'wrap',
    'wrap_module',
    # --- HTML views ---
    'HtmlConvertible',
    'HtmlTreeView',
    'HtmlView',
    'to_html',
    'to_html_str',
    'view',
    'view_options',
]
