"""Tests for pg.evolution.base and the pg.evolution namespace (the reference's names)."""
from __future__ import annotations

import types

import pyglove as pg
from pyglove.generators import evolution as ev

# Names the reference's pg.evolution exports (besides the scalars it re-exports).
REFERENCE_TOP_LEVEL = [
    'Choice', 'Concatenation', 'Conditional', 'DNAOperation', 'Difference', 'ElementWise',
    'Evolution', 'Flatten', 'GlobalStateGetter', 'GlobalStateSetter', 'Identity',
    'Intersection', 'Inversion', 'Lambda', 'Mutator', 'Operation', 'Pipeline', 'Power',
    'Recombinator', 'RegularizedEvolution', 'Repeat', 'Selector', 'Slice',
    'SymmetricDifference', 'Union', 'UntilChange', 'base', 'get_feedback_sequence_number',
    'get_fitness', 'get_generation_id', 'hill_climb', 'hill_climb_lib',
    'is_initial_population', 'mutators', 'neat', 'neat_lib', 'nsga2', 'nsga2_lib',
    'recombinators', 'regularized_evolution', 'regularized_evolution_lib', 'selectors',
    'set_fitness',
]


def test_pg_evolution_is_this_package():
  """pg.evolution is pyglove.generators.evolution."""
  assert pg.evolution is ev


def test_the_reference_names_are_exported():
  """Every name of the reference's pg.evolution is here."""
  missing = [name for name in REFERENCE_TOP_LEVEL if not hasattr(ev, name)]
  assert not missing


def test_lib_modules_are_modules_holding_their_algorithm():
  """The *_lib names are modules, as in the reference."""
  for name in ('hill_climb', 'neat', 'nsga2', 'regularized_evolution'):
    module = getattr(ev, f'{name}_lib')
    assert isinstance(module, types.ModuleType)
    assert getattr(module, name) is getattr(ev, name)


def test_base_re_exports_the_top_level_classes():
  """pg.evolution.base holds the same objects as pg.evolution."""
  for name in ('Operation', 'Evolution', 'Pipeline', 'Selector', 'get_fitness', 'set_fitness'):
    assert getattr(ev.base, name) is getattr(ev, name)
  assert set(ev.base.__all__) <= set(dir(ev.base))
  assert ev.base.DNA_METADATA_FITNESS == 'reward'


def test_all_lists_only_existing_names():
  """__all__ of the package and its sub-packages names real attributes."""
  for module in (ev, ev.selectors, ev.mutators, ev.recombinators):
    assert set(module.__all__) <= set(dir(module))
