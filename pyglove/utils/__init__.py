"""Small shared building blocks below every layer: key paths, the missing-value sentinel, JSON."""
from pyglove.utils._depth import DeepRecursion
from pyglove.utils._depth import check_depth
from pyglove.utils._depth import max_depth
from pyglove.utils._errors import message_on_path
from pyglove.utils._formatting import BracketType
from pyglove.utils._formatting import Formattable
from pyglove.utils._formatting import RawText
from pyglove.utils._formatting import bracket_chars
from pyglove.utils._formatting import format
from pyglove.utils._formatting import indent
from pyglove.utils._formatting import kvlist_str
from pyglove.utils._formatting import repr_format
from pyglove.utils._formatting import str_format
from pyglove.utils._gc import freezing_settled
from pyglove.utils._gc import run_uncollected
from pyglove.utils._json import JSONConvertible
from pyglove.utils._json import from_json
from pyglove.utils._json import lookup as lookup_json_type
from pyglove.utils._json import register as register_json_type
from pyglove.utils._json import resolve_type
from pyglove.utils._json import to_json
from pyglove.utils._json import type_key
from pyglove.utils._json_symbols import UnsafeLoadError
from pyglove.utils._key_path import KeyPath
from pyglove.utils._key_path_set import KeyPathSet
from pyglove.utils._key_path import StrKey
from pyglove.utils._missing import MISSING_VALUE
from pyglove.utils._missing import MissingValue

__all__ = [
    'BracketType',
    'DeepRecursion',
    'Formattable',
    'RawText',
    'bracket_chars',
    'format',
    'indent',
    'kvlist_str',
    'repr_format',
    'str_format',
    'JSONConvertible',
    'KeyPath',
    'KeyPathSet',
    'MISSING_VALUE',
    'MissingValue',
    'StrKey',
    'UnsafeLoadError',
    'check_depth',
    'freezing_settled',
    'from_json',
    'lookup_json_type',
    'max_depth',
    'message_on_path',
    'register_json_type',
    'resolve_type',
    'run_uncollected',
    'to_json',
    'type_key',
]
