"""`pg.logging`: PyGlove's log messages, sent to a logger the application sets."""
from pyglove.logging._logger import critical
from pyglove.logging._logger import debug
from pyglove.logging._logger import error
from pyglove.logging._logger import get_logger
from pyglove.logging._logger import info
from pyglove.logging._logger import register_frame_to_skip
from pyglove.logging._logger import set_logger
from pyglove.logging._logger import warning

__all__ = [
    'critical',
    'debug',
    'error',
    'get_logger',
    'info',
    'register_frame_to_skip',
    'set_logger',
    'warning',
]
