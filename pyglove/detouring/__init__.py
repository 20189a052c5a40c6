"""`pg.detouring`: redirect the creation of objects of a class within a block."""
from pyglove.detouring._class_detour import current_mappings
from pyglove.detouring._class_detour import detour
from pyglove.detouring._class_detour import undetoured_new

__all__ = [
    'current_mappings',
    'detour',
    'undetoured_new',
]
