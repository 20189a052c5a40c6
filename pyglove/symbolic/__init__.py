"""Symbolic objects: mutable, typed trees that know their key paths (layer 2)."""
# --- ops ---
from pyglove.symbolic._query import TraverseAction
from pyglove.symbolic._query import contains
from pyglove.symbolic._query import is_abstract
from pyglove.symbolic._query import is_deterministic
from pyglove.symbolic._query import query
from pyglove.symbolic._query import traverse
from pyglove.symbolic._compare import Diff
from pyglove.symbolic._compare import diff
from pyglove.symbolic._compare import eq
from pyglove.symbolic._compare import gt
from pyglove.symbolic._compare import hash
from pyglove.symbolic._compare import lt
from pyglove.symbolic._compare import ne
from pyglove.symbolic._serialization import from_json
from pyglove.symbolic._serialization import from_json_str
from pyglove.symbolic._serialization import load
from pyglove.symbolic._serialization import save
from pyglove.symbolic._serialization import to_json
from pyglove.symbolic._serialization import to_json_str

# --- core ---

__all__ = [
    # --- ops ---
    'Diff',
    'TraverseAction',
    'contains',
    'diff',
    'eq',
    'from_json',
    'from_json_str',
    'gt',
    'hash',
    'is_abstract',
    'is_deterministic',
    'load',
    'lt',
    'ne',
    'query',
    'save',
    'to_json',
    'to_json_str',
    'traverse',
    # --- core ---
]
