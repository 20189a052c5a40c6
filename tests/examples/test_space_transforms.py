"""Runs examples/space_transforms.py and checks the sizes of the spaces it derives."""
import importlib.util
import math
import pathlib

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

_PATH = pathlib.Path(__file__).parents[2] / 'examples' / 'space_transforms.py'


def _load():
  spec = importlib.util.spec_from_file_location('space_transforms_example', _PATH)
  module = importlib.util.module_from_spec(spec)
  spec.loader.exec_module(module)
  return module


_MODULE = _load()


def _expected_sizes(module, add_zeros):
  """Counts S1, S2 and S3 from the static model's layers, independently of the library."""
  s1 = s2 = s3 = 1
  layers = [(b, i, layer.op) for b, block in enumerate(module.mobilenet_v2().blocks)
            for i, layer in enumerate(block.layers)]
  for block, index, op in layers:
    ops = 3 if (block, index) == (0, 0) else 6
    zeros = 1 if add_zeros and index > 0 else 0
    filters = len({module.scale_filters(op.filters, m) for m in module.FILTER_MULTIPLIERS})
    s1 *= ops + zeros
    s2 *= filters
    s3 *= ops * filters + zeros  # A removed layer has no filters to choose.
  return {'S1': s1, 'S2': s2, 'S3': s3}


def test_space_sizes_follow_the_transforms(capsys):
  """S1, S2 and the one-line S3 have the sizes their transforms imply, and are printed."""
  module = _load()
  sizes = module.main([])
  assert sizes == _expected_sizes(module, add_zeros=True)
  assert sizes['S3'] < sizes['S1'] * sizes['S2']
  out = capsys.readouterr().out
  assert 'S1:' in out and 'S2:' in out and 'S3:' in out and 'S3 child:' in out


def test_without_zeros_the_composed_space_is_the_product_of_the_parts():
  """With no removable layers, every op candidate carries the filter choice: |S3| = |S1| x |S2|."""
  module = _load()
  sizes = module.main(['--no-zeros'])
  assert sizes == _expected_sizes(module, add_zeros=False)
  assert sizes['S3'] == sizes['S1'] * sizes['S2']
  assert math.log10(sizes['S3']) > 26


def test_transforms_leave_the_static_model_unchanged():
  """Deriving the spaces clones the model: the static one stays concrete and MobileNetV2-shaped."""
  module = _load()
  spaces = module.search_spaces()
  static = spaces['static']
  assert module.pg.is_deterministic(static)
  assert [len(b.layers) for b in static.blocks] == [1, 2, 3, 4, 3, 3, 1]
  assert not module.pg.is_deterministic(spaces['S3'])


def test_scale_filters_rounds_to_multiples_of_eight_without_losing_ten_percent():
  """Scaled filters are multiples of 8 and at least 90% of the exact product."""
  module = _load()
  for filters in (16, 24, 32, 96, 160, 320):
    for m in module.FILTER_MULTIPLIERS:
      scaled = module.scale_filters(filters, m)
      assert scaled % 8 == 0 and scaled >= 0.9 * filters * m


def test_a_sampled_child_of_s3_is_a_concrete_model():
  """A child sampled from S3 is concrete and uses only the allowed kernels and expansions."""
  module = _load()
  child = next(module.pg.random_sample(module.search_spaces()['S3'], 1, seed=3))
  assert module.pg.is_deterministic(child)
  for block in child.blocks:
    for layer in block.layers:
      if not isinstance(layer.op, module.Zeros):
        assert layer.op.kernel_size in module.KERNEL_SIZES
        assert layer.op.expansion_ratio in (1, 3, 6)


_TABLES = st.lists(
    st.tuples(st.sampled_from([1, 6]), st.integers(1, 40).map(lambda n: 8 * n),
              st.integers(1, 3), st.sampled_from([1, 2])),
    min_size=1, max_size=3)


@settings(max_examples=25, deadline=None)
@given(_TABLES)
def test_sizes_compose_for_any_block_table(table):
  """For any (t, c, n, s) table the sizes are as counted; without removable layers S3 = S1 x S2."""
  module = _MODULE
  for add_zeros in (False, True):
    spaces = module.search_spaces(add_zeros, table)
    sizes = {name: module.pg.dna_spec(spaces[name]).space_size for name in ('S1', 'S2', 'S3')}
    s1 = s2 = s3 = 1
    for b, (_, filters, repeats, _) in enumerate(table):
      options = len({module.scale_filters(filters, m) for m in module.FILTER_MULTIPLIERS})
      for i in range(repeats):
        ops = 3 if (b, i) == (0, 0) else 6
        zeros = int(add_zeros and i > 0)
        s1, s2, s3 = s1 * (ops + zeros), s2 * options, s3 * (ops * options + zeros)
    assert sizes == {'S1': s1, 'S2': s2, 'S3': s3}
    if not add_zeros:
      assert sizes['S3'] == sizes['S1'] * sizes['S2']
