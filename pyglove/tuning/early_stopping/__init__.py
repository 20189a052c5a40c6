"""Early-stopping policies for `pg.sample` (`pg.early_stopping`)."""
from pyglove.tuning.early_stopping._base import And
from pyglove.tuning.early_stopping._base import Composite
from pyglove.tuning.early_stopping._base import EarlyStopingPolicyBase
from pyglove.tuning.early_stopping._base import EarlyStoppingPolicy
from pyglove.tuning.early_stopping._base import Not
from pyglove.tuning.early_stopping._base import Or
from pyglove.tuning.early_stopping._step_wise import StopByRank
from pyglove.tuning.early_stopping._step_wise import StopByValue
from pyglove.tuning.early_stopping._step_wise import early_stop_by_rank
from pyglove.tuning.early_stopping._step_wise import early_stop_by_value

__all__ = [
    'And',
    'Composite',
    'EarlyStopingPolicyBase',
    'EarlyStoppingPolicy',
    'Not',
    'Or',
    'StopByRank',
    'StopByValue',
    'early_stop_by_rank',
    'early_stop_by_value',
]
