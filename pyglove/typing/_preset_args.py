"""Preset arguments: defaults a caller sets for a whole block of calls.

A function decorated with `enable_preset_args` marks some parameters with a
`PresetArgValue` default; inside ``with preset_args({...}):`` those take the
preset values (per thread, nested blocks deriving from outer ones), and
outside it their own default (or they must be passed).
"""
from __future__ import annotations

import contextlib
import functools
import inspect
import threading
from typing import Any, Callable, Iterator, Sequence

from pyglove.utils import Formattable
from pyglove.utils import MISSING_VALUE
from pyglove.utils import kvlist_str

_local = threading.local()


class PresetArgValue(Formattable):
  """The default of a parameter whose value comes from the active presets.

  Args:
    default: the value used when no preset gives one (else the caller must).

  Example:
    >>> @enable_preset_args()
    ... def scale(x, factor=PresetArgValue(default=1)):
    ...   return x * factor
    >>> with preset_args({'factor': 3}):
    ...   print(scale(2))
    6
    >>> scale(2)
    2
  """

  def __init__(self, default: Any = MISSING_VALUE):
    self.default = default

  @property
  def has_default(self) -> bool:
    return self.default is not MISSING_VALUE

  def __eq__(self, other: Any) -> bool:
    return isinstance(other, PresetArgValue) and (
        self.default is other.default or self.default == other.default)

  def __ne__(self, other: Any) -> bool:
    return not self.__eq__(other)

  __hash__ = None  # type: ignore[assignment]

  def format(self, compact: bool = False, verbose: bool = True,
             root_indent: int = 0, **kwargs: Any) -> str:
    return kvlist_str([('default', self.default, MISSING_VALUE)], compact,
                      verbose, root_indent, label='PresetArgValue')

  @classmethod
  def inspect(cls, func: Callable[..., Any]) -> dict[str, 'PresetArgValue']:
    """The parameters of `func` whose default is a PresetArgValue."""
    return {p.name: p.default
            for p in inspect.signature(func).parameters.values()
            if isinstance(p.default, cls)}

  @classmethod
  def resolve_args(cls, call_args: Sequence[Any], call_kwargs: dict[str, Any],
                   positional_arg_names: Sequence[str],
                   arg_defaults: dict[str, Any], preset_kwargs: dict[str, Any],
                   include_all_preset_kwargs: bool = False
                   ) -> tuple[list[Any], dict[str, Any]]:
    """The (args, kwargs) to call with: the caller's, then presets, then defaults.

    Args:
      call_args: the positional arguments of the call.
      call_kwargs: the keyword arguments of the call.
      positional_arg_names: the parameters that can be passed by position.
      arg_defaults: the defaults of the parameters that have one.
      preset_kwargs: the active preset values.
      include_all_preset_kwargs: pass the other preset values too (for a
        function taking ``**kwargs``).

    Raises:
      ValueError: a preset parameter without default is given by neither
        the caller nor the presets.
    """
    given_by_position = set(positional_arg_names[:len(call_args)])
    resolved = {}
    for name, default in arg_defaults.items():
      if not isinstance(default, PresetArgValue):
        resolved[name] = default
      elif name in preset_kwargs:
        resolved[name] = preset_kwargs[name]
      elif default.has_default:
        resolved[name] = default.default
      elif name not in call_kwargs and name not in given_by_position:
        raise ValueError(
            f'Argument {name!r} is not present as a keyword argument from '
            'the caller, and no preset gives it (see pg.typing.preset_args).')
    if include_all_preset_kwargs:
      for name, value in preset_kwargs.items():
        resolved.setdefault(name, value)
    resolved.update(call_kwargs)
    for name in given_by_position:
      resolved.pop(name, None)
    args = list(call_args)
    for name in positional_arg_names[len(call_args):]:
      if name not in resolved:
        break
      args.append(resolved.pop(name))
    return args, resolved


def _presets() -> dict[str, dict[str, Any]]:
  return getattr(_local, 'presets', {})


@contextlib.contextmanager
def preset_args(kwargs: dict[str, Any], *, preset_name: str = 'global',
                inherit_preset: str | bool = False
                ) -> Iterator[dict[str, Any]]:
  """Sets preset argument values for the calls in the block (this thread).

  Args:
    kwargs: the preset values.
    preset_name: the preset they go to (functions read one preset, named in
      `enable_preset_args`).
    inherit_preset: start from the values of this preset of the enclosing
      block (True: the one of the same name), updated with `kwargs`.

  Yields:
    The values of the preset in effect.
  """
  outer = _presets()
  if inherit_preset is True:
    inherit_preset = preset_name
  values = dict(kwargs)
  if inherit_preset and inherit_preset in outer:
    values = {**outer[inherit_preset], **kwargs}
  _local.presets = {**outer, preset_name: values}
  try:
    yield values
  finally:
    _local.presets = outer


def enable_preset_args(include_all_preset_kwargs: Any = False,
                       preset_name: str = 'global') -> Any:
  """Decorator: parameters defaulting to `PresetArgValue` read the active presets.

  Usable as ``@enable_preset_args()`` (or bare). A function without such a
  parameter is returned unchanged.

  Args:
    include_all_preset_kwargs: also pass the other preset values to a
      function taking ``**kwargs``.
    preset_name: the preset the function reads.
  """
  if callable(include_all_preset_kwargs):
    return enable_preset_args()(include_all_preset_kwargs)

  def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
    params = inspect.signature(func).parameters.values()
    if not any(isinstance(p.default, PresetArgValue) for p in params):
      return func
    positional = [p.name for p in params
                  if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD]
    defaults = {p.name: p.default for p in params
                if p.default is not inspect.Parameter.empty}
    include_all = bool(include_all_preset_kwargs) and any(
        p.kind is inspect.Parameter.VAR_KEYWORD for p in params)

    @functools.wraps(func)
    def with_presets(*args: Any, **kwargs: Any) -> Any:
      args, kwargs = PresetArgValue.resolve_args(
          args, kwargs, positional, defaults,
          _presets().get(preset_name, {}), include_all)
      return func(*args, **kwargs)
    return with_presets
  return decorator
