"""Patchers from URI-like strings: ``'name?arg1&arg2&key=value'``.

Positional arguments come first, then ``key=value`` ones. Each string is
converted by the spec of its argument: ``None``/``none`` is None (quote it,
``"None"``, for the string), booleans accept ``true/false/yes/no/1/0``,
numbers are parsed, strings may be double-quoted, and a list is ``a:b:c``.
"""
from __future__ import annotations

import re
from typing import Any

from pyglove import typing as pg_typing
from pyglove.patching import _registry
from pyglove.utils import KeyPath
from pyglove.utils import MISSING_VALUE

_NAME = re.compile(r'[A-Za-z_]')
_KEYWORD = re.compile(r'([A-Za-z_][A-Za-z0-9_]*)=(.*)', re.DOTALL)
_TRUE = frozenset(['True', 'true', 'yes', '1'])
_FALSE = frozenset(['False', 'false', 'no', '0'])
_NONE = frozenset(['None', 'none'])
_LEAF_SPECS = (pg_typing.Any, pg_typing.Str, pg_typing.Bool, pg_typing.Int,
               pg_typing.Float)


def from_uri(uri: str) -> Any:
  """Creates a patcher object from a string ``'name?arg1&key=value'``.

  Args:
    uri: the patcher's registered name, optionally followed by ``?`` and
      ``&``-separated arguments (positional first, then ``key=value``).

  Returns:
    An instance of the registered `pg.patching.Patcher` class, its target
    left unbound.

  Raises:
    KeyError: no patcher has that name, an argument name is unknown, or
      there are too many positional arguments.
    ValueError: the string is malformed or an argument cannot be converted
      or breaks its spec.

  Example:
    >>> @pg.patcher([('lr', pg.typing.Float(min_value=0.0))])
    ... def set_lr(trainer, lr):
    ...   return {'lr': lr}
    >>> pg.patching.from_uri('set_lr?lr=0.1').lr
    0.1
  """
  name, args, kwargs = parse_uri(uri)
  patcher_cls = _registry.get(name)
  args, kwargs = parse_args(name, patcher_cls, args, kwargs)
  return patcher_cls(MISSING_VALUE, *args, **kwargs)


def parse_uri(uri: str) -> tuple[str, list[str], dict[str, str]]:
  """Splits ``'name?a&b&k=v'`` into ``('name', ['a', 'b'], {'k': 'v'})``.

  Raises:
    TypeError: `uri` is not a string.
    ValueError: the name is empty or does not start with a letter or an
      underscore, an argument is ``=v``, or a positional argument follows a
      keyword one.
  """
  if not isinstance(uri, str):
    raise TypeError(
        f'A patcher URI must be a string; got {uri!r} of type '
        f'{type(uri).__name__}.')
  name, has_args, arg_text = uri.partition('?')
  if not _NAME.match(name):
    raise ValueError(
        f'{name!r} is not a valid patcher name (it must start with a letter '
        f'or an underscore). (uri={uri!r})')
  args: list[str] = []
  kwargs: dict[str, str] = {}
  if has_args:
    for piece in arg_text.split('&'):
      if '=' in piece:
        m = _KEYWORD.fullmatch(piece)
        if m is None:
          raise ValueError(
              f'Invalid patcher argument {piece!r}: expected name=value '
              f'with an identifier as name. (uri={uri!r})')
        kwargs[m.group(1)] = m.group(2)
      elif kwargs:
        raise ValueError(
            f'Positional argument {piece!r} follows a keyword argument; '
            f'positional arguments come first. (uri={uri!r})')
      else:
        args.append(piece)
  return name, args, kwargs


def argument_specs(patcher_cls: type) -> list[tuple[str, Any]]:
  """The ``(name, value_spec)`` of a patcher's arguments after its target."""
  return [(k, f.value) for k, f in patcher_cls.__schema__.fields.items()
          if isinstance(k, str)][1:]


def parse_args(name: str, patcher_cls: type, args: list[str],
               kwargs: dict[str, str]) -> tuple[list[Any], dict[str, Any]]:
  """Converts string arguments by the specs of the patcher's arguments.

  Raises:
    KeyError: too many positional arguments, or an unknown keyword.
    ValueError: a string cannot be converted, or breaks its spec.
  """
  specs = argument_specs(patcher_cls)
  names = [n for n, _ in specs]
  if len(args) > len(specs):
    raise KeyError(
        f'Patcher {name!r} takes {len(specs)} argument(s) ({names!r}) but '
        f'{len(args)} positional one(s) were given: {args!r}.')
  by_name = dict(specs)
  parsed_args = [parse_arg(name, n, spec, text)
                 for (n, spec), text in zip(specs, args)]
  parsed_kwargs = {}
  for key, text in kwargs.items():
    if key not in by_name:
      raise KeyError(
          f'Patcher {name!r} has no argument {key!r}; its arguments: '
          f'{names!r}.')
    parsed_kwargs[key] = parse_arg(name, key, by_name[key], text)
  return parsed_args, parsed_kwargs


def parse_arg(name: str, arg_name: str, spec: Any, text: str) -> Any:
  """Converts one string argument by its value spec, then validates it.

  Raises:
    ValueError: `text` cannot be converted to the spec's type, or the value
      breaks the spec (the error's path is ``name.arg_name``).
  """
  return _parse(spec, text, KeyPath([name, arg_name]))


def _parse(spec: Any, text: str, path: KeyPath) -> Any:
  if text in _NONE:
    value = None
  elif isinstance(spec, (pg_typing.Any, pg_typing.Str)):
    value = _unquote(text, path)
  elif isinstance(spec, pg_typing.Bool):
    if text not in _TRUE and text not in _FALSE:
      raise ValueError(
          f'Cannot convert {text!r} to bool (expected one of '
          f'{sorted(_TRUE | _FALSE)}). (path={path})')
    value = text in _TRUE
  elif isinstance(spec, (pg_typing.Int, pg_typing.Float)):
    kind = int if isinstance(spec, pg_typing.Int) else float
    try:
      value = kind(text)
    except ValueError:
      raise ValueError(
          f'Cannot convert {text!r} to {kind.__name__}. (path={path})'
      ) from None
  elif isinstance(spec, pg_typing.Enum) and spec.value_type is str:
    value = text
  elif isinstance(spec, pg_typing.List) and is_parameter_spec(
      spec.element.value, leaf_only=True):
    element = spec.element.value
    text = text.strip()
    value = [_parse(element, t, KeyPath(i, path))
             for i, t in enumerate(text.split(':'))] if text else []
  else:
    raise ValueError(
        f'{spec!r} cannot be parsed from a string; declare the argument '
        f'as a string and convert it in the patcher. (path={path})')
  return spec.apply(value, root_path=path)


def is_parameter_spec(spec: Any, leaf_only: bool = False) -> bool:
  """Whether a patcher argument with `spec` can be given in a URI."""
  if isinstance(spec, _LEAF_SPECS):
    return True
  if isinstance(spec, pg_typing.Enum):
    return spec.value_type is str
  if isinstance(spec, pg_typing.List) and not leaf_only:
    return is_parameter_spec(spec.element.value, leaf_only=True)
  return False


def _unquote(text: str, path: KeyPath) -> str:
  if len(text) > 1 and (text[0] == '"' or text[-1] == '"'):
    if not (text[0] == '"' and text[-1] == '"'):
      raise ValueError(
          f'Unmatched quote in string value {text!r}. (path={path})')
    return text[1:-1]
  return text
