"""Test-wide settings.

Hypothesis properties run without a per-example deadline: the suite checks
behaviour, not speed (the benchmarks' `--check` does that), and a deadline
only turns a loaded machine into a failing test.
"""
from hypothesis import settings

settings.register_profile('no-deadline', deadline=None)
settings.load_profile('no-deadline')
