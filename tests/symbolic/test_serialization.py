"""Tests for pyglove.symbolic._serialization: JSON data, strings and files."""
from __future__ import annotations

import doctest
import json
import math
from typing import Any

import pytest

import pyglove as pg
from pyglove.symbolic import _serialization
from pyglove.symbolic._serialization import from_json
from pyglove.symbolic._serialization import from_json_str
from pyglove.symbolic._serialization import load
from pyglove.symbolic._serialization import object_from_json
from pyglove.symbolic._serialization import save
from pyglove.symbolic._serialization import to_json
from pyglove.symbolic._serialization import to_json_str
from pyglove.utils import MISSING_VALUE
from pyglove.utils import UnsafeLoadError
from pyglove.utils import type_key


class Conv(pg.Object):
  filters: int
  kernel: tuple = (3, 3)
  activation: str = 'relu'


class Net(pg.Object):
  layers: list = []
  meta: dict = {}


class Tagged(pg.Object):
  """Adds a key to the library's JSON form."""
  x: int = 0

  def to_json(self, **kwargs):
    result = super().to_json(**kwargs)
    result['tag'] = 'extra'
    return result

  @classmethod
  def from_json(cls, json_value, **kwargs):
    json_value = {k: v for k, v in json_value.items() if k != 'tag'}
    return super().from_json(json_value, **kwargs)


class Functional(pg.Object):
  fn: Any


def _triple(x):
  return 3 * x


def _net():
  return Net(layers=[Conv(16), Conv(32, (1, 1), 'tanh')], meta={'name': 'n'})


class TestToJson:

  def test_object_form_has_type_and_fields(self):
    """An object is {'_type': 'module.QualName', field: value}."""
    assert to_json(Conv(16)) == {
        '_type': f'{__name__}.Conv', 'filters': 16,
        'kernel': ['__tuple__', 3, 3], 'activation': 'relu'}

  def test_containers_are_plain_json(self):
    """pg.Dict is a JSON object and pg.List a list."""
    assert to_json(pg.Dict(a=1, b=pg.List([1, (2,)]))) == {
        'a': 1, 'b': [1, ['__tuple__', 2]]}

  def test_nested_object_in_plain_containers(self):
    """Objects inside plain dicts/lists/tuples are converted too."""
    assert to_json({'c': (Conv(1),)}) == {
        'c': ['__tuple__', to_json(Conv(1))]}

  def test_hide_default_values_omits_fields_equal_to_defaults(self):
    """`hide_default_values=True` drops default-valued fields, recursively."""
    assert to_json(Net(layers=[Conv(1)]), hide_default_values=True) == {
        '_type': f'{__name__}.Net',
        'layers': [{'_type': f'{__name__}.Conv', 'filters': 1}]}

  def test_hide_default_values_keeps_equal_values_of_another_type(self):
    """True is kept for a default of 1, so that it loads back as True."""

    class Loose(pg.Object):
      v: Any = 1
    assert to_json(Loose(True), hide_default_values=True) == {
        '_type': type_key(Loose), 'v': True}
    assert to_json(Loose(1), hide_default_values=True) == {
        '_type': type_key(Loose)}

  def test_missing_fields_are_left_out(self):
    """A partial object stores only its specified fields."""
    assert to_json(Conv.partial()) == {
        '_type': f'{__name__}.Conv', 'kernel': ['__tuple__', 3, 3],
        'activation': 'relu'}

  def test_method_forms(self):
    """`x.to_json()` and `x.to_json_str()` use the same forms."""
    net = _net()
    assert net.to_json() == to_json(net)
    assert json.loads(net.to_json_str()) == to_json(net)

  def test_custom_to_json_calling_super_is_used(self):
    """A class overriding to_json (calling super) is honoured, no recursion."""
    assert to_json([Tagged(1)]) == [
        {'_type': f'{__name__}.Tagged', 'x': 1, 'tag': 'extra'}]

  def test_special_values_round_trip(self):
    """Non-finite floats, MISSING_VALUE and types survive a round trip."""
    value = [math.inf, -math.inf, MISSING_VALUE, int, Conv]
    assert from_json(to_json(value)) == value
    assert math.isnan(from_json(to_json(math.nan)))

  def test_functors_and_symbolized_classes_round_trip(self):
    """Functors (with *args and **kwargs) and symbolized classes round-trip."""

    @pg.functor
    def add(a, *rest, b=2, **more):
      return a + sum(rest) + b + sum(more.values())
    bound = add(1, 2, 3, b=4, c=5)
    assert to_json(bound)['rest'] == [2, 3]
    restored = from_json(to_json(bound))
    assert restored == bound and restored() == 15
    assert from_json(to_json(add.partial(b=3)), allow_partial=True) == (
        add.partial(b=3))

    class Plain:

      def __init__(self, x, *items):
        self.x = x
        self.items = items
    plain = pg.symbolize(Plain)(1, 2, 3)
    assert pg.eq(from_json(to_json(plain)), plain)

  def test_hyper_values_and_dna_round_trip(self):
    """Hyper values and DNA (registered by higher layers) round-trip."""
    space = Net(layers=[Conv(pg.oneof([8, 16])), pg.floatv(0.1, 1.0)])
    assert from_json(to_json(space)) == space
    dna = pg.DNA([0, 0.5])
    assert from_json(to_json(dna)) == dna

  def test_non_string_key_is_type_error(self):
    """JSON object keys must be strings."""
    with pytest.raises(TypeError, match='got 1 of type int in dict'):
      to_json({1: 'a'})
    with pytest.raises(TypeError, match='got 1 of type int in Dict'):
      to_json(pg.Dict({1: 'a'}))


class TestFromJson:

  def test_round_trip_objects_containers_tuples_and_types(self):
    """from_json(to_json(x)) == x for a mixed tree."""
    value = pg.Dict(net=_net(), t=(1, 'a', None), cls=Conv, f=1.5)
    restored = from_json(to_json(value))
    assert restored == value
    assert restored.net.layers[1].kernel == (1, 1)
    assert restored.cls is Conv

  def test_top_level_containers_become_symbolic(self):
    """A JSON object or list at the top is a pg.Dict / pg.List."""
    d = from_json({'a': {'b': [1]}})
    assert isinstance(d, pg.Dict) and isinstance(d.a, pg.Dict)
    assert isinstance(d.a.b, pg.List)
    assert isinstance(from_json([1, 2]), pg.List)
    assert from_json(['__tuple__', 1]) == (1,)
    assert from_json(3) == 3

  def test_loaded_object_fields_are_bound_to_specs(self):
    """Containers in loaded objects are symbolic and parented."""
    net = from_json(to_json(_net()))
    assert isinstance(net.layers, pg.List)
    assert net.layers[0].sym_path == 'layers[0]'

  def test_allow_partial(self):
    """Missing required fields load only with allow_partial=True."""
    data = {'_type': f'{__name__}.Conv'}
    assert from_json(data, allow_partial=True).filters is MISSING_VALUE
    with pytest.raises(TypeError, match='missing 1 required argument'):
      from_json(data)

  def test_invalid_field_value_raises_class_error(self):
    """A field value of the wrong type raises the class's TypeError."""
    with pytest.raises(TypeError):
      from_json({'_type': f'{__name__}.Conv', 'filters': 'wide'})

  def test_unknown_field_raises(self):
    """A field the class does not have is rejected by the constructor."""
    with pytest.raises((KeyError, TypeError)):
      from_json({'_type': f'{__name__}.Conv', 'filters': 1, 'bogus': 2})

  def test_unknown_type_is_type_error_naming_it(self):
    """An unregistered '_type' is a TypeError naming it."""
    with pytest.raises(TypeError, match="'no.such.Class'"):
      from_json({'_type': 'no.such.Class'})

  def test_non_string_type_is_value_error(self):
    """A '_type' that is not a string is malformed data."""
    with pytest.raises(ValueError, match='"_type" must be a string; got 5'):
      from_json({'_type': 5})

  def test_values_without_json_form_are_refused_when_written(self):
    """Nothing is pickled: a set has no JSON form."""
    with pytest.raises(TypeError, match='set has no JSON form'):
      to_json({'s': {1, 2}})

  def test_function_fields_load_only_trusted(self):
    """A field holding a function serializes; loading it needs trusted=True."""
    data = to_json(Functional(fn=_triple))
    assert data['fn'] == {'_type': 'function', 'name': f'{__name__}._triple'}
    with pytest.raises(UnsafeLoadError, match='pass trusted=True'):
      from_json(data)
    assert from_json(data, trusted=True).fn is _triple
    lam = from_json(to_json(Functional(fn=lambda x: x + 1)), trusted=True)
    assert lam.fn(1) == 2

  def test_custom_from_json_calling_super(self):
    """A class overriding from_json (calling super) round-trips."""
    assert from_json(to_json(Tagged(3))) == Tagged(3)

  def test_object_from_json_rejects_non_object(self):
    """The JSON form of an object must be a JSON object."""
    with pytest.raises(ValueError, match=r'must be a JSON object; got \[1\] of type list'):
      object_from_json(Conv, [1])

  def test_object_from_json_path_in_message(self):
    """`root_path` is named in the error."""
    with pytest.raises(ValueError, match=r'\(path=a\.b\)'):
      object_from_json(Conv, 1, root_path='a.b')


class TestFromJsonOptions:
  """The reference's from_json keywords: root_path, auto_import, auto_dict, value_spec."""

  def test_root_path_places_the_loaded_tree(self):
    d = from_json_str('{"a": {"b": 1}}', root_path='r.s')
    assert str(d.a.sym_path) == 'r.s.a'
    assert str(from_json(Conv(1).to_json(), root_path='q').sym_path) == 'q'
    assert str(from_json([1, {'x': 1}], root_path='l')[1].sym_path) == 'l[1]'

  def test_value_spec_binds_the_top_level_container(self):
    spec = pg.typing.Dict([('a', pg.typing.Int()),
                           ('b', pg.typing.Int(default=3))])
    d = from_json({'a': 1}, value_spec=spec)
    assert d == {'a': 1, 'b': 3} and d.value_spec is spec
    with pytest.raises(TypeError, match=r"Expected int but got 'x'.*path=a"):
      from_json({'a': 'x'}, value_spec=spec)
    items = from_json([1, 2], value_spec=pg.typing.List(pg.typing.Int()))
    assert items.value_spec == pg.typing.List(pg.typing.Int())

  def test_auto_dict_keeps_unknown_types_as_dicts(self):
    data = {'_type': 'nowhere.Bar', 'a': 1, 'b': {'_type': 'nowhere.Baz'}}
    with pytest.raises(TypeError, match="'nowhere.Bar': no such class"):
      from_json(data)
    d = from_json(data, auto_dict=True)
    assert d == {'a': 1, 'b': {'type_name': 'nowhere.Baz'},
                 'type_name': 'nowhere.Bar'}
    assert from_json_str(json.dumps(data), auto_dict=True) == d

  def test_auto_import_false_never_imports(self):
    data = {'_type': 'json.JSONDecoder'}
    with pytest.raises(TypeError, match='auto_import=False'):
      from_json(data, trusted=True, auto_import=False)
    with pytest.raises(TypeError, match='trusted=True'):
      from_json(data)  # Loading imports nothing unless trusted.

  def test_signatures_take_the_keywords(self):
    import inspect  # pylint: disable=g-import-not-at-top
    for fn, names in [(pg.from_json, ['allow_partial', 'root_path',
                                      'auto_import', 'auto_dict',
                                      'value_spec']),
                      (pg.from_json_str, ['allow_partial', 'root_path',
                                          'auto_import', 'auto_dict'])]:
      params = inspect.signature(fn).parameters
      assert all(params[n].kind is params[n].KEYWORD_ONLY for n in names)


class TestStringsAndFiles:

  def test_str_round_trip(self):
    """to_json_str / from_json_str round-trip, with optional indent."""
    net = _net()
    text = to_json_str(net, json_indent=2)
    assert '\n  ' in text
    assert from_json_str(text) == net
    assert from_json_str(text.encode()) == net

  def test_invalid_text_is_value_error(self):
    """Malformed JSON text is a ValueError."""
    with pytest.raises(ValueError, match='Invalid JSON text'):
      from_json_str('{"a": ')

  def test_non_text_is_type_error(self):
    """from_json_str needs text."""
    with pytest.raises(TypeError, match='expects JSON text.*got 1 of type int'):
      from_json_str(1)

  def test_save_and_load(self, tmp_path):
    """save writes JSON text; load reads it back."""
    path = tmp_path / 'net.json'
    save(_net(), path, hide_default_values=True)
    assert json.loads(path.read_text())['_type'] == f'{__name__}.Net'
    assert load(path) == _net()
    _net().save(str(path))
    assert load(str(path)) == _net()

  def test_load_of_malformed_file_is_value_error(self, tmp_path):
    """A file that is not JSON is a ValueError."""
    path = tmp_path / 'bad.json'
    path.write_text('not json')
    with pytest.raises(ValueError, match='Invalid JSON text'):
      load(path)


def test_docstring_examples_run():
  """Every example in the module's docstrings runs as shown."""
  results = doctest.testmod(_serialization, optionflags=doctest.ELLIPSIS)
  assert results.attempted and not results.failed
