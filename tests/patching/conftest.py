"""Fixtures for the patching tests."""
from __future__ import annotations

import pytest

from pyglove.patching import _registry


@pytest.fixture(autouse=True)
def isolated_registry():
  """Each test sees (and leaves) the registry as it was."""
  saved = dict(_registry._patchers)  # pylint: disable=protected-access
  saved_allow = _registry._allow_repeated  # pylint: disable=protected-access
  yield
  _registry._patchers.clear()  # pylint: disable=protected-access
  _registry._patchers.update(saved)  # pylint: disable=protected-access
  _registry._allow_repeated = saved_allow  # pylint: disable=protected-access
