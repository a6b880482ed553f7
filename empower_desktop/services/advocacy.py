"""Step 4 reads: initiatives, the achievement log and conversations prepared with a manager or HR."""

from __future__ import annotations

from ..domain import Achievement, ConversationPrep, Initiative
from .context import Context


class AdvocacyServices:
    """Initiatives, achievements and conversations (see the module docstring)."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def initiatives(self) -> list[Initiative]:
        return self._ctx.store.initiatives.all()

    def achievements(self) -> list[Achievement]:
        return self._ctx.store.achievements.all()

    def conversations(self) -> list[ConversationPrep]:
        return self._ctx.store.conversations.all()
