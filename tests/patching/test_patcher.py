"""Tests for `pg.patcher`, `Patcher` and `pg.patch`."""
from __future__ import annotations

import doctest

import pytest

import pyglove as pg
from pyglove.patching import _patcher


class Trainer(pg.Object):
  lr: float = 0.1
  steps: int = 1
  opt: str = 'sgd'


@pytest.fixture
def patchers():
  """The reference's documented patcher shapes: dict, rebind fn, composition, validator."""

  @pg.patcher([('lr', pg.typing.Float(min_value=0.0))])
  def learning_rate(trainer, lr):
    del trainer
    return {'lr': lr}

  @pg.patcher(auto_typing=True)
  def steps(trainer, n: int = 10):
    del trainer
    return {'steps': n}

  @pg.patcher([('scale', pg.typing.Int())])
  def scale_ints(trainer, scale=2):
    del trainer
    return lambda k, v, p: v * scale if isinstance(v, int) else v

  @pg.patcher()
  def combo(trainer, lr=0.5):
    del trainer
    return [learning_rate(lr=float(lr)), 'steps?n=3']

  @pg.patcher(auto_typing=True)
  def capped(trainer, limit: int = 100):
    del trainer

    def validate(x):
      if x.steps > limit:
        raise ValueError(f'steps {x.steps} exceed {limit}')

    return {'steps': 50}, validate

  return learning_rate


class TestPatcherClass:

  def test_is_a_functor_subclass(self, patchers):
    learning_rate = patchers
    assert issubclass(learning_rate, pg.patching.Patcher)
    assert issubclass(learning_rate, pg.Functor)
    p = learning_rate(lr=0.2)
    assert p.lr == 0.2 and p.trainer is pg.MISSING_VALUE

  def test_call_returns_rule(self, patchers):
    assert patchers(lr=0.2)(Trainer()) == {'lr': 0.2}

  def test_patch_in_place(self, patchers):
    t = Trainer()
    assert patchers(lr=0.3).patch(t) is t and t.lr == 0.3

  def test_parameter_specs_checked(self, patchers):
    with pytest.raises(ValueError, match=r'out of range.*path=lr'):
      patchers(lr=-1.0)

  def test_patch_requires_symbolic_target(self, patchers):
    with pytest.raises(TypeError, match=r"'learning_rate' patches symbolic values.*got 1 of type int"):
      patchers(lr=0.1).patch(1)

  def test_validator_must_be_callable(self):

    @pg.patcher()
    def bad_validator(target):
      del target
      return {'x': 1}, 'not callable'

    with pytest.raises(TypeError, match=r"returned a validator that is not callable: 'not callable'"):
      bad_validator().patch(pg.Dict(x=0))


class TestDecoratorChecks:

  def test_needs_a_target(self):
    with pytest.raises(TypeError, match=r'must take the patching target'):

      @pg.patcher()
      def no_target():
        return {}

  def test_target_spec(self):
    with pytest.raises(TypeError, match=r"Int\(\) cannot constrain the patching target 't'"):

      @pg.patcher([('t', pg.typing.Int())])
      def int_target(t):
        del t
        return {}

  def test_parameter_spec_must_parse_from_string(self):
    with pytest.raises(TypeError, match=r"cannot constrain argument 'x' .*parsable from a string"):

      @pg.patcher([('x', pg.typing.Dict())])
      def dict_arg(t, x):
        del t, x
        return {}

  def test_failed_decoration_registers_nothing(self):
    with pytest.raises(TypeError):

      @pg.patcher([('x', pg.typing.Dict())])
      def never_registered(t, x):
        del t, x
        return {}

    assert 'never_registered' not in pg.patching.patcher_names()

  def test_accepted_specs(self):

    @pg.patcher([('t', pg.typing.Object(Trainer)),
                 ('names', pg.typing.List(pg.typing.Str())),
                 ('mode', pg.typing.Enum('a', ['a', 'b']))])
    def fine(t, names, mode):
      del t, names, mode
      return {}

    assert 'fine' in pg.patching.patcher_names()


class TestPatch:
  """`pg.patch` with every kind of rule, as the reference documents."""

  def test_uri(self, patchers):
    t = Trainer()
    assert pg.patch(t, 'learning_rate?lr=0.3') is t
    assert t.lr == 0.3

  def test_chain_of_uris(self, patchers):
    t = pg.patch(Trainer(), ['learning_rate?0.2', 'steps?n=5'])
    assert (t.lr, t.steps) == (0.2, 5)

  def test_patcher_returning_rebind_function(self, patchers):
    assert pg.patch(Trainer(steps=3), 'scale_ints?scale=3').steps == 9

  def test_composed_patcher(self, patchers):
    t = pg.patch(Trainer(), 'combo')
    assert (t.lr, t.steps) == (0.5, 3)

  def test_dict_and_function_rules(self):
    t = pg.patch(Trainer(steps=3), [
        {'opt': 'adam'}, lambda k, v, p: v * 2 if isinstance(v, int) else v])
    assert (t.opt, t.steps) == ('adam', 6)

  def test_replacement(self):
    new = Trainer(lr=1.0)
    assert pg.patch(Trainer(), {'': new}) is new

  def test_replacement_then_further_rules(self):
    t = pg.patch(Trainer(), [{'': Trainer(lr=1.0)}, {'steps': 4}])
    assert (t.lr, t.steps) == (1.0, 4)

  def test_validators_run_after_the_chain(self, patchers):
    t = pg.patch(Trainer(), ['capped', {'steps': 70}])
    assert t.steps == 70
    with pytest.raises(ValueError, match=r'steps 200 exceed 100'):
      pg.patch(Trainer(), ['capped', {'steps': 200}])

  def test_patcher_with_only_a_validator_changes_nothing(self):
    @pg.patcher()
    def needs_opt(unused_trainer, name='sgd'):
      def validate(x):
        if x.opt != name:
          raise ValueError(f'opt must be {name}')
      return {}, validate

    t = pg.patch(Trainer(), [{'lr': 0.5}, 'needs_opt'])
    assert (t.lr, t.opt) == (0.5, 'sgd')
    with pytest.raises(ValueError, match=r'opt must be adam'):
      pg.patch(Trainer(), ['needs_opt?adam'])

  def test_bad_rules_are_rejected_before_any_change(self, patchers):
    t = Trainer()
    with pytest.raises(TypeError, match=r'Patching rule 1 should be'):
      pg.patch(t, [{'lr': 0.9}, 1])
    with pytest.raises(KeyError, match=r"'nope' is not registered"):
      pg.patch(t, [{'lr': 0.9}, 'nope'])
    assert t.lr == 0.1

  def test_rejected_value_leaves_value_unchanged(self):
    t = Trainer()
    with pytest.raises(TypeError, match=r'path=steps'):
      pg.patch(t, {'steps': 'many', 'lr': 0.5})
    assert (t.lr, t.steps) == (0.1, 1)

  def test_non_symbolic_value(self):
    with pytest.raises(TypeError, match=r'only symbolic values .* can be rebound'):
      pg.patch({'a': 1}, {'a': 2})


def test_docstring_examples_run():
  results = doctest.testmod(_patcher, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.failed == 0 and results.attempted > 0
