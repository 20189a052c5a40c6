"""Value specs and schemas: validation, conversion and defaults of values."""
from pyglove.typing._annotation import Annotated
from pyglove.typing._annotation import annotation_parts
from pyglove.typing._annotation import from_annotation
from pyglove.typing._annotation_api import annotation_from_str
from pyglove.typing._any import Any
from pyglove.typing._base import CustomTyping
from pyglove.typing._base import ValueSpec
from pyglove.typing._callable import Callable
from pyglove.typing._callable import Functor
from pyglove.typing._callable_signature import Argument
from pyglove.typing._callable_signature import CallableType
from pyglove.typing._callable_signature import CallableWithOptionalKeywordArgs
from pyglove.typing._callable_signature import Signature
from pyglove.typing._callable_signature import get_signature
from pyglove.typing._conversion import get_converter
from pyglove.typing._conversion import get_json_value_converter
from pyglove.typing._conversion import register_converter
from pyglove.typing._dict import Dict
from pyglove.typing._enum import Enum
from pyglove.typing._field import Field
from pyglove.typing._forward_ref import ForwardRef
from pyglove.typing._helpers import create_schema
from pyglove.typing._helpers import ensure_value_spec
from pyglove.typing._inspect import callable_eq
from pyglove.typing._inspect import get_outer_class
from pyglove.typing._inspect import get_type
from pyglove.typing._inspect import get_type_args
from pyglove.typing._inspect import has_generic_bases
from pyglove.typing._inspect import is_generic
from pyglove.typing._inspect import is_instance
from pyglove.typing._inspect import is_protocol
from pyglove.typing._inspect import is_subclass
from pyglove.typing._key_specs import ConstStrKey
from pyglove.typing._key_specs import KeySpec
from pyglove.typing._key_specs import ListKey
from pyglove.typing._key_specs import NonConstKey
from pyglove.typing._key_specs import StrKey
from pyglove.typing._key_specs import TupleKey
from pyglove.typing._list import List
from pyglove.typing._object import Object
from pyglove.typing._object import Type
from pyglove.typing._preset_args import PresetArgValue
from pyglove.typing._preset_args import enable_preset_args
from pyglove.typing._preset_args import preset_args
from pyglove.typing._scalars import Bool
from pyglove.typing._scalars import Float
from pyglove.typing._scalars import Int
from pyglove.typing._scalars import Number
from pyglove.typing._scalars import PrimitiveType
from pyglove.typing._scalars import Str
from pyglove.typing._schema import Schema
from pyglove.typing._signature import schema
from pyglove.typing._tuple import Tuple
from pyglove.typing._typed_missing import MissingValue
from pyglove.typing._union import Union
from pyglove.utils import MISSING_VALUE

# Other spellings.
Instance = Object  # The paper's.
signature = get_signature

__all__ = [
    'Annotated',
    'Any',
    'Argument',
    'Bool',
    'Callable',
    'CallableType',
    'CallableWithOptionalKeywordArgs',
    'ConstStrKey',
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
    'MissingValue',
    'NonConstKey',
    'Number',
    'Object',
    'PresetArgValue',
    'PrimitiveType',
    'Schema',
    'Signature',
    'Str',
    'StrKey',
    'Tuple',
    'TupleKey',
    'Type',
    'Union',
    'ValueSpec',
    'annotation_from_str',
    'annotation_parts',
    'callable_eq',
    'create_schema',
    'enable_preset_args',
    'ensure_value_spec',
    'from_annotation',
    'get_converter',
    'get_json_value_converter',
    'get_outer_class',
    'get_signature',
    'get_type',
    'get_type_args',
    'has_generic_bases',
    'is_generic',
    'is_instance',
    'is_protocol',
    'is_subclass',
    'preset_args',
    'register_converter',
    'schema',
    'signature',
]
