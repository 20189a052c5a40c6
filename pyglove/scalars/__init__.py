"""`pg.scalars`: step-dependent values (schedules) for hyper-parameters of algorithms."""
from pyglove.scalars._base import STEP
from pyglove.scalars._base import Absolute
from pyglove.scalars._base import Addition
from pyglove.scalars._base import BinaryOp
from pyglove.scalars._base import Ceiling
from pyglove.scalars._base import Constant
from pyglove.scalars._base import Division
from pyglove.scalars._base import Floor
from pyglove.scalars._base import Lambda
from pyglove.scalars._base import Mod
from pyglove.scalars._base import Multiplication
from pyglove.scalars._base import Negation
from pyglove.scalars._base import Power
from pyglove.scalars._base import Scalar
from pyglove.scalars._base import Substraction
from pyglove.scalars._base import UnaryOp
from pyglove.scalars._base import make_scalar
from pyglove.scalars._base import scalar_spec
from pyglove.scalars._base import scalar_value
from pyglove.scalars._maths import Cosine
from pyglove.scalars._maths import Exp
from pyglove.scalars._maths import Log
from pyglove.scalars._maths import Sine
from pyglove.scalars._maths import SquareRoot
from pyglove.scalars._maths import cosine_decay
from pyglove.scalars._maths import cyclic
from pyglove.scalars._maths import exponential_decay
from pyglove.scalars._maths import linear
from pyglove.scalars._randoms import Gaussian
from pyglove.scalars._randoms import LogNormal
from pyglove.scalars._randoms import Normal
from pyglove.scalars._randoms import RandomScalar
from pyglove.scalars._randoms import Triangular
from pyglove.scalars._randoms import Uniform
from pyglove.scalars._step_wise import StepWise

# --- aliases (the reference's lower-case names of the math scalars) ---
cos = Cosine
exp = Exp
log = Log
sin = Sine
sqrt = SquareRoot

__all__ = [
    'Absolute',
    'Addition',
    'BinaryOp',
    'Ceiling',
    'Constant',
    'Cosine',
    'Division',
    'Exp',
    'Floor',
    'Gaussian',
    'Lambda',
    'Log',
    'LogNormal',
    'Mod',
    'Multiplication',
    'Negation',
    'Normal',
    'Power',
    'RandomScalar',
    'STEP',
    'Scalar',
    'Sine',
    'SquareRoot',
    'StepWise',
    'Substraction',
    'Triangular',
    'UnaryOp',
    'Uniform',
    'cos',
    'cosine_decay',
    'cyclic',
    'exp',
    'exponential_decay',
    'linear',
    'log',
    'make_scalar',
    'scalar_spec',
    'scalar_value',
    'sin',
    'sqrt',
]
