"""`pg.logging`: the library's log calls, routed to a logger the application chooses.

PyGlove depends on no logging framework: it logs through whatever
`logging.Logger` was installed with `set_logger` (the root logger until
then), so an application using absl, a structured logger or plain
`logging` sees PyGlove's messages where it sees its own.

Records point at the caller of ``pg.logging.info(...)``, not at this module:
each helper raises `stacklevel` by one, so ``%(filename)s:%(lineno)d`` in a
format names the line that logged.
"""
from __future__ import annotations

import inspect
import logging
from typing import Any, Callable

_logger: logging.Logger = logging.getLogger()
_LEVEL_METHODS = ('debug', 'info', 'warning', 'error', 'critical')


def set_logger(logger: logging.Logger) -> None:
  """Routes PyGlove's log messages to `logger`.

  Args:
    logger: a `logging.Logger` (absl's logger is one), or any object with
      the methods ``debug``, ``info``, ``warning``, ``error`` and
      ``critical``.

  Raises:
    TypeError: `logger` lacks one of those methods.

  Example:
    >>> import logging
    >>> previous = pg.logging.get_logger()
    >>> pg.logging.set_logger(logging.getLogger('my_app'))
    >>> pg.logging.get_logger().name
    'my_app'
    >>> pg.logging.set_logger(previous)
  """
  missing = [m for m in _LEVEL_METHODS
             if not callable(getattr(logger, m, None))]
  if missing:
    raise TypeError(
        f'set_logger() expects a logging.Logger or an object with the '
        f'methods {", ".join(_LEVEL_METHODS)}; got {logger!r} of type '
        f'{type(logger).__name__}, which lacks {", ".join(missing)}.')
  global _logger
  _logger = logger
  register_frame_to_skip([debug, info, warning, error, critical])


def get_logger() -> logging.Logger:
  """Returns the logger PyGlove logs to (the root logger unless `set_logger` changed it)."""
  return _logger


def register_frame_to_skip(
    method: Callable[..., Any] | list[Callable[..., Any]]) -> bool:
  """Asks the current logger to attribute records past `method`'s frames.

  Loggers that find the caller by walking the stack themselves (absl's
  ``ABSLLogger`` has a ``register_frame_to_skip`` class method) would
  otherwise report a wrapper function as the source of every record.

  Args:
    method: a function, or a list of functions, whose frames to skip.

  Returns:
    True if the logger supports skipping frames (and they were registered),
    False if it does not (standard `logging` loggers, which rely on
    `stacklevel` instead).

  Raises:
    TypeError: the source file of a method cannot be found (a builtin).

  Example:
    >>> def log_twice(msg):
    ...   pg.logging.info(msg)
    ...   pg.logging.info(msg)
    >>> pg.logging.register_frame_to_skip(log_twice)  # the root logger can't
    False
  """
  register = getattr(type(_logger), 'register_frame_to_skip', None)
  if register is None:
    return False
  for m in method if isinstance(method, list) else [method]:
    register(inspect.getsourcefile(m), m.__name__)
  return True


def _log(method: str, msg: str, args: tuple[Any, ...],
         kwargs: dict[str, Any]) -> None:
  logger = _logger
  if isinstance(logger, logging.Logger):
    # Two frames separate the caller from the Logger method: the public
    # helper and this function.
    kwargs['stacklevel'] = kwargs.get('stacklevel', 1) + 2
  getattr(logger, method)(msg, *args, **kwargs)


def debug(msg: str, *args: Any, **kwargs: Any) -> None:
  """Logs `msg` % `args` at DEBUG level (`kwargs` as for `logging.Logger.debug`)."""
  _log('debug', msg, args, kwargs)


def info(msg: str, *args: Any, **kwargs: Any) -> None:
  """Logs `msg` % `args` at INFO level (`kwargs` as for `logging.Logger.info`).

  Example:
    >>> import logging
    >>> records = []
    >>> class Collect(logging.Handler):
    ...   def emit(self, record):
    ...     records.append(record.getMessage())
    >>> logger = logging.getLogger('pg_doc_example')
    >>> logger.addHandler(Collect()); logger.setLevel(logging.INFO)
    >>> previous = pg.logging.get_logger()
    >>> pg.logging.set_logger(logger)
    >>> pg.logging.info('trial %d: reward=%.2f', 3, 0.91)
    >>> pg.logging.set_logger(previous)
    >>> records
    ['trial 3: reward=0.91']
  """
  _log('info', msg, args, kwargs)


def warning(msg: str, *args: Any, **kwargs: Any) -> None:
  """Logs `msg` % `args` at WARNING level (`kwargs` as for `logging.Logger.warning`)."""
  _log('warning', msg, args, kwargs)


def error(msg: str, *args: Any, **kwargs: Any) -> None:
  """Logs `msg` % `args` at ERROR level (`kwargs` as for `logging.Logger.error`)."""
  _log('error', msg, args, kwargs)


def critical(msg: str, *args: Any, **kwargs: Any) -> None:
  """Logs `msg` % `args` at CRITICAL level (`kwargs` as for `logging.Logger.critical`)."""
  _log('critical', msg, args, kwargs)
