"""Patchers: named, reusable, composable rules that modify a symbolic value.

A patcher is a function ``fn(target, *params)`` returning a patching rule
for `target`; `pg.patcher` turns it into a functor class (parameters are
typed fields) and registers it by name, so that a command line can pass
``'lr?0.1'``. `patch` applies rules of every kind in a chain.
"""
from __future__ import annotations

from typing import Any, Callable, Union

from pyglove import typing as pg_typing
from pyglove.patching import _registry
from pyglove.patching import _uri
from pyglove.symbolic import Functor
from pyglove.symbolic import Symbolic
from pyglove.symbolic._functor import functor_class

_TARGET_SPECS = (pg_typing.Any, pg_typing.Object, pg_typing.Dict,
                 pg_typing.List, pg_typing.Callable)

# A rule: a dict {key_path: value} ({'': v} replaces the value), a rebind
# function fn(k, v[, p]), a Patcher, a patcher URI, or a list of these.
PatchType = Union[dict, Callable[..., Any], 'Patcher', str, list]


class Patcher(Functor):
  """A symbolic function ``(target, *params) -> rule`` that patches a value.

  The function returns a patching rule (see `patch`), or a pair
  ``(rule, validator)`` where ``validator(value)`` raises if a later patch
  in the same chain broke what this one set up. Create patcher classes with
  `pg.patcher`; instances come from calling the class with the parameters,
  or from a string via `pg.patching.from_uri`.

  Example:
    >>> class Trainer(pg.Object):
    ...   lr: float = 0.1
    ...   steps: int = 100
    >>> @pg.patcher([('lr', pg.typing.Float(min_value=0.0))])
    ... def learning_rate(trainer, lr):
    ...   return {'lr': lr}
    >>> learning_rate(lr=0.5).patch(Trainer())
    Trainer(lr=0.5, steps=100)
  """

  def patch(self, x: Symbolic) -> Any:
    """Applies this patcher's rule to `x`; returns `x` (patched in place) or its replacement.

    Raises:
      TypeError: `x` is not symbolic, or the validator returned by the
        patcher function is not callable.
    """
    if not isinstance(x, Symbolic):
      raise TypeError(
          f'Patcher {type(self).__name__!r} patches symbolic values '
          f'(pg.Object, pg.Dict, pg.List); got {x!r} of type '
          f'{type(x).__name__}.')
    rule = self(x)
    validator = None
    if isinstance(rule, tuple) and len(rule) == 2:
      rule, validator = rule
      if validator is not None and not callable(validator):
        raise TypeError(
            f'Patcher {type(self).__name__!r} returned a validator that is '
            f'not callable: {validator!r}.')
    self.__dict__['_validator'] = validator
    return patch(x, rule)

  def validate(self, x: Symbolic) -> None:
    """Runs the validator of the last `patch` call (if any) on `x`; it raises if `x` is no longer valid."""
    validator = self.__dict__.get('_validator')
    if validator is not None:
      validator(x)

  def __call__(self, x: Any) -> Any:  # pylint: disable=arguments-differ
    """Returns the patching rule for target `x` (the parameters are this object's fields)."""
    return super().__call__(x, override_args=True)


def patcher(args: list[Any] | None = None, name: str | None = None,
            auto_typing: bool = False,
            auto_doc: bool = False) -> Callable[[Callable[..., Any]], type]:
  """Decorator making a function ``fn(target, *params)`` a registered `Patcher` class.

  Args:
    args: specs for the parameters, ``[(name, value_spec[, doc])]``. For use
      in URIs a parameter must be Any, Str, Bool, Int, Float, an Enum of
      strings, or a List of those.
    name: the name to register (default: the function's name).
    auto_typing: derive parameter specs from the annotations.
    auto_doc: take parameter descriptions from the docstring.

  Returns:
    A decorator returning the patcher class.

  Raises:
    TypeError: the function has no target parameter, or a spec cannot be
      used for the target (Any, Object, Dict, List, Callable) or for a
      parameter (see `args`).
    KeyError: `name` is taken and repeated registration is disallowed.

  Example:
    >>> @pg.patcher(auto_typing=True)
    ... def train_steps(trainer, n: int = 10):
    ...   return {'steps': n}
    >>> d = pg.Dict(steps=1)
    >>> pg.patch(d, 'train_steps?n=5')
    {steps=5}
  """

  def decorator(fn: Callable[..., Any]) -> type:
    cls = functor_class(fn, args, base_class=Patcher, auto_typing=auto_typing,
                        auto_doc=auto_doc)
    _check_specs(cls)
    _registry.register(name or fn.__name__, cls)
    return cls

  return decorator


def _check_specs(cls: type) -> None:
  fields = [(k, f.value) for k, f in cls.__schema__.fields.items()
            if isinstance(k, str)]
  cls_name = f'{cls.__module__}.{cls.__qualname__}'
  if not fields:
    raise TypeError(
        f'Patcher function {cls_name} must take the patching target as its '
        f'first argument.')
  target_name, target_spec = fields[0]
  if not isinstance(target_spec, _TARGET_SPECS):
    raise TypeError(
        f'{target_spec!r} cannot constrain the patching target '
        f'{target_name!r} of patcher {cls_name}; use Any, Object, Dict, '
        f'List, Callable or Functor.')
  for arg_name, spec in fields[1:]:
    if not _uri.is_parameter_spec(spec):
      raise TypeError(
          f'{spec!r} cannot constrain argument {arg_name!r} of patcher '
          f'{cls_name}: a patcher argument must be parsable from a string '
          f'(Any, Str, Bool, Int, Float, an Enum of str, or a List of those); '
          f'take a string and convert it in the patcher.')


def patch(value: Any, rule: PatchType) -> Any:
  """Applies patching rules to a symbolic value, in order.

  Args:
    value: the symbolic value to patch (in place).
    rule: one rule or a list of rules, each being
      1) a dict of key paths to new values (``{'': v}`` replaces the value
         with `v`);
      2) a rebind function ``fn(k, v)`` or ``fn(k, v, p)``;
      3) a `pg.patching.Patcher` object;
      4) a string ``'<patcher_name>?<arg1>&<name2>=<value2>'`` naming a
         registered patcher.

  Returns:
    `value` after the patches, or its replacement if a rule replaced it.
    Each rule is applied atomically; after all of them, the validators
    returned by the patchers run on the result.

  Raises:
    TypeError: a rule is of none of these kinds, or a rebinding rule meets
      a value that is not symbolic.
    KeyError, ValueError: a patcher string names an unknown patcher or
      argument, or an argument is invalid (checked before any change); a
      rule rebinds a value its spec rejects; a validator fails.

  Example:
    >>> config = pg.Dict(lr=0.1, steps=100)
    >>> pg.patch(config, [{'lr': 0.2}, lambda k, v: v * 2 if k == 'steps' else v])
    {lr=0.2, steps=200}
  """
  rules = []
  for r in rule if isinstance(rule, list) else [rule]:
    if isinstance(r, str):
      r = _uri.from_uri(r)
    if not isinstance(r, (Patcher, dict)) and not callable(r):
      raise TypeError(
          f'Patching rule {r!r} should be a dict of key paths to values, a '
          f'rebind function, a patcher (object or string), or a list of '
          f'these.')
    rules.append(r)
  for r in rules:
    if isinstance(r, Patcher):
      value = r.patch(value)
    elif isinstance(r, dict) and len(r) == 1 and '' in r:
      value = r['']
    elif isinstance(r, dict) and not r:
      continue  # A patcher with nothing to change (e.g. only a validator).
    else:
      if not isinstance(value, Symbolic):
        raise TypeError(
            f'Cannot apply patching rule {r!r} to {value!r}: only symbolic '
            f'values (pg.Object, pg.Dict, pg.List) can be rebound.')
      value = value.rebind(r, raise_on_no_change=False)
  for r in rules:
    if isinstance(r, Patcher):
      r.validate(value)
  return value
