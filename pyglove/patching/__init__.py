"""`pg.patching`: modify symbolic values by patterns and by named, composable patchers.

Patchers can be chained and given as strings (``'lr?0.1'``), so that a
command line selects the patches to apply to a base experiment.
"""
from pyglove.patching._object_factory import ObjectFactory
from pyglove.patching._object_factory import from_maybe_serialized
from pyglove.patching._patcher import Patcher
from pyglove.patching._patcher import patch
from pyglove.patching._patcher import patcher
from pyglove.patching._pattern_based import patch_on_key
from pyglove.patching._pattern_based import patch_on_member
from pyglove.patching._pattern_based import patch_on_path
from pyglove.patching._pattern_based import patch_on_type
from pyglove.patching._pattern_based import patch_on_value
from pyglove.patching._registry import allow_repeated_patcher_registration
from pyglove.patching._registry import patcher_names
from pyglove.patching._uri import from_uri

__all__ = [
    'ObjectFactory',
    'Patcher',
    'allow_repeated_patcher_registration',
    'from_maybe_serialized',
    'from_uri',
    'patch',
    'patch_on_key',
    'patch_on_member',
    'patch_on_path',
    'patch_on_type',
    'patch_on_value',
    'patcher',
    'patcher_names',
]
