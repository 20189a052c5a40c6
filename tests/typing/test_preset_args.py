"""Tests of pyglove/typing/_preset_args.py: preset argument values for blocks of calls."""
from __future__ import annotations

import threading

import pytest

from pyglove import typing as pgt

P = pgt.PresetArgValue


def test_preset_arg_value_basics():
  assert not P().has_default and P(default=1).has_default and P(1).default == 1
  assert repr(P(default=1)) == 'PresetArgValue(default=1)'
  assert str(P(default=1)) == 'PresetArgValue(\n  default=1\n)'
  assert P() == P() and P(1) == P(1) and P() != P(default=1)


def test_inspect_lists_the_preset_parameters():
  def foo(x=P(), y=1, *, z=P(default=2)):
    return x + y + z
  assert P.inspect(foo) == {'x': P(), 'z': P(default=2)}
  assert P.inspect(lambda x, y=1: x) == {}


@pytest.mark.parametrize('call_args,call_kwargs,presets,expected', [
    ([], {}, dict(x=1, y=2, z=3, w=4), ([1, 0], dict(z=3))),
    ([], {}, {}, ([5, 0], dict(z=2))),
    ([2], {}, dict(x=1, z=3), ([2, 0], dict(z=3))),
    ([], dict(x=2), dict(x=1, z=3), ([2, 0], dict(z=3))),
    ([1, 2, 3], dict(), dict(x=9, z=3), ([1, 2, 3], dict(z=3))),
])
def test_resolve_args(call_args, call_kwargs, presets, expected):
  defaults = {'x': P(default=5), 'y': 0, 'z': P(default=2)}
  assert P.resolve_args(call_args, call_kwargs, ['x', 'y'], defaults,
                        presets) == expected


def test_resolve_args_all_presets_and_missing_values():
  defaults = {'x': P(), 'z': P(default=2)}
  assert P.resolve_args([], {}, ['x'], defaults, dict(x=1, w=4),
                        include_all_preset_kwargs=True) == ([1], dict(z=2, w=4))
  with pytest.raises(ValueError, match="Argument 'x' is not present"):
    P.resolve_args([], {}, ['x'], defaults, {})
  assert P.resolve_args([7], {}, ['x'], defaults, {}) == ([7], dict(z=2))


@pgt.enable_preset_args()
def _total(x=P(), y=1, *args, z=P(default=2)):
  del args
  return x + y + z


def test_presets_apply_in_blocks_and_nest():
  with pytest.raises(ValueError, match="Argument 'x' is not present"):
    _total()
  with pgt.preset_args(dict(x=1, y=5)):
    assert _total() == 1 + 1 + 2  # y is not a preset parameter.
    with pgt.preset_args(dict(z=10)):
      with pytest.raises(ValueError):
        _total()  # A new preset replaces the outer one...
    with pgt.preset_args(dict(z=10), inherit_preset=True):
      assert _total() == 1 + 1 + 10  # ...unless it inherits it.
    assert _total(3, 3, z=4) == 10
  assert _total(1) == 4


def test_named_presets_and_other_threads():
  @pgt.enable_preset_args(preset_name='model')
  def width(w=P(default=8)):
    return w
  with pgt.preset_args(dict(w=16)):
    assert width() == 8  # The global preset is not the model's.
  with pgt.preset_args(dict(w=32), preset_name='model'):
    assert width() == 32
    seen = []
    thread = threading.Thread(target=lambda: seen.append(width()))
    thread.start()
    thread.join()
    assert seen == [8]


def test_decorator_forms_and_all_presets():
  def plain(x, y):
    return x + y
  assert pgt.enable_preset_args()(plain) is plain

  @pgt.enable_preset_args
  def bare(x, y=P(default=1)):
    return x + y
  assert bare(1) == 2

  @pgt.enable_preset_args(include_all_preset_kwargs=True)
  def with_kwargs(x, y=P(default=1), **kwargs):
    return x + y + sum(kwargs.values())

  @pgt.enable_preset_args(include_all_preset_kwargs=True)
  def without_kwargs(x, y=P(default=1)):
    return x + y
  with pgt.preset_args(dict(z=3, p=4)):
    assert with_kwargs(1) == 1 + 1 + 3 + 4
    assert without_kwargs(1) == 2
