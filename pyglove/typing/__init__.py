"""Value specs and schemas: validation, conversion and defaults of values."""
from pyglove.typing._annotation import Annotated
from pyglove.typing._annotation import annotation_parts
from pyglove.typing._annotation import from_annotation
from pyglove.typing._any import Any
from pyglove.typing._base import CustomTyping
from pyglove.typing._base import ValueSpec
from pyglove.typing._callable import Callable
from pyglove.typing._callable import Functor
from pyglove.typing._dict import Dict
from pyglove.typing._enum import Enum
from pyglove.typing._field import Field
from pyglove.typing._forward_ref import ForwardRef
from pyglove.typing._key_specs import KeySpec
from pyglove.typing._key_specs import ListKey
from pyglove.typing._key_specs import StrKey
from pyglove.typing._key_specs import TupleKey
from pyglove.typing._list import List
from pyglove.typing._object import Object
from pyglove.typing._object import Type
from pyglove.typing._scalars import Bool
from pyglove.typing._scalars import Float
from pyglove.typing._scalars import Int
from pyglove.typing._scalars import Str
from pyglove.typing._schema import Schema
from pyglove.typing._signature import schema
from pyglove.typing._tuple import Tuple
from pyglove.typing._union import Union
from pyglove.utils import MISSING_VALUE

# The paper's spelling.
Instance = Object

__all__ = [
    'Annotated',
    'Any',
    'Bool',
    'Callable',
    'CustomTyping',
    'Dict',
    'Enum',
    'Field',
    'Float',
    'ForwardRef',
    'Functor',
    'Instance',
    'Int',
    'KeySpec',
    'List',
    'ListKey',
    'MISSING_VALUE',
    'Object',
    'Schema',
    'Str',
    'StrKey',
    'Tuple',
    'TupleKey',
    'Type',
    'Union',
    'ValueSpec',
    'annotation_parts',
    'from_annotation',
    'schema',
]
