"""Tests for pyglove.generators.evolution._operation: calling and composing operations."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
import pytest

from pyglove import geno
from pyglove.generators import evolution as ev
from pyglove.generators.evolution import selectors


class Halve(ev.Operation):
  """Keeps the first half of its inputs (a test operation that omits the state)."""

  def call(self, inputs):
    return inputs[:len(inputs) // 2]


class Stamp(ev.Operation):
  """Appends the step and a global state value (a test operation that reads both)."""

  def call(self, inputs, global_state, step):
    return inputs + [step, global_state.get('mark')]


class TestCall:
  """Operation.__call__: state optional, element types checked."""

  def test_state_is_optional(self):
    """op(inputs) works; global_state defaults to an empty AttributeDict and step to 0."""
    assert Halve()([1, 2, 3, 4]) == [1, 2]
    assert Stamp()([1]) == [1, 0, None]
    assert Stamp()([1], geno.AttributeDict(mark='m'), 5) == [1, 5, 'm']

  def test_base_call_is_not_implemented(self):
    """An Operation without call() raises NotImplementedError naming the class."""
    class Nothing(ev.Operation):
      pass
    with pytest.raises(NotImplementedError, match=r'Nothing must implement call'):
      Nothing()([])

  def test_dna_operations_check_their_inputs_and_outputs(self):
    """A DNAOperation rejects a non-DNA item in or out with TypeError giving its position."""
    class Echo(ev.DNAOperation):
      def call(self, inputs):
        return inputs + ['oops'] if inputs and inputs[0].value == 1 else inputs

    assert Echo()([geno.DNA(0)]) == [geno.DNA(0)]
    with pytest.raises(TypeError, match=r"The input is expected to be a list of DNA but 1 is encountered at position 1 \(Echo\)\."):
      Echo()([geno.DNA(0), 1])
    with pytest.raises(TypeError, match=r"The output is expected to be a list of DNA but 'oops' is encountered at position 1 \(Echo\)\."):
      Echo()([geno.DNA(1)])
    with pytest.raises(TypeError, match=r'The input of Echo is expected to be a list, but 1 of type int is encountered\.'):
      Echo()(1)

  def test_element_types_of_the_bases(self):
    """Only DNA operations declare element types."""
    assert ev.Operation.input_element_type.fget(Halve()) is None
    assert Halve().output_element_type is None
    assert ev.mutators.Uniform().input_element_type is geno.DNA
    assert ev.recombinators.Uniform().output_element_type is geno.DNA

  def test_operation_method_names_the_working_method(self):
    """operation_method is call, select, mutate_list or recombine by kind."""
    halve = Halve()
    assert halve.operation_method == halve.call
    top = selectors.Top(1)
    assert top.operation_method == top.select
    mutate = ev.mutators.Uniform()
    assert mutate.operation_method == mutate.mutate_list
    cross = ev.recombinators.Cycle()
    assert cross.operation_method == cross.recombine

  def test_a_custom_operation_method_is_used(self):
    """A subclass overriding operation_method is called through it."""
    class Reverse(ev.Operation):
      @property
      def operation_method(self):
        return self.reverse

      def reverse(self, inputs, step):
        return inputs[::-1] + [step]

    assert Reverse()([1, 2], step=3) == [2, 1, 3]


class TestOperators:
  """The operators build the reference's composition classes."""

  def test_each_operator_builds_its_class(self):
    """>> + | & - ^ * ** [] ~ and unary - map to their classes."""
    x, y = selectors.First(1), selectors.Last(1)
    assert x >> y == ev.Pipeline([x, y])
    assert x + y == ev.Concatenation([x, y])
    assert x | y == ev.Union([x, y])
    assert x & y == ev.Intersection([x, y])
    assert x - y == ev.Difference([x, y])
    assert x ^ y == ev.SymmetricDifference([x, y])
    assert x * 2 == ev.Repeat(x, 2)
    assert x ** 2 == ev.Power(x, 2)
    assert x[1:] == ev.Slice(x, slice(1, None))
    assert ~x == ev.Inversion(x) and -x == ev.Inversion(x)

  def test_operators_do_not_flatten(self):
    """Chains nest as in the reference: (x >> y) >> z holds a pipeline."""
    x, y, z = selectors.First(3), selectors.Last(2), selectors.First(1)
    chain = x >> y >> z
    assert isinstance(chain.ops[0], ev.Pipeline) and chain.ops[1] == z

  def test_reflected_operators_take_callables_on_the_left(self):
    """A callable on the left of an operator becomes the first operand."""
    fn = lambda xs: xs[:1]  # pylint: disable=unnecessary-lambda-assignment
    x = selectors.Last(1)
    assert (fn >> x).ops[0] is fn and (fn + x).ops[0] is fn
    assert (fn | x).ops[0] is fn and (fn & x).ops[0] is fn
    assert (fn - x).ops[0] is fn and (fn ^ x).ops[0] is fn
    assert (fn >> x)([1, 2, 3]) == [1]

  def test_none_is_the_neutral_operand(self):
    """x op None is x; None - x is the inversion of x."""
    x = selectors.First(1)
    for result in (x >> None, None >> x, x + None, None + x, x | None, None | x,
                   x & None, None & x, x - None, x ^ None, None ^ x):
      assert result is x
    assert None - x == ev.Inversion(x)


class TestFluentMethods:
  """with_prob, if_true/if_false, for_each, until_change, flatten, global state."""

  def test_they_build_the_reference_structures(self):
    """Each method returns the composition the reference builds."""
    x = selectors.First(1)
    assert x.with_prob(0.5, seed=1) == ev.Choice([(x, 0.5)], seed=1)
    pred = lambda xs: True  # pylint: disable=unnecessary-lambda-assignment
    assert x.if_true(pred) == ev.Conditional(pred, x, None)
    assert x.if_false(pred) == ev.Conditional(pred, None, x)
    assert x.for_each(ev.Identity()) == ev.Pipeline([x, ev.ElementWise(ev.Identity())])
    assert x.until_change(3) == ev.UntilChange(x, 3)
    assert x.flatten(2) == ev.Pipeline([x, ev.Flatten(2)])
    assert x.global_state('k') == ev.GlobalStateGetter('k')
    assert x.as_global_state('k') == ev.Pipeline([x, ev.GlobalStateSetter('k')])
    assert x.set_global_state('k', 1) == ev.Concatenation([x, ev.GlobalStateSetter('k', 1)])

  def test_global_state_round_trip(self):
    """as_global_state stores an output that global_state reads back."""
    state = geno.AttributeDict()
    x = selectors.First(2)
    assert x.as_global_state('best')([1, 2, 3], state) == []
    assert x.global_state('best')([], state) == [1, 2]
    assert x.set_global_state('cursor', 0)([1, 2, 3], state) == [1, 2]
    assert state == {'best': [1, 2], 'cursor': 0}


# ----- Algebra laws (deterministic operations on lists of distinct items) -----

_OPS = [
    ev.Identity(), selectors.First(2), selectors.Last(3), selectors.First(0.5),
    selectors.Top(2, key=lambda d: -d.value), ev.Identity()[::2], ev.Identity()[-2:],
]
_op = st.sampled_from(_OPS).map(lambda op: op.clone())
_items = st.integers(0, 8).map(lambda n: [geno.DNA(i) for i in range(n)])


def _ids(items):
  return [id(x) for x in items]


@given(_items, _op, _op, _op)
def test_pipeline_is_composition_and_associative(items, x, y, z):
  """(x >> y)(L) == y(x(L)), and (x >> y) >> z == x >> (y >> z) on outputs."""
  assert _ids((x >> y)(items)) == _ids(y(x(items)))
  assert _ids(((x >> y) >> z)(items)) == _ids((x >> (y >> z))(items))


@given(_items, _op, _op, st.integers(0, 3))
def test_concatenation_repeat_and_power(items, x, y, k):
  """+ concatenates; * k repeats the output k times; ** k chains k times."""
  assert _ids((x + y)(items)) == _ids(x(items) + y(items))
  assert _ids((x * k)(items)) == _ids(x(items) * k)
  chained = items
  for _ in range(k):
    chained = x(chained)
  assert _ids((x ** k)(items)) == _ids(chained)


@given(_items, _op, _op)
def test_set_operations_follow_set_algebra_by_identity(items, x, y):
  """| & - ^ ~ match their set definitions, keeping first-appearance order."""
  xs, ys = _ids(x(items)), _ids(y(items))
  union = _ids((x | y)(items))
  assert union == list(dict.fromkeys(xs + ys))
  assert set(_ids((x | y)(items))) == set(_ids((y | x)(items)))
  assert _ids((x & y)(items)) == list(dict.fromkeys(i for i in xs if i in ys))
  assert set(_ids((x & y)(items))) == set(_ids((y & x)(items)))
  assert _ids((x - y)(items)) == [i for i in xs if i not in ys]
  assert _ids((x ^ y)(items)) == ([i for i in xs if i not in ys] + [i for i in ys if i not in xs])
  inverted = _ids((~x)(items))
  assert inverted == [i for i in _ids(items) if i not in xs]
  assert set(union) | set(inverted) >= set(xs) and not set(inverted) & set(xs)


@given(_items, _op)
def test_identity_is_neutral_and_double_inversion_is_the_selection(items, x):
  """Identity >> x == x == x >> Identity; ~~x selects x's items in input order."""
  assert _ids((ev.Identity() >> x)(items)) == _ids(x(items))
  assert _ids((x >> ev.Identity())(items)) == _ids(x(items))
  selected = set(_ids(x(items)))
  assert _ids((~~x)(items)) == [i for i in _ids(items) if i in selected]


def test_docstring_examples(run_doctests):
  """The module's examples run."""
  run_doctests('pyglove.generators.evolution._operation')
