"""Runs examples/efficient_nas.py (a super-network rewritten from the space) on a small budget."""
import importlib.util
import pathlib

import pytest

torch = pytest.importorskip('torch')
pytest.importorskip('sklearn')

_PATH = pathlib.Path(__file__).parents[2] / 'examples' / 'efficient_nas.py'


def _load():
  spec = importlib.util.spec_from_file_location('efficient_nas_example', _PATH)
  module = importlib.util.module_from_spec(spec)
  spec.loader.exec_module(module)
  return module


def test_controller_learns_and_its_favourite_is_a_top_path(capsys):
  """Rewards rise; the favourite ranks in the top quarter of paths and trains well standalone."""
  result = _load().main(['--steps', '240', '--layers', '3', '--epochs', '2', '--threads', '1'])
  assert result['paths'] == 64
  assert result['rank'] <= 16
  assert result['last_reward'] > result['first_reward'] + 0.2
  assert result['standalone_accuracy'] > 0.5
  out = capsys.readouterr().out
  assert f'ranks {result["rank"]} of 64' in out and 'Net(' in out


def test_meta_program_rewrites_each_oneof_into_a_switch_and_leaves_the_space_alone():
  """Every oneof becomes a Switch over the same candidates; the search space keeps its oneofs."""
  module = _load()
  space = module.search_space(3)
  super_program = module.to_super_network(space)
  assert module.pg.is_deterministic(super_program)
  assert not module.pg.is_deterministic(space)
  for layer, choice in zip(super_program.layers, space.layers):
    assert isinstance(layer, module.Switch)
    assert module.pg.eq(list(layer.candidates), list(choice.candidates))


def test_switch_positions_select_paths_through_shared_weights():
  """The super-network holds every candidate once; moving a switch changes the computed path."""
  module = _load()
  torch.manual_seed(0)
  super_net = module.to_super_network(module.search_space(2)).build()
  switches = [m for m in super_net.modules() if isinstance(m, module.SwitchModule)]
  assert [len(s.candidates) for s in switches] == [4, 4]
  x = torch.rand(3, 1, 8, 8)
  outputs = []
  for index in (0, 3):
    for switch in switches:
      switch.index = index
    outputs.append(super_net(x))
  assert not torch.allclose(outputs[0], outputs[1])
  child = module.Net(16, [module.Conv(3), module.Conv(3)]).build()
  shared = sum(p.numel() for p in super_net.parameters())
  assert shared > sum(p.numel() for p in child.parameters())


def test_meta_program_refuses_nested_choices():
  """A oneof inside a oneof's candidate has no single switch position: ValueError."""
  module = _load()
  pg = module.pg
  space = module.Net(8, [pg.oneof([module.Conv(pg.oneof([3, 5])), module.Identity()])])
  with pytest.raises(ValueError,
                     match=r"flat oneofs; got a oneof with nested decisions at 'layers\[0\]'"):
    module.to_super_network(space)


def test_meta_program_refuses_manyofs_and_numeric_decisions():
  """A manyof's choices or an int are not switch positions either: ValueError naming them."""
  module = _load()
  pg = module.pg
  space = module.Net(8, pg.manyof(2, [module.Conv(3), module.Identity(), module.MaxPool()]))
  with pytest.raises(ValueError,
                     match=r"needs flat oneofs; got a choice of a manyof at 'layers\[0\]'"):
    module.to_super_network(space)
  space = module.Net(pg.intv(4, 8), [module.Identity()])
  with pytest.raises(ValueError, match=r"got a decision of type Int at 'channels'"):
    module.to_super_network(space)
