"""`pg.Origin` and `pg.track_origin`: where a symbolic value came from.

An origin records a source value, a tag ('clone', 'deepclone', 'load' or a
tag of the user's) and, optionally, the call stack. Inside
``with pg.track_origin():`` clones and loaded values record theirs
automatically; `Symbolic.sym_setorigin` records one by hand (e.g. the
builder of an object). Following `source.sym_origin` links gives the chain.
"""
from __future__ import annotations

import contextlib
import threading
import traceback
from typing import Any, Callable, Iterator

from pyglove.utils import Formattable
from pyglove.utils import RawText
from pyglove.utils import format as pg_format
from pyglove.utils import kvlist_str

_state = threading.local()
_stacktrace_limit = 10
# Open `track_origin(True)` blocks in any thread: clone checks this counter
# before the thread-local flag, so untracked code pays one global read.
tracking_scopes = 0
_scopes_lock = threading.Lock()


@contextlib.contextmanager
def track_origin(enabled: bool = True) -> Iterator[None]:
  """Within the block, clones and loaded values record their `sym_origin`.

  Example:
    >>> a = pg.Dict(x=1)
    >>> with pg.track_origin():
    ...   b = a.clone()
    >>> b.sym_origin.source is a, b.sym_origin.tag, a.clone().sym_origin
    (True, 'clone', None)
  """
  global tracking_scopes
  previous = getattr(_state, 'enabled', False)
  _state.enabled = enabled
  with _scopes_lock:
    tracking_scopes += 1
  try:
    yield
  finally:
    _state.enabled = previous
    with _scopes_lock:
      tracking_scopes -= 1


def is_tracking_origin() -> bool:
  """Whether the current thread is inside `track_origin(True)`."""
  return tracking_scopes > 0 and getattr(_state, 'enabled', False)


def set_origin_stacktrace_limit(limit: int) -> None:
  """Sets how many stack frames an origin with a stack trace keeps (10 by default)."""
  global _stacktrace_limit
  if not isinstance(limit, int) or limit <= 0:
    raise ValueError(f'The stack trace limit must be a positive int; got {limit!r}.')
  _stacktrace_limit = limit


def get_origin_stacktrace_limit() -> int:
  """How many stack frames an origin with a stack trace keeps."""
  return _stacktrace_limit


def on_clone(source: Any, clone: Any, deep: bool) -> None:
  """A clone starts without its source's origin; when tracking, its origin is the source."""
  clone.__dict__.pop('_sym_origin', None)
  if is_tracking_origin():
    clone.__dict__['_sym_origin'] = Origin(
        source, 'deepclone' if deep else 'clone', stacktop=-2)


class Origin(Formattable):
  """The origin of a symbolic value: a source value, a tag and optionally the stack.

  Args:
    source: the value this one was made from (or None).
    tag: how: '__init__', 'clone', 'deepclone', 'load', 'return', or a tag
      of the user's.
    stacktrace: record the call stack (None: when tracking origins).
    stacklimit: how many frames to keep (None: `get_origin_stacktrace_limit`).
    stacktop: a negative number of innermost frames to leave out.

  Raises:
    ValueError: `tag` is not a str.
  """

  def __init__(self, source: Any, tag: str, stacktrace: bool | None = None,
               stacklimit: int | None = None, stacktop: int = -1):
    if not isinstance(tag, str):
      raise ValueError(f'The tag of an Origin must be a str; got {tag!r}.')
    self._source = source
    self._tag = tag
    self._stack = None
    self._stacktrace = None
    if stacktrace is None:
      stacktrace = is_tracking_origin()
    if stacktrace:
      limit = stacklimit if stacklimit is not None else _stacktrace_limit
      stack = traceback.extract_stack(limit=limit - stacktop)
      self._stack = stack[:stacktop] if stacktop < 0 else stack

  @property
  def source(self) -> Any:
    """The value this one was made from."""
    return self._source

  @property
  def tag(self) -> str:
    """How the value was made from its source."""
    return self._tag

  @property
  def stack(self) -> list[traceback.FrameSummary] | None:
    """The recorded stack frames, or None."""
    return self._stack

  @property
  def stacktrace(self) -> str | None:
    """The recorded stack as text, or None."""
    if self._stack is None:
      return None
    if self._stacktrace is None:
      self._stacktrace = ''.join(traceback.format_list(self._stack))
    return self._stacktrace

  @property
  def root(self) -> 'Origin':
    """The earliest origin of the chain."""
    current = self
    while True:
      parent = getattr(current.source, 'sym_origin', None)
      if parent is None:
        return current
      current = parent

  def chain(self, tag: str | None = None) -> list['Origin']:
    """The origins from this one to the root (only those with `tag`, if given)."""
    result = []
    current: Origin | None = self
    while current is not None:
      if tag is None or current.tag == tag:
        result.append(current)
      current = getattr(current.source, 'sym_origin', None)
    return result

  def history(self, condition: Callable[['Origin'], bool] | None = None
              ) -> list['Origin']:
    """The origins from the root to this one (those where `condition` holds)."""
    return [o for o in reversed(self.chain())
            if condition is None or condition(o)]

  def format(self, compact: bool = False, verbose: bool = True,
             root_indent: int = 0, **kwargs: Any) -> str:
    """``Origin(tag='clone', source={x=1} at 0x...)``."""
    if isinstance(self._source, (str, type(None))):
      source = self._source
    else:
      text = pg_format(self._source, compact, verbose, root_indent + 1, **kwargs)
      source = RawText(f'{text} at 0x{id(self._source):8x}')
    return kvlist_str([('tag', self._tag, None), ('source', source, None)],
                      compact=compact, verbose=verbose, root_indent=root_indent,
                      label='Origin')

  def __eq__(self, other: Any) -> bool:
    return (isinstance(other, Origin) and self._source is other.source
            and self._tag == other.tag)

  def __ne__(self, other: Any) -> bool:
    return not self.__eq__(other)

  __hash__ = None  # type: ignore[assignment]
