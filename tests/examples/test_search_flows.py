"""Runs examples/search_flows.py (joint, factorized and hybrid flows) on a small budget."""
import importlib.util
import pathlib
import random
import statistics
import sys

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
import pytest

_PATH = pathlib.Path(__file__).parents[2] / 'examples' / 'search_flows.py'


def _load():
  spec = importlib.util.spec_from_file_location('search_flows_example', _PATH)
  module = importlib.util.module_from_spec(spec)
  spec.loader.exec_module(module)
  return module


def _cell(module, ops, edges_on):
  """Builds a concrete cell from its ops and the set of (i, j) edges that are on."""
  pairs = [(i, j) for i in range(7) for j in range(i + 1, 7)]
  return module.ModelSpec(ops=list(ops), edges=[int(p in edges_on) for p in pairs])


def test_every_flow_spends_the_budget_and_beats_random_cells(capsys):
  """Each flow's curves have a point per evaluation and end above a random cell's mean."""
  module = _load()
  curves = module.main(['--budget', '200', '--inner', '10', '--seeds', '2', '--out', ''])
  valid = [a for a in map(module.surrogate_accuracy,
                          module.pg.random_sample(module.search_space(), 300, seed=7)) if a]
  assert set(curves) == {'joint', 'factorized', 'hybrid'}
  for name, runs in curves.items():
    assert len(runs) == 2 and all(len(run) == 200 for run in runs), name
    assert all(run == sorted(run) for run in runs), name
    assert statistics.fmean(run[-1] for run in runs) > statistics.fmean(valid) + 0.03, name
  out = capsys.readouterr().out
  assert 'joint:' in out and 'factorized:' in out and 'hybrid:' in out


def test_the_plot_is_written_as_a_png(tmp_path):
  """With --out, the mean best-so-far curves are saved as a PNG file."""
  pytest.importorskip('matplotlib')
  out = tmp_path / 'flows.png'
  _load().main(['--budget', '60', '--inner', '10', '--seeds', '2', '--out', str(out)])
  assert out.read_bytes()[:8] == b'\x89PNG\r\n\x1a\n'


def test_a_budget_smaller_than_two_inner_loops_is_refused(capsys):
  """A budget that cannot hold two inner loops exits with a usage error naming the flags."""
  with pytest.raises(SystemExit):
    _load().main(['--budget', '30', '--inner', '20', '--out', ''])
  assert '--budget 30 --inner 20' in capsys.readouterr().err


def test_factorized_flow_runs_an_inner_search_per_op_setting():
  """The outer loop decides only ops: each edge sub-space has concrete ops and undecided edges."""
  module = _load()
  rewards, attempts = module._factorized(module.search_space(), 4, 10, random.Random(0))
  assert len(rewards) == 40 and len(attempts) == 4
  for reward, edge_space, _ in attempts:
    assert all(op in module.OPS for op in edge_space.ops)
    assert not module.pg.is_deterministic(edge_space.edges)
    assert reward <= max(rewards)


def test_hybrid_flow_spends_exactly_the_budget():
  """The hybrid flow's second phase tops the evaluations up to the budget."""
  module = _load()
  assert len(module.hybrid_search(module.search_space(), 130, 10, random.Random(1))) == 130


def test_surrogate_rejects_cells_nasbench_would_reject():
  """More than 9 edges, or no path from input to output, scores 0."""
  module = _load()
  ops = ['conv3x3'] * 5
  dense = {(i, j) for i in range(7) for j in range(i + 1, 7)}
  assert module.surrogate_accuracy(_cell(module, ops, dense)) == 0.0
  assert module.surrogate_accuracy(_cell(module, ops, {(0, 1), (2, 6)})) == 0.0


def test_surrogate_ignores_pruned_nodes_and_prefers_deep_convolutions():
  """Ops off the input-output path don't matter; a conv3x3 chain beats a maxpool chain."""
  module = _load()
  chain = {(0, 1), (1, 2), (2, 3), (3, 6), (4, 5)}
  base = module.surrogate_accuracy(_cell(module, ['conv3x3'] * 5, chain))
  pruned_changed = ['conv3x3'] * 3 + ['maxpool3x3', 'conv1x1']
  assert module.surrogate_accuracy(_cell(module, pruned_changed, chain)) == base
  pools = module.surrogate_accuracy(_cell(module, ['maxpool3x3'] * 5, chain))
  assert 0.8 < pools < base < 0.95


def test_top5_average_and_best_so_far():
  """The outer reward averages the 5 largest rewards; curves are running maxima."""
  module = _load()
  assert module.top5_average([1, 9, 2, 8, 3, 7, 4]) == pytest.approx(6.2)
  assert module.best_so_far([0.2, 0.1, 0.5, 0.4]) == [0.2, 0.2, 0.5, 0.5]


_MODULE = _load()
_OPS = st.lists(st.sampled_from(_MODULE.OPS), min_size=5, max_size=5)
_EDGES = st.lists(st.sampled_from([0, 1]), min_size=21, max_size=21)


@settings(max_examples=200, deadline=None)
@given(_OPS, _EDGES, _OPS)
def test_surrogate_is_bounded_and_blind_to_ops_off_the_cell_path(ops, edges, other_ops):
  """Accuracy is 0 or in (0.79, 0.95); ops of nodes off every input-output path never matter."""
  module = _MODULE
  accuracy = module.surrogate_accuracy(module.ModelSpec(ops=ops, edges=edges))
  assert accuracy == 0.0 or 0.79 < accuracy < 0.95
  pairs = [(i, j) for i in range(7) for j in range(i + 1, 7)]
  on = [p for p, e in zip(pairs, edges) if e]
  reach, back = {0}, {6}
  for i, j in on:
    if i in reach:
      reach.add(j)
  for i, j in reversed(on):
    if j in back:
      back.add(i)
  mixed = [op if j + 1 in reach & back else other for j, (op, other)
           in enumerate(zip(ops, other_ops))]
  assert module.surrogate_accuracy(module.ModelSpec(ops=mixed, edges=edges)) == accuracy


def test_plotting_without_matplotlib_names_the_extra(tmp_path, monkeypatch):
  """A missing matplotlib gives an ImportError saying what to install and how to skip the plot."""
  monkeypatch.setitem(sys.modules, 'matplotlib', None)
  with pytest.raises(ImportError, match=r'pip install "pyglove\[plot\]"'):
    _MODULE.plot({'joint': [[0.1, 0.2]]}, str(tmp_path / 'x.png'))


def test_without_matplotlib_the_search_completes_and_says_the_plot_is_skipped(
    tmp_path, monkeypatch, capsys):
  """A missing matplotlib is said before the search and after it, and no PNG is written."""
  monkeypatch.setitem(sys.modules, 'matplotlib', None)
  out = tmp_path / 'flows.png'
  curves = _MODULE.main(['--budget', '40', '--inner', '10', '--seeds', '1', '--out', str(out)])
  assert all(len(runs[0]) == 40 for runs in curves.values())
  assert not out.exists()
  captured = capsys.readouterr()
  assert 'joint:' in captured.out
  note, skipped = captured.err.splitlines()
  assert note.startswith('note: no plot will be saved') and skipped.startswith('plot skipped')
  assert 'pip install "pyglove[plot]"' in skipped and '--out ""' in skipped
