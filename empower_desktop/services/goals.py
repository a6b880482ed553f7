"""Step 1 use-cases for SMART goals: save with checks, progress with history, archive, delete
and undo."""

from __future__ import annotations

from .core import CoreServices


class GoalServices(CoreServices):
    """Goal actions (see the module docstring)."""
