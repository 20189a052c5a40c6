"""Tests of message_on_path."""
from __future__ import annotations

from pyglove.utils import KeyPath
from pyglove.utils import message_on_path


def test_appends_path():
  """The path is appended in parentheses."""
  assert message_on_path('Bad.', KeyPath.parse('a.b[0]')) == 'Bad. (path=a.b[0])'


def test_root_path_is_still_shown():
  """An empty (root) path is shown as an empty path."""
  assert message_on_path('Bad.', KeyPath()) == 'Bad. (path=)'


def test_none_path_leaves_message():
  """Without a path the message is unchanged."""
  assert message_on_path('Bad.', None) == 'Bad.'
