"""Tests of pyglove/typing/_values.py: helpers on plain values."""
from __future__ import annotations

import numpy as np

from pyglove.typing._values import child_path
from pyglove.typing._values import default_copier
from pyglove.typing._values import describe
from pyglove.typing._values import is_immutable
from pyglove.typing._values import safe_eq
from pyglove.utils import KeyPath


def test_describe_and_paths():
  """describe shows value and type; child_path extends a root given in any form."""
  assert describe(-1) == '-1 (int)'
  assert child_path(None, 'x') == 'x' and child_path('a.b', 0) == 'a.b[0]'
  assert child_path(KeyPath('a'), 'b') == 'a.b'


def test_defaults_are_copied_only_when_mutable():
  """Immutable defaults are shared; flat lists/dicts copied shallowly, others deeply."""
  assert is_immutable((1, 'a')) and not is_immutable([1])
  assert default_copier(1) is None and default_copier([1]) is list.copy
  assert default_copier({'a': [1]}) is not dict.copy


def test_safe_eq_with_arrays():
  """An == that is not a truth value falls back to identity."""
  a = np.array([1, 2])
  assert safe_eq(a, a) and not safe_eq(a, np.array([1, 2])) and safe_eq(1, 1.0)
