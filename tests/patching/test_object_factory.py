"""Tests for `pg.patching.ObjectFactory` and `from_maybe_serialized`."""
from __future__ import annotations

import doctest

import pytest

import pyglove as pg
from pyglove.patching import _object_factory


class Model(pg.Object):
  layers: int = 2
  opt: pg.Dict = pg.Dict(lr=0.1)


class TestFromMaybeSerialized:

  def test_value_passes_through(self):
    m = Model()
    assert pg.patching.from_maybe_serialized(m, Model) is m

  def test_json_string(self):
    m = pg.patching.from_maybe_serialized(Model(layers=3).to_json_str(), Model)
    assert m == Model(layers=3)

  def test_json_file(self, tmp_path):
    path = str(tmp_path / 'model.json')
    pg.save(Model(layers=4), path)
    assert pg.patching.from_maybe_serialized(path) == Model(layers=4)

  def test_type_mismatch(self):
    with pytest.raises(TypeError, match=r'Expected a value of type Model from 1; got 1 of type int'):
      pg.patching.from_maybe_serialized(1, Model)


class TestObjectFactory:

  def test_from_instance_patches_and_overrides(self):
    factory = pg.patching.ObjectFactory(
        Model, Model(), patches=[{'layers': 3}],
        params_override={'opt': {'lr': 0.5}})
    assert factory() == Model(layers=3, opt=pg.Dict(lr=0.5))

  def test_from_callable(self):
    assert pg.patching.ObjectFactory(Model, lambda: Model(layers=7))().layers == 7

  def test_from_file_and_json_override(self, tmp_path):
    path = str(tmp_path / 'base.json')
    pg.save(Model(layers=5), path)
    factory = pg.patching.ObjectFactory(Model, path,
                                        params_override='{"opt.lr": 0.3}')
    assert factory() == Model(layers=5, opt=pg.Dict(lr=0.3))

  def test_factory_is_symbolic(self):
    factory = pg.patching.ObjectFactory(Model, Model())
    factory.rebind(patches=[{'layers': 9}])
    assert factory().layers == 9

  def test_wrong_base_type(self):
    factory = pg.patching.ObjectFactory(Model, lambda: pg.Dict())
    with pytest.raises(TypeError, match=r'is neither a Model nor a function or JSON file producing one'):
      factory()


def test_docstring_examples_run():
  results = doctest.testmod(_object_factory, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.failed == 0 and results.attempted > 0
