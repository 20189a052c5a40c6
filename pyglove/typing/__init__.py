"""Value specs and schemas: validation, conversion and defaults of values."""
from pyglove.typing._any import Any
from pyglove.typing._base import CustomTyping
from pyglove.typing._base import ValueSpec
from pyglove.typing._dict import Dict
from pyglove.typing._enum import Enum
from pyglove.typing._field import Field
from pyglove.typing._key_specs import KeySpec
from pyglove.typing._key_specs import ListKey
from pyglove.typing._key_specs import StrKey
from pyglove.typing._key_specs import TupleKey
from pyglove.typing._list import List
from pyglove.typing._scalars import Bool
from pyglove.typing._scalars import Float
from pyglove.typing._scalars import Int
from pyglove.typing._scalars import Str
from pyglove.typing._schema import Schema
from pyglove.typing._tuple import Tuple

__all__ = [
    'Any',
    'Bool',
    'CustomTyping',
    'Dict',
    'Enum',
    'Field',
    'Float',
    'Int',
    'KeySpec',
    'List',
    'ListKey',
    'Schema',
    'Str',
    'StrKey',
    'Tuple',
    'TupleKey',
    'ValueSpec',
]
