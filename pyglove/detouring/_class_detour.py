"""`pg.detour`: within a block, creating an object of one class creates another.

Some objects are built deep inside code we cannot change (a layer created in
a model's ``__init__``), so they never appear in a symbolic tree. A detour
swaps their class for the duration of a ``with`` block, in this thread only::

  with pg.detour([(Adam, MyAdam)]):
    model = build_model()   # every Adam() in there is a MyAdam

How: the first time a class is the source of a detour, its ``__new__`` is
replaced by an interceptor that looks up the current thread's mapping. The
interceptor stays afterwards (CPython cannot give a class its inherited
``__new__`` slot back once it was assigned); outside a detour it forwards to
the ``__new__`` it replaced, at the cost of one Python call per object. It
remembers that ``__new__``, so a class without a mapping (a subclass, or
another thread) is built exactly as before, including ``super().__new__``
chains through other detoured bases.

Caveat (as in Python itself): when the destination is a function that
returns an instance of the source class, Python runs that instance's
``__init__`` again with the original arguments, because it came out of the
source class's ``__new__``.
"""
from __future__ import annotations

import contextlib
import inspect
import threading
import weakref
from typing import Any, Callable, Iterator, Mapping, Sequence

Destination = type | Callable[..., Any]

# Per thread: a stack of mappings, the innermost (effective) one last.
_local = threading.local()
# Classes whose __new__ is an interceptor.
_intercepted: weakref.WeakSet[type] = weakref.WeakSet()
_lock = threading.Lock()


@contextlib.contextmanager
def detour(
    mappings: Sequence[tuple[type, Destination]] | Mapping[type, Destination],
) -> Iterator[dict[type, Destination]]:
  """Within the block, makes ``Source(...)`` create a destination object instead.

  A destination is a class, whose ``__init__`` accepts the source's
  arguments, or a function ``fn(source_cls, *args, **kwargs)`` that builds
  the object (inside it, ``source_cls(...)`` is not detoured again). Scopes
  nest: a source already mapped by an outer scope keeps the outer
  destination (the outside can steer what the inside creates), and a
  destination that an outer scope maps on is followed (``A -> B`` inside
  ``B -> C`` gives ``A -> C``). Mappings apply to the current thread only;
  subclasses of a source are not detoured.

  Args:
    mappings: ``(source_class, destination)`` pairs, or a dict of them.

  Yields:
    The mappings in effect inside the block (a copy).

  Raises:
    TypeError: a source is not a class (or is a builtin type whose
      ``__new__`` cannot be replaced), a destination is neither a class nor
      callable, or an item is not a pair.

  Example:
    >>> class A:
    ...   pass
    >>> class B:
    ...   pass
    >>> with pg.detour([(A, B), (B, A)]):
    ...   type(A()).__name__, type(B()).__name__
    ('B', 'A')
    >>> type(A()).__name__
    'A'
    >>> class Foo:
    ...   def __init__(self, value):
    ...     self.value = value
    >>> def make_foo(cls, value):
    ...   return B()
    >>> with pg.detour([(Foo, make_foo)]):
    ...   type(Foo(1)).__name__
    'B'
  """
  pairs = _checked_pairs(mappings)
  for src, _ in pairs:
    _intercept(src)
  stack = _stack()
  stack.append(_scope(stack[-1] if stack else {}, pairs))
  try:
    yield dict(stack[-1])
  finally:
    stack.pop()


def current_mappings() -> dict[type, Destination]:
  """Returns the detour mappings in effect in this thread (a copy; empty outside any `detour`).

  Example:
    >>> class A:
    ...   pass
    >>> pg.detouring.current_mappings()
    {}
    >>> with pg.detour([(A, int)]):
    ...   pg.detouring.current_mappings() == {A: int}
    True
  """
  stack = _stack()
  return dict(stack[-1]) if stack else {}


def undetoured_new(cls: type, *args: Any, **kwargs: Any) -> Any:
  """Creates ``cls(*args, **kwargs)`` even if `cls` is detoured here.

  Only this object escapes the detour: objects its ``__init__`` creates are
  detoured as usual.

  Args:
    cls: the class to instantiate.
    *args: positional arguments for its ``__init__``.
    **kwargs: keyword arguments for its ``__init__``.

  Returns:
    A new instance of `cls`.

  Example:
    >>> class A:
    ...   pass
    >>> with pg.detour([(A, int)]):
    ...   type(pg.detouring.undetoured_new(A)).__name__
    'A'
  """
  instance = _call_new(_undetoured_new_of(cls), cls, args, kwargs)
  if isinstance(instance, cls):
    instance.__init__(*args, **kwargs)
  return instance


def _checked_pairs(mappings: Any) -> list[tuple[type, Destination]]:
  items = mappings.items() if isinstance(mappings, Mapping) else mappings
  pairs = []
  for item in items:
    if not isinstance(item, (tuple, list)) or len(item) != 2:
      raise TypeError(
          f'Each detour mapping must be a (source_class, destination) pair; '
          f'got {item!r}.')
    src, dest = item
    if not inspect.isclass(src):
      raise TypeError(
          f'Detour source {src!r} is not a class (a detour maps a class to '
          f'a class or a function).')
    if not callable(dest):
      raise TypeError(
          f'Detour destination {dest!r} for {src.__name__} is not a class '
          f'or a function.')
    pairs.append((src, dest))
  return pairs


def _stack() -> list[dict[type, Destination]]:
  stack = getattr(_local, 'stack', None)
  if stack is None:
    stack = _local.stack = []
  return stack


def _scope(outer: dict[type, Destination],
           pairs: list[tuple[type, Destination]]) -> dict[type, Destination]:
  """The mappings inside a new scope: the outer ones decide, and are followed."""
  scope = dict(outer)
  for src, dest in pairs:
    if src not in outer:
      scope[src] = outer.get(dest, dest)
  return scope


def _intercept(src: type) -> None:
  with _lock:
    if src in _intercepted:
      return
    try:
      setattr(src, '__new__', staticmethod(_make_interceptor(src)))
    except TypeError:
      raise TypeError(
          f'Cannot detour {src.__module__}.{src.__qualname__}: it is a '
          f'built-in or extension type whose __new__ cannot be replaced.'
      ) from None
    _intercepted.add(src)


def _make_interceptor(owner: type) -> Callable[..., Any]:
  """The ``__new__`` installed on a detoured class."""
  owner_new = _resolve(owner, owner)   # Before the interceptor is installed.
  # Subclass -> the __new__ it would reach from here (a subclass calls this
  # interceptor directly, or through super().__new__ of a class before it).
  subclass_news: weakref.WeakKeyDictionary[type, Callable[..., Any]] = (
      weakref.WeakKeyDictionary())

  def __new__(cls, *args, **kwargs):  # pylint: disable=invalid-name
    if cls is owner:
      stack = getattr(_local, 'stack', None)
      if stack:
        dest = stack[-1].get(cls)
        if dest is not None:
          return _detoured_new(cls, dest, args, kwargs)
      new = owner_new
    else:
      new = subclass_news.get(cls)
      if new is None:
        new = subclass_news[cls] = _resolve(cls, owner)
    if new is object.__new__:
      return object.__new__(cls)
    return new(cls, *args, **kwargs)

  __new__._pg_replaced = owner.__dict__.get('__new__')  # pylint: disable=protected-access
  __new__.__qualname__ = f'{owner.__qualname__}.__new__'
  return __new__


def _detoured_new(cls: type, dest: Destination, args: tuple[Any, ...],
                  kwargs: dict[str, Any]) -> Any:
  if inspect.isclass(dest):
    instance = _call_new(_undetoured_new_of(dest), dest, args, kwargs)
    # Python runs __init__ itself only on instances of the class called.
    if not isinstance(instance, cls) and isinstance(instance, dest):
      instance.__init__(*args, **kwargs)
    return instance
  stack = _stack()
  inner = dict(stack[-1])
  del inner[cls]   # So that the function can create the source class.
  stack.append(inner)
  try:
    return dest(cls, *args, **kwargs)
  finally:
    stack.pop()


def _call_new(new: Callable[..., Any], cls: type, args: tuple[Any, ...],
              kwargs: dict[str, Any]) -> Any:
  if new is object.__new__:
    return object.__new__(cls)   # It refuses arguments once __new__ is set.
  return new(cls, *args, **kwargs)


# Class -> the __new__ it would use were nothing detoured. Interceptors never
# change that answer (they stand for the __new__ they replaced), so it is
# computed once per class.
_undetoured_news: weakref.WeakKeyDictionary[type, Callable[..., Any]] = (
    weakref.WeakKeyDictionary())


def _undetoured_new_of(cls: type) -> Callable[..., Any]:
  new = _undetoured_news.get(cls)
  if new is None:
    new = _undetoured_news[cls] = _resolve(cls, cls)
  return new


def _resolve(cls: type, start: type) -> Callable[..., Any]:
  """The first ``__new__`` in the MRO of `cls` from `start` on, reading through interceptors."""
  mro = cls.__mro__
  for klass in mro[mro.index(start):]:
    entry = klass.__dict__.get('__new__')
    func = getattr(entry, '__func__', entry)
    if func is not None and hasattr(func, '_pg_replaced'):
      entry = func._pg_replaced  # pylint: disable=protected-access
      func = getattr(entry, '__func__', entry)
    if func is not None:
      return func
  return object.__new__
