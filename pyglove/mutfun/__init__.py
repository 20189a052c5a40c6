"""`pg.mutfun`: mutable functions, programs as symbolic trees for evolution and symbolic regression.

Where hyper values tune parts of an existing program, a mutable function is
a program built from symbolic instructions, so that lines can be inserted,
deleted and replaced, and functions created, by the same symbolic
operations as any other value.
"""
from pyglove.mutfun._code import Code
from pyglove.mutfun._code import evaluate
from pyglove.mutfun._code import python_repr
from pyglove.mutfun._control_flow import ControlFlow
from pyglove.mutfun._control_flow import If
from pyglove.mutfun._control_flow import While
from pyglove.mutfun._function import Function
from pyglove.mutfun._function import SymbolDefinition
from pyglove.mutfun._instruction import Instruction
from pyglove.mutfun._instruction import SymbolReference
from pyglove.mutfun._operators import Add
from pyglove.mutfun._operators import BinaryOperator
from pyglove.mutfun._operators import Divide
from pyglove.mutfun._operators import Equals
from pyglove.mutfun._operators import FloorDivide
from pyglove.mutfun._operators import GreaterThan
from pyglove.mutfun._operators import LessThan
from pyglove.mutfun._operators import Mod
from pyglove.mutfun._operators import Multiply
from pyglove.mutfun._operators import Negate
from pyglove.mutfun._operators import NotEquals
from pyglove.mutfun._operators import Operator
from pyglove.mutfun._operators import Power
from pyglove.mutfun._operators import Substract
from pyglove.mutfun._operators import UnaryOperator
from pyglove.mutfun._symbols import Assign
from pyglove.mutfun._symbols import FunctionCall
from pyglove.mutfun._symbols import Var

__all__ = [
    'Add',
    'Assign',
    'BinaryOperator',
    'Code',
    'ControlFlow',
    'Divide',
    'Equals',
    'FloorDivide',
    'Function',
    'FunctionCall',
    'GreaterThan',
    'If',
    'Instruction',
    'LessThan',
    'Mod',
    'Multiply',
    'Negate',
    'NotEquals',
    'Operator',
    'Power',
    'Substract',
    'SymbolDefinition',
    'SymbolReference',
    'UnaryOperator',
    'Var',
    'While',
    'evaluate',
    'python_repr',
]
