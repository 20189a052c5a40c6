"""Search algorithms over a DNA spec (`pg.generators`).

Each is a `pyglove.geno.DNAGenerator`: seeded, deterministic given (seed,
history), and recoverable with `recover(history)`. `Random` and `Sweeping`
come from `pyglove.geno`; evolution lives in `pyglove.generators.evolution`
(`pg.evolution`).
"""
from pyglove.generators import evolution
from pyglove.generators._optuna import OptunaSampler
from pyglove.generators._ppo import PPO
from pyglove.generators._tpe import TPE
from pyglove.generators.evolution import Evolution
from pyglove.generators.evolution import RegularizedEvolution
from pyglove.generators.evolution import hill_climb
from pyglove.generators.evolution import nsga2
from pyglove.generators.evolution import regularized_evolution
from pyglove.geno import Random
from pyglove.geno import Sweeping

__all__ = [
    'Evolution',
    'OptunaSampler',
    'PPO',
    'Random',
    'RegularizedEvolution',
    'Sweeping',
    'TPE',
    'evolution',
    'hill_climb',
    'nsga2',
    'regularized_evolution',
]
