"""`Operation`: a step of an evolution, mapping a list (of DNA) to a list.

Selection, recombination, mutation and population updates are all
operations, and operations compose into new ones with operators:

    x >> y    pipeline: y applied to x's output          (`Pipeline`)
    x ** k    x pipelined k times: x >> x >> ... >> x     (`Power`)
    x + y     x's output then y's, on the same input      (`Concatenation`)
    x * k     x applied k times to the same input         (`Repeat`)
    x[i]      a slice (or one item) of x's output         (`Slice`)
    x | y     union of the outputs, without duplicates    (`Union`)
    x & y     items in both outputs                       (`Intersection`)
    x - y     items of x's output not in y's              (`Difference`)
    x ^ y     items in exactly one of the outputs         (`SymmetricDifference`)
    ~x, -x    the inputs that x does not output           (`Inversion`)

plus `with_prob`, `if_true`/`if_false`, `for_each`, `flatten`,
`until_change` and the global-state accessors. Set operators compare items
by identity. Any callable taking a list (and optionally `global_state` and
`step` by keyword) can be an operand.

An operation is called as ``op(inputs, global_state=None, step=0)``; the
evolution passes its global state (an `AttributeDict` every operation may
read and write) and the number of proposals so far.
"""
from __future__ import annotations

import abc
from typing import Any, Callable

from pyglove import geno
from pyglove.generators.evolution import _callables
from pyglove.generators.evolution import _randomness
from pyglove.symbolic import Object


class Operation(Object, metaclass=abc.ABCMeta):
  """Base of evolutionary operations: ``op(inputs, global_state=None, step=0) -> list``.

  A subclass implements `call(inputs, global_state, step)` (it may leave out
  `global_state` and `step` from its signature), or names another method in
  `operation_method`. Operations are symbolic objects: their arguments are
  typed fields, so they print, compare, serialize and clone by them.

  Example:
    >>> from pyglove.generators.evolution import selectors
    >>> top2_of_last3 = selectors.Last(3) >> selectors.Top(2, key=lambda x: x)
    >>> top2_of_last3([5, 1, 4, 2, 3])
    [4, 3]
  """

  # An operation already takes (inputs, global_state, step): no wrapping.
  takes_evolution_state = True
  # Whether the operation draws random numbers through `rng_of` (see
  # `_randomness`); such a class has a `seed` field.
  draws_random = False

  # No return annotation: `pg.typing.Callable` checks it against the element
  # type a field expects (e.g. `operation_spec()`'s list of DNA), which a
  # generic operation cannot promise statically.
  def __call__(self, inputs: list[Any],  # pylint: disable=missing-return-type
               global_state: geno.AttributeDict | None = None,
               step: int = 0):
    """Applies the operation.

    Args:
      inputs: the input list.
      global_state: the state shared by all operations of an evolution
        (default: a new empty `AttributeDict`).
      step: the number of proposals so far (schedules may depend on it).

    Returns:
      The output list.

    Raises:
      TypeError: an input or output item is not of the element type the
        operation declares.
    """
    cls = type(self)
    info = _CALL_INFO.get(cls)
    if info is None:
      info = _CALL_INFO[cls] = _call_info(cls)
    typed, on_input, method, accepted = info
    if typed:
      expected = self.input_element_type
      if expected is not None:
        _check_elements(self, inputs, expected, 'input')
    if global_state is None:
      global_state = geno.AttributeDict()
    if on_input:
      self._on_input(inputs)
    if method is None:
      outputs = invoke(self.operation_method, inputs, global_state, step)
    elif not accepted:
      outputs = method(self, inputs)
    elif len(accepted) == 2:
      outputs = method(self, inputs, global_state=global_state, step=step)
    elif accepted[0] == 'step':
      outputs = method(self, inputs, step=step)
    else:
      outputs = method(self, inputs, global_state=global_state)
    if typed:
      expected = self.output_element_type
      if expected is not None:
        _check_elements(self, outputs, expected, 'output')
    return outputs

  def _on_bound(self) -> None:
    super()._on_bound()
    # A changed or cloned operation starts its random stream afresh.
    _randomness.forget(self)

  def _on_input(self, inputs: list[Any]) -> None:
    """Hook: called with the inputs before the operation runs."""

  @property
  def input_element_type(self) -> type | tuple[type, ...] | None:
    """The type every input item must have, or None for any."""
    return None

  @property
  def output_element_type(self) -> type | tuple[type, ...] | None:
    """The type every output item must have, or None for any."""
    return None

  # The name of the method that `operation_method` returns.
  _operation_method_name = 'call'

  @property
  def operation_method(self) -> Callable[..., list[Any]]:
    """The method that does the work (`call`; `select`, `mutate_list`, `recombine`...)."""
    return getattr(self, self._operation_method_name)

  def call(self, inputs: list[Any], global_state: geno.AttributeDict,
           step: int = 0) -> list[Any]:
    """The operation itself. Subclasses override it (or `operation_method`)."""
    raise NotImplementedError(
        f'{type(self).__name__} must implement call(inputs, global_state, step).')

  # ----- Operators -----

  def __rshift__(self, other: Any) -> Operation:
    return self if other is None else _compositions().Pipeline([self, other])

  def __rrshift__(self, other: Any) -> Operation:
    return self if other is None else _compositions().Pipeline([other, self])

  def __add__(self, other: Any) -> Operation:
    return self if other is None else _compositions().Concatenation([self, other])

  def __radd__(self, other: Any) -> Operation:
    return self if other is None else _compositions().Concatenation([other, self])

  def __or__(self, other: Any) -> Operation:
    return self if other is None else _set_operations().Union([self, other])

  def __ror__(self, other: Any) -> Operation:
    return self if other is None else _set_operations().Union([other, self])

  def __and__(self, other: Any) -> Operation:
    return self if other is None else _set_operations().Intersection([self, other])

  def __rand__(self, other: Any) -> Operation:
    return self if other is None else _set_operations().Intersection([other, self])

  def __sub__(self, other: Any) -> Operation:
    return self if other is None else _set_operations().Difference([self, other])

  def __rsub__(self, other: Any) -> Operation:
    if other is None:
      return _set_operations().Inversion(self)
    return _set_operations().Difference([other, self])

  def __xor__(self, other: Any) -> Operation:
    return self if other is None else _set_operations().SymmetricDifference([self, other])

  def __rxor__(self, other: Any) -> Operation:
    return self if other is None else _set_operations().SymmetricDifference([other, self])

  def __mul__(self, k: int | Callable[[int], int]) -> Operation:
    return _compositions().Repeat(self, k)

  def __pow__(self, k: int | Callable[[int], int]) -> Operation:
    return _compositions().Power(self, k)

  def __neg__(self) -> Operation:
    return _set_operations().Inversion(self)

  def __invert__(self) -> Operation:
    return _set_operations().Inversion(self)

  def __getitem__(self, index: Any) -> Operation:
    return _compositions().Slice(self, index)

  # ----- Fluent composition -----

  def with_prob(self, probability: float | Callable[[int], float],
                seed: int | None = None) -> Operation:
    """This operation applied with `probability` (a number or a function of the step).

    Example:
      >>> from pyglove.generators.evolution import selectors
      >>> sometimes = selectors.First(1).with_prob(0.5, seed=1)
      >>> [len(sometimes([1, 2])) for _ in range(4)]
      [1, 2, 2, 1]
    """
    return _compositions().Choice([(self, probability)], seed=seed)

  def if_true(self, predicate: Callable[..., bool]) -> Operation:
    """This operation applied when `predicate(inputs)` holds, else the identity.

    Example:
      >>> from pyglove.generators.evolution import selectors
      >>> trim = selectors.First(2).if_true(lambda xs: len(xs) > 3)
      >>> trim([1, 2, 3]), trim([1, 2, 3, 4])
      ([1, 2, 3], [1, 2])
    """
    return _compositions().Conditional(predicate, self, None)

  def if_false(self, predicate: Callable[..., bool]) -> Operation:
    """This operation applied when `predicate(inputs)` fails, else the identity."""
    return _compositions().Conditional(predicate, None, self)

  def for_each(self, op: Any) -> Operation:
    """`op` applied to each item of this operation's output (a list of outputs).

    Example:
      >>> from pyglove.generators.evolution import Identity
      >>> Identity().for_each(lambda x: x[:1])([[1, 2], [3, 4]])
      [[1], [3]]
    """
    return self >> _compositions().ElementWise(op)

  def until_change(self, max_attempts: int | None = None) -> Operation:
    """This operation repeated until its output differs from its input."""
    return _compositions().UntilChange(self, max_attempts)

  def flatten(self, max_level: int | None = None) -> Operation:
    """This operation's output with nested lists flattened (up to `max_level`)."""
    return self >> _compositions().Flatten(max_level)

  def global_state(self, key: str) -> Operation:
    """An operation returning the global state's value at `key` (it ignores this one)."""
    return _global_state().GlobalStateGetter(key)

  def as_global_state(self, key: str) -> Operation:
    """This operation, its output stored in the global state at `key` (output: [])."""
    return _compositions().Pipeline([self, _global_state().GlobalStateSetter(key)])

  def set_global_state(self, key: str, value: Any) -> Operation:
    """This operation, and the global state's `key` set to `value` on each call."""
    return self + _global_state().GlobalStateSetter(key, value)


def invoke(fn: Callable[..., Any], inputs: Any,
           global_state: geno.AttributeDict | None, step: int) -> Any:
  """Calls an operation or any callable with the keywords it takes (see `_callables`)."""
  if getattr(fn, 'takes_evolution_state', False):
    return fn(inputs, global_state, step)
  accepted = _callables.accepted_keywords(fn)
  if not accepted:
    return fn(inputs)
  if len(accepted) == 2:
    return fn(inputs, global_state=global_state, step=step)
  if accepted[0] == 'step':
    return fn(inputs, step=step)
  return fn(inputs, global_state=global_state)


# Operation class -> (whether it declares element types, whether it has an
# `_on_input` hook, the function of its operation method or None when that is
# chosen per instance, the optional keywords the method takes). Computed once
# per class: the per-call cost of an operation is a dict lookup.
_CALL_INFO: dict[type, tuple[bool, bool, Any, tuple[str, ...]]] = {}


def _call_info(cls: type) -> tuple[bool, bool, Any, tuple[str, ...]]:
  typed = (cls.input_element_type is not Operation.input_element_type
           or cls.output_element_type is not Operation.output_element_type)
  on_input = cls._on_input is not Operation._on_input  # pylint: disable=protected-access
  method = None
  accepted: tuple[str, ...] = ()
  if cls.operation_method is Operation.operation_method:
    method = getattr(cls, cls._operation_method_name)  # pylint: disable=protected-access
    # The function takes `self` and the inputs positionally.
    accepted = _callables.accepted_keywords(method, 2)
  return typed, on_input, method, accepted


def _check_elements(op: Operation, items: list[Any], expected: Any, what: str) -> None:
  if not isinstance(items, list):
    raise TypeError(
        f'The {what} of {type(op).__name__} is expected to be a list, but '
        f'{items!r} of type {type(items).__name__} is encountered.')
  for i, item in enumerate(items):
    if not isinstance(item, expected):
      # The reference's wording, which callers may match.
      raise TypeError(
          f'The {what} is expected to be a list of {_type_name(expected)} but '
          f'{item!r} is encountered at position {i} ({type(op).__name__}).')


def _type_name(expected: Any) -> str:
  if isinstance(expected, tuple):
    return ' or '.join(t.__name__ for t in expected)
  return expected.__name__


# The composition classes subclass Operation, so they are imported on use.
def _compositions() -> Any:
  from pyglove.generators.evolution import _compositions as module  # pylint: disable=g-import-not-at-top
  return module


def _set_operations() -> Any:
  from pyglove.generators.evolution import _set_operations as module  # pylint: disable=g-import-not-at-top
  return module


def _global_state() -> Any:
  from pyglove.generators.evolution import _global_state as module  # pylint: disable=g-import-not-at-top
  return module
