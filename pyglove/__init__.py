"""PyGlove: symbolic programming for AutoML.

The public API is flat: ``import pyglove as pg`` and use ``pg.X``.
"""
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE
from pyglove.utils import UnsafeLoadError

__version__ = '0.1.0'

__all__ = [
    'KeyPath',
    'MISSING_VALUE',
    'UnsafeLoadError',
]
