"""The paper's symbolic examples (Fig. 7, 14, 15, 16 and 17), on toy classes.

The paper uses Keras layers and TensorFlow tensors; plain classes with the
same constructor signatures stand in for them. Fig. 17 is reproduced in full,
with two fixes the printed code needs to run: the trainer is built with the
model bound (the figure omits it yet reads ``trainer.model``), and the result
of ``rebind(conv_to_dense)`` is compared through ``.model``.
"""
from __future__ import annotations

import math

import pyglove as pg


class Tensor:
  """Stands in for tf.Tensor."""

  def __init__(self, value):
    self.value = value


class Layer:
  """Stands in for tf.keras.layers.Layer."""


class KerasConv2D(Layer):

  def __init__(self, filters, kernel_size, padding='same'):
    self.filters = filters
    self.kernel_size = kernel_size
    self.padding = padding


class KerasDense(Layer):

  def __init__(self, units, activation=None):
    self.units = units
    self.activation = activation


class KerasMaxPool(Layer):

  def __init__(self, pool_size):
    self.pool_size = pool_size


class KerasSequential(Layer):

  def __init__(self, children):
    self.layers = list(children)


# Fig. 14: symbolizing preexisting classes without modifying them. The
# figures compare layers with `==`, so they are symbolized with `eq=True`
# (as in pyglove 0.4.5, symbolized classes otherwise compare by identity).
Conv2D = pg.symbolize(KerasConv2D, eq=True)
Dense = pg.symbolize(KerasDense, eq=True)
MaxPool = pg.symbolize(KerasMaxPool, eq=True)
Sequential = pg.symbolize(KerasSequential, eq=True)


# ...and a new class with constraints.
@pg.symbolize([
    ('learning_rate', pg.typing.Float(min_value=0.0)),
    ('steps', pg.typing.Int(min_value=1)),
], eq=True)
class CosineDecay:

  def __init__(self, learning_rate, steps):
    self.learning_rate = learning_rate
    self.steps = steps

  def __call__(self, current_step):
    return math.cos(math.pi * current_step / self.steps) * self.learning_rate


# Fig. 15: functions become functors.
@pg.symbolize
def random_augment(image, magnitude):
  return Tensor(image.value * magnitude)


@pg.symbolize([
    ('model', pg.typing.Instance(Layer)),
    ('augment_policy', pg.typing.Callable(
        [pg.typing.Instance(Tensor)], returns=pg.typing.Instance(Tensor))),
    ('learning_schedule', pg.typing.Callable([pg.typing.Instance(Tensor)])),
])
def train_model(model, augment_policy, learning_schedule):
  augmented = augment_policy(Tensor(1.0))
  # A toy "accuracy" that depends on every argument.
  return len(model.layers) + augmented.value + learning_schedule(0)


def make_model():
  return Sequential(children=[
      Conv2D(filters=8, kernel_size=(3, 3)),
      Dense(units=10),
  ])


class TestFigure7:
  """A symbolic tree with query, clone and rebind."""

  def test_query_clone_and_swap_conv_for_maxpool(self):
    """Layers are queried; a clone swaps Conv for MaxPool of the same kernel."""
    model = Sequential([Conv2D(16, (3, 3)), Dense(10), Conv2D(8, (5, 5))])
    layers = model.query(where=lambda v: isinstance(v, Layer),
                         enter_selected=True)
    assert sorted(layers) == ['', 'children[0]', 'children[1]', 'children[2]']
    copy = model.clone()

    def swap(k, v):
      del k
      return MaxPool(v.kernel_size) if isinstance(v, Conv2D) else v
    copy.rebind(swap)
    assert copy == Sequential([MaxPool((3, 3)), Dense(10), MaxPool((5, 5))])
    assert model.children[0] == Conv2D(16, (3, 3))
    assert [type(l).__name__ for l in copy.layers] == [
        'KerasMaxPool', 'KerasDense', 'KerasMaxPool']


class TestFigure14:
  """Symbolized classes with constraints."""

  def test_originals_untouched_and_constraints_checked(self):
    """The Keras stand-ins stay plain; CosineDecay validates its arguments."""
    assert not issubclass(KerasConv2D, pg.Object)
    assert isinstance(Conv2D(1, (1, 1)), KerasConv2D)
    schedule = CosineDecay(1e-3, 100)
    assert schedule(0) == 1e-3
    for bad in ({'learning_rate': -1.0, 'steps': 1},
                {'learning_rate': 1.0, 'steps': 0}):
      try:
        CosineDecay(**bad)
      except ValueError:
        pass
      else:
        raise AssertionError(f'{bad} was accepted')


class TestFigure15And16:
  """Functors used as objects with partial, incremental and call-time binding."""

  def test_binding_forms(self):
    """Partial, incremental (assignment), call-time and overriding binding."""
    model = make_model()
    trainer = train_model(augment_policy=random_augment(magnitude=8))
    trainer.learning_schedule = CosineDecay(1e-5, 5000)
    accuracy1 = trainer(model=model)
    accuracy2 = trainer(
        model=model,
        learning_schedule=CosineDecay(2e-4, 5000),
        override_args=True)
    assert accuracy1 == 2 + 8 + 1e-5
    assert accuracy2 == 2 + 8 + 2e-4
    assert trainer.learning_schedule == CosineDecay(1e-5, 5000)


class TestFigure17:
  """Inference, comparison, inquiry, modification, replication, serialization."""

  def test_figure_17(self, tmp_path):
    """Every assertion of Fig. 17 holds."""
    model = make_model()
    trainer = train_model(
        model=model,
        augment_policy=random_augment(magnitude=8))

    # Inference.
    assert isinstance(trainer, train_model)
    assert isinstance(trainer.model, Layer)
    assert trainer.model.children[1] == Dense(10)
    assert trainer.model != Conv2D(16, (3, 3))

    # Inquiry.
    assert trainer.query('.*filters') == {
        'model.children[0].filters': 8
    }
    assert trainer.query(where=(
        lambda v: isinstance(v, Dense))) == {
            'model.children[1]': Dense(units=10)
        }

    # Modification.
    assert trainer.rebind({
        'model.children[0].filters': 16,
        'model.children[1]': pg.insert(Dense(20))
    }).model == Sequential([
        Conv2D(16, (3, 3)), Dense(20), Dense(10)
    ])
    assert len(trainer.model.layers) == 3

    def conv_to_dense(k, v):
      del k
      return Dense(v.filters) if isinstance(v, Conv2D) else v
    assert trainer.rebind(conv_to_dense).model == (
        Sequential([Dense(16), Dense(20), Dense(10)]))

    # Replication.
    assert trainer.clone() == trainer
    assert trainer.clone(deep=True) == trainer
    path = str(tmp_path / 'trainer.json')
    trainer.save(path)
    assert pg.load(path) == trainer
