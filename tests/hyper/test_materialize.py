"""Tests for pyglove.hyper._materialize, including the paper's search spaces (Fig. 8, 12, 18)."""
from __future__ import annotations

import doctest

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
import pytest

import pyglove as pg
from pyglove import geno
from pyglove.hyper import _materialize


# Toy classes standing in for the layers of the paper's figures.
class Conv(pg.Object):
  filters: int
  kernel: tuple = (3, 3)


class BatchNormalization(pg.Object):
  pass


class ReLU(pg.Object):
  pass


class Sequential(pg.Object):
  layers: list


class ResNetLike(pg.Object):
  block: pg.typing.Any()
  num_blocks: int


class Adam(pg.Object):
  lr: float


class RMSProp(pg.Object):
  lr: float


class Trainer(pg.Object):
  model: pg.typing.Any()
  optimizer: pg.typing.Any()


class ModelSpec(pg.Object):
  nodes: list
  edges: list


class FpnNode(pg.Object):
  type: str
  level: int
  input_offsets: list


class InvertedBottleneck(pg.Object):
  filters: int
  kernel: int
  expansion: int


class Zero(pg.Object):
  pass


class Residual(pg.Object):
  layer: pg.typing.Any()


class TestMaterialize:

  def test_materialize_by_dna(self):
    """A DNA decides every decision point."""
    space = pg.Dict(act=pg.oneof(['relu', 'tanh']), units=pg.oneof([8, 16]))
    assert pg.materialize(space, geno.DNA([1, 0])) == {'act': 'tanh', 'units': 8}

  def test_materialize_by_dict_of_ids_names_and_literals(self):
    """A dict may use ids or names, and literal values or indices."""
    space = pg.Dict(act=pg.oneof(['relu', 'tanh'], name='activation'),
                    units=pg.oneof([8, 16]))
    assert pg.materialize(space, {'activation': 'tanh', 'units': 16}) == {
        'act': 'tanh', 'units': 16}
    assert pg.materialize(space, {'act': 0, 'units': 1},
                          use_literal_values=False) == {'act': 'relu', 'units': 16}

  def test_materialize_by_choice_and_literal_strings(self):
    """'i/n (literal)' strings, as DNA.to_dict writes them, pick candidate i."""
    space = pg.Dict(a=pg.oneof([Conv(1), Conv(2)]))
    assert pg.materialize(space, {'a': '1/2'}) == {'a': Conv(2)}
    dna = pg.template(space).encode(pg.Dict(a=Conv(2)))
    literal = dna.to_dict(value_type='choice_and_literal')
    assert pg.materialize(space, literal) == {'a': Conv(2)}

  def test_materialize_multi_choice_by_dict(self):
    """A multi-choice takes a list of literal values."""
    space = pg.Dict(m=pg.manyof(2, ['a', 'b', 'c']))
    assert pg.materialize(space, {'m': ['c', 'a']}) == {'m': ['c', 'a']}

  def test_unknown_decision_name_raises_key_error(self):
    """A dict naming an unknown decision raises KeyError naming it."""
    with pytest.raises(KeyError, match='nope'):
      pg.materialize(pg.Dict(a=pg.oneof([1, 2])), {'nope': 1})

  def test_dna_that_does_not_fit_raises_value_error(self):
    """A DNA with a wrong index raises ValueError naming the decision id."""
    with pytest.raises(ValueError, match='a'):
      pg.materialize(pg.Dict(a=pg.oneof([1, 2])), geno.DNA(7))

  def test_parameters_of_a_wrong_type_raise_type_error(self):
    """Parameters that are neither DNA nor dict raise TypeError."""
    with pytest.raises(TypeError, match='pg.DNA or a dict'):
      pg.materialize(pg.Dict(a=pg.oneof([1, 2])), [0])

  def test_where_materializes_a_sub_space(self):
    """With where, only the selected decisions are made."""
    space = pg.Dict(a=pg.oneof([1, 2]), b=pg.floatv(0.0, 1.0))
    program = pg.materialize(space, geno.DNA(1),
                             where=lambda h: isinstance(h, pg.hyper.OneOf))
    assert program.a == 2 and isinstance(program.b, pg.hyper.Float)


class TestProperties:

  @settings(max_examples=40, deadline=None)
  @given(st.integers(min_value=0, max_value=10**6))
  def test_materialize_of_encode_is_identity(self, seed):
    """materialize(space, encode(x)) == x for random programs of a conditional space."""
    space = Trainer(
        model=Sequential(pg.manyof(2, [Conv(pg.oneof([4, 8])), ReLU()],
                                   distinct=False)),
        optimizer=pg.oneof([Adam(pg.floatv(1e-4, 1e-2, 'log')), RMSProp(0.1)]))
    program = next(pg.random_sample(space, 1, seed=seed))
    assert pg.materialize(space, pg.template(space).encode(program)) == program


class TestPaperSpaces:

  def test_figure_8_model_and_optimizer_space(self):
    """Fig. 8: a permuted block with searchable filters, num_blocks and optimizer."""
    space = Trainer(
        model=ResNetLike(
            block=Sequential(pg.permute([
                Conv(filters=pg.oneof([4, 8]), kernel=(3, 3)),
                BatchNormalization(),
                ReLU()])),
            num_blocks=pg.intv(6, 12)),
        optimizer=pg.oneof([Adam(2e-4), RMSProp(pg.floatv(1e-6, 1e-3))]))
    spec = pg.dna_spec(space)
    assert [str(i) for i in spec.decision_ids] == [
        'model.block.layers', 'model.block.layers[0][=0/3].filters',
        'model.block.layers[1][=0/3].filters',
        'model.block.layers[2][=0/3].filters', 'model.num_blocks',
        'optimizer', 'optimizer[=1/2].lr']
    program = pg.materialize(
        space, geno.DNA([[2, (0, 1), 1], 9, (1, 1e-4)]))
    assert program == Trainer(
        model=ResNetLike(
            block=Sequential([ReLU(), Conv(8, (3, 3)), BatchNormalization()]),
            num_blocks=9),
        optimizer=RMSProp(1e-4))

  def test_figure_12_nas_bench_101(self):
    """Fig. 12 top: K ops for N nodes, N(N-1)/2 binary edges."""
    k, n = 3, 4
    space = ModelSpec(nodes=[pg.oneof(range(k)) for _ in range(n)],
                      edges=[pg.oneof([0, 1]) for _ in range(n * (n - 1) // 2)])
    spec = pg.dna_spec(space)
    assert spec.space_size == k ** n * 2 ** 6
    program = pg.materialize(space, geno.DNA([2, 1, 0, 2, 1, 0, 1, 0, 1, 1]))
    assert program == ModelSpec(nodes=[2, 1, 0, 2], edges=[1, 0, 1, 0, 1, 1])

  def test_figure_12_nas_fpn(self):
    """Fig. 12 middle: a distinct, sorted manyof of input offsets."""
    space = FpnNode(type=pg.oneof(['sum', 'attention']), level=3,
                    input_offsets=pg.manyof(2, range(5), distinct=True, sorted=True))
    assert pg.dna_spec(space).space_size == 2 * 10
    program = pg.materialize(space, {'type': 'attention',
                                     'input_offsets': [1, 4]})
    assert program == FpnNode('attention', 3, [1, 4])
    with pytest.raises(ValueError, match='input_offsets'):
      pg.materialize(space, geno.DNA([0, [4, 1]]))

  def test_figure_12_tunas(self):
    """Fig. 12 bottom: a residual layer that may become Zero."""
    space = Residual(pg.oneof([
        InvertedBottleneck(filters=pg.oneof([32, 48, 64]),
                           kernel=pg.oneof([3, 5, 7]),
                           expansion=pg.oneof([3, 6])),
        Zero()]))
    assert pg.dna_spec(space).space_size == 3 * 3 * 2 + 1
    assert pg.materialize(space, geno.DNA((0, [2, 1, 0]))) == Residual(
        InvertedBottleneck(64, 5, 3))
    assert pg.materialize(space, geno.DNA(1)) == Residual(Zero())

  def test_figure_18_conditional_joint_space(self):
    """Fig. 18: a non-distinct manyof of conditional layers plus a float."""

    class Dense(pg.Object):
      units: int

    class TrainModel(pg.Object):
      model: pg.typing.Any()
      magnitude: int
      learning_rate: float

    space = TrainModel(
        model=Sequential(pg.manyof(k=3, candidates=[
            Conv(filters=pg.oneof([8, 16]), kernel=pg.oneof([(3, 3), (5, 5)])),
            Dense(units=pg.oneof([10, 20]))], choices_distinct=False)),
        magnitude=pg.oneof([3, 6, 9]),
        learning_rate=pg.floatv(1e-5, 1e-4))
    spec = pg.dna_spec(space)
    assert 'model.layers[0][=0/2].filters' in [str(i) for i in spec.decision_ids]
    program = pg.materialize(
        space, geno.DNA([[(0, [1, 0]), (1, 1), (0, [0, 1])], 2, 5e-5]))
    assert program == TrainModel(
        model=Sequential([Conv(16, (3, 3)), Dense(20), Conv(8, (5, 5))]),
        magnitude=9, learning_rate=5e-5)


class TestTemplateCache:
  """A space materialized again reuses its template until the space changes."""

  def test_reused_while_unchanged_and_rebuilt_after_a_change(self, monkeypatch):
    built = []
    original = _materialize.ObjectTemplate

    def counting(*args, **kwargs):
      built.append(1)
      return original(*args, **kwargs)
    monkeypatch.setattr(_materialize, 'ObjectTemplate', counting)
    space = pg.Dict(a=pg.oneof([1, 2]), b=pg.Dict(c=pg.oneof(['x', 'y'])))
    assert pg.materialize(space, pg.DNA([1, 0])) == {'a': 2, 'b': {'c': 'x'}}
    assert pg.materialize(space, pg.DNA([0, 1])) == {'a': 1, 'b': {'c': 'y'}}
    assert len(built) == 1
    space.b.rebind(c=pg.oneof(['u', 'v', 'w']))  # A change deep in the space.
    assert pg.materialize(space, pg.DNA([0, 2])) == {'a': 1, 'b': {'c': 'w'}}
    assert len(built) == 2
    where = lambda v: True
    pg.materialize(space, pg.DNA([0, 2]), where=where)
    assert len(built) == 3

  def test_a_clone_of_the_space_gets_its_own_template(self):
    space = pg.Dict(a=pg.oneof([1, 2]))
    pg.materialize(space, pg.DNA(0))
    copy = space.clone(deep=True)
    copy.rebind(a=pg.oneof([3, 4]))
    assert pg.materialize(copy, pg.DNA(0)) == {'a': 3}
    assert pg.materialize(space, pg.DNA(0)) == {'a': 1}


def test_docstring_examples_hold():
  """The examples in the module's docstrings run as written."""
  from pyglove.hyper import _materialize as module
  result = doctest.testmod(module, extraglobs={'pg': pg})
  assert result.attempted > 0 and result.failed == 0
