"""Test suites for code built on the tuning layer (they need pytest).

`BackendContract`: inherit it to check that a backend behaves like the
built-in ones.
"""
from pyglove.tuning.testing._contract import BackendContract

__all__ = ['BackendContract']
