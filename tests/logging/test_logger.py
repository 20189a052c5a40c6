"""Tests for `pg.logging`: routing to the chosen logger, levels, caller attribution."""
from __future__ import annotations

import doctest
import logging

import pytest

import pyglove as pg
from pyglove.logging import _logger


class _Collect(logging.Handler):

  def __init__(self):
    super().__init__(logging.DEBUG)
    self.records: list[logging.LogRecord] = []

  def emit(self, record: logging.LogRecord) -> None:
    self.records.append(record)


@pytest.fixture
def collected():
  """A fresh logger installed with `set_logger`, restored afterwards."""
  previous = pg.logging.get_logger()
  logger = logging.getLogger(f'pg_test_{id(object())}')
  logger.propagate = False
  logger.setLevel(logging.DEBUG)
  handler = _Collect()
  logger.addHandler(handler)
  pg.logging.set_logger(logger)
  yield handler.records
  pg.logging.set_logger(previous)


class TestLoggerSelection:
  """Which logger receives the messages."""

  def test_default_is_root_logger(self):
    """Until set_logger is called, PyGlove logs to the root logger (as the reference)."""
    assert _logger._logger is logging.getLogger()

  def test_set_logger_then_get_logger_returns_it(self, collected):
    """get_logger returns what set_logger installed."""
    assert pg.logging.get_logger().name.startswith('pg_test_')

  def test_set_logger_rejects_object_without_log_methods(self):
    """A value that cannot log is refused, and the previous logger is kept."""
    before = pg.logging.get_logger()
    with pytest.raises(TypeError, match=r'lacks debug, info, warning, error, critical'):
      pg.logging.set_logger('stdout')
    assert pg.logging.get_logger() is before

  def test_duck_typed_logger_receives_calls_without_stacklevel(self):
    """An object with the five methods works; it gets no stacklevel keyword."""
    calls = []

    class Duck:

      def __getattr__(self, name):
        if name in ('debug', 'info', 'warning', 'error', 'critical'):
          return lambda msg, *args, **kwargs: calls.append((name, msg, args, kwargs))
        raise AttributeError(name)

    previous = pg.logging.get_logger()
    pg.logging.set_logger(Duck())
    try:
      pg.logging.warning('x=%d', 1, extra={'k': 2})
    finally:
      pg.logging.set_logger(previous)
    assert calls == [('warning', 'x=%d', (1,), {'extra': {'k': 2}})]


class TestLevels:
  """Each helper logs at its level, formatting args lazily like `logging`."""

  @pytest.mark.parametrize('name,level', [
      ('debug', logging.DEBUG), ('info', logging.INFO),
      ('warning', logging.WARNING), ('error', logging.ERROR),
      ('critical', logging.CRITICAL)])
  def test_level_and_message(self, collected, name, level):
    getattr(pg.logging, name)('step %d of %s', 2, 'ten')
    assert [(r.levelno, r.getMessage()) for r in collected] == [
        (level, 'step 2 of ten')]

  def test_logger_level_filters(self, collected):
    """Records below the logger's level are dropped by the logger itself."""
    pg.logging.get_logger().setLevel(logging.WARNING)
    pg.logging.info('hidden')
    pg.logging.error('shown')
    assert [r.getMessage() for r in collected] == ['shown']

  def test_exc_info_is_passed_through(self, collected):
    """Keyword arguments of Logger methods pass through."""
    try:
      raise ValueError('boom')
    except ValueError:
      pg.logging.error('failed', exc_info=True)
    assert collected[0].exc_info[0] is ValueError


class TestCallerAttribution:
  """Records name the line that called pg.logging, not this library."""

  def test_record_points_at_caller(self, collected):
    pg.logging.info('here')
    record = collected[0]
    assert record.pathname == __file__
    assert record.funcName == 'test_record_points_at_caller'

  def test_explicit_stacklevel_counts_from_caller(self, collected):
    """stacklevel=2 names the caller's caller, as with a plain Logger."""

    def helper():
      pg.logging.info('from helper', stacklevel=2)

    helper()
    assert collected[0].funcName == 'test_explicit_stacklevel_counts_from_caller'


class TestRegisterFrameToSkip:
  """Loggers that walk the stack themselves are told which frames to skip."""

  def test_plain_logger_returns_false(self, collected):
    assert pg.logging.register_frame_to_skip(pg.logging.info) is False

  def test_logger_with_registry_gets_file_and_names(self):
    registered = []

    class SkippingLogger(logging.Logger):

      @classmethod
      def register_frame_to_skip(cls, file_name, function_name):
        registered.append((file_name, function_name))

    previous = pg.logging.get_logger()
    pg.logging.set_logger(SkippingLogger('skipping'))
    try:
      # set_logger registers the five helpers itself.
      assert [name for _, name in registered] == [
          'debug', 'info', 'warning', 'error', 'critical']
      assert all(f == _logger.__file__ for f, _ in registered)
      registered.clear()

      def my_wrapper():
        pass

      assert pg.logging.register_frame_to_skip([my_wrapper]) is True
      assert registered == [(__file__, 'my_wrapper')]
      with pytest.raises(TypeError):
        pg.logging.register_frame_to_skip(len)
    finally:
      pg.logging.set_logger(previous)


def test_docstring_examples_run():
  """The examples in the module's docstrings run as written."""
  results = doctest.testmod(_logger, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.failed == 0 and results.attempted > 0
