"""The search loop (layer 6): `pg.sample`, feedback, trials, results, early stopping, backends."""
from pyglove.tuning import backends
from pyglove.tuning import early_stopping
from pyglove.tuning._backend import Backend
from pyglove.tuning._backend import Study
from pyglove.tuning._backend import add_backend
from pyglove.tuning._backend import registered_backends
from pyglove.tuning._feedback import Feedback
from pyglove.tuning._in_memory import InMemoryBackend
from pyglove.tuning._in_memory import InMemoryStudy
from pyglove.tuning._measurement import Measurement
from pyglove.tuning._plot import plot_history
from pyglove.tuning._result import Result
from pyglove.tuning._sample import poll_result
from pyglove.tuning._sample import sample
from pyglove.tuning._space import DynamicExample
from pyglove.tuning._trial import Trial
from pyglove.tuning._workers import WorkerError
from pyglove.tuning._workers import run_workers
from pyglove.tuning.early_stopping import EarlyStoppingPolicy

__all__ = [
    'Backend',
    'DynamicExample',
    'EarlyStoppingPolicy',
    'Feedback',
    'InMemoryBackend',
    'InMemoryStudy',
    'Measurement',
    'Result',
    'Study',
    'Trial',
    'WorkerError',
    'add_backend',
    'backends',
    'early_stopping',
    'plot_history',
    'poll_result',
    'registered_backends',
    'run_workers',
    'sample',
]

# The Ray Tune integration subclasses Ray's Searcher, so it is imported on
# first use only (`import pyglove` must not need Ray); hence not in __all__.
_RAY_NAMES = frozenset({'RaySearcher', 'ray_example'})


def __getattr__(name: str) -> object:
  if name in _RAY_NAMES:
    from pyglove.tuning import _ray  # pylint: disable=g-import-not-at-top
    return getattr(_ray, name)
  raise AttributeError(f'module {__name__!r} has no attribute {name!r}')
