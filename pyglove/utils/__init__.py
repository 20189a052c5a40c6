"""Small shared building blocks below every layer: key paths, the missing-value sentinel, JSON."""
from pyglove.utils._errors import message_on_path
from pyglove.utils._json import JSONConvertible
from pyglove.utils._json import UnsafeLoadError
from pyglove.utils._json import from_json
from pyglove.utils._json import lookup as lookup_json_type
from pyglove.utils._json import register as register_json_type
from pyglove.utils._json import resolve_type
from pyglove.utils._json import to_json
from pyglove.utils._json import type_key
from pyglove.utils._key_path import KeyPath
from pyglove.utils._missing import MISSING_VALUE
from pyglove.utils._missing import MissingValue

__all__ = [
    'JSONConvertible',
    'KeyPath',
    'MISSING_VALUE',
    'MissingValue',
    'UnsafeLoadError',
    'from_json',
    'lookup_json_type',
    'message_on_path',
    'register_json_type',
    'resolve_type',
    'to_json',
    'type_key',
]
