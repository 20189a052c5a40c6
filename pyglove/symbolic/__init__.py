"""Symbolic objects: mutable, typed trees that know their key paths (layer 2)."""
# --- ops ---

# --- core ---

__all__ = [
    # --- ops ---
    # --- core ---
]
